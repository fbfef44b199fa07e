import { CompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import {
  SparkApplicationTemplate,
  StartedSparkApplication,
} from '@emr-eks/plugin-emr-eks-common';
import { emrEksApiRef } from '../../api';
import { useSparkApplicationTemplates } from '../../hooks/useSparkApplications';
import { DetailList } from '../shared/DetailList';
import {
  StartFromSavedButton,
  StartFromSavedWords,
} from '../shared/StartFromSavedButton';

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

const words: StartFromSavedWords = {
  button: 'Start Spark application',
  deniedReason:
    'You are not allowed to start Spark applications on this virtual cluster.',
  dialogTitle: 'Start a Spark application',
  confirm: 'Start',
  select: 'Template',
  placeholder: 'Choose a template',
  loadFailed: 'Could not load the Spark application templates.',
  noneSaved: (
    <>
      The team has saved no Spark application templates for this virtual cluster
      yet. An owner saves one with{' '}
      <strong>Save Spark application template</strong> in the Spark applications
      section.
    </>
  ),
};

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
  return (
    <StartFromSavedButton
      entityRef={entityRef}
      words={words}
      useItems={useSparkApplicationTemplates}
      describe={template => <TemplateSummary template={template} />}
      start={template => api.startSparkApplication(entityRef, { template })}
      onStarted={onStarted}
    />
  );
}
