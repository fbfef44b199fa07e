import { Entity } from '@backstage/catalog-model';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import { user } from '../../__testUtils__/user';
import { EmrEksApi, emrEksApiRef } from '../../api';
import {
  costReport,
  costTotals,
  responseError,
} from '../../__testUtils__/cost';
import {
  failedRunDetail,
  virtualClusterEntity,
} from '../../__testUtils__/fixtures';
import { mockEmrEksApi } from '../../__testUtils__/mockEmrEksApi';
import { EntityEmrCostContent } from './EntityEmrCostContent';

const clusterRef = {
  kind: 'Resource',
  namespace: 'default',
  name: 'analytics-vc',
};

const group: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'team-a', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

async function renderCost(
  api: EmrEksApi,
  entity: Entity = virtualClusterEntity(),
  props: { emrTabPath?: string } = {},
) {
  return renderInTestApp(
    <TestApiProvider apis={[[emrEksApiRef, api]]}>
      <EntityProvider entity={entity}>
        <EntityEmrCostContent {...props} />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

const region = (name: string) => screen.getByRole('region', { name });
const rowOf = (table: HTMLElement, header: string) =>
  within(table).getByRole('rowheader', { name: header }).closest('tr')!;
const cellsOf = (row: HTMLElement) =>
  within(row)
    .getAllByRole('cell')
    .map(cell => cell.textContent);

describe('EntityEmrCostContent', () => {
  it('shows the total and its change, compute, uplift with its basis and efficiency', async () => {
    const api = mockEmrEksApi({ getCost: async () => costReport() });
    await renderCost(api);

    expect(await screen.findByRole('heading', { name: 'Cost' })).toBeVisible();
    expect(api.getCost).toHaveBeenCalledWith(clusterRef, { window: '30d' });
    expect(screen.getByRole('combobox', { name: 'Window' })).toHaveValue('30d');

    expect(region('Total')).toHaveTextContent('$1,234.56');
    expect(region('Total')).toHaveTextContent('+12% vs previous 30 days');
    expect(region('Compute')).toHaveTextContent('$1,000.00');
    expect(region('Compute')).toHaveTextContent(
      '2,500 core-hours, 10,000.5 GB-hours',
    );
    expect(region('EMR uplift')).toHaveTextContent('$234.56 (estimated)');
    expect(region('EMR uplift')).toHaveTextContent(
      'requested vCPU and GB-hours at published EMR on EKS rates',
    );
    expect(region('CPU efficiency')).toHaveTextContent('43%');
    expect(region('RAM efficiency')).toHaveTextContent('61%');
    expect(
      screen.getByText(/May 1, 2024 to May 30, 2024 \(UTC\)/),
    ).toBeInTheDocument();
  });

  it('says how the total compares with a smaller or empty period before', async () => {
    const api = mockEmrEksApi({
      getCost: async () =>
        costReport({
          previous: {
            window: {
              start: '2024-04-24T00:00:00Z',
              end: '2024-05-01T00:00:00Z',
            },
            totals: costTotals({ total: 2469.12 }),
          },
        }),
    });
    await renderCost(api);
    expect(
      await screen.findByRole('region', { name: 'Total' }),
    ).toHaveTextContent('-50% vs previous 7 days');
  });

  it('makes no comparison with a period the stored history does not reach', async () => {
    const api = mockEmrEksApi({
      getCost: async () =>
        costReport({
          previous: { ...costReport().previous, covered: false },
          historyStart: '2024-04-20T13:00:00.000Z',
        }),
    });
    await renderCost(api);
    const total = await screen.findByRole('region', { name: 'Total' });
    expect(total).toHaveTextContent('no comparison: history starts 2024-04-20');
    expect(total).not.toHaveTextContent('vs previous');
  });

  it('draws the daily cost from the report', async () => {
    const api = mockEmrEksApi({ getCost: async () => costReport() });
    await renderCost(api);

    const card = (
      await screen.findByRole('heading', { name: 'Daily cost' })
    ).closest('article, .MuiCard-root') as HTMLElement;
    // Every day of the window, most on May 3 (compute and uplift together).
    expect(within(card).getByRole('img')).toHaveAccessibleName(
      'Daily cost, compute and EMR uplift stacked, May 1 to May 30: $1,234.56 in all, most on May 3 ($734.56)',
    );
  });

  it('breaks compute down by Spark component and capacity type', async () => {
    const api = mockEmrEksApi({ getCost: async () => costReport() });
    await renderCost(api);

    const components = await screen.findByRole('table', {
      name: 'Compute by Spark component',
    });
    expect(
      within(components)
        .getAllByRole('rowheader')
        .map(header => header.textContent),
    ).toEqual(['Executors', 'Driver', 'Job submitter']);
    expect(cellsOf(rowOf(components, 'Executors'))).toEqual(['$800.00', '80%']);
    expect(cellsOf(rowOf(components, 'Driver'))).toEqual(['$150.00', '15%']);
    expect(cellsOf(rowOf(components, 'Job submitter'))).toEqual([
      '$50.00',
      '5%',
    ]);

    const capacity = screen.getByRole('table', {
      name: 'Compute by capacity type',
    });
    expect(cellsOf(rowOf(capacity, 'Spot'))).toEqual(['$750.00', '75%']);
    expect(cellsOf(rowOf(capacity, 'On-demand'))).toEqual(['$250.00', '25%']);
  });

  it("lists the most expensive runs, each opening on the cluster's EMR tab", async () => {
    const api = mockEmrEksApi({ getCost: async () => costReport() });
    await renderCost(api);

    const table = await screen.findByRole('table', {
      name: 'Most expensive job runs',
    });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map(header => header.textContent),
    ).toEqual([
      'Job run',
      'Compute',
      'EMR uplift',
      'Total',
      'CPU efficiency',
      'RAM efficiency',
    ]);
    expect(
      within(table).getByRole('link', { name: 'run-dear' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/resource/analytics-vc/emr?jobRun=run-dear',
    );
    expect(cellsOf(rowOf(table, 'run-dear'))).toEqual([
      '$500.00',
      '$100.00 (billed)',
      '$600.00',
      '90%',
      '50%',
    ]);
    expect(cellsOf(rowOf(table, 'run-cheap'))).toEqual([
      '$80.00',
      '$20.00 (partly estimated)',
      '$100.00',
      '–',
      '–',
    ]);
  });

  it('says "uplift not priced for eu-west-1" instead of a number where the region has no price', async () => {
    const unpriced = costTotals({
      compute: 40,
      uplift: null,
      total: null,
      upliftBasis: 'mixed',
      upliftUnpricedRegions: ['eu-west-1'],
    });
    const api = mockEmrEksApi({
      getCost: async () =>
        costReport({
          totals: unpriced,
          topJobRuns: [
            {
              jobRunId: 'run-eu',
              virtualClusterId: 'abc123',
              entityRef: 'resource:default/analytics-vc',
              ...unpriced,
              upliftBasis: 'unpriced',
            },
          ],
          daily: [
            {
              date: '2024-05-01',
              compute: 40,
              uplift: null,
              upliftBasis: 'unpriced',
              upliftUnpricedRegions: ['eu-west-1'],
            },
          ],
        }),
    });
    await renderCost(api);

    const uplift = await screen.findByRole('region', { name: 'EMR uplift' });
    expect(uplift).toHaveTextContent('uplift not priced for eu-west-1');
    expect(uplift).not.toHaveTextContent('$');
    expect(uplift).toHaveTextContent('Not priced');
    expect(region('Total')).toHaveTextContent('$40.00 + uplift');
    expect(region('Total')).toHaveTextContent(
      'Compute only: uplift not priced for eu-west-1',
    );
    const table = screen.getByRole('table', {
      name: 'Most expensive job runs',
    });
    expect(cellsOf(rowOf(table, 'run-eu'))).toEqual([
      '$40.00',
      'uplift not priced for eu-west-1',
      '–',
      '–',
      '–',
    ]);
    expect(
      screen.getByRole('img', { name: /^Daily cost/ }),
    ).toHaveAccessibleName(
      expect.stringContaining('uplift not priced for eu-west-1, not included'),
    );
  });

  it("on a Group's page, says which cluster each run ran on and links to its EMR tab", async () => {
    const report = costReport({
      virtualClusters: [
        {
          entityRef: 'resource:default/analytics-vc',
          virtualClusterId: 'abc123',
        },
        {
          entityRef: 'resource:data/streaming-vc',
          virtualClusterId: 'def456',
        },
      ],
      topJobRuns: [
        {
          ...costReport().topJobRuns[0],
          jobRunId: 'run-stream',
          virtualClusterId: 'def456',
          // Found through the report's virtual clusters.
          entityRef: undefined,
        },
      ],
    });
    const api = mockEmrEksApi({ getCost: async () => report });
    await renderCost(api, group, { emrTabPath: 'spark' });

    const table = await screen.findByRole('table', {
      name: 'Most expensive job runs',
    });
    expect(api.getCost).toHaveBeenCalledWith(
      { kind: 'Group', namespace: 'default', name: 'team-a' },
      { window: '30d' },
    );
    const row = rowOf(table, 'run-stream');
    expect(
      within(row).getByRole('link', { name: 'run-stream' }),
    ).toHaveAttribute(
      'href',
      '/catalog/data/resource/streaming-vc/spark?jobRun=run-stream',
    );
    expect(
      within(row).getByRole('link', { name: /streaming-vc/ }),
    ).toHaveAttribute('href', '/catalog/data/resource/streaming-vc');
  });

  it("on a Group's page, breaks the spend down by virtual cluster, each linking to its Cost tab", async () => {
    const cluster = (name: string, id: string, total: number) => ({
      entityRef: `resource:default/${name}`,
      virtualClusterId: id,
      accountId: '123456789012',
      region: 'us-east-1',
      totals: costTotals({ compute: total, uplift: 0, total }),
      daily: [],
    });
    const api = mockEmrEksApi({
      getCost: async () =>
        costReport({
          byVirtualCluster: [
            cluster('analytics-vc', 'abc123', 300),
            cluster('streaming-vc', 'def456', 100),
          ],
        }),
    });
    await renderCost(api, group);

    const table = await screen.findByRole('table', {
      name: 'Cost by virtual cluster',
    });
    const row = rowOf(table, 'streaming-vc');
    expect(
      within(row).getByRole('link', { name: 'streaming-vc' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/resource/streaming-vc/emr-cost',
    );
    expect(row).toHaveTextContent('$100.00');
    expect(row).toHaveTextContent('25%');
    // The daily chart stacks the clusters instead of compute and uplift.
    expect(
      screen.getByRole('img', { name: /^Daily cost/ }),
    ).toHaveAccessibleName(
      expect.stringContaining(
        'by virtual cluster stacked (analytics-vc, streaming-vc)',
      ),
    );
  });

  it('shows each top run’s name and start, read once per run', async () => {
    const api = mockEmrEksApi({
      getCost: async () => costReport(),
      getJobRun: async (_ref, id) => ({
        ...failedRunDetail,
        id,
        name: `${id}-name`,
        createdAt: '2024-05-02T08:00:00Z',
      }),
    });
    await renderCost(api);

    const table = await screen.findByRole('table', {
      name: 'Most expensive job runs',
    });
    // The rowheader's name grows with the name and start; the link keeps the id.
    const row = within(table)
      .getByRole('link', { name: 'run-dear' })
      .closest('tr')!;
    await waitFor(() =>
      expect(within(row).getByText(/^run-dear-name · /)).toBeInTheDocument(),
    );
    expect(api.getJobRun).toHaveBeenCalledWith(
      expect.objectContaining({ namespace: 'default', name: 'analytics-vc' }),
      'run-dear',
    );
    expect(api.getJobRun).toHaveBeenCalledTimes(2);
  });

  it('reads the cost again for another window', async () => {
    const api = mockEmrEksApi({
      getCost: async (_ref, query) =>
        'window' in query && query.window === '7d'
          ? costReport({
              window: {
                start: '2024-05-24T00:00:00Z',
                end: '2024-05-31T00:00:00Z',
              },
              totals: costTotals({ compute: 300, uplift: 21, total: 321 }),
              previous: {
                window: {
                  start: '2024-05-17T00:00:00Z',
                  end: '2024-05-24T00:00:00Z',
                },
                totals: costTotals({ total: 300 }),
              },
            })
          : costReport(),
    });
    await renderCost(api);
    expect(
      await screen.findByRole('region', { name: 'Total' }),
    ).toHaveTextContent('$1,234.56');

    await user().selectOptions(
      screen.getByRole('combobox', { name: 'Window' }),
      '7 days',
    );

    await waitFor(() => expect(region('Total')).toHaveTextContent('$321.00'));
    expect(region('Total')).toHaveTextContent('+7% vs previous 7 days');
    expect(api.getCost).toHaveBeenLastCalledWith(clusterRef, { window: '7d' });
    expect(api.getCost).toHaveBeenCalledTimes(2);
  });

  describe('Download CSV', () => {
    const createObjectURL = jest.fn(() => 'blob:emr-cost');
    const revokeObjectURL = jest.fn();
    let clicked: HTMLAnchorElement[];

    beforeEach(() => {
      clicked = [];
      Object.assign(URL, { createObjectURL, revokeObjectURL });
      jest
        .spyOn(HTMLAnchorElement.prototype, 'click')
        .mockImplementation(function recordClick(this: HTMLAnchorElement) {
          clicked.push(this);
        });
    });
    afterEach(() => jest.restoreAllMocks());

    it("saves the window's CSV fetched through the client", async () => {
      const blob = new Blob(['date,total\n'], { type: 'text/csv' });
      const api = mockEmrEksApi({
        getCost: async () => costReport(),
        getCostCsv: async () => ({ blob, filename: 'emr-eks-cost-vc.csv' }),
      });
      await renderCost(api);
      await screen.findByRole('region', { name: 'Total' });
      await user().selectOptions(
        screen.getByRole('combobox', { name: 'Window' }),
        '90 days',
      );

      await user().click(screen.getByRole('button', { name: 'Download CSV' }));

      await waitFor(() => expect(clicked).toHaveLength(1));
      expect(api.getCostCsv).toHaveBeenCalledWith(clusterRef, {
        window: '90d',
      });
      expect(createObjectURL).toHaveBeenCalledWith(blob);
      expect(clicked[0].download).toBe('emr-eks-cost-vc.csv');
      expect(clicked[0].getAttribute('href')).toBe('blob:emr-cost');
      await waitFor(() =>
        expect(revokeObjectURL).toHaveBeenCalledWith('blob:emr-cost'),
      );
    });

    it('says when the CSV could not be fetched', async () => {
      const api = mockEmrEksApi({
        getCost: async () => costReport(),
        getCostCsv: async () => {
          throw await responseError(
            403,
            'NotAllowedError',
            'Not allowed to read the cost of resource:default/analytics-vc',
          );
        },
      });
      await renderCost(api);
      await user().click(
        await screen.findByRole('button', { name: 'Download CSV' }),
      );

      expect(
        await screen.findByText(
          'Could not download the CSV: Not allowed to read the cost of resource:default/analytics-vc',
        ),
      ).toBeInTheDocument();
      expect(clicked).toHaveLength(0);
    });
  });

  it('says how far the history goes when it lags more than two hours', async () => {
    const completeUntil = new Date(Date.now() - 5 * 3600_000).toISOString();
    const api = mockEmrEksApi({
      getCost: async () => costReport({ completeUntil }),
    });
    await renderCost(api);
    expect(
      await screen.findByText(/^History complete until .+\. Later hours/),
    ).toBeInTheDocument();
  });

  it('says nothing of the history when it is recent', async () => {
    const completeUntil = new Date(Date.now() - 30 * 60_000).toISOString();
    const api = mockEmrEksApi({
      getCost: async () => costReport({ completeUntil }),
    });
    await renderCost(api);
    await screen.findByRole('region', { name: 'Total' });
    expect(
      screen.queryByText(/History complete until/),
    ).not.toBeInTheDocument();
  });

  it('says plainly when the user may not see the cost', async () => {
    const api = mockEmrEksApi({
      getCost: async () => {
        throw await responseError(
          403,
          'NotAllowedError',
          'Not allowed to read the cost of resource:default/analytics-vc',
        );
      },
    });
    await renderCost(api);

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('You are not allowed to see this cost');
    expect(alert).toHaveTextContent('emr-eks.cost.read');
    expect(screen.getByRole('button', { name: 'Download CSV' })).toBeDisabled();
    expect(
      screen.queryByRole('region', { name: 'Total' }),
    ).not.toBeInTheDocument();
  });

  it.each([
    [404, 'CostNotConfiguredError'],
    [501, 'NotImplementedError'],
  ])(
    'says calmly that cost is not set up (%s %s), with a link to the docs',
    async (status, name) => {
      const api = mockEmrEksApi({
        getCost: async () => {
          throw await responseError(
            status,
            name,
            'EMR on EKS cost is not configured for this Backstage instance (emrEks.cost)',
          );
        },
      });
      await renderCost(api);

      expect(
        await screen.findByText('Cost is not set up in this portal'),
      ).toBeInTheDocument();
      expect(
        screen.getByRole('link', { name: 'How to set up cost' }),
      ).toHaveAttribute('href', expect.stringContaining('#cost'));
      expect(screen.queryByRole('alert')).not.toBeInTheDocument();
      expect(screen.queryByText(/Could not load/)).not.toBeInTheDocument();
    },
  );

  it("shows the backend's error, e.g. Kubecost down without history", async () => {
    const api = mockEmrEksApi({
      getCost: async () => {
        throw await responseError(
          503,
          'ServiceUnavailableError',
          'Kubecost is unreachable and no cost history is stored yet',
        );
      },
    });
    await renderCost(api);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not load cost. Kubecost is unreachable and no cost history is stored yet',
    );
  });

  it("shows an EMR Serverless application's cost, its runs' billed use and the price it used", async () => {
    const application: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: { name: 'etl-serverless', namespace: 'default' },
      spec: { type: 'emr-serverless-application', owner: 'team-a' },
    };
    const api = mockEmrEksApi({
      getCost: async () =>
        costReport({
          totals: costTotals({
            compute: 0,
            uplift: 0,
            total: 12.5,
            serverless: 12.5,
          }),
          topJobRuns: [],
          serverlessApplications: [
            {
              entityRef: 'resource:default/etl-serverless',
              accountId: '123456789012',
              region: 'us-east-1',
              applicationId: '00fsa0a1b2c3d4e5',
            },
          ],
          byServerlessApplication: [
            {
              entityRef: 'resource:default/etl-serverless',
              accountId: '123456789012',
              region: 'us-east-1',
              applicationId: '00fsa0a1b2c3d4e5',
              total: 12.5,
              jobRuns: 4,
              vcpuHours: 200,
              memoryGbHours: 800,
              storageGbHours: 0,
              prices: [
                {
                  region: 'us-east-1',
                  vcpuHour: 0.052624,
                  memoryGbHour: 0.0057785,
                  storageGbHour: 0.000111,
                  source: 'the published table',
                },
              ],
              daily: [],
            },
          ],
        }),
    });
    await renderCost(api, application);
    expect(
      await screen.findByRole('region', { name: 'EMR Serverless' }),
    ).toHaveTextContent('$12.50');
    expect(api.getCost).toHaveBeenCalledWith(
      { kind: 'Resource', namespace: 'default', name: 'etl-serverless' },
      { window: '30d' },
    );
    const table = screen.getByRole('table', {
      name: 'Cost by EMR Serverless application',
    });
    expect(cellsOf(rowOf(table, 'etl-serverless'))).toEqual([
      '4',
      '200',
      '800',
      '0',
      '$12.50',
      'us-east-1: $0.052624/vCPU-hour, $0.0057785/GB-hour memory, $0.000111/GB-hour storage (the published table)',
    ]);
    // EMR on EKS parts that cannot apply to an application are not shown.
    expect(
      screen.queryByRole('heading', { name: 'Most expensive job runs' }),
    ).not.toBeInTheDocument();
  });

  it('says an unpriced EMR Serverless application is unpriced, and why', async () => {
    const api = mockEmrEksApi({
      getCost: async () =>
        costReport({
          totals: costTotals({ total: null, serverless: null }),
          serverlessApplications: [],
          byServerlessApplication: [
            {
              accountId: '123456789012',
              region: 'af-south-1',
              applicationId: 'cape',
              total: null,
              jobRuns: 1,
              vcpuHours: 1,
              memoryGbHours: 4,
              storageGbHours: 0,
              prices: [],
              unpriced: ['af-south-1 is not in the built-in table'],
              daily: [],
            },
          ],
        }),
    });
    await renderCost(api, group);
    const table = await screen.findByRole('table', {
      name: 'Cost by EMR Serverless application',
    });
    expect(cellsOf(rowOf(table, 'cape')).slice(4)).toEqual([
      'Unpriced',
      'Unpriced: af-south-1 is not in the built-in table',
    ]);
    expect(region('Total')).toHaveTextContent(
      'Without EMR Serverless: some of its runs are unpriced',
    );
  });

  it('shows an empty state when nothing cost anything, and keeps the window picker', async () => {
    const empty = costReport({
      totals: costTotals(),
      daily: [],
      byComponent: [],
      byCapacityType: [],
      topJobRuns: [],
    });
    const api = mockEmrEksApi({ getCost: async () => empty });
    await renderCost(api);

    expect(await screen.findByText('No cost recorded')).toBeInTheDocument();
    expect(
      screen.getByText(
        'No job run on this virtual cluster cost anything in the last 30 days.',
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: 'Window' })).toBeEnabled();
    expect(screen.queryByRole('img', { name: /Daily cost/ })).toBeNull();
  });

  it('says when a team owns no virtual clusters', async () => {
    const api = mockEmrEksApi({
      getCost: async () =>
        costReport({
          totals: costTotals(),
          topJobRuns: [],
          virtualClusters: [],
        }),
    });
    await renderCost(api, group);
    expect(
      await screen.findByText(
        'This team owns no EMR on EKS virtual clusters or EMR Serverless applications, so there is no cost to show.',
      ),
    ).toBeInTheDocument();
  });

  it('explains the missing annotation of a virtual cluster instead of asking', async () => {
    const api = mockEmrEksApi();
    await renderCost(api, {
      ...virtualClusterEntity(),
      metadata: { name: 'analytics-vc', namespace: 'default' },
    });
    expect(await screen.findByText(/Missing Annotation/i)).toBeInTheDocument();
    expect(api.getCost).not.toHaveBeenCalled();
  });

  it('shows nothing to read for other entities', async () => {
    const api = mockEmrEksApi();
    await renderCost(api, {
      ...virtualClusterEntity(),
      kind: 'Component',
      spec: { type: 'service' },
    });
    expect(
      await screen.findByText('No EMR on EKS cost for this entity'),
    ).toBeInTheDocument();
    expect(api.getCost).not.toHaveBeenCalled();
  });
});
