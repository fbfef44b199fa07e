import { JobDay, ServerlessDay, SparkAppDay } from './CostStore';
import { buildReport, dailySeries, toCsv, totalsOf, upliftOf } from './report';
import { BUILT_IN_UPLIFT_PRICES, estimateUplift } from './uplift';

function day(partial: Partial<JobDay>): JobDay {
  return {
    accountId: '123456789012',
    region: 'us-east-1',
    virtualClusterId: 'vc1',
    jobRunId: 'job1',
    day: '2026-11-01',
    compute: 1,
    upliftEstimate: 0.1,
    upliftBilled: null,
    cpuRequestCoreHours: 10,
    ramRequestGbHours: 40,
    cpuUsageCoreHours: 5,
    ramUsageGbHours: 30,
    ...partial,
  };
}

describe('estimateUplift', () => {
  it('charges requested vCPU-hours and GB-hours at the published us-east-1 rates', () => {
    // 16 vCPU and 64 GB requested for 2 hours.
    expect(
      estimateUplift(
        { cpuCoreHours: 32, ramGbHours: 128 },
        BUILT_IN_UPLIFT_PRICES['us-east-1'],
      ),
    ).toBeCloseTo(32 * 0.01012 + 128 * 0.00111125, 10);
  });
});

describe('uplift basis', () => {
  it('uses the billed amount where the CUR has one', () => {
    expect(upliftOf(day({ upliftBilled: 0.25 }))).toEqual({
      uplift: 0.25,
      basis: 'billed',
    });
    expect(upliftOf(day({}))).toEqual({ uplift: 0.1, basis: 'estimated' });
  });

  it('marks totals that mix estimates and bills', () => {
    expect(totalsOf([day({}), day({ day: '2026-11-02' })]).upliftBasis).toBe(
      'estimated',
    );
    expect(totalsOf([day({ upliftBilled: 0.2 })]).upliftBasis).toBe('billed');
    const mixed = totalsOf([
      day({ upliftBilled: 0.2 }),
      day({ day: '2026-11-02' }),
    ]);
    expect(mixed).toMatchObject({
      upliftBasis: 'mixed',
      uplift: 0.30000000000000004,
      compute: 2,
    });
  });

  it('computes efficiency from usage over requests', () => {
    const totals = totalsOf([
      day({}),
      day({ cpuUsageCoreHours: 10, ramUsageGbHours: 10 }),
    ]);
    expect(totals.cpuEfficiency).toBeCloseTo(15 / 20);
    expect(totals.ramEfficiency).toBeCloseTo(40 / 80);
    expect(totalsOf([]).cpuEfficiency).toBeUndefined();
  });
});

describe('dailySeries', () => {
  it('covers every day of the window, with zeros where nothing ran', () => {
    const series = dailySeries([day({ day: '2026-11-02', compute: 3 })], {
      start: '2026-11-01T00:00:00.000Z',
      end: '2026-11-04T00:00:00.000Z',
    });
    expect(series.map(d => [d.date, d.compute])).toEqual([
      ['2026-11-01', 0],
      ['2026-11-02', 3],
      ['2026-11-03', 0],
    ]);
  });
});

describe('buildReport', () => {
  it('ranks the most expensive runs and links them to their virtual cluster entity', () => {
    const report = buildReport({
      window: {
        start: '2026-11-01T00:00:00.000Z',
        end: '2026-11-03T00:00:00.000Z',
      },
      previousWindow: {
        start: '2026-10-30T00:00:00.000Z',
        end: '2026-11-01T00:00:00.000Z',
      },
      days: [
        day({ jobRunId: 'cheap', compute: 1 }),
        day({ jobRunId: 'dear', compute: 5 }),
        day({ jobRunId: 'dear', day: '2026-11-02', compute: 5 }),
      ],
      previousDays: [day({ day: '2026-10-31', compute: 2 })],
      byComponent: [
        { key: 'executor', compute: 9 },
        { key: 'driver', compute: 2 },
      ],
      byCapacityType: [{ key: 'spot', compute: 8 }],
      virtualClusters: [
        {
          entityRef: 'resource:default/vc',
          accountId: '123456789012',
          region: 'us-east-1',
          virtualClusterId: 'vc1',
        },
      ],
      topLimit: 1,
    });
    expect(report.topJobRuns).toEqual([
      expect.objectContaining({
        jobRunId: 'dear',
        compute: 10,
        entityRef: 'resource:default/vc',
      }),
    ]);
    expect(report.totals.compute).toBe(11);
    expect(report.previous.totals.compute).toBe(2);
    expect(report.byComponent).toEqual([
      { component: 'executor', compute: 9 },
      { component: 'driver', compute: 2 },
    ]);
  });
});

