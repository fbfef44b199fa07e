import { CompoundEntityRef } from '@backstage/catalog-model';
import { TableColumn } from '@backstage/core-components';
import {
  JobRunQuery,
  JobRunState,
  JobRunSummary,
  StartedJobRun,
  isTerminalJobRunState,
  parseVirtualClusterArn,
} from '@emr-eks/plugin-emr-eks-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Link from '@material-ui/core/Link';
import Tooltip from '@material-ui/core/Tooltip';
import Alert from '@material-ui/lab/Alert';
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useAutoRefresh } from '../../hooks/useAutoRefresh';
import { useJobRuns } from '../../hooks/useJobRuns';
import {
  idColumn,
  principalColumn,
  textColumn,
  timeColumn,
} from '../shared/columns';
import { jobRunDuration } from '../shared/format';
import { ListTable } from '../shared/ListTable';
import { PagingControls } from '../shared/PagingControls';
import { RefreshButton } from '../shared/RefreshButton';
import { PageSizeSelect } from '../shared/PageSizeSelect';
import { StaleBanner } from '../shared/StaleBanner';
import { usePageTokens } from '../shared/usePageTokens';
import { JOB_RUN_SEARCH_PARAM } from '../shared/useEmrTabLink';
import { JobRunDrawer, SelectedJobRun } from './JobRunDrawer';
import { JobRunStateFilter } from './JobRunStateFilter';
import { JobRunStatus } from './JobRunStatus';
import { StartJobRunButton } from './StartJobRunButton';

/** Page sizes offered; the backend accepts 1 to 100. */
export const PAGE_SIZES = [10, 25, 50, 100] as const;
const DEFAULT_PAGE_SIZE = 25;

const NAME_STYLE = {
  display: 'block',
  maxWidth: '12em',
  overflow: 'hidden',
  textOverflow: 'ellipsis',
  whiteSpace: 'nowrap',
  textAlign: 'left',
} as const;

/**
 * The run's name (its id when it has none) as a button that opens its
 * details, so that they open from the keyboard too.
 */
export function runNameColumn<T extends { id: string; name?: string }>(
  open: (run: T) => void,
): TableColumn<T> {
  return {
    title: 'Name',
    field: 'name',
    highlight: true,
    render: run => (
      <Tooltip title={run.name ?? run.id}>
        <Link
          component="button"
          variant="body2"
          // One line, left like the other cells, cut with an ellipsis: the name is on hover.
          style={NAME_STYLE}
          onClick={(event: { stopPropagation(): void }) => {
            event.stopPropagation();
            open(run);
          }}
        >
          {run.name ?? run.id}
        </Link>
      </Tooltip>
    ),
  };
}

function jobRunColumns(
  open: (run: JobRunSummary) => void,
): TableColumn<JobRunSummary>[] {
  return [
    {
      title: 'State',
      field: 'state',
      render: run => <JobRunStatus run={run} />,
    },
    runNameColumn(open),
    idColumn('ID', 'id', 'job run id', '8em'),
    textColumn('Release label', 'releaseLabel', '12em'),
    timeColumn('Created', 'createdAt'),
    {
      title: 'Duration',
      render: run => (
        <Box component="span" whiteSpace="nowrap">
          {jobRunDuration(run) ?? ''}
        </Box>
      ),
    },
    principalColumn('Created by', 'createdBy'),
  ];
}

function describeCluster(arn: string | undefined): string | undefined {
  const parsed = arn ? parseVirtualClusterArn(arn) : undefined;
  if (!parsed) {
    return arn;
  }
  return `Virtual cluster ${parsed.virtualClusterId} in ${parsed.region}, account ${parsed.accountId}`;
}

function describeEmpty(states: JobRunState[], laterPage: boolean): string {
  if (laterPage) {
    return 'There are no more job runs.';
  }
  if (states.length > 0) {
    return `No job runs are in state ${states.join(' or ')}.`;
  }
  return 'No job runs have been submitted to this virtual cluster.';
}

/**
 * Job runs of one virtual-cluster entity, filtered by state and paged on the
 * server. While a shown run has not ended the page refreshes itself. A row
 * opens the run's details, and so does a link with `?jobRun=<id>`; "Start job"
 * starts a run from a template.
 */
