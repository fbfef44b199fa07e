import {
  CompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  SparkApplicationTemplate,
  emrEksJobRunStartPermission,
} from '@emr-eks/plugin-emr-eks-common';
import SaveIcon from '@material-ui/icons/Save';
import { useState } from 'react';
import { PermittedButton } from '../shared/PermittedButton';
import { SaveSparkApplicationTemplateDialog } from './SaveSparkApplicationTemplateDialog';

/**
 * "Save Spark application template": what the Start button offers, written in
 * a form instead of the API. Saving needs what starting needs (the backend
 * checks `emr-eks.job-run.start` and the team's ownership), so it is gated alike.
 */
export function SaveSparkApplicationTemplateButton(props: {
  entityRef: CompoundEntityRef;
  onSaved: (saved: SparkApplicationTemplate) => void;
}) {
  const { entityRef, onSaved } = props;
  const [open, setOpen] = useState(false);
  return (
    <>
      <PermittedButton
        permission={emrEksJobRunStartPermission}
        resourceRef={stringifyEntityRef(entityRef)}
        deniedReason="You are not allowed to save Spark application templates on this virtual cluster."
        variant="outlined"
        color="primary"
        startIcon={<SaveIcon />}
        onClick={() => setOpen(true)}
      >
        Save Spark application template
      </PermittedButton>
      <SaveSparkApplicationTemplateDialog
        open={open}
        entityRef={entityRef}
        onClose={() => setOpen(false)}
        onSaved={saved => {
          setOpen(false);
          onSaved(saved);
        }}
      />
    </>
  );
}
