import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';

/**
 * "Page n" with Previous and Next under a server-paged table, and, while the
 * view refreshes itself, a note that says so.
 */
export function PagingControls(props: {
  page: number;
  /** A request is under way: neither button can be used. */
  loading: boolean;
  /** The token of the page after this one; Next is disabled without it. */
  nextToken?: string;
  onPrevious: () => void;
  onNext: (nextToken: string) => void;
  /** Shown while the view refreshes itself, e.g. "Refreshing every 5 seconds…". */
  refreshNote?: string;
}) {
  const { page, loading, nextToken, onPrevious, onNext, refreshNote } = props;
  return (
    <Box
      display="flex"
      alignItems="center"
      justifyContent="flex-end"
      gridGap={8}
    >
      {refreshNote && (
        <Typography variant="caption" color="textSecondary">
          {refreshNote}
        </Typography>
      )}
      <Typography variant="body2" color="textSecondary">
        Page {page}
      </Typography>
      <Button
        variant="outlined"
        disabled={loading || page <= 1}
        onClick={onPrevious}
      >
        Previous
      </Button>
      <Button
        variant="outlined"
        disabled={loading || !nextToken}
        onClick={() => nextToken && onNext(nextToken)}
      >
        Next
      </Button>
    </Box>
  );
}
