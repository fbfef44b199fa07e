import {
  CompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import {
  StartedJobRun,
  emrEksJobRunStartPermission,
} from '@emr-eks/plugin-emr-eks-common';
import ReplayIcon from '@material-ui/icons/Replay';
import { useState } from 'react';
import { emrEksApiRef } from '../../api';
import { ConfirmDialog } from '../shared/ConfirmDialog';
import { PermittedButton } from '../shared/PermittedButton';

/** "Rerun": after a confirmation, starts a new run configured like this one. */
export function RerunJobRunButton(props: {
  entityRef: CompoundEntityRef;
  run: { id: string; name?: string };
  onStarted: (started: StartedJobRun) => void;
}) {
  const { entityRef, run, onStarted } = props;
  const api = useApi(emrEksApiRef);
  const [open, setOpen] = useState(false);
  return (
    <>
      <PermittedButton
        permission={emrEksJobRunStartPermission}
        resourceRef={stringifyEntityRef(entityRef)}
        deniedReason="You are not allowed to start job runs on this virtual cluster."
        variant="outlined"
        startIcon={<ReplayIcon />}
        onClick={() => setOpen(true)}
      >
        Rerun
      </PermittedButton>
      <ConfirmDialog
        open={open}
        title={`Rerun ${run.name ?? run.id}?`}
        onClose={() => setOpen(false)}
        onConfirm={async () => {
          const started = await api.rerunJobRun(entityRef, run.id);
          setOpen(false);
          onStarted(started);
        }}
      >
        Starts a new job run with the same configuration as run {run.id}:
        release label, execution role, job driver and configuration overrides.
      </ConfirmDialog>
    </>
  );
}