describe('period comparison and virtual clusters', () => {
  const window = {
    start: '2026-11-01T00:00:00.000Z',
    end: '2026-11-03T00:00:00.000Z',
  };
  const previousWindow = {
    start: '2026-10-30T00:00:00.000Z',
    end: '2026-11-01T00:00:00.000Z',
  };
  const virtualClusters = [
    {
      entityRef: 'resource:default/small',
      accountId: '123456789012',
      region: 'us-east-1',
      virtualClusterId: 'vc1',
    },
    {
      entityRef: 'resource:default/big',
      accountId: '123456789012',
      region: 'us-east-1',
      virtualClusterId: 'vc2',
    },
    {
      entityRef: 'resource:default/idle',
      accountId: '123456789012',
      region: 'eu-west-1',
      virtualClusterId: 'vc2',
    },
  ];
  const report = (historyStart?: Date) =>
    buildReport({
      window,
      previousWindow,
      days: [
        day({ virtualClusterId: 'vc1', compute: 1, upliftEstimate: 0 }),
        day({
          virtualClusterId: 'vc2',
          day: '2026-11-02',
          compute: 4,
          upliftEstimate: 1,
        }),
      ],
      previousDays: [],
      byComponent: [],
      byCapacityType: [],
      virtualClusters,
      historyStart,
    });

  it('compares with the previous window only where the history reaches back to its start', () => {
    expect(report(new Date('2026-10-30T00:00:00.000Z')).previous.covered).toBe(
      true,
    );
    const late = report(new Date('2026-10-31T05:00:00.000Z'));
    expect(late.previous.covered).toBe(false);
    expect(late.historyStart).toBe('2026-10-31T05:00:00.000Z');
    expect(report(undefined).previous.covered).toBe(false);
  });

  it('breaks the cost down by virtual cluster, account and region apart, dearest first, with a daily series each', () => {
    const { byVirtualCluster } = report();
    expect(byVirtualCluster?.map(v => [v.entityRef, v.totals.total])).toEqual([
      ['resource:default/big', 5],
      ['resource:default/small', 1],
      ['resource:default/idle', 0],
    ]);
    expect(byVirtualCluster?.[0].daily).toEqual([
      { date: '2026-11-01', total: 0 },
      { date: '2026-11-02', total: 5 },
    ]);
  });
});

describe('topJobRuns in a report', () => {
  it('keeps runs of the same virtual cluster id in two accounts apart, each linked to its own entity', () => {
    const window = {
      start: '2026-11-01T00:00:00.000Z',
      end: '2026-11-02T00:00:00.000Z',
    };
    const report = buildReport({
      window,
      previousWindow: window,
      days: [
        day({ compute: 1 }),
        day({ accountId: '210987654321', compute: 5 }),
      ],
      previousDays: [],
      byComponent: [],
      byCapacityType: [],
      virtualClusters: [
        {
          entityRef: 'resource:default/here',
          accountId: '123456789012',
          region: 'us-east-1',
          virtualClusterId: 'vc1',
        },
        {
          entityRef: 'resource:default/there',
          accountId: '210987654321',
          region: 'us-east-1',
          virtualClusterId: 'vc1',
        },
      ],
    });
    expect(
      report.topJobRuns.map(r => [r.entityRef, r.accountId, r.compute]),
    ).toEqual([
      ['resource:default/there', '210987654321', 5],
      ['resource:default/here', '123456789012', 1],
    ]);
  });
});

describe('toCsv', () => {
  it('writes one row per job run and day, oldest first, with the uplift basis', () => {
    const csv = toCsv([
      day({ day: '2026-11-02', upliftBilled: 0.3 }),
      day({ jobRunId: 'job0' }),
    ]);
    expect(csv.trim().split('\n')).toEqual([
      'date,virtual_cluster_id,job_run_id,compute_usd,uplift_usd,uplift_basis,total_usd,kind,application',
      '2026-11-01,vc1,job0,1.000000,0.100000,estimated,1.100000,emr-containers,',
      '2026-11-02,vc1,job1,1.000000,0.300000,billed,1.300000,emr-containers,',
    ]);
  });

  it('adds Spark applications and EMR Serverless applications, each with its uplift basis', () => {
    const spark = (partial: Partial<SparkAppDay>): SparkAppDay => ({
      accountId: '123456789012',
      region: 'us-east-1',
      virtualClusterId: 'vc1',
      namespace: 'team-a',
      day: '2026-11-01',
      kind: 'spark-operator',
      application: 'nightly',
      emrRuntime: true,
      compute: 2,
      cpuRequestCoreHours: 1,
      ramRequestGbHours: 1,
      upliftEstimate: 0.5,
      ...partial,
    });
    const serverless = (cost: number | null): ServerlessDay => ({
      accountId: '123456789012',
      region: 'us-east-1',
      applicationId: cost === null ? 'app-unpriced' : 'app-priced',
      day: '2026-11-01',
      jobRuns: 2,
      vcpuHours: 1,
      memoryGbHours: 1,
      storageGbHours: 0,
      cost,
    });
    const csv = toCsv(
      [day({})],
      [
        spark({}),
        spark({
          kind: 'spark-submit',
          application: 'oss',
          emrRuntime: false,
          upliftEstimate: 0,
        }),
        spark({ application: 'eu', upliftEstimate: null }),
      ],
      [serverless(3), serverless(null)],
    );
    expect(csv.trim().split('\n').slice(1)).toEqual([
      '2026-11-01,vc1,job1,1.000000,0.100000,estimated,1.100000,emr-containers,',
      '2026-11-01,,,3.000000,0.000000,none,3.000000,emr-serverless,app-priced',
      '2026-11-01,,,,,unpriced,,emr-serverless,app-unpriced',
      '2026-11-01,vc1,,2.000000,,unpriced,,spark-operator,eu',
      '2026-11-01,vc1,,2.000000,0.500000,estimated,2.500000,spark-operator,nightly',
      '2026-11-01,vc1,,2.000000,0.000000,none,2.000000,spark-submit,oss',
    ]);
  });
});

