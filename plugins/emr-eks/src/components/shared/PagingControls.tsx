import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import { AUTO_REFRESH_INTERVAL_MS } from '../../hooks/useAutoRefresh';
import { usePageTokens } from './usePageTokens';
import { SecondaryText } from './SecondaryText';

/**
 * "Page n" with Previous and Next under a server-paged table, and, while the
 * view refreshes itself, a note that says so.
 */
export function PagingControls(props: {
  paging: ReturnType<typeof usePageTokens>;
  /** A request is under way: neither button can be used. */
  loading: boolean;
  /** The token of the page after this one; Next is disabled without it. */
  nextToken?: string;
  /**
   * While the view refreshes itself, why: "runs are active" makes
   * "Refreshing every 5 seconds while runs are active."
   */
  refreshingWhile?: string;
}) {
  const { paging, loading, nextToken, refreshingWhile } = props;
  return (
    <Box
      display="flex"
      alignItems="center"
      justifyContent="flex-end"
      gridGap={8}
    >
      {refreshingWhile && (
        <SecondaryText variant="caption">
          Refreshing every {AUTO_REFRESH_INTERVAL_MS / 1000} seconds while{' '}
          {refreshingWhile}.
        </SecondaryText>
      )}
      <SecondaryText variant="body2">Page {paging.page}</SecondaryText>
      <Button
        variant="outlined"
        disabled={loading || paging.page <= 1}
        onClick={paging.previous}
      >
        Previous
      </Button>
      <Button
        variant="outlined"
        disabled={loading || !nextToken}
        onClick={() => nextToken && paging.next(nextToken)}
      >
        Next
      </Button>
    </Box>
  );
}
