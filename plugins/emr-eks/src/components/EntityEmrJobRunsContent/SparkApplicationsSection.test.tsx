import { permissionApiRef } from '@backstage/plugin-permission-react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import {
  SparkApplicationDetail,
  SparkApplicationSummary,
  SparkApplicationTemplate,
} from '@emr-eks/plugin-emr-eks-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { user } from '../../__testUtils__/user';
import { EmrEksApi, emrEksApiRef } from '../../api';
import { responseError } from '../../__testUtils__/cost';
import { mockEmrEksApi } from '../../__testUtils__/mockEmrEksApi';
import { permissionApi } from '../../__testUtils__/permissions';
import { SparkApplicationsSection } from './SparkApplicationsSection';

const entityRef = { kind: 'Resource', namespace: 'default', name: 'team-a' };

const finished: SparkApplicationSummary = {
  id: 'taxi-zones-nightly',
  kind: 'spark-operator',
  name: 'taxi-zones-nightly',
  state: 'FAILED',
  sparkApplicationId: 'spark-0123',
  driverPod: 'taxi-zones-nightly-driver',
  executors: 4,
  image: '755674844232.dkr.ecr.us-east-1.amazonaws.com/spark/emr-6.10.0:latest',
  emrRuntimeImage: true,
  submittedAt: '2025-03-14T10:00:05Z',
  finishedAt: '2025-03-14T10:07:45Z',
  durationSeconds: 460,
};
const oss: SparkApplicationSummary = {
  id: 'adhoc-0f-driver',
  kind: 'spark-submit',
  name: 'adhoc',
  state: 'COMPLETED',
  driverPod: 'adhoc-0f-driver',
  image: 'apache/spark:3.5.1',
  emrRuntimeImage: false,
  submittedAt: '2025-03-14T09:00:00Z',
};
const detail: SparkApplicationDetail = {
  ...finished,
  type: 'Scala',
  mainClass: 'ValueZones',
  mainApplicationFile: 's3://code/app.jar',
  arguments: ['s3://nyc-tlc/csv_backup', '2017'],
  sparkConf: { 'spark.eventLog.dir': 's3://logs/spark-events/' },
  hadoopConf: {},
  errorMessage: 'driver container failed with ExitCode: 1, Reason: Error',
  events: [
    {
      type: 'Warning',
      reason: 'SparkApplicationFailed',
      message: 'SparkApplication taxi-zones-nightly failed',
      object: 'SparkApplication/taxi-zones-nightly',
      count: 1,
      lastSeen: '2025-03-14T10:07:45Z',
    },
  ],
  links: {
    eventLogDir: 's3://logs/spark-events/',
    historyServer: 'https://shs.example.com/history/spark-0123/jobs/',
  },
};

async function renderSection(api: EmrEksApi) {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [emrEksApiRef, api],
        [permissionApiRef, permissionApi()],
      ]}
    >
      <SparkApplicationsSection entityRef={entityRef} />
    </TestApiProvider>,
  );
  // Closed until opened: nothing is asked of the cluster before.
  expect(api.listSparkApplications).not.toHaveBeenCalled();
  await user().click(
    screen.getByRole('button', { name: /Spark applications/ }),
  );
}

/**
 * A button by its text, and a dialog by its title: role queries compute the accessible name
 * of every node of the section and its dialogs, which took seconds on a loaded machine.
 */
async function buttonWithText(
  text: string,
  scope: HTMLElement = document.body,
): Promise<HTMLButtonElement> {
  const found = await within(scope).findAllByText(text);
  return found.map(e => e.closest('button')).find(Boolean)!;
}

async function dialogTitled(title: string): Promise<HTMLElement> {
  // The last: a dialog closed before may still be fading out.
  const found = (await screen.findAllByText(title)).at(-1)!;
  return found.closest<HTMLElement>('[role="dialog"]')!;
}

