import { Entity } from '@backstage/catalog-model';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { SparkApplicationCost } from '@emr-eks/plugin-emr-eks-common';
import { screen, within } from '@testing-library/react';
import { emrEksApiRef } from '../../api';
import { costReport, costTotals } from '../../__testUtils__/cost';
import { mockEmrEksApi } from '../../__testUtils__/mockEmrEksApi';
import { EntityEmrCostContent } from './EntityEmrCostContent';

const group: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'team-a', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

function sparkApp(
  overrides: Partial<SparkApplicationCost> = {},
): SparkApplicationCost {
  return {
    entityRef: 'resource:default/analytics-vc',
    accountId: '123456789012',
    region: 'us-east-1',
    virtualClusterId: 'abc123',
    namespace: 'team-a',
    application: 'taxi-zones-nightly',
    kind: 'spark-operator',
    emrRuntime: true,
    compute: 40,
    uplift: 2.5,
    total: 42.5,
    cpuCoreHours: 120,
    ramGbHours: 480,
    daily: [],
    ...overrides,
  };
}

/** The report of costReport() plus $50 of Spark Operator and spark-submit runs. */
function reportWithSpark(applications: SparkApplicationCost[], spark = 50) {
  const base = costReport();
  return costReport({
    totals: { ...base.totals, sparkApplications: spark, total: 1284.56 },
    daily: [
      { ...base.daily[0], sparkApplications: spark },
      { ...base.daily[1], sparkApplications: 0 },
    ],
    byVirtualCluster: [],
    bySparkApplication: applications,
  });
}

async function renderCost(report: ReturnType<typeof costReport>) {
  const api = mockEmrEksApi({ getCost: async () => report });
  await renderInTestApp(
    <TestApiProvider apis={[[emrEksApiRef, api]]}>
      <EntityProvider entity={group}>
        <EntityEmrCostContent />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

const cellsOf = (table: HTMLElement, header: string) =>
  within(within(table).getByRole('rowheader', { name: header }).closest('tr')!)
    .getAllByRole('cell')
    .map(cell => cell.textContent);

describe('Cost tab: Spark Operator and spark-submit applications', () => {
  it('shows them as their own figure, chart series and table, each linking to its virtual cluster', async () => {
    await renderCost(
      reportWithSpark([
        sparkApp(),
        sparkApp({
          application: 'adhoc-report',
          kind: 'spark-submit',
          compute: 7,
          uplift: 0.5,
          total: 7.5,
        }),
        sparkApp({
          application: 'oss-spark-pi',
          emrRuntime: false,
          compute: 0,
          uplift: 0,
          total: 0,
        }),
      ]),
    );
    const table = await screen.findByRole('table', {
      name: 'Cost by Spark application',
    });
    expect(
      screen.getByRole('region', { name: 'Spark Operator' }),
    ).toHaveTextContent('$50.00');
    expect(screen.getByRole('region', { name: 'Total' })).toHaveTextContent(
      '$1,284.56',
    );
    expect(cellsOf(table, 'taxi-zones-nightly')).toEqual([
      'Spark Operator',
      'analytics-vc',
      '120',
      '480',
      '$40.00',
      '$2.50',
      '$42.50',
    ]);
    expect(cellsOf(table, 'adhoc-report')[0]).toBe('spark-submit');
    expect(cellsOf(table, 'oss-spark-pi')[5]).toBe(
      'None (not an EMR runtime image)',
    );
    expect(
      within(table).getAllByRole('link', { name: 'analytics-vc' })[0],
    ).toHaveAttribute(
      'href',
      '/catalog/default/resource/analytics-vc/emr-cost',
    );
    // The Group's chart stacks them as one series beside the clusters.
    expect(
      screen.getByRole('img', { name: /with Spark Operator stacked/ }),
    ).toBeInTheDocument();
  });

  it('says an application on an EMR runtime in an unpriced region is unpriced, and the total leaves it out', async () => {
    const base = costReport();
    await renderCost(
      costReport({
        totals: costTotals({
          ...base.totals,
          sparkApplications: null,
          total: null,
        }),
        daily: [{ ...base.daily[0], sparkApplications: null }],
        byVirtualCluster: [],
        bySparkApplication: [
          sparkApp({ region: 'eu-west-1', uplift: null, total: null }),
        ],
      }),
    );
    const table = await screen.findByRole('table', {
      name: 'Cost by Spark application',
    });
    expect(cellsOf(table, 'taxi-zones-nightly').slice(4)).toEqual([
      '$40.00',
      'Unpriced',
      'Unpriced',
    ]);
    expect(screen.getByRole('region', { name: 'Total' })).toHaveTextContent(
      '$1,234.56 + Spark Operator',
    );
    expect(
      screen.getByRole('region', { name: 'Spark Operator' }),
    ).toHaveTextContent('Unpriced');
  });

  it('shows no Spark Operator figure or table for a team without such runs', async () => {
    await renderCost(costReport({ byVirtualCluster: [] }));
    await screen.findByRole('region', { name: 'Total' });
    expect(
      screen.queryByRole('region', { name: 'Spark Operator' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('table', { name: 'Cost by Spark application' }),
    ).not.toBeInTheDocument();
  });
});
