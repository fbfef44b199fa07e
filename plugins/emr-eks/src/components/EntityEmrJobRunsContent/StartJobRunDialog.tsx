import { CompoundEntityRef } from '@backstage/catalog-model';
import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  StartedJobRun,
  buildJobTemplateParameters,
  initialTemplateParameterValues,
  templateParameterFields,
  validateJobRunName,
} from '@emr-eks/plugin-emr-eks-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { FormEvent, useEffect, useMemo, useState } from 'react';
import { emrEksApiRef } from '../../api';
import { useJobTemplate } from '../../hooks/useJobTemplate';
import { useJobTemplates } from '../../hooks/useJobTemplates';
import { describeError } from '../shared/describeError';
import { useElementId } from '../shared/useElementId';
import { TemplateParameterFields } from './TemplateParameterFields';
import { SecondaryText } from '../shared/SecondaryText';

function StartJobRunForm(props: {
  entityRef: CompoundEntityRef;
  formId: string;
  onBusy: (busy: boolean) => void;
  onReady: (ready: boolean) => void;
  onStarted: (started: StartedJobRun) => void;
}) {
  const { entityRef, formId, onBusy, onReady, onStarted } = props;
  const api = useApi(emrEksApiRef);
  const fieldId = useElementId('emr-start-job');
  const templates = useJobTemplates(entityRef);
  const [templateId, setTemplateId] = useState('');
  const template = useJobTemplate(entityRef, templateId || undefined);
  const fields = useMemo(
    () => templateParameterFields(template.value),
    [template.value],
  );
  const [values, setValues] = useState<Record<string, string>>({});
  const [runName, setRunName] = useState('');
  const [attempted, setAttempted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();

  // A newly chosen template starts from its defaults.
  useEffect(() => {
    setValues(initialTemplateParameterValues(fields));
    setAttempted(false);
  }, [fields]);

  const ready = !!template.value && !template.loading && !busy;
  useEffect(() => onReady(ready), [onReady, ready]);
  useEffect(() => onBusy(busy), [onBusy, busy]);

  const built = buildJobTemplateParameters(fields, values);
  const parameterErrors = attempted && !built.ok ? built.errors : {};
  const runNameError = validateJobRunName(runName);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    if (!template.value || !built.ok || runNameError) {
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const hasParameters = Object.keys(built.parameters).length > 0;
      const started = await api.startJobRun(entityRef, {
        jobTemplateId: template.value.id,
        ...(hasParameters && { jobTemplateParameters: built.parameters }),
        ...(runName && { name: runName }),
      });
      onStarted(started);
    } catch (e) {
      setError(e as Error);
      setBusy(false);
    }
  };

  if (templates.error) {
    return (
      <Alert severity="error">
        Could not load the job templates. {describeError(templates.error)}
      </Alert>
    );
  }
  if (!templates.value) {
    return <Progress />;
  }
  if (templates.value.items.length === 0) {
    return (
      <Alert severity="info">
        There are no job templates to start a run from. Create one with the EMR
        on EKS CreateJobTemplate API (aws emr-containers create-job-template).
      </Alert>
    );
  }

  const data = template.value?.jobTemplateData;
  return (
    <form id={formId} onSubmit={submit} noValidate>
      <TextField
        select
        fullWidth
        variant="outlined"
        margin="normal"
        id={`${fieldId}-template`}
        label="Job template"
        value={templateId}
        onChange={event => setTemplateId(event.target.value)}
        SelectProps={{ native: true }}
        InputLabelProps={{ shrink: true }}
        disabled={busy}
      >
        <option value="" disabled>
          Choose a template
        </option>
        {templates.value.items.map(item => (
          <option key={item.id} value={item.id}>
            {item.name ?? item.id}
          </option>
        ))}
      </TextField>

      {template.error && (
        <Alert severity="error">
          Could not load the template. {describeError(template.error)}
        </Alert>
      )}
      {templateId && template.loading && <Progress />}
      {template.value && !template.loading && (
        <>
          {data && (
            <SecondaryText variant="body2" paragraph>
              Release {data.releaseLabel}
              {data.jobDriver.sparkSubmitJobDriver?.entryPoint &&
                `, entry point ${data.jobDriver.sparkSubmitJobDriver.entryPoint}`}
            </SecondaryText>
          )}
          {fields.length > 0 ? (
            <Box component="fieldset" border={0} p={0} m={0} mb={2}>
              <Typography component="legend" variant="subtitle2" gutterBottom>
                Parameters
              </Typography>
              <TemplateParameterFields
                idPrefix={`${fieldId}-parameter`}
                fields={fields}
                values={values}
                errors={parameterErrors}
                disabled={busy}
                onChange={(name, value) =>
                  setValues(current => ({ ...current, [name]: value }))
                }
              />
            </Box>
          ) : (
            <Typography variant="body2" paragraph>
              This template has no parameters.
            </Typography>
          )}
          <TextField
            fullWidth
            variant="outlined"
            size="small"
            id={`${fieldId}-name`}
            label="Run name"
            value={runName}
            onChange={event => setRunName(event.target.value)}
            disabled={busy}
            error={!!runNameError}
            helperText={
              runNameError ?? "Optional; the template's name if left empty"
            }
          />
        </>
      )}
      {error && (
        <Box mt={2}>
          <Alert severity="error" role="alert">
            Could not start the job run. {describeError(error)}
          </Alert>
        </Box>
      )}
    </form>
  );
}

/**
 * "Start job": pick one of the virtual cluster's job templates, fill in its
 * parameters (defaults prefilled, required ones marked, numbers checked),
 * optionally name the run, and start it.
 */
export function StartJobRunDialog(props: {
  open: boolean;
  entityRef: CompoundEntityRef;
  onClose: () => void;
  onStarted: (started: StartedJobRun) => void;
}) {
  const { open, entityRef, onClose, onStarted } = props;
  const titleId = useElementId('emr-start-job-title');
  const formId = useElementId('emr-start-job-form');
  const [busy, setBusy] = useState(false);
  const [ready, setReady] = useState(false);
  const close = () => {
    if (!busy) {
      onClose();
    }
  };
  return (
    <Dialog
      open={open}
      onClose={close}
      aria-labelledby={titleId}
      fullWidth
      maxWidth="sm"
    >
      <DialogTitle id={titleId}>Start job</DialogTitle>
      <DialogContent>
        {open && (
          <StartJobRunForm
            entityRef={entityRef}
            formId={formId}
            onBusy={setBusy}
            onReady={setReady}
            onStarted={onStarted}
          />
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={close} disabled={busy}>
          Close
        </Button>
        <Button
          type="submit"
          form={formId}
          color="primary"
          variant="contained"
          disabled={!ready}
          startIcon={busy ? <CircularProgress size={16} /> : undefined}
        >
          Start run
        </Button>
      </DialogActions>
    </Dialog>
  );
}