describe('SparkApplicationsSection', () => {
  it('lists runs with state, kind and image flag, and opens one with its spec, log tail, events and links', async () => {
    const api = mockEmrEksApi({
      listSparkApplications: async () => ({
        items: [finished, oss],
        cluster: 'analytics-shared',
        namespace: 'data-team-a',
        sparkOperator: true,
      }),
      getSparkApplication: async () => detail,
      getSparkDriverLog: async () => ({
        pod: 'taxi-zones-nightly-driver',
        container: 'spark-kubernetes-driver',
        tailLines: 200,
        lines: [
          '25/03/14 10:07:45 INFO ShutdownHookManager: Shutdown hook called',
        ],
      }),
    });
    await renderSection(api);

    const row = (await screen.findByText('taxi-zones-nightly')).closest('tr')!;
    expect(row).toHaveTextContent('FAILED');
    expect(row).toHaveTextContent('Spark Operator');
    expect(row).toHaveTextContent('EMR runtime');
    expect(row).toHaveTextContent('7m 40s');
    const other = screen.getByText('adhoc').closest('tr')!;
    expect(other).toHaveTextContent('spark-submit');
    expect(other).toHaveTextContent('Not EMR runtime');

    await user().click(
      screen.getByRole('button', { name: 'taxi-zones-nightly' }),
    );
    const drawer = await screen.findByRole('dialog', {
      name: 'taxi-zones-nightly',
    });
    expect(api.getSparkApplication).toHaveBeenCalledWith(
      entityRef,
      'taxi-zones-nightly',
    );
    const spec = await within(drawer).findByRole('table', {
      name: 'Spark application',
    });
    expect(spec).toHaveTextContent('ValueZones');
    expect(spec).toHaveTextContent('s3://nyc-tlc/csv_backup 2017');
    expect(spec).toHaveTextContent('ExitCode: 1');
    expect(
      await within(drawer).findByLabelText('Driver log'),
    ).toHaveTextContent('Shutdown hook called');
    expect(api.getSparkDriverLog).toHaveBeenCalledWith(
      entityRef,
      'taxi-zones-nightly',
      200,
    );
    expect(
      within(drawer).getByRole('table', { name: 'Kubernetes events' }),
    ).toHaveTextContent('SparkApplicationFailed');
    expect(
      within(drawer).getByRole('link', {
        name: 'Open the run in the Spark History Server',
      }),
    ).toHaveAttribute(
      'href',
      'https://shs.example.com/history/spark-0123/jobs/',
    );
  });

  it("says in one line why the cluster's runs cannot be shown", async () => {
    const api = mockEmrEksApi({
      listSparkApplications: async () => {
        throw await responseError(
          503,
          'ServiceUnavailableError',
          "Spark applications of virtual cluster x are on EKS cluster 'analytics-eu', which the portal's Kubernetes configuration does not list",
        );
      },
    });
    await renderSection(api);
    expect(await screen.findByText(/does not list/)).toHaveTextContent(
      /could not be read from the cluster/,
    );
  });

  it('saves a template, says so, and the Start dialog offers it at once', async () => {
    // The backend's store: a save adds to what the list answers.
    const templates: SparkApplicationTemplate[] = [];
    const api = mockEmrEksApi({
      listSparkApplications: async () => ({
        items: [],
        cluster: 'analytics-shared',
        namespace: 'data-team-a',
        sparkOperator: true,
      }),
      listSparkApplicationTemplates: async () => ({ items: [...templates] }),
      saveSparkApplicationTemplate: async (_ref, request) => {
        const template = {
          ...request,
          createdBy: 'user:default/ana',
          createdAt: '2025-03-15T09:00:00Z',
        };
        templates.push(template);
        return template;
      },
    });
    await renderSection(api);

    const start = await buttonWithText('Start Spark application');
    await waitFor(() => expect(start).toBeEnabled());
    await user().click(start);
    const before = await dialogTitled('Start a Spark application');
    expect(
      await within(before).findByText(/saved no Spark application templates/),
    ).toBeInTheDocument();
    await user().click(await buttonWithText('Go back', before));

    // Found once the closing dialog no longer hides the page.
    await user().click(await buttonWithText('Save Spark application template'));
    const form = await dialogTitled('Save a Spark application template');
    for (const [label, value] of [
      ['Name', 'wordcount'],
      ['Main application file', 's3://code/wordcount.jar'],
      ['Main class', 'WordCount'],
    ]) {
      fireEvent.change(within(form).getByLabelText(label, { exact: false }), {
        target: { value },
      });
    }
    await user().click(await buttonWithText('Save template', form));
    expect(await screen.findByText('Saved template wordcount')).toBeVisible();

    await user().click(await buttonWithText('Start Spark application'));
    const after = await dialogTitled('Start a Spark application');
    await user().selectOptions(
      await within(after).findByRole('combobox', { name: 'Template' }),
      'wordcount',
    );
    expect(after).toHaveTextContent('s3://code/wordcount.jar');
  });
});
