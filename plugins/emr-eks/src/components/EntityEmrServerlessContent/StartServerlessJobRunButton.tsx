import {
  CompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  ServerlessStartedJobRun,
  emrEksJobRunStartPermission,
} from '@emr-eks/plugin-emr-eks-common';
import TextField from '@material-ui/core/TextField';
import PlayArrowIcon from '@material-ui/icons/PlayArrow';
import Alert from '@material-ui/lab/Alert';
import { useState } from 'react';
import { emrEksApiRef } from '../../api';
import { useServerlessJobDefinitions } from '../../hooks/useServerless';
import { ConfirmDialog } from '../shared/ConfirmDialog';
import { describeError } from '../shared/describeError';
import { PermittedButton } from '../shared/PermittedButton';
import { useElementId } from '../shared/useElementId';

function JobDefinitionFields(props: {
  entityRef: CompoundEntityRef;
  definition: string;
  onDefinition: (name: string) => void;
  runName: string;
  onRunName: (name: string) => void;
}) {
  const fieldId = useElementId('emr-serverless-start');
  const definitions = useServerlessJobDefinitions(props.entityRef);
  if (definitions.error) {
    return (
      <Alert severity="error">
        Could not load the job definitions. {describeError(definitions.error)}
      </Alert>
    );
  }
  if (!definitions.value) {
    return <Progress />;
  }
  const items = definitions.value.items;
  if (items.length === 0) {
    return (
      <Alert severity="info">
        The team has saved no job definitions for this application yet.
      </Alert>
    );
  }
  const chosen = items.find(item => item.name === props.definition);
  const spark = chosen?.jobDriver.sparkSubmit;
  return (
    <>
      <TextField
        select
        fullWidth
        variant="outlined"
        margin="normal"
        id={`${fieldId}-definition`}
        label="Job definition"
        value={props.definition}
        onChange={event => props.onDefinition(event.target.value)}
        SelectProps={{ native: true }}
        InputLabelProps={{ shrink: true }}
      >
        <option value="" disabled>
          Choose a job definition
        </option>
        {items.map(item => (
          <option key={item.name} value={item.name}>
            {item.name}
          </option>
        ))}
      </TextField>
      {chosen && (
        <Alert severity="info" icon={false}>
          {spark ? `Runs ${spark.entryPoint}` : `Runs a Hive query`} as{' '}
          {chosen.executionRoleArn}.
        </Alert>
      )}
      <TextField
        fullWidth
        variant="outlined"
        size="small"
        margin="normal"
        id={`${fieldId}-name`}
        label="Run name"
        value={props.runName}
        onChange={event => props.onRunName(event.target.value)}
        // EMR Serverless's own rules for names are checked by the backend.
        helperText="Optional; the job definition's name if left empty"
      />
    </>
  );
}

/**
 * "Start job run": pick one of the team's saved job definitions, optionally
 * name the run, and start it on the application (EMR Serverless starts a
 * stopped application with auto-start on).
 */
export function StartServerlessJobRunButton(props: {
  entityRef: CompoundEntityRef;
  onStarted: (started: ServerlessStartedJobRun) => void;
}) {
  const { entityRef, onStarted } = props;
  const api = useApi(emrEksApiRef);
  const [open, setOpen] = useState(false);
  const [definition, setDefinition] = useState('');
  const [runName, setRunName] = useState('');
  const close = () => {
    setOpen(false);
    setDefinition('');
    setRunName('');
  };
  return (
    <>
      <PermittedButton
        permission={emrEksJobRunStartPermission}
        resourceRef={stringifyEntityRef(entityRef)}
        deniedReason="You are not allowed to start job runs on this application."
        variant="contained"
        color="primary"
        startIcon={<PlayArrowIcon />}
        onClick={() => setOpen(true)}
      >
        Start job run
      </PermittedButton>
      <ConfirmDialog
        open={open}
        title="Start job run"
        confirmLabel="Start run"
        confirmDisabled={!definition}
        onClose={close}
        onConfirm={async () => {
          const started = await api.startServerlessJobRun(entityRef, {
            jobDefinition: definition,
            ...(runName && { name: runName }),
          });
          close();
          onStarted(started);
        }}
      >
        {open && (
          <JobDefinitionFields
            entityRef={entityRef}
            definition={definition}
            onDefinition={setDefinition}
            runName={runName}
            onRunName={setRunName}
          />
        )}
      </ConfirmDialog>
    </>
  );
}
