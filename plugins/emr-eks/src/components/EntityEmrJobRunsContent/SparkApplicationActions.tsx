import { CompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import {
  DeletedSparkApplication,
  SparkApplicationSummary,
  StartedSparkApplication,
  emrEksJobRunCancelPermission,
  emrEksJobRunStartPermission,
  isTerminalSparkApplicationState,
} from '@emr-eks/plugin-emr-eks-common';
import Box from '@material-ui/core/Box';
import DeleteIcon from '@material-ui/icons/Delete';
import ReplayIcon from '@material-ui/icons/Replay';
import { emrEksApiRef } from '../../api';
import { ConfirmedActionButton } from '../shared/ConfirmedActionButton';

/**
 * "Rerun" and "Delete" for a SparkApplication, each after a confirmation. A
 * spark-submit run gets neither: the portal did not start it and the backend
 * refuses both. Rerun only for one the backend says the portal started
 * (`startedByPortal`), the only kind it reruns; the rerun route still decides.
 */
export function SparkApplicationActions(props: {
  entityRef: CompoundEntityRef;
  app: Pick<
    SparkApplicationSummary,
    'id' | 'kind' | 'state' | 'startedByPortal'
  >;
  onStarted: (started: StartedSparkApplication) => void;
  onDeleted: (deleted: DeletedSparkApplication) => void;
}) {
  const { entityRef, app, onStarted, onDeleted } = props;
  const api = useApi(emrEksApiRef);
  if (app.kind !== 'spark-operator') {
    return null;
  }
  const running = !isTerminalSparkApplicationState(app.state);
  return (
    <Box display="flex" gridGap={8} mb={2}>
      {app.startedByPortal && (
        <ConfirmedActionButton
          permission={emrEksJobRunStartPermission}
          entityRef={entityRef}
          deniedReason="You are not allowed to start Spark applications on this virtual cluster."
          label="Rerun"
          startIcon={<ReplayIcon />}
          title={`Rerun ${app.id}?`}
          action={() => api.rerunSparkApplication(entityRef, app.id)}
          onDone={onStarted}
        >
          Creates a new SparkApplication with the same spec as {app.id}, under a
          new name, as the team's service account and pod templates are now.
        </ConfirmedActionButton>
      )}
      <ConfirmedActionButton
        permission={emrEksJobRunCancelPermission}
        entityRef={entityRef}
        deniedReason="You are not allowed to cancel runs of this virtual cluster."
        label="Delete"
        startIcon={<DeleteIcon />}
        title={`Delete ${app.id}?`}
        action={() => api.deleteSparkApplication(entityRef, app.id)}
        onDone={onDeleted}
      >
        {running
          ? 'Deletes the SparkApplication while it runs: the Spark Operator stops its driver and executors. '
          : 'Deletes the SparkApplication and what is left of its pods. '}
        Its event log in S3 stays; it leaves the list.
      </ConfirmedActionButton>
    </Box>
  );
}
