import {
  CompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  SparkApplicationTemplate,
  StartedSparkApplication,
  emrEksJobRunStartPermission,
} from '@emr-eks/plugin-emr-eks-common';
import TextField from '@material-ui/core/TextField';
import PlayArrowIcon from '@material-ui/icons/PlayArrow';
import Alert from '@material-ui/lab/Alert';
import { useState } from 'react';
import { emrEksApiRef } from '../../api';
import { useSparkApplicationTemplates } from '../../hooks/useSparkApplications';
import { ConfirmDialog } from '../shared/ConfirmDialog';
import { DetailList } from '../shared/DetailList';
import { describeError } from '../shared/describeError';
import { PermittedButton } from '../shared/PermittedButton';
import { useElementId } from '../shared/useElementId';

/** What a template runs and on what, as the dialog shows it before a start. */
function TemplateSummary(props: { template: SparkApplicationTemplate }) {
  const t = props.template;
  return (
    <DetailList
      label="Template"
      details={[
        { label: 'Main application file', value: t.mainApplicationFile },
        { label: 'Main class', value: t.mainClass },
        {
          label: 'Arguments',
          value: t.arguments.length ? t.arguments.join(' ') : undefined,
        },
        { label: 'Release', value: t.releaseLabel },
        {
          label: 'Driver',
          value: `${t.driver.cores} cores, ${t.driver.memory}`,
        },
        {
          label: 'Executors',
          value: `${t.executor.instances} × ${t.executor.cores} cores, ${t.executor.memory}`,
        },
        { label: 'Saved by', value: t.createdBy },
      ]}
    />
  );
}

function TemplateFields(props: {
  entityRef: CompoundEntityRef;
  template: string;
  onTemplate: (name: string) => void;
}) {
  const fieldId = useElementId('emr-spark-start');
  const templates = useSparkApplicationTemplates(props.entityRef);
  if (templates.error) {
    return (
      <Alert severity="error">
        Could not load the Spark application templates.{' '}
        {describeError(templates.error)}
      </Alert>
    );
  }
  if (!templates.value) {
    return <Progress />;
  }
  const items = templates.value.items;
  if (items.length === 0) {
    return (
      <Alert severity="info">
        The team has saved no Spark application templates for this virtual
        cluster yet. An owner saves one with POST …/spark-application-templates
        on the emr-eks backend (name, type, main application file, driver and
        executor sizes, EMR release; see the plugin's README).
      </Alert>
    );
  }
  const chosen = items.find(item => item.name === props.template);
  return (
    <>
      <TextField
        select
        fullWidth
        variant="outlined"
        margin="normal"
        id={`${fieldId}-template`}
        label="Template"
        value={props.template}
        onChange={event => props.onTemplate(event.target.value)}
        SelectProps={{ native: true }}
        InputLabelProps={{ shrink: true }}
      >
        <option value="" disabled>
          Choose a template
        </option>
        {items.map(item => (
          <option key={item.name} value={item.name}>
            {item.name}
          </option>
        ))}
      </TextField>
      {chosen && <TemplateSummary template={chosen} />}
    </>
  );
}

/**
 * "Start Spark application": pick one of the team's saved templates and start
 * it as a SparkApplication in the virtual cluster's namespace. The platform
 * decides the image, service account and pod templates; the dialog shows what
 * the template runs. The backend's refusal (403, 409, 503) stays in the dialog.
 */
export function StartSparkApplicationButton(props: {
  entityRef: CompoundEntityRef;
  onStarted: (started: StartedSparkApplication) => void;
}) {
  const { entityRef, onStarted } = props;
  const api = useApi(emrEksApiRef);
  const [open, setOpen] = useState(false);
  const [template, setTemplate] = useState('');
  const close = () => {
    setOpen(false);
    setTemplate('');
  };
  return (
    <>
      <PermittedButton
        permission={emrEksJobRunStartPermission}
        resourceRef={stringifyEntityRef(entityRef)}
        deniedReason="You are not allowed to start Spark applications on this virtual cluster."
        variant="contained"
        color="primary"
        startIcon={<PlayArrowIcon />}
        onClick={() => setOpen(true)}
      >
        Start Spark application
      </PermittedButton>
      <ConfirmDialog
        open={open}
        title="Start a Spark application"
        confirmLabel="Start"
        confirmDisabled={!template}
        onClose={close}
        onConfirm={async () => {
          const started = await api.startSparkApplication(entityRef, {
            template,
          });
          close();
          onStarted(started);
        }}
      >
        {open && (
          <TemplateFields
            entityRef={entityRef}
            template={template}
            onTemplate={setTemplate}
          />
        )}
      </ConfirmDialog>
    </>
  );
}
