import { EntityProvider } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { JobTemplate } from '@emr-eks/plugin-emr-eks-common';
import { screen, waitFor, within } from '@testing-library/react';
import { user } from '../../__testUtils__/user';
import { EmrEksApi, emrEksApiRef } from '../../api';
import {
  failedRun,
  runningRunDetail,
  virtualClusterEntity,
} from '../../__testUtils__/fixtures';
import { mockEmrEksApi } from '../../__testUtils__/mockEmrEksApi';
import { permissionApi } from '../../__testUtils__/permissions';
import { EntityEmrJobRunsContent } from './EntityEmrJobRunsContent';
import { StartJobRunButton } from './StartJobRunButton';

const entityRef = {
  kind: 'Resource',
  namespace: 'default',
  name: 'analytics-vc',
};

const nightly: JobTemplate = {
  id: 'tpl-nightly',
  name: 'nightly-etl',
  jobTemplateData: {
    executionRoleArn: 'arn:aws:iam::123456789012:role/job',
    releaseLabel: 'emr-7.2.0-latest',
    jobDriver: {
      sparkSubmitJobDriver: { entryPoint: 's3://code/nightly_etl.py' },
    },
    parameterConfiguration: {
      inputPath: { type: 'STRING' },
      partitions: { type: 'NUMBER', defaultValue: '200' },
      date: { type: 'STRING', defaultValue: '2024-05-01' },
    },
  },
};

const plain: JobTemplate = {
  id: 'tpl-plain',
  name: 'pi',
  jobTemplateData: {
    executionRoleArn: 'arn:aws:iam::123456789012:role/job',
    releaseLabel: 'emr-6.15.0-latest',
    jobDriver: { sparkSubmitJobDriver: { entryPoint: 'local:///pi.py' } },
  },
};

function mockApi(overrides: Partial<EmrEksApi> = {}) {
  return mockEmrEksApi({
    listJobRuns: async () => ({ items: [failedRun] }),
    listJobTemplates: async () => ({ items: [nightly, plain] }),
    getJobTemplate: async (_ref, id) => (id === nightly.id ? nightly : plain),
    startJobRun: async (_ref, request) => ({
      id: 'run-new-1',
      name: request.name ?? 'nightly-etl',
      virtualClusterId: 'abc123',
    }),
    getJobRun: async () => ({
      ...runningRunDetail,
      id: 'run-new-1',
      name: 'backfill-0501',
    }),
    ...overrides,
  });
}

/** The button and its dialog alone: what most tests need, far cheaper than the whole tab. */
async function renderButton(
  api: EmrEksApi,
  options: { denied?: string[]; name?: string } = {},
) {
  const onStarted = jest.fn();
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [emrEksApiRef, api],
        [permissionApiRef, permissionApi(...(options.denied ?? []))],
      ]}
    >
      <StartJobRunButton
        entityRef={{ ...entityRef, name: options.name ?? entityRef.name }}
        onStarted={onStarted}
      />
    </TestApiProvider>,
  );
  return onStarted;
}

/** The whole EMR tab, for what happens around the dialog (the table's reload, the drawer). */
async function renderContent(api: EmrEksApi) {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [emrEksApiRef, api],
        [permissionApiRef, permissionApi()],
      ]}
    >
      <EntityProvider entity={virtualClusterEntity()}>
        <EntityEmrJobRunsContent />
      </EntityProvider>
    </TestApiProvider>,
  );
  await screen.findByText('nightly-etl');
}

/** Types a value at once; typing key by key is slow and tests only user-event. */
async function fill(field: HTMLElement, text: string) {
  await user().clear(field);
  await user().click(field);
  await user().paste(text);
}

async function openDialog() {
  await user().click(await screen.findByRole('button', { name: 'Start job' }));
  return screen.getByRole('dialog', { name: 'Start job' });
}

async function chooseTemplate(dialog: HTMLElement, name: string) {
  await user().selectOptions(
    await within(dialog).findByRole('combobox', { name: 'Job template' }),
    within(dialog).getByRole('option', { name }),
  );
}