export function JobRunsTable(props: {
  entityRef: CompoundEntityRef;
  virtualClusterArn?: string;
}) {
  const { entityRef, virtualClusterArn } = props;
  const [states, setStates] = useState<JobRunState[]>([]);
  const [pageSize, setPageSize] = useState<number>(DEFAULT_PAGE_SIZE);
  const paging = usePageTokens();
  const { pageToken } = paging;
  const [searchParams, setSearchParams] = useSearchParams();
  const linkedRunId = searchParams.get(JOB_RUN_SEARCH_PARAM) ?? undefined;
  const [selected, setSelected] = useState<SelectedJobRun | undefined>(
    linkedRunId ? { id: linkedRunId } : undefined,
  );
  const [started, setStarted] = useState<StartedJobRun>();
  // Bumped after an action, to reload even while a request is under way.
  const [reloads, setReloads] = useState(0);

  // A link to another run while the tab is open opens that run.
  useEffect(() => {
    if (linkedRunId) {
      setSelected(current =>
        current?.id === linkedRunId ? current : { id: linkedRunId },
      );
    }
  }, [linkedRunId]);

  const query = useMemo<JobRunQuery>(
    () => ({
      ...(states.length > 0 && { states }),
      maxResults: pageSize,
      ...(pageToken && { nextToken: pageToken }),
    }),
    // A new query object is a new request; `reloads` asks for one.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [states, pageSize, pageToken, reloads],
  );
  const { value, loading, error, retry } = useJobRuns(entityRef, query);
  const reload = () => setReloads(n => n + 1);

  const following =
    !error && !!value?.items.some(run => !isTerminalJobRunState(run.state));
  useAutoRefresh(following, retry);

  const open = (run: SelectedJobRun) => setSelected(run);
  const close = () => {
    setSelected(undefined);
    if (linkedRunId) {
      // Closing the details also forgets the link's run.
      const next = new URLSearchParams(searchParams);
      next.delete(JOB_RUN_SEARCH_PARAM);
      setSearchParams(next, { replace: true });
    }
  };
  const columns = useMemo(
    () =>
      jobRunColumns(run =>
        setSelected({ id: run.id, name: run.name, state: run.state }),
      ),
    [],
  );
  const onStarted = (run: StartedJobRun) => {
    close();
    setStarted(run);
    reload();
  };

  const changeStates = (chosen: JobRunState[]) => {
    setStates(chosen);
    paging.reset();
  };
  const changePageSize = (size: number) => {
    setPageSize(size);
    paging.reset();
  };

  return (
    <Box display="flex" flexDirection="column" gridGap={16}>
      <Box display="flex" flexWrap="wrap" alignItems="center" gridGap={16}>
        <Box flex="1 1 320px" maxWidth={560}>
          <JobRunStateFilter value={states} onChange={changeStates} />
        </Box>
        <PageSizeSelect
          sizes={PAGE_SIZES}
          value={pageSize}
          onChange={changePageSize}
        />
        <StartJobRunButton entityRef={entityRef} onStarted={onStarted} />
        <RefreshButton onClick={retry} disabled={loading} />
      </Box>
      {started && (
        <Alert
          severity="success"
          onClose={() => setStarted(undefined)}
          action={
            <Button
              color="inherit"
              size="small"
              onClick={() => open({ id: started.id, name: started.name })}
            >
              Show run
            </Button>
          }
        >
          Started job run {started.name ?? started.id} ({started.id}).
        </Alert>
      )}
      {value?.stale && <StaleBanner stale={value.stale} />}
      <ListTable<JobRunSummary>
        title="Job runs"
        subtitle={describeCluster(virtualClusterArn)}
        what="job runs"
        columns={columns}
        items={value?.items}
        error={error}
        loading={loading}
        refreshingInBackground={following}
        emptyTitle="No job runs"
        emptyDescription={describeEmpty(states, paging.page > 1)}
        onRowClick={run =>
          open({ id: run.id, name: run.name, state: run.state })
        }
      />
      <PagingControls
        paging={paging}
        loading={loading}
        nextToken={error ? undefined : value?.nextToken}
        refreshingWhile={following ? 'runs are active' : undefined}
      />
      <JobRunDrawer
        entityRef={entityRef}
        virtualClusterArn={virtualClusterArn}
        run={selected}
        onClose={close}
        onChanged={reload}
        onStarted={onStarted}
      />
    </Box>
  );
}
