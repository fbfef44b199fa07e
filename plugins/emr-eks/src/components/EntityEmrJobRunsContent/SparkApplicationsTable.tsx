import { CompoundEntityRef } from '@backstage/catalog-model';
import { TableColumn } from '@backstage/core-components';
import {
  SparkApplicationSummary,
  StartedSparkApplication,
  isEmrRuntimeImage,
  isTerminalSparkApplicationState,
} from '@emr-eks/plugin-emr-eks-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Alert from '@material-ui/lab/Alert';
import { useMemo, useState } from 'react';
import { useAutoRefresh } from '../../hooks/useAutoRefresh';
import { useSparkApplications } from '../../hooks/useSparkApplications';
import { timeColumn } from '../shared/columns';
import { describeError } from '../shared/describeError';
import { formatDuration } from '../shared/format';
import { ListTable } from '../shared/ListTable';
import { RefreshButton } from '../shared/RefreshButton';
import { StaleBanner } from '../shared/StaleBanner';
import { runNameColumn } from './JobRunsTable';
import { SparkApplicationDrawer } from './SparkApplicationDrawer';
import {
  ImageFlag,
  KIND_LABELS,
  SparkApplicationStatus,
} from './SparkApplicationStatus';
import { StartSparkApplicationButton } from './StartSparkApplicationButton';

/** What the last action did, for the message above the list. */
type Done =
  | { started: StartedSparkApplication }
  | { deleted: { id: string; namespace: string } };

/** A just-started application as a row, until the list has it, so it can be opened. */
function summaryOf(started: StartedSparkApplication): SparkApplicationSummary {
  return {
    id: started.id,
    kind: 'spark-operator',
    name: started.id,
    state: 'NEW',
    image: started.image,
    emrRuntimeImage: isEmrRuntimeImage(started.image),
  };
}

function columns(
  open: (app: SparkApplicationSummary) => void,
): TableColumn<SparkApplicationSummary>[] {
  return [
    {
      title: 'State',
      field: 'state',
      render: app => <SparkApplicationStatus state={app.state} />,
    },
    runNameColumn(open),
    {
      title: 'Kind',
      field: 'kind',
      render: app => (
        <Box component="span" whiteSpace="nowrap">
          {KIND_LABELS[app.kind]}
        </Box>
      ),
    },
    {
      title: 'Image',
      field: 'image',
      render: app => (
        <ImageFlag image={app.image} emrRuntimeImage={app.emrRuntimeImage} />
      ),
    },
    { title: 'Executors', field: 'executors', type: 'numeric' },
    timeColumn('Submitted', 'submittedAt'),
    timeColumn('Finished', 'finishedAt'),
    {
      title: 'Duration',
      render: app => (
        <Box component="span" whiteSpace="nowrap">
          {app.durationSeconds === undefined
            ? ''
            : formatDuration(app.durationSeconds * 1000)}
        </Box>
      ),
    },
  ];
}

/**
 * The Spark Operator applications and spark-submit runs in the virtual
 * cluster's namespace, beside its EMR job runs. A row opens the run's spec,
 * events, driver log and links. While one has not finished the list refreshes
 * itself. A portal that cannot reach the cluster says why, in one line.
 */
export function SparkApplicationsTable(props: {
  entityRef: CompoundEntityRef;
}) {
  const { entityRef } = props;
  const { value, loading, error, retry } = useSparkApplications(entityRef);
  const [selected, setSelected] = useState<SparkApplicationSummary>();
  const [done, setDone] = useState<Done>();
  const following =
    !error &&
    !!value?.items.some(app => !isTerminalSparkApplicationState(app.state));
  useAutoRefresh(following, retry);
  const tableColumns = useMemo(() => columns(app => setSelected(app)), []);
  const after = (result: Done) => {
    setSelected(undefined);
    setDone(result);
    retry();
  };
  const onStarted = (started: StartedSparkApplication) => after({ started });

  return (
    <Box display="flex" flexDirection="column" gridGap={16}>
      <Box
        display="flex"
        justifyContent="flex-end"
        alignItems="center"
        gridGap={16}
      >
        <StartSparkApplicationButton
          entityRef={entityRef}
          onStarted={onStarted}
        />
        <RefreshButton
          label="Refresh Spark applications"
          onClick={retry}
          disabled={loading}
        />
      </Box>
      {done && 'started' in done && (
        <Alert
          severity="success"
          onClose={() => setDone(undefined)}
          action={
            <Button
              color="inherit"
              size="small"
              onClick={() => setSelected(summaryOf(done.started))}
            >
              Show application
            </Button>
          }
        >
          Started Spark application {done.started.id} from template{' '}
          {done.started.template} in namespace {done.started.namespace}.
        </Alert>
      )}
      {done && 'deleted' in done && (
        <Alert severity="success" onClose={() => setDone(undefined)}>
          Deleted Spark application {done.deleted.id} from namespace{' '}
          {done.deleted.namespace}.
        </Alert>
      )}
      {error ? (
        <Alert severity="info">
          Spark applications could not be read from the cluster.{' '}
          {describeError(error)}
        </Alert>
      ) : (
        <>
          {value?.stale && <StaleBanner stale={value.stale} />}
          <ListTable<SparkApplicationSummary>
            title="Spark applications"
            subtitle={
              value
                ? `Spark Operator and spark-submit runs in namespace ${value.namespace} of cluster ${value.cluster}`
                : undefined
            }
            what="Spark applications"
            columns={tableColumns}
            items={value?.items}
            loading={loading}
            refreshingInBackground={following}
            emptyTitle="No Spark applications"
            emptyDescription={
              value && !value.sparkOperator
                ? 'The cluster has no Spark Operator, and no spark-submit runs are in this namespace.'
                : 'No SparkApplications or spark-submit runs are in this namespace.'
            }
            onRowClick={app => setSelected(app)}
          />
        </>
      )}
      <SparkApplicationDrawer
        entityRef={entityRef}
        app={selected}
        onClose={() => setSelected(undefined)}
        onStarted={onStarted}
        onDeleted={deleted => after({ deleted })}
      />
    </Box>
  );
}
