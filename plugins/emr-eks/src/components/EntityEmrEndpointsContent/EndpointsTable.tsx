import { CompoundEntityRef } from '@backstage/catalog-model';
import { Link, TableColumn } from '@backstage/core-components';
import { ManagedEndpoint } from '@emr-eks/plugin-emr-eks-common';
import Box from '@material-ui/core/Box';
import { useMemo, useState } from 'react';
import { EndpointQuery } from '../../api';
import { useAutoRefresh } from '../../hooks/useAutoRefresh';
import { useEndpoints } from '../../hooks/useEndpoints';
import {
  OneLine,
  principalColumn,
  textColumn,
  timeColumn,
} from '../shared/columns';
import { CopyableText } from '../shared/CopyableText';
import { ListTable } from '../shared/ListTable';
import { PagingControls } from '../shared/PagingControls';
import { RefreshButton } from '../shared/RefreshButton';
import { SecondaryText } from '../shared/SecondaryText';
import { StaleBanner } from '../shared/StaleBanner';
import { usePageTokens } from '../shared/usePageTokens';
import { DeleteEndpointButton } from './DeleteEndpointButton';
import { CHANGING_ENDPOINT_STATES, EndpointStatus } from './EndpointStatus';

const PAGE_SIZE = 25;

/** `Jupyter Enterprise Gateway` for `JUPYTER_ENTERPRISE_GATEWAY`. */
export function describeEndpointType(type: string): string {
  return type
    .toLowerCase()
    .split('_')
    .map(word => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}

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
      // The type under the name: one column less, so the table fits 1280 px.
      render: endpoint => (
        <>
          <OneLine text={endpoint.name ?? endpoint.id} maxWidth="9em" />
          {endpoint.type && (
            <SecondaryText variant="caption" display="block">
              <OneLine text={endpoint.type} maxWidth="9em">
                {describeEndpointType(endpoint.type)}
              </OneLine>
            </SecondaryText>
          )}
        </>
      ),
    },
    textColumn('Release label', 'releaseLabel', '8em'),
    {
      title: 'Server URL',
      field: 'serverUrl',
      render: endpoint =>
        endpoint.serverUrl ? (
          <CopyableText
            text={endpoint.serverUrl}
            what="server URL"
            maxWidth="8em"
          >
            <Link to={endpoint.serverUrl}>{endpoint.serverUrl}</Link>
          </CopyableText>
        ) : (
          ''
        ),
    },
    timeColumn('Created', 'createdAt'),
    principalColumn('Execution role', 'executionRoleArn'),
    {
      title: 'Actions',
      // As narrow as its icon buttons, never cut.
      width: '1%',
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
  const paging = usePageTokens();
  const { pageToken } = paging;
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

  return (
    <Box display="flex" flexDirection="column" gridGap={16}>
      <Box display="flex" justifyContent="flex-end">
        <RefreshButton onClick={retry} disabled={loading} />
      </Box>
      {value?.stale && <StaleBanner stale={value.stale} />}
      <ListTable<ManagedEndpoint>
        title="Managed endpoints"
        what="managed endpoints"
        columns={columns}
        items={value?.items}
        error={error}
        loading={loading}
        refreshingInBackground={following}
        emptyTitle="No managed endpoints"
        emptyDescription={
          paging.page > 1
            ? 'There are no more managed endpoints.'
            : 'This virtual cluster has no managed endpoints. EMR Studio creates them for interactive notebooks.'
        }
      />
      <PagingControls
        paging={paging}
        loading={loading}
        nextToken={error ? undefined : value?.nextToken}
        refreshingWhile={
          following ? 'endpoints are being created or terminated' : undefined
        }
      />
    </Box>
  );
}
