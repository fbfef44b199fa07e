import {
  CompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  StartedJobRun,
  emrEksJobRunStartPermission,
} from '@emr-eks/plugin-emr-eks-common';
import PlayArrowIcon from '@material-ui/icons/PlayArrow';
import { useState } from 'react';
import { PermittedButton } from '../shared/PermittedButton';
import { StartJobRunDialog } from './StartJobRunDialog';

/** "Start job" and its dialog. */
export function StartJobRunButton(props: {
  entityRef: CompoundEntityRef;
  onStarted: (started: StartedJobRun) => void;
}) {
  const { entityRef, onStarted } = props;
  const [open, setOpen] = useState(false);
  return (
    <>
      <PermittedButton
        permission={emrEksJobRunStartPermission}
        resourceRef={stringifyEntityRef(entityRef)}
        deniedReason="You are not allowed to start job runs on this virtual cluster."
        variant="contained"
        color="primary"
        startIcon={<PlayArrowIcon />}
        onClick={() => setOpen(true)}
      >
        Start job
      </PermittedButton>
      <StartJobRunDialog
        open={open}
        entityRef={entityRef}
        onClose={() => setOpen(false)}
        onStarted={started => {
          setOpen(false);
          onStarted(started);
        }}
      />
    </>
  );
}
