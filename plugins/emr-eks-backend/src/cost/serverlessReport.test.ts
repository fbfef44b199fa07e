import { mockServices } from '@backstage/backend-test-utils';
import { costDatabases } from '../testing/databases';
import { CostStore, ServerlessRunCost } from './CostStore';
import { costReport } from './DefaultCostService';

jest.setTimeout(60_000);
const databases = costDatabases();

const ACCOUNT = '123456789012';
const window = {
  start: '2026-11-01T00:00:00.000Z',
  end: '2026-11-04T00:00:00.000Z',
};
const previous = {
  start: '2026-10-29T00:00:00.000Z',
  end: '2026-11-01T00:00:00.000Z',
};
const app = (applicationId: string, region = 'us-east-1') => ({
  entityRef: `resource:default/${applicationId}`,
  accountId: ACCOUNT,
  region,
  applicationId,
});
const PRICE = {
  vcpuHour: 0.05,
  memoryGbHour: 0.005,
  storageGbHour: 0.0001,
  source: 'table',
};

function run(partial: Partial<ServerlessRunCost>): ServerlessRunCost {
  return {
    accountId: ACCOUNT,
    region: 'us-east-1',
    applicationId: 'etl',
    jobRunId: 'r1',
    endedAt: new Date('2026-11-02T10:00:00Z'),
    state: 'SUCCESS',
    vcpuHours: 10,
    memoryGbHours: 40,
    storageGbHours: 0,
    cost: 0.7,
    price: PRICE,
    ...partial,
  };
}

async function storeWith(rows: ServerlessRunCost[]) {
  const knex = await databases.init('SQLITE_3');
  const store = await CostStore.create(mockServices.database({ knex }));
  for (const region of new Set(rows.map(r => r.region))) {
    await store.putServerlessRuns(
      { accountId: ACCOUNT, region },
      rows.filter(r => r.region === region),
      new Date('2026-11-04T00:00:00Z'),
    );
  }
  return store;
}

describe('cost report with EMR Serverless applications', () => {
  it('gives each application its own daily series and adds them to the totals', async () => {
    const store = await storeWith([
      run({ jobRunId: 'r1', cost: 0.7 }),
      run({ jobRunId: 'r2', cost: 0.3 }),
      run({
        jobRunId: 'r3',
        applicationId: 'adhoc',
        cost: 2,
        endedAt: new Date('2026-11-03T01:00:00Z'),
      }),
      // Another team's application: not in this report.
      run({ jobRunId: 'r4', applicationId: 'foreign', cost: 50 }),
      // The previous window.
      run({
        jobRunId: 'r5',
        cost: 0.4,
        endedAt: new Date('2026-10-30T10:00:00Z'),
      }),
    ]);
    const report = await costReport(store, {
      window,
      previous,
      virtualClusters: [],
      serverlessApplications: [app('etl'), app('adhoc')],
    });
    expect(report.totals).toMatchObject({ compute: 0, serverless: 3 });
    expect(report.totals.total).toBeCloseTo(3);
    expect(report.previous.totals.serverless).toBeCloseTo(0.4);
    expect(report.daily.map(d => d.serverless)).toEqual([0, 1, 2]);
    expect(
      report.byServerlessApplication?.map(a => [
        a.applicationId,
        a.total,
        a.jobRuns,
        a.daily.map(d => d.total),
      ]),
    ).toEqual([
      ['adhoc', 2, 1, [0, 0, 2]],
      ['etl', 1, 2, [0, 1, 0]],
    ]);
    expect(report.byServerlessApplication?.[1].prices).toEqual([
      { region: 'us-east-1', ...PRICE },
    ]);
    expect(report.serverlessApplications).toHaveLength(2);
  });

  it('says a run is unpriced instead of counting it as free', async () => {
    const store = await storeWith([
      run({ jobRunId: 'r1', cost: 0.7 }),
      run({
        jobRunId: 'r2',
        region: 'af-south-1',
        applicationId: 'cape',
        cost: null,
        price: undefined,
        unpricedReason:
          'af-south-1 is not in the built-in EMR Serverless price table',
      }),
    ]);
    const report = await costReport(store, {
      window,
      previous,
      virtualClusters: [],
      serverlessApplications: [app('etl'), app('cape', 'af-south-1')],
    });
    expect(report.totals.serverless).toBeNull();
    expect(report.totals.total).toBeNull();
    expect(report.daily[1].serverless).toBeNull();
    const cape = report.byServerlessApplication?.find(
      a => a.applicationId === 'cape',
    );
    expect(cape).toMatchObject({
      total: null,
      jobRuns: 1,
      prices: [],
      unpriced: [
        'af-south-1 is not in the built-in EMR Serverless price table',
      ],
    });
  });

  it('leaves a report without applications as it was', async () => {
    const store = await storeWith([run({})]);
    const report = await costReport(store, {
      window,
      previous,
      virtualClusters: [],
    });
    expect(report.totals.serverless).toBeUndefined();
    expect(report.byServerlessApplication).toBeUndefined();
    expect(report.daily[1].serverless).toBeUndefined();
  });
});
