import { CompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import {
  JobRunState,
  emrEksJobRunCancelPermission,
  isTerminalJobRunState,
} from '@emr-eks/plugin-emr-eks-common';
import CancelIcon from '@material-ui/icons/Cancel';
import { emrEksApiRef } from '../../api';
import { ConfirmedActionButton } from '../shared/ConfirmedActionButton';

/** Whether a run in this state can still be cancelled. */
export function isCancellable(state: JobRunState | undefined): boolean {
  return (
    state !== undefined &&
    !isTerminalJobRunState(state) &&
    state !== 'CANCEL_PENDING'
  );
}

/**
 * "Cancel run", after a confirmation, for a run that has not ended. Renders
 * nothing for a run that has ended or is already being cancelled.
 */
export function CancelJobRunButton(props: {
  entityRef: CompoundEntityRef;
  run: { id: string; name?: string; state?: JobRunState };
  onCancelled: () => void;
}) {
  const { entityRef, run, onCancelled } = props;
  const api = useApi(emrEksApiRef);
  if (!isCancellable(run.state)) {
    return null;
  }
  return (
    <ConfirmedActionButton
      permission={emrEksJobRunCancelPermission}
      entityRef={entityRef}
      deniedReason="You are not allowed to cancel job runs of this virtual cluster."
      label="Cancel run"
      startIcon={<CancelIcon />}
      title={`Cancel job run ${run.name ?? run.id}?`}
      action={() => api.cancelJobRun(entityRef, run.id)}
      onDone={onCancelled}
    >
      EMR on EKS stops the run's driver and executors; the run ends as
      CANCELLED. It cannot be resumed, only started again with Rerun.
    </ConfirmedActionButton>
  );
}
