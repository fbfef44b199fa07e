import { CompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import {
  SPARK_TEMPLATE_TYPES,
  SparkApplicationTemplate,
  SparkTemplateType,
} from '@emr-eks/plugin-emr-eks-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Grid from '@material-ui/core/Grid';
import TextField, { TextFieldProps } from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import { FormEvent, useEffect, useState } from 'react';
import { emrEksApiRef } from '../../api';
import { useSparkApplicationTemplates } from '../../hooks/useSparkApplications';
import { describeError } from '../shared/describeError';
import { useElementId } from '../shared/useElementId';
import {
  EMPTY_SPARK_TEMPLATE_FORM,
  SparkTemplateFormField,
  SparkTemplateFormValues,
  buildTemplateRequest,
  formFromTemplate,
  needsMainClass,
} from './sparkTemplateForm';

/** "Start from": a saved template's fields, to change and save again or as another. */
function StartFromField(props: {
  id: string;
  templates: ReturnType<typeof useSparkApplicationTemplates>;
  disabled: boolean;
  onChoose: (template: SparkApplicationTemplate) => void;
}) {
  const { templates } = props;
  const [chosen, setChosen] = useState('');
  const items = templates.value?.items ?? [];
  if (!templates.error && templates.value && items.length === 0) {
    return null;
  }
  return (
    <TextField
      select
      fullWidth
      variant="outlined"
      size="small"
      id={props.id}
      label="Start from a saved template"
      value={chosen}
      onChange={event => {
        const template = items.find(t => t.name === event.target.value);
        setChosen(event.target.value);
        if (template) props.onChoose(template);
      }}
      SelectProps={{ native: true }}
      InputLabelProps={{ shrink: true }}
      disabled={props.disabled || !templates.value}
      error={!!templates.error}
      helperText={
        templates.error
          ? `Could not load the saved templates. ${describeError(
              templates.error,
            )}`
          : 'Optional; fills in the fields below'
      }
    >
      <option value="">{templates.value ? 'New template' : 'Loading…'}</option>
      {items.map(t => (
        <option key={t.name} value={t.name}>
          {t.name}
        </option>
      ))}
    </TextField>
  );
}

function SaveTemplateForm(props: {
  entityRef: CompoundEntityRef;
  formId: string;
  onBusy: (busy: boolean) => void;
  onSaved: (saved: SparkApplicationTemplate) => void;
}) {
  const { entityRef, formId, onBusy, onSaved } = props;
  const api = useApi(emrEksApiRef);
  const fieldId = useElementId('emr-save-spark-template');
  const templates = useSparkApplicationTemplates(entityRef);
  const [values, setValues] = useState<SparkTemplateFormValues>(
    EMPTY_SPARK_TEMPLATE_FORM,
  );
  const [attempted, setAttempted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();
  useEffect(() => onBusy(busy), [onBusy, busy]);

  const built = buildTemplateRequest(values);
  const errors = attempted && !built.ok ? built.errors : {};
  const replaces = templates.value?.items.some(
    t => t.name === values.name.trim(),
  );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    if (!built.ok) return;
    setBusy(true);
    setError(undefined);
    try {
      onSaved(await api.saveSparkApplicationTemplate(entityRef, built.request));
    } catch (e) {
      // The backend's reason, with every field as typed, to correct and save again.
      setError(e as Error);
      setBusy(false);
    }
  };

  /** One text field bound to the form's values, labelled, with its error or hint. */
  const field = (
    name: SparkTemplateFormField,
    label: string,
    hint?: string,
    more: Partial<TextFieldProps> = {},
  ) => (
    <TextField
      fullWidth
      variant="outlined"
      size="small"
      id={`${fieldId}-${name}`}
      label={label}
      value={values[name]}
      onChange={event =>
        setValues(current => ({ ...current, [name]: event.target.value }))
      }
      disabled={busy}
      error={!!errors[name]}
      helperText={errors[name] ?? hint}
      {...more}
    />
  );
  const count = { type: 'number', inputProps: { min: 1 }, required: true };

  return (
    <form id={formId} onSubmit={submit} noValidate>
      <Grid container spacing={2}>
        <Grid item xs={12}>
          <StartFromField
            id={`${fieldId}-from`}
            templates={templates}
            disabled={busy}
            onChoose={template => setValues(formFromTemplate(template))}
          />
        </Grid>
        <Grid item xs={12} sm={8}>
          {field(
            'name',
            'Name',
            replaces
              ? `Saving replaces the saved template ${values.name.trim()}`
              : "Lowercase letters, digits and dashes; also starts its applications' names",
            { required: true },
          )}
        </Grid>
        <Grid item xs={12} sm={4}>
          {field('type', 'Type', undefined, {
            select: true,
            SelectProps: { native: true },
            required: true,
            onChange: event =>
              setValues(current => ({
                ...current,
                type: event.target.value as SparkTemplateType,
              })),
            children: SPARK_TEMPLATE_TYPES.map(type => (
              <option key={type} value={type}>
                {type}
              </option>
            )),
          })}
        </Grid>
        <Grid item xs={12}>
          {field(
            'mainApplicationFile',
            'Main application file',
            'An s3:// or local:// URI of the jar or Python file',
            { required: true },
          )}
        </Grid>
        {needsMainClass(values.type) && (
          <Grid item xs={12}>
            {field('mainClass', 'Main class', 'Fully qualified', {
              required: true,
            })}
          </Grid>
        )}
        <Grid item xs={12}>
          {field('arguments', 'Arguments', 'One per line', {
            multiline: true,
            minRows: 2,
          })}
        </Grid>
        <Grid item xs={12}>
          {field(
            'sparkConf',
            'Spark configuration',
            'One key=value per line; the platform sets the namespace, image, service account and pod templates',
            { multiline: true, minRows: 2 },
          )}
        </Grid>
        <Grid item xs={6} sm={3}>
          {field('driverCores', 'Driver cores', undefined, count)}
        </Grid>
        <Grid item xs={6} sm={3}>
          {field('driverMemory', 'Driver memory', 'Like 4g', {
            required: true,
          })}
        </Grid>
        <Grid item xs={6} sm={3}>
          {field('executorCores', 'Executor cores', undefined, count)}
        </Grid>
        <Grid item xs={6} sm={3}>
          {field('executorMemory', 'Executor memory', 'Like 8g', {
            required: true,
          })}
        </Grid>
        <Grid item xs={6} sm={3}>
          {field('executorInstances', 'Executor instances', undefined, count)}
        </Grid>
        <Grid item xs={6} sm={9}>
          {field(
            'releaseLabel',
            'EMR release',
            'Its runtime image runs the application; emr-6.10.0 or later',
            { required: true },
          )}
        </Grid>
      </Grid>
      {error && (
        <Box mt={2}>
          <Alert severity="error" role="alert">
            Could not save the template. {describeError(error)}
          </Alert>
        </Box>
      )}
    </form>
  );
}

/**
 * The fields of a Spark application template, saved for the team with the
 * backend's POST …/spark-application-templates. The backend decides what a
 * template may hold; its refusal shows here with the fields as they were typed.
 */
export function SaveSparkApplicationTemplateDialog(props: {
  open: boolean;
  entityRef: CompoundEntityRef;
  onClose: () => void;
  onSaved: (saved: SparkApplicationTemplate) => void;
}) {
  const { open, entityRef, onClose, onSaved } = props;
  const titleId = useElementId('emr-save-spark-template-title');
  const formId = useElementId('emr-save-spark-template-form');
  const [busy, setBusy] = useState(false);
  const close = () => {
    if (!busy) onClose();
  };
  return (
    <Dialog
      open={open}
      // A stray click beside a long form must not throw it away; Escape and Cancel still close.
      onClose={(_event, reason) => reason !== 'backdropClick' && close()}
      aria-labelledby={titleId}
      fullWidth
      maxWidth="md"
    >
      <DialogTitle id={titleId}>Save a Spark application template</DialogTitle>
      <DialogContent>
        {open && (
          <SaveTemplateForm
            entityRef={entityRef}
            formId={formId}
            onBusy={setBusy}
            onSaved={onSaved}
          />
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={close} disabled={busy}>
          Cancel
        </Button>
        <Button
          type="submit"
          form={formId}
          color="primary"
          variant="contained"
          disabled={busy}
          startIcon={busy ? <CircularProgress size={16} /> : undefined}
        >
          Save template
        </Button>
      </DialogActions>
    </Dialog>
  );
}
