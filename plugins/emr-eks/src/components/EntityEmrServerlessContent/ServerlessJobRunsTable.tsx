import { CompoundEntityRef } from '@backstage/catalog-model';
import { TableColumn } from '@backstage/core-components';
import {
  SERVERLESS_JOB_RUN_STATES,
  ServerlessJobRunQuery,
  ServerlessJobRunState,
  ServerlessJobRunSummary,
  ServerlessStartedJobRun,
  isTerminalServerlessJobRunState,
  parseServerlessApplicationArn,
} from '@emr-eks/plugin-emr-eks-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Alert from '@material-ui/lab/Alert';
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useAutoRefresh } from '../../hooks/useAutoRefresh';
import { useServerlessJobRuns } from '../../hooks/useServerless';
import { runNameColumn } from '../EntityEmrJobRunsContent/JobRunsTable';
import { JobRunStateFilter } from '../EntityEmrJobRunsContent/JobRunStateFilter';
import {
  idColumn,
  principalColumn,
  textColumn,
  timeColumn,
} from '../shared/columns';
import { ListTable } from '../shared/ListTable';
import { PageSizeSelect } from '../shared/PageSizeSelect';
import { PagingControls } from '../shared/PagingControls';
import { RefreshButton } from '../shared/RefreshButton';
import { StaleBanner } from '../shared/StaleBanner';
import { JOB_RUN_SEARCH_PARAM } from '../shared/useEmrTabLink';
import { usePageTokens } from '../shared/usePageTokens';
import {
  SelectedServerlessJobRun,
  ServerlessJobRunDrawer,
} from './ServerlessJobRunDrawer';
import { ServerlessJobRunStatus } from './ServerlessJobRunStatus';
import { StartServerlessJobRunButton } from './StartServerlessJobRunButton';

/** Page sizes offered; ListJobRuns answers at most 50 a page. */
const PAGE_SIZES = [10, 25, 50] as const;
const DEFAULT_PAGE_SIZE = 25;

function columns(
  open: (run: ServerlessJobRunSummary) => void,
): TableColumn<ServerlessJobRunSummary>[] {
  return [
    {
      title: 'State',
      field: 'state',
      render: run => <ServerlessJobRunStatus run={run} />,
    },
    runNameColumn(open),
    idColumn('ID', 'id', 'job run id', '8em'),
    textColumn('Mode', 'mode', '6em'),
    textColumn('Release label', 'releaseLabel', '10em'),
    timeColumn('Created', 'createdAt'),
    timeColumn('Updated', 'updatedAt'),
    principalColumn('Created by', 'createdBy'),
  ];
}

function describeApplication(arn: string | undefined): string | undefined {
  const parsed = arn ? parseServerlessApplicationArn(arn) : undefined;
  return parsed
    ? `Application ${parsed.applicationId} in ${parsed.region}, account ${parsed.accountId}`
    : arn;
}

function describeEmpty(
  states: ServerlessJobRunState[],
  laterPage: boolean,
): string {
  if (laterPage) return 'There are no more job runs.';
  if (states.length > 0) {
    return `No job runs are in state ${states.join(' or ')}.`;
  }
  return 'No job runs have been submitted to this application.';
}

/**
 * Job runs of one EMR Serverless application entity, filtered by state and
 * paged on the server, refreshing itself while a shown run has not ended. A
 * row (or a link with `?jobRun=<id>`) opens the run's details; "Start job run"
 * starts one from a saved job definition.
 */
export function ServerlessJobRunsTable(props: {
  entityRef: CompoundEntityRef;
  applicationArn?: string;
}) {
  const { entityRef, applicationArn } = props;
  const [states, setStates] = useState<ServerlessJobRunState[]>([]);
  const [pageSize, setPageSize] = useState<number>(DEFAULT_PAGE_SIZE);
  const paging = usePageTokens();
  const { pageToken } = paging;
  const [searchParams, setSearchParams] = useSearchParams();
  const linkedRunId = searchParams.get(JOB_RUN_SEARCH_PARAM) ?? undefined;
  const [selected, setSelected] = useState<
    SelectedServerlessJobRun | undefined
  >(linkedRunId ? { id: linkedRunId } : undefined);
  const [started, setStarted] = useState<ServerlessStartedJobRun>();
  // Bumped after an action, to reload even while a request is under way.
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    if (linkedRunId) {
      setSelected(current =>
        current?.id === linkedRunId ? current : { id: linkedRunId },
      );
    }
  }, [linkedRunId]);

  const query = useMemo<ServerlessJobRunQuery>(
    () => ({
      ...(states.length > 0 && { states }),
      maxResults: pageSize,
      ...(pageToken && { nextToken: pageToken }),
    }),
    // A new query object is a new request; `reloads` asks for one.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [states, pageSize, pageToken, reloads],
  );
  const { value, loading, error, retry } = useServerlessJobRuns(
    entityRef,
    query,
  );
  const reload = () => setReloads(n => n + 1);

  const following =
    !error &&
    !!value?.items.some(run => !isTerminalServerlessJobRunState(run.state));
  useAutoRefresh(following, retry);

  const open = (run: SelectedServerlessJobRun) => setSelected(run);
  const close = () => {
    setSelected(undefined);
    if (linkedRunId) {
      const next = new URLSearchParams(searchParams);
      next.delete(JOB_RUN_SEARCH_PARAM);
      setSearchParams(next, { replace: true });
    }
  };
  const tableColumns = useMemo(
    () =>
      columns(run =>
        setSelected({ id: run.id, name: run.name, state: run.state }),
      ),
    [],
  );
  const onStarted = (run: ServerlessStartedJobRun) => {
    close();
    setStarted(run);
    reload();
  };

  return (
    <Box display="flex" flexDirection="column" gridGap={16}>
      <Box display="flex" flexWrap="wrap" alignItems="center" gridGap={16}>
        <Box flex="1 1 320px" maxWidth={560}>
          <JobRunStateFilter<ServerlessJobRunState>
            options={SERVERLESS_JOB_RUN_STATES}
            value={states}
            onChange={chosen => {
              setStates(chosen);
              paging.reset();
            }}
          />
        </Box>
        <PageSizeSelect
          sizes={PAGE_SIZES}
          value={pageSize}
          onChange={size => {
            setPageSize(size);
            paging.reset();
          }}
        />
        <StartServerlessJobRunButton
          entityRef={entityRef}
          onStarted={onStarted}
        />
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
      <ListTable<ServerlessJobRunSummary>
        title="Job runs"
        subtitle={describeApplication(applicationArn)}
        what="job runs"
        columns={tableColumns}
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
      <ServerlessJobRunDrawer
        entityRef={entityRef}
        run={selected}
        onClose={close}
        onChanged={reload}
        onStarted={onStarted}
      />
    </Box>
  );
}
