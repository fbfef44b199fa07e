import { permissionApiRef } from '@backstage/plugin-permission-react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import {
  SparkApplicationTemplate,
  SparkApplicationTemplateRequest,
} from '@emr-eks/plugin-emr-eks-common';
import {
  act,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import { responseError } from '../../__testUtils__/cost';
import { mockEmrEksApi } from '../../__testUtils__/mockEmrEksApi';
import { permissionApi } from '../../__testUtils__/permissions';
import { user } from '../../__testUtils__/user';
import { EmrEksApi, emrEksApiRef } from '../../api';
import { SaveSparkApplicationTemplateButton } from './SaveSparkApplicationTemplateButton';

const saved: SparkApplicationTemplate = {
  name: 'taxi-zones',
  type: 'Scala',
  mainClass: 'ValueZones',
  mainApplicationFile: 's3://code/jars/spark-eks-assembly-3.3.0.jar',
  arguments: ['s3://nyc-tlc/csv_backup', '2017'],
  sparkConf: { 'spark.sql.shuffle.partitions': '64' },
  driver: { cores: 1, memory: '4g' },
  executor: { cores: 2, memory: '8g', instances: 3 },
  releaseLabel: 'emr-6.15.0',
  createdBy: 'user:default/ana',
  createdAt: '2025-03-14T10:00:00Z',
};

function savingApi(overrides: Partial<EmrEksApi> = {}) {
  return mockEmrEksApi({
    listSparkApplicationTemplates: async () => ({ items: [saved] }),
    saveSparkApplicationTemplate: async (_ref, request) => ({
      ...request,
      createdBy: 'user:default/ana',
      createdAt: '2025-03-15T09:00:00Z',
    }),
    ...overrides,
  });
}

/** `usePermission` caches per entity for the file, so each test names its own. */
async function renderButton(
  api: EmrEksApi,
  name: string,
  denied: string[] = [],
) {
  const onSaved = jest.fn();
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [emrEksApiRef, api],
        [permissionApiRef, permissionApi(...denied)],
      ]}
    >
      <SaveSparkApplicationTemplateButton
        entityRef={{ kind: 'Resource', namespace: 'default', name }}
        onSaved={onSaved}
      />
    </TestApiProvider>,
  );
  return {
    onSaved,
    entityRef: { kind: 'Resource', namespace: 'default', name },
  };
}

async function openDialog() {
  const open = await screen.findByRole('button', {
    name: 'Save Spark application template',
  });
  await waitFor(() => expect(open).toBeEnabled());
  await user().click(open);
  // The last: a dialog closed before may still be fading out.
  const title = (
    await screen.findAllByText('Save a Spark application template')
  ).at(-1)!;
  const dialog = title.closest<HTMLElement>('[role="dialog"]')!;
  // Named by its title, as the e2e test finds it.
  expect(
    document.getElementById(dialog.getAttribute('aria-labelledby')!),
  ).toHaveTextContent('Save a Spark application template');
  return dialog;
}

/**
 * A dialog's button by its text. Role queries compute every MUI node's accessible name:
 * in this long form that took seconds per query on a loaded machine.
 */
function button(scope: HTMLElement, text: string): HTMLButtonElement {
  return within(scope).getByText(text).closest('button')!;
}

/** Long values go in as one change each: typing them key by key only costs time. */
function fill(dialog: HTMLElement, label: string, value: string) {
  fireEvent.change(within(dialog).getByLabelText(label, { exact: false }), {
    target: { value },
  });
}

