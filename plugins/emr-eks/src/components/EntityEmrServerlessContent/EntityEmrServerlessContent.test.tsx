import { EntityProvider } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import { EmrEksApi, emrEksApiRef } from '../../api';
import { mockEmrEksApi } from '../../__testUtils__/mockEmrEksApi';
import { permissionApi } from '../../__testUtils__/permissions';
import {
  applicationEntity,
  failedServerlessRun,
  failedServerlessRunDetail,
  jobDefinition,
  runningServerlessRun,
} from '../../__testUtils__/serverless';
import { user } from '../../__testUtils__/user';
import { EntityEmrServerlessContent } from './EntityEmrServerlessContent';

const entityRef = {
  kind: 'Resource',
  namespace: 'default',
  name: 'spark-team-a-us-east-1',
};

function mockApi(overrides: Partial<EmrEksApi> = {}) {
  return mockEmrEksApi({
    listServerlessJobRuns: async () => ({
      items: [runningServerlessRun, failedServerlessRun],
    }),
    getServerlessJobRun: async () => failedServerlessRunDetail,
    listServerlessJobDefinitions: async () => ({ items: [jobDefinition] }),
    ...overrides,
  });
}

/** The tab for one entity; `name` lets a test with a denied permission use its own entity. */
async function renderTab(
  api: EmrEksApi,
  options: { denied?: string[]; name?: string; path?: string } = {},
) {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [emrEksApiRef, api],
        [permissionApiRef, permissionApi(...(options.denied ?? []))],
      ]}
    >
      <EntityProvider entity={applicationEntity(options.name)}>
        <EntityEmrServerlessContent />
      </EntityProvider>
    </TestApiProvider>,
    options.path ? { routeEntries: [options.path] } : undefined,
  );
}

describe('EntityEmrServerlessContent', () => {
  it('lists the runs and asks for the states chosen', async () => {
    const api = mockApi();
    await renderTab(api);

    expect(await screen.findByText('orders-etl')).toBeInTheDocument();
    expect(screen.getByText('sessionize')).toBeInTheDocument();
    expect(api.listServerlessJobRuns).toHaveBeenLastCalledWith(entityRef, {
      maxResults: 25,
    });
    // A run is RUNNING: the page says it refreshes itself.
    expect(screen.getByText(/Refreshing every 5 seconds/)).toBeInTheDocument();

    await user().click(screen.getByRole('textbox', { name: 'State' }));
    await user().click(screen.getByRole('option', { name: 'SCHEDULED' }));
    await waitFor(() =>
      expect(api.listServerlessJobRuns).toHaveBeenLastCalledWith(entityRef, {
        states: ['SCHEDULED'],
        maxResults: 25,
      }),
    );
  });

  it("opens a failed run's details with its failure explained, utilisation and attempts", async () => {
    const api = mockApi();
    await renderTab(api, {
      path: `/?jobRun=${failedServerlessRun.id}`,
    });

    const drawer = await screen.findByRole('dialog', { name: 'orders-etl' });
    const why = await within(drawer).findByLabelText('Why the run failed');
    expect(why).toHaveTextContent('EMR Serverless says:');
    expect(why).toHaveTextContent(/A worker ran out of memory/);
    expect(why).not.toHaveTextContent(/memoryOverheadFactor/);

    const resources = within(drawer).getByRole('table', {
      name: 'Resource utilisation',
    });
    const vcpu = within(resources).getByRole('row', { name: /vCPU/ });
    expect(vcpu).toHaveTextContent('2.5 vCPU-hours');
    expect(vcpu).toHaveTextContent('2.6 vCPU-hours');
    expect(within(drawer).getByText('19m 00s')).toBeInTheDocument();
    expect(within(drawer).getByText('2 of at most 2')).toBeInTheDocument();
    const attempts = within(drawer).getByRole('table', { name: 'Attempts' });
    expect(
      within(attempts).getAllByRole('row', { name: /FAILED/ }),
    ).toHaveLength(2);
    expect(api.getServerlessJobRun).toHaveBeenCalledWith(
      entityRef,
      failedServerlessRun.id,
    );
  });

  it('opens the dashboard link in a new tab, away from the portal', async () => {
    const url = 'https://p-run.emrappui-prod.us-east-1.amazonaws.com/shs/';
    const api = mockApi({ getServerlessDashboard: async () => ({ url }) });
    const tab = { opener: {}, location: { href: '' }, close: jest.fn() };
    const open = jest.spyOn(window, 'open').mockReturnValue(tab as any);
    try {
      await renderTab(api, { path: `/?jobRun=${failedServerlessRun.id}` });
      await user().click(
        await screen.findByRole('button', { name: 'Open Spark UI' }),
      );
      await waitFor(() => expect(tab.location.href).toBe(url));
      expect(tab.opener).toBeNull();
      expect(open).toHaveBeenCalledWith('', '_blank');
    } finally {
      open.mockRestore();
    }
  });

  it('starts a run from a saved job definition and offers to show it', async () => {
    const api = mockApi({
      startServerlessJobRun: async () => ({
        id: '00fsrun0new00001',
        name: 'backfill',
        arn: `${failedServerlessRun.arn}x`,
        applicationId: '00fsa0a1b2c3d4e5',
      }),
    });
    await renderTab(api);
    await screen.findByText('orders-etl');

    await user().click(screen.getByRole('button', { name: 'Start job run' }));
    const dialog = screen.getByRole('dialog', { name: 'Start job run' });
    const submit = within(dialog).getByRole('button', { name: 'Start run' });
    expect(submit).toBeDisabled();
    await user().selectOptions(
      await within(dialog).findByRole('combobox', { name: 'Job definition' }),
      'daily-orders',
    );
    expect(dialog).toHaveTextContent('Runs s3://code/orders_etl.py');
    await user().type(
      within(dialog).getByRole('textbox', { name: 'Run name' }),
      'backfill',
    );
    await user().click(submit);

    expect(api.startServerlessJobRun).toHaveBeenCalledWith(entityRef, {
      jobDefinition: 'daily-orders',
      name: 'backfill',
    });
    expect(
      await screen.findByText(/Started job run backfill \(00fsrun0new00001\)/),
    ).toBeInTheDocument();
  });

  it('keeps Start job run disabled for a user who may not start runs', async () => {
    await renderTab(mockApi(), {
      denied: ['emr-eks.job-run.start'],
      name: 'someone-elses-app',
    });
    await screen.findByText('orders-etl');
    await waitFor(() =>
      expect(
        screen.getByRole('button', { name: 'Start job run' }),
      ).toBeDisabled(),
    );
  });

  it('shows the backend’s reason when the runs cannot be read', async () => {
    const api = mockApi({
      listServerlessJobRuns: async () => {
        throw new Error('EMR Serverless is unavailable');
      },
    });
    await renderTab(api);
    expect(
      await screen.findByText(/Could not load job runs/),
    ).toBeInTheDocument();
  });
});
