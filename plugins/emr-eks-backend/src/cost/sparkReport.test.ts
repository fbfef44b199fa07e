import { mockServices } from '@backstage/backend-test-utils';
import { costDatabases } from '../testing/databases';
import { budgetStatus, readBudgetsConfig } from './budget';
import { ConfigReader } from '@backstage/config';
import { CostStore, HourlyCost, SparkAppDay } from './CostStore';
import { costReport } from './DefaultCostService';

jest.setTimeout(60_000);
const databases = costDatabases();

const VC = {
  accountId: '123456789012',
  region: 'us-east-1',
  virtualClusterId: 'vc-a',
};
const CLUSTERS = [{ entityRef: 'resource:default/team-a-vc', ...VC }];
const window = {
  start: '2026-11-01T00:00:00.000Z',
  end: '2026-11-04T00:00:00.000Z',
};
const previous = {
  start: '2026-10-29T00:00:00.000Z',
  end: '2026-11-01T00:00:00.000Z',
};

function sparkDay(partial: Partial<SparkAppDay>): SparkAppDay {
  return {
    ...VC,
    namespace: 'team-a',
    day: '2026-11-02',
    kind: 'spark-operator',
    application: 'nightly',
    emrRuntime: true,
    compute: 2,
    cpuRequestCoreHours: 10,
    ramRequestGbHours: 40,
    upliftEstimate: 0.5,
    ...partial,
  };
}

/** A job run's hour: $10 of compute and $1 of uplift on 2026-11-02. */
const jobHour: HourlyCost = {
  ...VC,
  jobRunId: 'j1',
  component: 'executor',
  capacityType: 'spot',
  hour: new Date('2026-11-02T10:00:00Z'),
  cpuCost: 10,
  ramCost: 0,
  pvCost: 0,
  networkCost: 0,
  totalCost: 10,
  cpuRequestCoreHours: 1,
  ramRequestGbHours: 1,
  cpuUsageCoreHours: 1,
  ramUsageGbHours: 1,
  upliftEstimate: 1,
};

async function storeWith(spark: SparkAppDay[]) {
  const knex = await databases.init('SQLITE_3');
  const store = await CostStore.create(mockServices.database({ knex }));
  await store.replaceHours(
    'c1',
    {
      start: new Date('2026-11-02T00:00:00Z'),
      end: new Date('2026-11-03T00:00:00Z'),
    },
    [jobHour],
  );
  for (const day of new Set(spark.map(d => d.day))) {
    await store.replaceSparkDays(
      'c1',
      {
        start: new Date(`${day}T00:00:00Z`),
        end: new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000),
      },
      spark.filter(d => d.day === day),
    );
  }
  return store;
}

describe('cost report with Spark Operator and spark-submit applications', () => {
  it('shows them as their own series beside the job runs, in the totals once', async () => {
    const store = await storeWith([
      sparkDay({}),
      sparkDay({
        kind: 'spark-submit',
        application: 'adhoc',
        day: '2026-11-03',
        compute: 4,
        upliftEstimate: 1,
      }),
      sparkDay({
        application: 'oss-pi',
        emrRuntime: false,
        compute: 0.5,
        upliftEstimate: 0,
      }),
      // Another team's virtual cluster: not in this report.
      sparkDay({ virtualClusterId: 'vc-other', compute: 100 }),
      // The previous window.
      sparkDay({ day: '2026-10-30', compute: 3, upliftEstimate: 0.25 }),
    ]);
    const report = await costReport(store, {
      window,
      previous,
      virtualClusters: CLUSTERS,
    });
    // Job runs: 10 + 1; Spark applications: (2 + 0.5) + (4 + 1) + 0.5.
    expect(report.totals).toMatchObject({
      compute: 10,
      uplift: 1,
      sparkApplications: 8,
      total: 19,
    });
    expect(report.previous.totals).toMatchObject({
      sparkApplications: 3.25,
      total: 3.25,
    });
    expect(
      report.daily.map(d => [d.date, d.compute, d.sparkApplications]),
    ).toEqual([
      ['2026-11-01', 0, 0],
      ['2026-11-02', 10, 3],
      ['2026-11-03', 0, 5],
    ]);
    expect(report.bySparkApplication).toEqual([
      expect.objectContaining({
        application: 'adhoc',
        kind: 'spark-submit',
        emrRuntime: true,
        entityRef: 'resource:default/team-a-vc',
        compute: 4,
        uplift: 1,
        total: 5,
      }),
      expect.objectContaining({
        application: 'nightly',
        kind: 'spark-operator',
        total: 2.5,
        daily: [
          { date: '2026-11-01', total: 0 },
          { date: '2026-11-02', total: 2.5 },
          { date: '2026-11-03', total: 0 },
        ],
      }),
      expect.objectContaining({
        application: 'oss-pi',
        emrRuntime: false,
        uplift: 0,
        total: 0.5,
      }),
    ]);
    // The EMR job runs' own figures are unchanged by them.
    expect(report.topJobRuns.map(r => [r.jobRunId, r.total])).toEqual([
      ['j1', 11],
    ]);
  });

  it('makes the total unknown when an EMR runtime application is unpriced, and says so in the budget', async () => {
    const store = await storeWith([sparkDay({ upliftEstimate: null })]);
    const report = await costReport(store, {
      window,
      previous,
      virtualClusters: CLUSTERS,
    });
    expect(report.totals.sparkApplications).toBeNull();
    expect(report.totals.total).toBeNull();
    expect(report.bySparkApplication?.[0]).toMatchObject({
      compute: 2,
      uplift: null,
      total: null,
    });
    const status = await budgetStatus(store, {
      entity: {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Group',
        metadata: { name: 'data-team-a', namespace: 'default' },
      },
      virtualClusters: CLUSTERS,
      budgets: readBudgetsConfig(new ConfigReader({})),
      now: Date.parse('2026-11-03T10:00:00Z'),
    });
    // Known parts: the job run's 11 and the application's compute 2, each once.
    expect(status.monthToDate).toBeCloseTo(13);
    expect(status.upliftUnpriced).toBe(true);
  });

  it('leaves them out of a report about one job run', async () => {
    const store = await storeWith([sparkDay({})]);
    const report = await costReport(store, {
      window,
      previous,
      virtualClusters: CLUSTERS,
      jobRunId: 'j1',
    });
    expect(report.totals.total).toBe(11);
    expect(report.bySparkApplication).toBeUndefined();
  });
});