describe('unpriced uplift', () => {
  const eu = (partial: Partial<JobDay>) =>
    day({ region: 'eu-west-1', upliftEstimate: null, ...partial });

  it('is unknown, never a number, and names the region', () => {
    expect(upliftOf(eu({}))).toEqual({ uplift: null, basis: 'unpriced' });
    const totals = totalsOf([day({}), eu({ virtualClusterId: 'vc2' })]);
    expect(totals).toMatchObject({
      compute: 2,
      uplift: null,
      total: null,
      upliftBasis: 'mixed',
      upliftUnpricedRegions: ['eu-west-1'],
    });
    expect(totalsOf([day({})]).upliftUnpricedRegions).toBeUndefined();
  });

  it('is replaced by the bill where the CUR has one', () => {
    expect(totalsOf([eu({ upliftBilled: 0.4 })])).toMatchObject({
      uplift: 0.4,
      total: 1.4,
      upliftBasis: 'billed',
    });
  });

  it('shows in the daily series, the top runs and the CSV as unknown', () => {
    const window = {
      start: '2026-11-01T00:00:00.000Z',
      end: '2026-11-02T00:00:00.000Z',
    };
    const days = [eu({ jobRunId: 'eu-run', compute: 3 }), day({})];
    expect(dailySeries(days, window)).toEqual([
      {
        date: '2026-11-01',
        compute: 4,
        uplift: null,
        upliftBasis: 'mixed',
        upliftUnpricedRegions: ['eu-west-1'],
      },
    ]);
    const report = buildReport({
      window,
      previousWindow: window,
      days,
      previousDays: [],
      byComponent: [],
      byCapacityType: [],
      virtualClusters: [],
    });
    expect(
      report.topJobRuns.map(r => [r.jobRunId, r.total, r.upliftBasis]),
    ).toEqual([
      ['eu-run', null, 'unpriced'],
      ['job1', 1.1, 'estimated'],
    ]);
    expect(
      toCsv([eu({})])
        .trim()
        .split('\n')[1],
    ).toBe('2026-11-01,vc1,job1,1.000000,,unpriced,,emr-containers,');
  });
});

describe('billed uplift without compute', () => {
  it('counts in totals, the daily series, the top runs and the CSV with compute 0', () => {
    const window = {
      start: '2026-11-01T00:00:00.000Z',
      end: '2026-11-02T00:00:00.000Z',
    };
    const billedOnly = day({
      jobRunId: 'missed',
      compute: 0,
      upliftEstimate: null,
      upliftBilled: 0.5,
      cpuRequestCoreHours: 0,
      ramRequestGbHours: 0,
      cpuUsageCoreHours: 0,
      ramUsageGbHours: 0,
    });
    const report = buildReport({
      window,
      previousWindow: window,
      days: [billedOnly],
      previousDays: [],
      byComponent: [],
      byCapacityType: [],
      virtualClusters: [],
    });
    expect(report.totals).toMatchObject({
      compute: 0,
      uplift: 0.5,
      total: 0.5,
      upliftBasis: 'billed',
    });
    expect(report.daily[0]).toMatchObject({
      uplift: 0.5,
      upliftBasis: 'billed',
    });
    expect(report.topJobRuns.map(r => [r.jobRunId, r.total])).toEqual([
      ['missed', 0.5],
    ]);
    expect(toCsv([billedOnly]).trim().split('\n')[1]).toBe(
      '2026-11-01,vc1,missed,0.000000,0.500000,billed,0.500000,emr-containers,',
    );
  });
});