describe('SaveSparkApplicationTemplateButton', () => {
  it('saves exactly the template the fields say, arguments and Spark configuration parsed by line', async () => {
    // The answer waits for the test, so the dialog is seen busy in between.
    let answer: () => void = () => {};
    const api = savingApi({
      saveSparkApplicationTemplate: (_ref, request) =>
        new Promise(resolve => {
          answer = () =>
            resolve({
              ...request,
              createdBy: 'user:default/ana',
              createdAt: '2025-03-15T09:00:00Z',
            });
        }),
    });
    const { onSaved, entityRef } = await renderButton(api, 'saves');
    const dialog = await openDialog();

    fill(dialog, 'Name', 'daily-report');
    fill(dialog, 'Main application file', 's3://code/jars/report.jar');
    fill(dialog, 'Main class', 'com.example.Report');
    fill(dialog, 'Arguments', 's3://in/2025\n\n  --date=2025-03-14  \n');
    fill(
      dialog,
      'Spark configuration',
      'spark.sql.shuffle.partitions=64\n spark.executor.extraJavaOptions = -Da=b \n',
    );
    fill(dialog, 'Executor instances', '5');
    fill(dialog, 'Executor memory', '16g');
    await user().click(button(dialog, 'Save template'));

    const expected: SparkApplicationTemplateRequest = {
      name: 'daily-report',
      type: 'Scala',
      mainApplicationFile: 's3://code/jars/report.jar',
      mainClass: 'com.example.Report',
      arguments: ['s3://in/2025', '--date=2025-03-14'],
      sparkConf: {
        'spark.sql.shuffle.partitions': '64',
        'spark.executor.extraJavaOptions': '-Da=b',
      },
      driver: { cores: 1, memory: '4g' },
      executor: { cores: 2, memory: '16g', instances: 5 },
      releaseLabel: 'emr-6.15.0',
    };
    expect(button(dialog, 'Cancel')).toBeDisabled();
    act(() => answer());
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(api.saveSparkApplicationTemplate).toHaveBeenCalledTimes(1);
    expect(api.saveSparkApplicationTemplate).toHaveBeenCalledWith(
      entityRef,
      expected,
    );
    expect(onSaved.mock.calls[0][0].name).toBe('daily-report');
  });

  it('closes once saved, and the next dialog starts empty', async () => {
    const { onSaved } = await renderButton(savingApi(), 'saves-again');
    const dialog = await openDialog();
    fill(dialog, 'Name', 'daily-report');
    fill(dialog, 'Main application file', 's3://code/jars/report.jar');
    fill(dialog, 'Main class', 'com.example.Report');
    await user().click(button(dialog, 'Save template'));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    // Closed: the fields go at once (the dialog itself fades out).
    expect(
      within(dialog).queryByLabelText('Name', { exact: false }),
    ).toBeNull();

    const next = await openDialog();
    expect(within(next).getByLabelText('Name', { exact: false })).toHaveValue(
      '',
    );
    expect(button(next, 'Save template')).toBeEnabled();
    expect(button(next, 'Cancel')).toBeEnabled();
  });

  it('shows the backend refusal as it is and keeps every field as typed', async () => {
    const message =
      "Invalid body field: body field 'sparkConf' key 'spark.kubernetes.namespace' is set by the platform, not a template";
    const api = savingApi({
      saveSparkApplicationTemplate: async () => {
        throw await responseError(400, 'InputError', message);
      },
    });
    const { onSaved } = await renderButton(api, 'refused');
    const dialog = await openDialog();
    fill(dialog, 'Name', 'daily-report');
    fill(dialog, 'Main application file', 's3://code/jars/report.jar');
    fill(dialog, 'Main class', 'com.example.Report');
    fill(dialog, 'Spark configuration', 'spark.kubernetes.namespace=other');
    await user().click(button(dialog, 'Save template'));

    expect(await within(dialog).findByRole('alert')).toHaveTextContent(message);
    expect(onSaved).not.toHaveBeenCalled();
    expect(dialog).toBeInTheDocument();
    const value = (label: string) =>
      within(dialog).getByLabelText(label, { exact: false });
    expect(value('Name')).toHaveValue('daily-report');
    expect(value('Main class')).toHaveValue('com.example.Report');
    expect(value('Spark configuration')).toHaveValue(
      'spark.kubernetes.namespace=other',
    );
    expect(button(dialog, 'Save template')).toBeEnabled();
  });

  it('fills the fields from a saved template to save it under another name', async () => {
    const api = savingApi();
    const { onSaved, entityRef } = await renderButton(api, 'save-as');
    const dialog = await openDialog();
    const from = await within(dialog).findByRole('combobox', {
      name: /Start from a saved template/,
    });
    await waitFor(() => expect(from).toBeEnabled());
    await user().selectOptions(from, 'taxi-zones');
    expect(
      within(dialog).getByText(/Saving replaces the saved template taxi-zones/),
    ).toBeInTheDocument();
    fill(dialog, 'Name', 'taxi-zones-large');
    fill(dialog, 'Executor instances', '10');
    await user().click(button(dialog, 'Save template'));

    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    const { createdBy: _by, createdAt: _at, ...request } = saved;
    expect(api.saveSparkApplicationTemplate).toHaveBeenCalledWith(entityRef, {
      ...request,
      name: 'taxi-zones-large',
      executor: { ...request.executor, instances: 10 },
    });
  });

  it('sends no main class for Python, and sends nothing while a line is not key=value', async () => {
    const api = savingApi();
    const { onSaved, entityRef } = await renderButton(api, 'python');
    const dialog = await openDialog();
    fill(dialog, 'Main class', 'com.example.Gone');
    await user().selectOptions(
      within(dialog).getByRole('combobox', { name: /^Type/ }),
      'Python',
    );
    expect(
      within(dialog).queryByLabelText('Main class', { exact: false }),
    ).toBeNull();
    fill(dialog, 'Name', 'wordcount');
    fill(dialog, 'Main application file', 's3://code/wordcount.py');
    fill(dialog, 'Spark configuration', 'spark.sql.shuffle.partitions');
    const save = button(dialog, 'Save template');
    await user().click(save);
    expect(dialog).toHaveTextContent(
      "'spark.sql.shuffle.partitions' is not key=value",
    );
    expect(api.saveSparkApplicationTemplate).not.toHaveBeenCalled();

    fill(dialog, 'Spark configuration', '');
    await user().click(save);
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(api.saveSparkApplicationTemplate).toHaveBeenCalledWith(entityRef, {
      name: 'wordcount',
      type: 'Python',
      mainApplicationFile: 's3://code/wordcount.py',
      arguments: [],
      sparkConf: {},
      driver: { cores: 1, memory: '4g' },
      executor: { cores: 2, memory: '8g', instances: 3 },
      releaseLabel: 'emr-6.15.0',
    });
  });

  it('is disabled, with the reason, for a user who may not start applications', async () => {
    await renderButton(savingApi(), 'denied', ['emr-eks.job-run.start']);
    const button = await screen.findByRole('button', {
      name: 'Save Spark application template',
    });
    await waitFor(() =>
      expect(button.parentElement).toHaveAttribute(
        'title',
        'You are not allowed to save Spark application templates on this virtual cluster.',
      ),
    );
    expect(button).toBeDisabled();
  });
});
