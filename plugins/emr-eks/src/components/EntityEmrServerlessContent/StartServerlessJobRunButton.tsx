import { CompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import {
  ServerlessJobDefinition,
  ServerlessStartedJobRun,
} from '@emr-eks/plugin-emr-eks-common';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import { useState } from 'react';
import { emrEksApiRef } from '../../api';
import { useServerlessJobDefinitions } from '../../hooks/useServerless';
import {
  StartFromSavedButton,
  StartFromSavedWords,
} from '../shared/StartFromSavedButton';
import { useElementId } from '../shared/useElementId';

const words: StartFromSavedWords = {
  button: 'Start job run',
  deniedReason: 'You are not allowed to start job runs on this application.',
  dialogTitle: 'Start job run',
  confirm: 'Start run',
  select: 'Job definition',
  placeholder: 'Choose a job definition',
  loadFailed: 'Could not load the job definitions.',
  noneSaved: 'The team has saved no job definitions for this application yet.',
};

/** What the chosen definition runs, and as which role. */
function DefinitionSummary(props: { definition: ServerlessJobDefinition }) {
  const { definition } = props;
  const spark = definition.jobDriver.sparkSubmit;
  return (
    <Alert severity="info" icon={false}>
      {spark ? `Runs ${spark.entryPoint}` : `Runs a Hive query`} as{' '}
      {definition.executionRoleArn}.
    </Alert>
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
  const nameId = useElementId('emr-serverless-run-name');
  const [runName, setRunName] = useState('');
  return (
    <StartFromSavedButton
      entityRef={entityRef}
      words={words}
      useItems={useServerlessJobDefinitions}
      describe={definition => <DefinitionSummary definition={definition} />}
      extraFields={
        <TextField
          fullWidth
          variant="outlined"
          size="small"
          margin="normal"
          id={nameId}
          label="Run name"
          value={runName}
          onChange={event => setRunName(event.target.value)}
          // EMR Serverless's own rules for names are checked by the backend.
          helperText="Optional; the job definition's name if left empty"
        />
      }
      start={jobDefinition =>
        api.startServerlessJobRun(entityRef, {
          jobDefinition,
          ...(runName && { name: runName }),
        })
      }
      onStarted={onStarted}
      onClose={() => setRunName('')}
    />
  );
}
