import { CompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import {
  StartedJobRun,
  emrEksJobRunStartPermission,
} from '@emr-eks/plugin-emr-eks-common';
import ReplayIcon from '@material-ui/icons/Replay';
import { emrEksApiRef } from '../../api';
import { ConfirmedActionButton } from '../shared/ConfirmedActionButton';

/** "Rerun": after a confirmation, starts a new run configured like this one. */
export function RerunJobRunButton(props: {
  entityRef: CompoundEntityRef;
  run: { id: string; name?: string };
  onStarted: (started: StartedJobRun) => void;
}) {
  const { entityRef, run, onStarted } = props;
  const api = useApi(emrEksApiRef);
  return (
    <ConfirmedActionButton
      permission={emrEksJobRunStartPermission}
      entityRef={entityRef}
      deniedReason="You are not allowed to start job runs on this virtual cluster."
      label="Rerun"
      startIcon={<ReplayIcon />}
      title={`Rerun ${run.name ?? run.id}?`}
      action={() => api.rerunJobRun(entityRef, run.id)}
      onDone={onStarted}
    >
      Starts a new job run with the same configuration as run {run.id}: release
      label, execution role, job driver and configuration overrides.
    </ConfirmedActionButton>
  );
}
