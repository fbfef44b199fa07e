import { permissionApiRef } from '@backstage/plugin-permission-react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { SparkConnectServer } from '@emr-eks/plugin-emr-eks-common';
import { screen, waitFor, within } from '@testing-library/react';
import { responseError } from '../../__testUtils__/cost';
import { mockEmrEksApi } from '../../__testUtils__/mockEmrEksApi';
import { permissionApi } from '../../__testUtils__/permissions';
import { user } from '../../__testUtils__/user';
import { EmrEksApi, emrEksApiRef } from '../../api';
import { copyText } from '../shared/copyText';
import {
  SPARK_CONNECT_TEMPLATE_PATH,
  SparkConnectSection,
} from './SparkConnectSection';

const ADDRESS = 'sc://spark.data-team-a.example.com:443/;use_ssl=true';
const running: SparkConnectServer = {
  name: 'team-connect',
  state: 'RUNNING',
  hostname: 'spark.data-team-a.example.com',
  address: ADDRESS,
  snippet: `from pyspark.sql import SparkSession\n\nspark = SparkSession.builder.remote("${ADDRESS}").getOrCreate()`,
  inboundCidrs: ['203.0.113.0/24'],
};
const list = (items: SparkConnectServer[]) => ({
  items,
  cluster: 'analytics-shared',
  namespace: 'data-team-a',
});

async function renderSection(
  api: EmrEksApi,
  options: { name?: string; denied?: string[] } = {},
) {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [emrEksApiRef, api],
        [permissionApiRef, permissionApi(...(options.denied ?? []))],
      ]}
    >
      <SparkConnectSection
        entityRef={{
          kind: 'Resource',
          namespace: 'default',
          name: options.name ?? 'team-a',
        }}
      />
    </TestApiProvider>,
  );
}

describe('SparkConnectSection', () => {
  it('shows the address and copies the client snippet', async () => {
    const api = mockEmrEksApi({
      listSparkConnectServers: async () => list([running]),
    });
    await renderSection(api);
    const server = await screen.findByRole('region', {
      name: 'Spark Connect server team-connect',
    });
    expect(within(server).getByText('RUNNING')).toBeInTheDocument();
    expect(within(server).getByText(ADDRESS)).toBeInTheDocument();
    expect(
      within(server).getByText('Reachable from 203.0.113.0/24'),
    ).toBeInTheDocument();

    const clicks = user(); // puts a clipboard on navigator
    const writeText = jest.spyOn(navigator.clipboard, 'writeText');
    await clicks.click(
      within(server).getByRole('button', { name: 'Copy client code' }),
    );
    expect(writeText).toHaveBeenCalledWith(running.snippet);
    expect(
      within(server).getByRole('button', { name: 'Copied' }),
    ).toBeInTheDocument();
  });

  it('stops a running server after a confirmation, then offers Start', async () => {
    const api = mockEmrEksApi({
      listSparkConnectServers: async () => list([running]),
      stopSparkConnectServer: async () => ({ ...running, state: 'STOPPED' }),
    });
    await renderSection(api, { name: 'team-a-stop' });
    const stop = await screen.findByRole('button', { name: 'Stop' });
    await waitFor(() => expect(stop).toBeEnabled());
    api.listSparkConnectServers.mockResolvedValue(
      list([{ ...running, state: 'STOPPED', stoppedBy: 'user:default/alice' }]),
    );
    await user().click(stop);
    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent('Stop Spark Connect server team-connect?');
    await user().click(within(dialog).getByRole('button', { name: 'Confirm' }));
    await waitFor(() =>
      expect(api.stopSparkConnectServer).toHaveBeenCalledWith(
        { kind: 'Resource', namespace: 'default', name: 'team-a-stop' },
        'team-connect',
      ),
    );
    expect(
      await screen.findByRole('button', { name: 'Start' }),
    ).toBeInTheDocument();
    expect(screen.getByText('STOPPED')).toBeInTheDocument();
  });

  it('disables Stop for a caller without the permission', async () => {
    const api = mockEmrEksApi({
      listSparkConnectServers: async () => list([running]),
    });
    await renderSection(api, {
      name: 'team-a-denied',
      denied: ['emr-eks.job-run.cancel'],
    });
    const stop = await screen.findByRole('button', { name: 'Stop' });
    await waitFor(() => expect(stop).toBeDisabled());
  });

  it('says how to create one when there is none', async () => {
    const empty = mockEmrEksApi({
      listSparkConnectServers: async () => list([]),
    });
    await renderSection(empty);
    const link = await screen.findByRole('link', {
      name: 'Create a Spark Connect endpoint for a team',
    });
    expect(link).toHaveAttribute('href', SPARK_CONNECT_TEMPLATE_PATH);
  });

  it("names the backend's reason when the servers cannot be read", async () => {
    const api = mockEmrEksApi({
      listSparkConnectServers: async () => {
        throw await responseError(
          503,
          'ServiceUnavailableError',
          "the Kubernetes API of cluster 'analytics-shared' could not be reached",
        );
      },
    });
    await renderSection(api);
    expect(
      await screen.findByText(
        /cluster 'analytics-shared' could not be reached/,
      ),
    ).toBeInTheDocument();
  });
});

describe('copyText', () => {
  it('falls back to the copy command where the Clipboard API is missing', async () => {
    const clipboard = Object.getOwnPropertyDescriptor(navigator, 'clipboard');
    Object.defineProperty(navigator, 'clipboard', {
      value: undefined,
      configurable: true,
    });
    const execCommand = jest.fn(() => true);
    (document as any).execCommand = execCommand;
    try {
      await copyText('sc://x:443/;use_ssl=true');
      expect(execCommand).toHaveBeenCalledWith('copy');
      expect(document.querySelector('textarea')).toBeNull();
    } finally {
      if (clipboard) Object.defineProperty(navigator, 'clipboard', clipboard);
      delete (document as any).execCommand;
    }
  });
});
