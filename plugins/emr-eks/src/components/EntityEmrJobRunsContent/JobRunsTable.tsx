import { CompoundEntityRef } from '@backstage/catalog-model';
import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
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
import Grid from '@material-ui/core/Grid';
import IconButton from '@material-ui/core/IconButton';
import Link from '@material-ui/core/Link';
import TextField from '@material-ui/core/TextField';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import RefreshIcon from '@material-ui/icons/Refresh';
import Alert from '@material-ui/lab/Alert';
import { useMemo, useState } from 'react';
import {
  AUTO_REFRESH_INTERVAL_MS,
  useAutoRefresh,
} from '../../hooks/useAutoRefresh';
import { useJobRuns } from '../../hooks/useJobRuns';
import { describeError } from '../shared/describeError';
import {
  formatDateTime,
  jobRunDuration,
  shortPrincipal,
} from '../shared/format';
import { StaleBanner } from '../shared/StaleBanner';
import { JobRunDrawer, SelectedJobRun } from './JobRunDrawer';
import { JobRunStateFilter } from './JobRunStateFilter';
import { JobRunStatus } from './JobRunStatus';
import { StartJobRunButton } from './StartJobRunButton';

/** Page sizes offered; the backend accepts 1 to 100. */
export const PAGE_SIZES = [10, 25, 50, 100] as const;
const DEFAULT_PAGE_SIZE = 25;

function jobRunColumns(
  open: (run: JobRunSummary) => void,
): TableColumn<JobRunSummary>[] {
  return [
    {
      title: 'State',
      field: 'state',
      render: run => <JobRunStatus run={run} />,
    },
    {
      title: 'Name',
      field: 'name',
      highlight: true,
      // A button, so that the details open from the keyboard too.
      render: run => (
        <Link
          component="button"
          variant="body2"
          onClick={(event: { stopPropagation(): void }) => {
            event.stopPropagation();
            open(run);
          }}
        >
          {run.name ?? run.id}
        </Link>
      ),
    },
    { title: 'ID', field: 'id' },
    { title: 'Release label', field: 'releaseLabel' },
    {
      title: 'Created',
      field: 'createdAt',
      render: run => (
        <Box component="span" title={run.createdAt} whiteSpace="nowrap">
          {formatDateTime(run.createdAt) ?? ''}
        </Box>
      ),
    },
    {
      title: 'Duration',
      render: run => jobRunDuration(run) ?? '',
    },
    {
      title: 'Created by',
      field: 'createdBy',
      render: run =>
        run.createdBy ? (
          <Tooltip title={run.createdBy}>
            <span>{shortPrincipal(run.createdBy)}</span>
          </Tooltip>
        ) : (
          ''
        ),
    },
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

function errorTitle(error: Error): string {
  const detail = describeError(error);
  return detail
    ? `Could not load job runs. ${detail}`
    : 'Could not load job runs';
}

/**
 * Job runs of one virtual-cluster entity, filtered by state and paged on the
 * server. The tokens of the pages before the current one are kept on a stack so
 * that Previous can go back. While a shown run has not ended the page refreshes
 * itself. A row opens the run's details; "Start job" starts a run from a
 * template.
 */
export function JobRunsTable(props: {
  entityRef: CompoundEntityRef;
  virtualClusterArn?: string;
}) {
  const { entityRef, virtualClusterArn } = props;
  const [states, setStates] = useState<JobRunState[]>([]);
  const [pageSize, setPageSize] = useState<number>(DEFAULT_PAGE_SIZE);
  const [tokens, setTokens] = useState<string[]>([]);
  const pageToken = tokens[tokens.length - 1];
  const [selected, setSelected] = useState<SelectedJobRun>();
  const [started, setStarted] = useState<StartedJobRun>();
  // Bumped after an action, to reload even while a request is under way.
  const [reloads, setReloads] = useState(0);

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

  const columns = useMemo(
    () =>
      jobRunColumns(run =>
        setSelected({ id: run.id, name: run.name, state: run.state }),
      ),
    [],
  );
  const onStarted = (run: StartedJobRun) => {
    setSelected(undefined);
    setStarted(run);
    reload();
  };

  const changeStates = (chosen: JobRunState[]) => {
    setStates(chosen);
    setTokens([]);
  };
  const changePageSize = (size: number) => {
    setPageSize(size);
    setTokens([]);
  };

  let content: JSX.Element;
  if (error) {
    content = <ResponseErrorPanel error={error} title={errorTitle(error)} />;
  } else if (!value) {
    content = <Progress />;
  } else if (value.items.length === 0 && !loading) {
    content = (
      <EmptyState
        missing="data"
        title="No job runs"
        description={describeEmpty(states, tokens.length > 0)}
      />
    );
  } else {
    content = (
      <Table<JobRunSummary>
        title="Job runs"
        subtitle={describeCluster(virtualClusterArn)}
        columns={columns}
        data={value.items.map(item => ({ ...item }))}
        // Refreshing itself in the background does not cover the rows.
        isLoading={loading && !following}
        onRowClick={(_event, run) =>
          run && setSelected({ id: run.id, name: run.name, state: run.state })
        }
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
        <Grid container spacing={2} alignItems="center">
          <Grid item xs={12} md={6}>
            <JobRunStateFilter value={states} onChange={changeStates} />
          </Grid>
          <Grid item>
            <TextField
              select
              variant="outlined"
              size="small"
              label="Rows"
              value={pageSize}
              onChange={event => changePageSize(Number(event.target.value))}
              SelectProps={{ native: true }}
              InputLabelProps={{ shrink: true }}
              inputProps={{ 'aria-label': 'Rows per page' }}
            >
              {PAGE_SIZES.map(size => (
                <option key={size} value={size}>
                  {size}
                </option>
              ))}
            </TextField>
          </Grid>
          <Grid item>
            <StartJobRunButton entityRef={entityRef} onStarted={onStarted} />
          </Grid>
          <Grid item>
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
          </Grid>
        </Grid>
      </Grid>
      {started && (
        <Grid item>
          <Alert
            severity="success"
            onClose={() => setStarted(undefined)}
            action={
              <Button
                color="inherit"
                size="small"
                onClick={() =>
                  setSelected({ id: started.id, name: started.name })
                }
              >
                Show run
              </Button>
            }
          >
            Started job run {started.name ?? started.id} ({started.id}).
          </Alert>
        </Grid>
      )}
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
              runs are active.
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
      <JobRunDrawer
        entityRef={entityRef}
        virtualClusterArn={virtualClusterArn}
        run={selected}
        onClose={() => setSelected(undefined)}
        onChanged={reload}
        onStarted={onStarted}
      />
    </Grid>
  );
}