describe('Start job', () => {
  it('prefills defaults and starts the run with the parameters', async () => {
    const api = mockApi();
    const onStarted = await renderButton(api);
    const dialog = await openDialog();

    const submit = within(dialog).getByRole('button', { name: 'Start run' });
    expect(submit).toBeDisabled();
    await chooseTemplate(dialog, 'nightly-etl');

    expect(api.getJobTemplate).toHaveBeenCalledWith(entityRef, 'tpl-nightly');
    const inputPath = await within(dialog).findByRole('textbox', {
      name: 'inputPath',
    });
    expect(inputPath).toHaveValue('');
    expect(inputPath).toHaveAttribute('aria-required', 'true');
    const partitions = within(dialog).getByRole('textbox', {
      name: 'partitions',
    });
    expect(partitions).toHaveValue('200');
    expect(within(dialog).getByRole('textbox', { name: 'date' })).toHaveValue(
      '2024-05-01',
    );
    expect(dialog).toHaveTextContent(
      'Release emr-7.2.0-latest, entry point s3://code/nightly_etl.py',
    );

    await fill(inputPath, 's3://in/2024-05-01/');
    await fill(partitions, '64');
    await fill(
      within(dialog).getByRole('textbox', { name: 'Run name' }),
      'backfill-0501',
    );
    expect(submit).toBeEnabled();
    await user().click(submit);

    await waitFor(() => expect(api.startJobRun).toHaveBeenCalledTimes(1));
    expect(api.startJobRun).toHaveBeenCalledWith(entityRef, {
      jobTemplateId: 'tpl-nightly',
      jobTemplateParameters: {
        inputPath: 's3://in/2024-05-01/',
        partitions: '64',
        date: '2024-05-01',
      },
      name: 'backfill-0501',
    });
    await waitFor(() => expect(dialog).not.toBeInTheDocument());
    expect(onStarted).toHaveBeenCalledWith({
      id: 'run-new-1',
      name: 'backfill-0501',
      virtualClusterId: 'abc123',
    });
  });

  it('on the EMR tab, says what started, reloads the table and shows the run', async () => {
    const api = mockApi();
    await renderContent(api);
    const dialog = await openDialog();
    await chooseTemplate(dialog, 'pi');
    await fill(
      await within(dialog).findByRole('textbox', { name: 'Run name' }),
      'backfill-0501',
    );
    await user().click(
      within(dialog).getByRole('button', { name: 'Start run' }),
    );

    await waitFor(() => expect(dialog).not.toBeInTheDocument());
    expect(
      await screen.findByText('Started job run backfill-0501 (run-new-1).'),
    ).toBeInTheDocument();
    await waitFor(() => expect(api.listJobRuns).toHaveBeenCalledTimes(2));

    await user().click(screen.getByRole('button', { name: 'Show run' }));
    expect(
      await screen.findByRole('dialog', { name: 'backfill-0501' }),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(api.getJobRun).toHaveBeenCalledWith(entityRef, 'run-new-1'),
    );
  });

  it('requires parameters without a default and checks numbers', async () => {
    const api = mockApi();
    await renderButton(api);
    const dialog = await openDialog();
    await chooseTemplate(dialog, 'nightly-etl');
    const partitions = await within(dialog).findByRole('textbox', {
      name: 'partitions',
    });
    await fill(partitions, 'lots');

    await user().click(
      within(dialog).getByRole('button', { name: 'Start run' }),
    );

    expect(
      within(dialog).getByRole('textbox', { name: 'inputPath' }),
    ).toHaveAccessibleDescription('Required');
    expect(partitions).toHaveAccessibleDescription('Must be a number');
    expect(partitions).toHaveAttribute('aria-invalid', 'true');
    expect(api.startJobRun).not.toHaveBeenCalled();

    // Fixing the values clears the errors and starts the run.
    await fill(
      within(dialog).getByRole('textbox', { name: 'inputPath' }),
      's3://in/',
    );
    await fill(partitions, '1.5e2');
    expect(partitions).toHaveAttribute('aria-invalid', 'false');
    // An emptied default is left out so that the template's default applies.
    await user().clear(within(dialog).getByRole('textbox', { name: 'date' }));
    await user().click(
      within(dialog).getByRole('button', { name: 'Start run' }),
    );

    await waitFor(() =>
      expect(api.startJobRun).toHaveBeenCalledWith(entityRef, {
        jobTemplateId: 'tpl-nightly',
        jobTemplateParameters: { inputPath: 's3://in/', partitions: '1.5e2' },
      }),
    );
  });

  it('checks the run name', async () => {
    const api = mockApi();
    await renderButton(api);
    const dialog = await openDialog();
    await chooseTemplate(dialog, 'pi');

    const runName = await within(dialog).findByRole('textbox', {
      name: 'Run name',
    });
    expect(dialog).toHaveTextContent('This template has no parameters.');
    await fill(runName, 'has spaces');
    expect(runName).toHaveAccessibleDescription(
      'Only letters, digits and . - _ / #',
    );
    await user().click(
      within(dialog).getByRole('button', { name: 'Start run' }),
    );
    expect(api.startJobRun).not.toHaveBeenCalled();

    await user().clear(runName);
    await user().click(
      within(dialog).getByRole('button', { name: 'Start run' }),
    );
    await waitFor(() =>
      expect(api.startJobRun).toHaveBeenCalledWith(entityRef, {
        jobTemplateId: 'tpl-plain',
      }),
    );
  });

  it('shows why the backend refused to start the run and keeps the form', async () => {
    const api = mockApi({
      startJobRun: async () => {
        throw new Error(
          'jobTemplateParameters.partitions must be at most 1000',
        );
      },
    });
    await renderButton(api);
    const dialog = await openDialog();
    await chooseTemplate(dialog, 'nightly-etl');
    await fill(
      await within(dialog).findByRole('textbox', { name: 'inputPath' }),
      's3://in/',
    );
    await user().click(
      within(dialog).getByRole('button', { name: 'Start run' }),
    );

    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'Could not start the job run. jobTemplateParameters.partitions must be at most 1000',
    );
    expect(
      within(dialog).getByRole('textbox', { name: 'inputPath' }),
    ).toHaveValue('s3://in/');
    expect(
      within(dialog).getByRole('button', { name: 'Start run' }),
    ).toBeEnabled();
  });

  it('says when there are no job templates', async () => {
    const api = mockApi({ listJobTemplates: async () => ({ items: [] }) });
    await renderButton(api);
    const dialog = await openDialog();

    expect(
      await within(dialog).findByText(/There are no job templates/),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByRole('button', { name: 'Start run' }),
    ).toBeDisabled();
    await user().click(within(dialog).getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(dialog).not.toBeInTheDocument());
  });

  it('is disabled with a reason without the start permission', async () => {
    const api = mockApi();
    // Another entity, so that no earlier test's permission answer is reused.
    await renderButton(api, {
      name: 'no-start-vc',
      denied: ['emr-eks.job-run.start'],
    });

    const start = screen.getByRole('button', { name: 'Start job' });
    await waitFor(() =>
      expect(start.parentElement).toHaveAttribute(
        'title',
        'You are not allowed to start job runs on this virtual cluster.',
      ),
    );
    expect(start).toBeDisabled();
    expect(api.listJobTemplates).not.toHaveBeenCalled();
  });
});
