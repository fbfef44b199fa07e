import { CompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import {
  ServerlessJobRunState,
  ServerlessStartedJobRun,
  emrEksJobRunCancelPermission,
  emrEksJobRunStartPermission,
  isTerminalServerlessJobRunState,
} from '@emr-eks/plugin-emr-eks-common';
import CancelIcon from '@material-ui/icons/Cancel';
import ReplayIcon from '@material-ui/icons/Replay';
import { emrEksApiRef } from '../../api';
import { ConfirmedActionButton } from '../shared/ConfirmedActionButton';

interface RunRef {
  id: string;
  name?: string;
  state?: ServerlessJobRunState;
}

/** Whether an EMR Serverless run in this state can still be cancelled. */
export function isServerlessRunCancellable(
  state: ServerlessJobRunState | undefined,
): boolean {
  return (
    state !== undefined &&
    !isTerminalServerlessJobRunState(state) &&
    state !== 'CANCELLING'
  );
}

/** "Cancel run" after a confirmation; nothing for a run that ended or is being cancelled. */
export function CancelServerlessJobRunButton(props: {
  entityRef: CompoundEntityRef;
  run: RunRef;
  onCancelled: () => void;
}) {
  const { entityRef, run, onCancelled } = props;
  const api = useApi(emrEksApiRef);
  if (!isServerlessRunCancellable(run.state)) {
    return null;
  }
  return (
    <ConfirmedActionButton
      permission={emrEksJobRunCancelPermission}
      entityRef={entityRef}
      deniedReason="You are not allowed to cancel job runs of this application."
      label="Cancel run"
      startIcon={<CancelIcon />}
      title={`Cancel job run ${run.name ?? run.id}?`}
      action={() => api.cancelServerlessJobRun(entityRef, run.id)}
      onDone={onCancelled}
    >
      EMR Serverless stops the run's workers; the run goes through CANCELLING
      and ends as CANCELLED. It cannot be resumed, only started again with
      Rerun.
    </ConfirmedActionButton>
  );
}

/** "Rerun": after a confirmation, starts a new run configured like this one. */
export function RerunServerlessJobRunButton(props: {
  entityRef: CompoundEntityRef;
  run: RunRef;
  onStarted: (started: ServerlessStartedJobRun) => void;
}) {
  const { entityRef, run, onStarted } = props;
  const api = useApi(emrEksApiRef);
  return (
    <ConfirmedActionButton
      permission={emrEksJobRunStartPermission}
      entityRef={entityRef}
      deniedReason="You are not allowed to start job runs on this application."
      label="Rerun"
      startIcon={<ReplayIcon />}
      title={`Rerun ${run.name ?? run.id}?`}
      action={() => api.rerunServerlessJobRun(entityRef, run.id)}
      onDone={onStarted}
    >
      Starts a new job run with the same job driver, execution role and
      configuration overrides as run {run.id}.
    </ConfirmedActionButton>
  );
}
