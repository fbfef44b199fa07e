import { CompoundEntityRef } from '@backstage/catalog-model';
import {
  EmptyState,
  Link,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { ManagedEndpoint } from '@emr-eks/plugin-emr-eks-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import IconButton from '@material-ui/core/IconButton';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import RefreshIcon from '@material-ui/icons/Refresh';
import { useMemo, useState } from 'react';
import { EndpointQuery } from '../../api';
import {
  AUTO_REFRESH_INTERVAL_MS,
  useAutoRefresh,
} from '../../hooks/useAutoRefresh';
import { useEndpoints } from '../../hooks/useEndpoints';
import { describeError } from '../shared/describeError';
import { formatDateTime, shortPrincipal } from '../shared/format';
import { StaleBanner } from '../shared/StaleBanner';
import { DeleteEndpointButton } from './DeleteEndpointButton';
import { CHANGING_ENDPOINT_STATES, EndpointStatus } from './EndpointStatus';

const PAGE_SIZE = 25;

function endpointColumns(
  entityRef: CompoundEntityRef,
  onDeleted: () => void,
): TableColumn<ManagedEndpoint>[] {
  return [
    {
      title: 'State',
      field: 'state',
      render: endpoint => <EndpointStatus endpoint={endpoint} />,
    },
    {
      title: 'Name',
      field: 'name',
      highlight: true,
      render: endpoint => endpoint.name ?? endpoint.id,
    },
    { title: 'Type', field: 'type' },
    { title: 'Release label', field: 'releaseLabel' },
    {
      title: 'Server URL',
      field: 'serverUrl',
      render: endpoint =>
        endpoint.serverUrl ? (
          <Link to={endpoint.serverUrl}>{endpoint.serverUrl}</Link>
        ) : (
          ''
        ),
    },
    {
      title: 'Created',
      field: 'createdAt',
      render: endpoint => (
        <Box component="span" title={endpoint.createdAt} whiteSpace="nowrap">
          {formatDateTime(endpoint.createdAt) ?? ''}
        </Box>
      ),
    },
    {
      title: 'Execution role',
      field: 'executionRoleArn',
      render: endpoint =>
        endpoint.executionRoleArn ? (
          <Tooltip title={endpoint.executionRoleArn}>
            <span>{shortPrincipal(endpoint.executionRoleArn)}</span>
          </Tooltip>
        ) : (
          ''
        ),
    },
    {
      title: 'Actions',
      render: endpoint => (
        <DeleteEndpointButton
          entityRef={entityRef}
          endpoint={endpoint}
          onDeleted={onDeleted}
        />
      ),
    },
  ];
}

/**
 * The managed (interactive) endpoints of one virtual-cluster entity, paged on
 * the server; refreshes itself while an endpoint is being created or
 * terminated.
 */
export function EndpointsTable(props: { entityRef: CompoundEntityRef }) {
  const { entityRef } = props;
  const [tokens, setTokens] = useState<string[]>([]);
  const pageToken = tokens[tokens.length - 1];
  // Bumped after a delete, to reload even while a request is under way.
  const [reloads, setReloads] = useState(0);
  const query = useMemo<EndpointQuery>(
    () => ({
      maxResults: PAGE_SIZE,
      ...(pageToken && { nextToken: pageToken }),
    }),
    // A new query object is a new request; `reloads` asks for one.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [pageToken, reloads],
  );
  const { value, loading, error, retry } = useEndpoints(entityRef, query);

  const following =
    !error &&
    !!value?.items.some(
      endpoint =>
        endpoint.state && CHANGING_ENDPOINT_STATES.includes(endpoint.state),
    );
  useAutoRefresh(following, retry);

  const { kind, namespace, name } = entityRef;
  const columns = useMemo(
    () =>
      endpointColumns({ kind, namespace, name }, () => setReloads(n => n + 1)),
    [kind, namespace, name],
  );

  let content: JSX.Element;
  if (error) {
    content = (
      <ResponseErrorPanel
        error={error}
        title={`Could not load managed endpoints. ${describeError(error)}`}
      />
    );
  } else if (!value) {
    content = <Progress />;
  } else if (value.items.length === 0 && !loading) {
    content = (
      <EmptyState
        missing="data"
        title="No managed endpoints"
        description={
          tokens.length > 0
            ? 'There are no more managed endpoints.'
            : 'This virtual cluster has no managed endpoints. EMR Studio creates them for interactive notebooks.'
        }
      />
    );
  } else {
    content = (
      <Table<ManagedEndpoint>
        title="Managed endpoints"
        columns={columns}
        data={value.items.map(item => ({ ...item }))}
        isLoading={loading && !following}
        options={{
          paging: false,
          search: false,
          sorting: false,
          draggable: false,
          padding: 'dense',
        }}
      />
    );
  }

  return (
    <Grid container spacing={2} direction="column">
      <Grid item>
        <Box display="flex" justifyContent="flex-end">
          <Tooltip title="Refresh">
            <span>
              <IconButton
                aria-label="Refresh"
                onClick={retry}
                disabled={loading}
              >
                <RefreshIcon />
              </IconButton>
            </span>
          </Tooltip>
        </Box>
      </Grid>
      {value?.stale && (
        <Grid item>
          <StaleBanner stale={value.stale} />
        </Grid>
      )}
      <Grid item>{content}</Grid>
      <Grid item>
        <Box
          display="flex"
          alignItems="center"
          justifyContent="flex-end"
          gridGap={8}
        >
          {following && (
            <Typography variant="caption" color="textSecondary">
              Refreshing every {AUTO_REFRESH_INTERVAL_MS / 1000} seconds while
              endpoints are being created or terminated.
            </Typography>
          )}
          <Typography variant="body2" color="textSecondary">
            Page {tokens.length + 1}
          </Typography>
          <Button
            variant="outlined"
            disabled={loading || tokens.length === 0}
            onClick={() => setTokens(tokens.slice(0, -1))}
          >
            Previous
          </Button>
          <Button
            variant="outlined"
            disabled={loading || !!error || !value?.nextToken}
            onClick={() =>
              value?.nextToken && setTokens([...tokens, value.nextToken])
            }
          >
            Next
          </Button>
        </Box>
      </Grid>
    </Grid>
  );
}
