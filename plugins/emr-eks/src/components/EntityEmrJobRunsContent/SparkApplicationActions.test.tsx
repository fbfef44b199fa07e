import { permissionApiRef } from '@backstage/plugin-permission-react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import {
  SparkApplicationDetail,
  SparkApplicationSummary,
  SparkApplicationTemplate,
} from '@emr-eks/plugin-emr-eks-common';
import { screen, within } from '@testing-library/react';
import { responseError } from '../../__testUtils__/cost';
import { mockEmrEksApi } from '../../__testUtils__/mockEmrEksApi';
import { permissionApi } from '../../__testUtils__/permissions';
import { user } from '../../__testUtils__/user';
import { EmrEksApi, emrEksApiRef } from '../../api';
import { SparkApplicationsSection } from './SparkApplicationsSection';

const IMAGE =
  '755674844232.dkr.ecr.us-east-1.amazonaws.com/spark/emr-6.15.0:latest';

const taxiZones: SparkApplicationTemplate = {
  name: 'taxi-zones',
  type: 'Scala',
  mainClass: 'ValueZones',
  mainApplicationFile: 's3://code/jars/spark-eks-assembly-3.3.0.jar',
  arguments: ['s3://nyc-tlc/csv_backup', '2017'],
  sparkConf: {},
  driver: { cores: 1, memory: '4g' },
  executor: { cores: 2, memory: '8g', instances: 3 },
  releaseLabel: 'emr-6.15.0',
  createdBy: 'user:default/alice',
  createdAt: '2026-12-01T10:00:00Z',
};
const features: SparkApplicationTemplate = {
  ...taxiZones,
  name: 'features',
  type: 'Python',
  mainClass: undefined,
  mainApplicationFile: 's3://code/jobs/features.py',
  releaseLabel: 'emr-7.2.0',
};

const portalMade: SparkApplicationSummary = {
  id: 'taxi-zones-0a1b2c3d',
  kind: 'spark-operator',
  name: 'taxi-zones-0a1b2c3d',
  state: 'COMPLETED',
  image: IMAGE,
  emrRuntimeImage: true,
  startedByPortal: true,
};
/** Applied with kubectl, not started by the portal: the backend does not rerun it. */
const applied: SparkApplicationSummary = {
  ...portalMade,
  id: 'oss-spark-pi',
  name: 'oss-spark-pi',
  startedByPortal: false,
};
const submitted: SparkApplicationSummary = {
  id: 'adhoc-0f-driver',
  kind: 'spark-submit',
  name: 'adhoc',
  state: 'COMPLETED',
  emrRuntimeImage: false,
};
const detailOf = (app: SparkApplicationSummary): SparkApplicationDetail => ({
  ...app,
  arguments: [],
  sparkConf: {},
  hadoopConf: {},
  events: [],
  links: {},
});

function mockApi(overrides: Partial<EmrEksApi> = {}) {
  return mockEmrEksApi({
    listSparkApplications: async () => ({
      items: [portalMade, applied, submitted],
      cluster: 'analytics-shared',
      namespace: 'data-team-a',
      sparkOperator: true,
    }),
    listSparkApplicationTemplates: async () => ({
      items: [features, taxiZones],
    }),
    startSparkApplication: async (_ref, { template }) => ({
      id: `${template}-9f8e7d6c`,
      cluster: 'analytics-shared',
      namespace: 'data-team-a',
      template,
      image: IMAGE,
      serviceAccount: 'emr-job-execution-sa',
    }),
    getSparkApplication: async (_ref, id) =>
      detailOf(
        [portalMade, applied, submitted].find(app => app.id === id) ??
          portalMade,
      ),
    getSparkDriverLog: async (_ref, id) => ({
      pod: `${id}-driver`,
      container: 'spark-kubernetes-driver',
      tailLines: 200,
      lines: [],
    }),
    ...overrides,
  });
}

/**
 * `usePermission` caches per permission and entity for the file, so each test
 * names its own entity.
 */
async function renderSection(
  api: EmrEksApi,
  name: string,
  denied: string[] = [],
) {
  const entityRef = { kind: 'Resource', namespace: 'default', name };
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [emrEksApiRef, api],
        [permissionApiRef, permissionApi(...denied)],
      ]}
    >
      <SparkApplicationsSection entityRef={entityRef} />
    </TestApiProvider>,
  );
  await user().click(
    screen.getByRole('button', { name: /Spark applications/ }),
  );
  await screen.findByText(portalMade.name);
  return entityRef;
}

async function openStartDialog() {
  const button = screen.getByRole('button', {
    name: 'Start Spark application',
  });
  await user().click(button);
  return screen.findByRole('dialog', { name: 'Start a Spark application' });
}

async function openDrawer(app: SparkApplicationSummary) {
  await user().click(screen.getByRole('button', { name: app.name }));
  return screen.findByRole('dialog', { name: app.name });
}

describe('Spark application actions', () => {
  it('starts the chosen template, names the new application and refreshes the list', async () => {
    const api = mockApi();
    const entityRef = await renderSection(api, 'start-vc');
    const dialog = await openStartDialog();

    const select = await within(dialog).findByRole('combobox', {
      name: 'Template',
    });
    const start = within(dialog).getByRole('button', { name: 'Start' });
    expect(start).toBeDisabled();
    await user().selectOptions(select, 'taxi-zones');
    const summary = within(dialog).getByRole('table', { name: 'Template' });
    expect(summary).toHaveTextContent(
      's3://code/jars/spark-eks-assembly-3.3.0.jar',
    );
    expect(summary).toHaveTextContent('emr-6.15.0');
    expect(summary).toHaveTextContent('1 cores, 4g');
    expect(summary).toHaveTextContent('3 × 2 cores, 8g');

    await user().click(start);
    expect(
      await screen.findByText(/Started Spark application taxi-zones-9f8e7d6c/),
    ).toHaveTextContent('from template taxi-zones in namespace data-team-a');
    expect(api.startSparkApplication).toHaveBeenCalledWith(entityRef, {
      template: 'taxi-zones',
    });
    expect(api.listSparkApplications).toHaveBeenCalledTimes(2);
  });

  it("keeps the dialog open with the backend's refusal, word for word", async () => {
    const refusal =
      "SparkApplication 'taxi-zones-9f8e7d6c' already exists in namespace 'data-team-a'";
    const api = mockApi({
      startSparkApplication: async () => {
        throw await responseError(409, 'ConflictError', refusal);
      },
    });
    await renderSection(api, 'refused-vc');
    const dialog = await openStartDialog();
    await user().selectOptions(
      await within(dialog).findByRole('combobox', { name: 'Template' }),
      'taxi-zones',
    );
    await user().click(within(dialog).getByRole('button', { name: 'Start' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(refusal);
    expect(screen.queryByText(/Started Spark application/)).toBeNull();
  });

  it('says how a template is saved when the team has none', async () => {
    const api = mockApi({
      listSparkApplicationTemplates: async () => ({ items: [] }),
    });
    await renderSection(api, 'no-templates-vc');
    const dialog = await openStartDialog();
    expect(
      await within(dialog).findByText(/saved no Spark application templates/),
    ).toHaveTextContent('Save Spark application template');
    expect(
      within(dialog).getByRole('button', { name: 'Start' }),
    ).toBeDisabled();
  });

  it('leaves the start and drawer actions unusable without the permissions', async () => {
    const api = mockApi();
    await renderSection(api, 'reader-vc', [
      'emr-eks.job-run.start',
      'emr-eks.job-run.cancel',
    ]);
    expect(
      screen.getByRole('button', { name: 'Start Spark application' }),
    ).toBeDisabled();
    const drawer = await openDrawer(portalMade);
    expect(
      within(drawer).getByRole('button', { name: 'Rerun' }),
    ).toBeDisabled();
    expect(
      within(drawer).getByRole('button', { name: 'Delete' }),
    ).toBeDisabled();
  });

  it('reruns an application from its drawer and names the new one', async () => {
    const api = mockApi({
      rerunSparkApplication: async () => ({
        id: 'taxi-zones-11223344',
        cluster: 'analytics-shared',
        namespace: 'data-team-a',
        template: 'taxi-zones',
        image: IMAGE,
        serviceAccount: 'emr-job-execution-sa',
      }),
    });
    const entityRef = await renderSection(api, 'rerun-vc');
    const drawer = await openDrawer(portalMade);
    await user().click(within(drawer).getByRole('button', { name: 'Rerun' }));
    const confirm = await screen.findByRole('dialog', {
      name: `Rerun ${portalMade.id}?`,
    });
    await user().click(
      within(confirm).getByRole('button', { name: 'Confirm' }),
    );
    expect(
      await screen.findByText(/Started Spark application taxi-zones-11223344/),
    ).toBeInTheDocument();
    expect(api.rerunSparkApplication).toHaveBeenCalledWith(
      entityRef,
      portalMade.id,
    );
    expect(api.listSparkApplications).toHaveBeenCalledTimes(2);
  });

  it('deletes an application from its drawer after a confirmation', async () => {
    const api = mockApi({
      deleteSparkApplication: async (_ref, id) => ({
        id,
        cluster: 'analytics-shared',
        namespace: 'data-team-a',
      }),
    });
    const entityRef = await renderSection(api, 'delete-vc');
    const drawer = await openDrawer(portalMade);
    await user().click(within(drawer).getByRole('button', { name: 'Delete' }));
    expect(api.deleteSparkApplication).not.toHaveBeenCalled();
    const confirm = await screen.findByRole('dialog', {
      name: `Delete ${portalMade.id}?`,
    });
    await user().click(
      within(confirm).getByRole('button', { name: 'Confirm' }),
    );
    expect(
      await screen.findByText(
        `Deleted Spark application ${portalMade.id} from namespace data-team-a.`,
      ),
    ).toBeInTheDocument();
    expect(api.deleteSparkApplication).toHaveBeenCalledWith(
      entityRef,
      portalMade.id,
    );
  });

  it('offers Delete but not Rerun for a SparkApplication the portal did not start', async () => {
    await renderSection(mockApi(), 'applied-vc');
    const drawer = await openDrawer(applied);
    await within(drawer).findByRole('table', { name: 'Spark application' });
    expect(
      within(drawer).getByRole('button', { name: 'Delete' }),
    ).toBeEnabled();
    expect(within(drawer).queryByRole('button', { name: 'Rerun' })).toBeNull();
  });

  it('offers no actions for a spark-submit run', async () => {
    await renderSection(mockApi(), 'submit-vc');
    const drawer = await openDrawer(submitted);
    await within(drawer).findByRole('table', { name: 'Spark application' });
    expect(within(drawer).queryByRole('button', { name: 'Rerun' })).toBeNull();
    expect(within(drawer).queryByRole('button', { name: 'Delete' })).toBeNull();
  });
});
