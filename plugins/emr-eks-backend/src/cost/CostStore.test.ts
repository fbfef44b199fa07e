import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { CostStore, HourlyCost, UnattributedHour } from './CostStore';
import { costDatabases, TestDatabaseId } from '../testing/databases';

jest.setTimeout(60_000);
const databases = costDatabases();

function row(partial: Partial<HourlyCost> & { hour: Date }): HourlyCost {
  return {
    virtualClusterId: 'vc1',
    jobRunId: 'job1',
    component: 'executor',
    capacityType: 'spot',
    accountId: '123456789012',
    region: 'us-east-1',
    cpuCost: 0.1,
    ramCost: 0.05,
    pvCost: 0,
    networkCost: 0,
    totalCost: 0.15,
    cpuRequestCoreHours: 4,
    ramRequestGbHours: 16,
    cpuUsageCoreHours: 3,
    ramUsageGbHours: 8,
    upliftEstimate: 0.058,
    ...partial,
  };
}

const h = (iso: string) => new Date(iso);
const key = (
  virtualClusterId: string,
  accountId = '123456789012',
  region = 'us-east-1',
) => ({ accountId, region, virtualClusterId });
const window = {
  start: '2026-11-01T00:00:00.000Z',
  end: '2026-11-03T00:00:00.000Z',
};

async function storeFor(id: TestDatabaseId) {
  const knex = await databases.init(id);
  return CostStore.create(mockServices.database({ knex }));
}

describe.each(databases.eachSupportedId())('CostStore on %s', id => {
  it('sums job-days and leaves billed uplift null until the CUR has it', async () => {
    const store = await storeFor(id);
    await store.replaceHours(
      'eks',
      { start: h('2026-11-01T00:00:00Z'), end: h('2026-11-02T00:00:00Z') },
      [
        row({ hour: h('2026-11-01T10:00:00Z') }),
        row({
          hour: h('2026-11-01T11:00:00Z'),
          component: 'driver',
          capacityType: 'on-demand',
          totalCost: 0.3,
        }),
      ],
    );
    const days = await store.jobDays([key('vc1')], window);
    expect(days).toEqual([
      expect.objectContaining({
        jobRunId: 'job1',
        day: '2026-11-01',
        compute: expect.closeTo(0.45),
        upliftEstimate: expect.closeTo(0.116),
        upliftBilled: null,
        cpuRequestCoreHours: 8,
      }),
    ]);
    expect(await store.completeUntil('kubecost:eks')).toEqual(
      h('2026-11-02T00:00:00Z'),
    );
    expect(await store.kubecostCompleteUntil()).toEqual(
      h('2026-11-02T00:00:00Z'),
    );
  });

  it('replaces a re-ingested window instead of counting it twice', async () => {
    const store = await storeFor(id);
    const hours = {
      start: h('2026-11-01T00:00:00Z'),
      end: h('2026-11-01T12:00:00Z'),
    };
    const rows = [row({ hour: h('2026-11-01T10:00:00Z') })];
    await store.replaceHours('eks', hours, rows);
    await store.replaceHours('eks', hours, rows);
    const [day] = await store.jobDays([key('vc1')], window);
    expect(day.compute).toBeCloseTo(0.15);
    // A later, corrected answer for the same window wins.
    await store.replaceHours('eks', hours, [
      row({ hour: h('2026-11-01T10:00:00Z'), totalCost: 0.2 }),
    ]);
    expect((await store.jobDays([key('vc1')], window))[0].compute).toBeCloseTo(
      0.2,
    );
  });

  it('replaces only the ingested cluster’s hours', async () => {
    const store = await storeFor(id);
    const hours = {
      start: h('2026-11-01T00:00:00Z'),
      end: h('2026-11-02T00:00:00Z'),
    };
    await store.replaceHours('east', hours, [
      row({ hour: h('2026-11-01T10:00:00Z') }),
    ]);
    await store.replaceHours('west', hours, [
      row({ hour: h('2026-11-01T10:00:00Z'), virtualClusterId: 'vc2' }),
    ]);
    await store.replaceHours('west', hours, []);
    expect(
      (await store.jobDays([key('vc1'), key('vc2')], window)).map(
        d => d.virtualClusterId,
      ),
    ).toEqual(['vc1']);
    // History is whole only up to the cluster that is furthest behind.
    await store.replaceHours(
      'east',
      { start: hours.end, end: h('2026-11-03T00:00:00Z') },
      [],
    );
    expect(await store.kubecostCompleteUntil()).toEqual(hours.end);
  });

  it('keeps a job-day the CUR bills but Kubecost has no pods for, with compute 0', async () => {
    const store = await storeFor(id);
    await store.replaceHours(
      'eks',
      { start: h('2026-11-01T00:00:00Z'), end: h('2026-11-02T00:00:00Z') },
      [row({ hour: h('2026-11-01T10:00:00Z') })],
    );
    await store.replaceBilled(
      '2026-11-01',
      '2026-11-03',
      [
        { ...key('vc1'), jobRunId: 'job1', day: '2026-11-01', cost: 0.07 },
        { ...key('vc1'), jobRunId: 'missed', day: '2026-11-02', cost: 0.5 },
        // Another virtual cluster's bill stays out.
        { ...key('vc2'), jobRunId: 'other', day: '2026-11-02', cost: 9 },
      ],
      h('2026-11-03T00:00:00Z'),
    );
    const days = await store.jobDays([key('vc1')], window);
    expect(
      days
        .map(d => [d.jobRunId, d.day, d.compute, d.upliftBilled])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    ).toEqual([
      ['job1', '2026-11-01', expect.closeTo(0.15), 0.07],
      ['missed', '2026-11-02', 0, 0.5],
    ]);
    expect(days.find(d => d.jobRunId === 'missed')).toMatchObject({
      region: 'us-east-1',
      upliftEstimate: null,
      cpuRequestCoreHours: 0,
    });
    // One run's cost asks for that run alone.
    expect(
      (await store.jobDays([key('vc1')], window, 'missed')).map(
        d => d.jobRunId,
      ),
    ).toEqual(['missed']);
  });

  it('keeps an unknown uplift estimate unknown in the daily sums and the unattributed report', async () => {
    const store = await storeFor(id);
    const hours = {
      start: h('2026-11-01T00:00:00Z'),
      end: h('2026-11-02T00:00:00Z'),
    };
    await store.replaceHours(
      'eks',
      hours,
      [
        row({ hour: h('2026-11-01T10:00:00Z'), upliftEstimate: null }),
        // A priced hour of the same job-day must not turn the sum into a partial number.
        row({ hour: h('2026-11-01T11:00:00Z') }),
        row({
          hour: h('2026-11-01T11:00:00Z'),
          jobRunId: 'priced',
        }),
      ],
      [
        {
          hour: h('2026-11-01T10:00:00Z'),
          accountId: '123456789012',
          region: 'eu-west-1',
          namespace: 'team-b',
          virtualClusterId: 'vc1',
          jobRunId: 'job1',
          reason: 'namespace-mismatch',
          totalCost: 1,
          upliftEstimate: null,
        },
      ],
    );
    const days = await store.jobDays([key('vc1')], window);
    expect(days.find(d => d.jobRunId === 'job1')).toMatchObject({
      compute: expect.closeTo(0.3),
      upliftEstimate: null,
    });
    expect(days.find(d => d.jobRunId === 'priced')?.upliftEstimate).toBeCloseTo(
      0.058,
    );
    expect(await store.unattributed(window)).toEqual([
      expect.objectContaining({ compute: 1, upliftEstimate: null }),
    ]);
  });

  it('keeps hours outside the replaced window', async () => {
    const store = await storeFor(id);
    await store.replaceHours(
      'eks',
      { start: h('2026-11-01T00:00:00Z'), end: h('2026-11-02T00:00:00Z') },
      [
        row({ hour: h('2026-11-01T05:00:00Z') }),
        row({ hour: h('2026-11-01T20:00:00Z') }),
      ],
    );
    await store.replaceHours(
      'eks',
      { start: h('2026-11-01T12:00:00Z'), end: h('2026-11-02T00:00:00Z') },
      [],
    );
    const [day] = await store.jobDays([key('vc1')], window);
    expect(day.compute).toBeCloseTo(0.15);
  });

  it('joins billed uplift per job-day and splits compute by component and capacity', async () => {
    const store = await storeFor(id);
    await store.replaceHours(
      'eks',
      { start: h('2026-11-01T00:00:00Z'), end: h('2026-11-03T00:00:00Z') },
      [
        row({ hour: h('2026-11-01T10:00:00Z') }),
        row({
          hour: h('2026-11-02T10:00:00Z'),
          component: 'driver',
          capacityType: 'on-demand',
          totalCost: 0.4,
        }),
        row({
          hour: h('2026-11-02T10:00:00Z'),
          virtualClusterId: 'other',
          totalCost: 9,
        }),
      ],
    );
    await store.replaceBilled(
      '2026-11-01',
      '2026-11-02',
      [
        {
          ...key('vc1'),
          jobRunId: 'job1',
          day: '2026-11-01',
          cost: 0.07,
        },
      ],
      h('2026-11-02T00:00:00Z'),
    );
    const days = await store.jobDays([key('vc1')], window);
    const byDay = Object.fromEntries(days.map(d => [d.day, d]));
    expect(byDay['2026-11-01'].upliftBilled).toBeCloseTo(0.07);
    expect(byDay['2026-11-02'].upliftBilled).toBeNull();
    expect(await store.computeBy('component', [key('vc1')], window)).toEqual([
      { key: 'driver', compute: expect.closeTo(0.4) },
      { key: 'executor', compute: expect.closeTo(0.15) },
    ]);
    expect(
      await store.computeBy('capacity_type', [key('vc1')], window),
    ).toEqual([
      { key: 'on-demand', compute: expect.closeTo(0.4) },
      { key: 'spot', compute: expect.closeTo(0.15) },
    ]);
    expect(await store.completeUntil('cur')).toEqual(h('2026-11-02T00:00:00Z'));
  });

  it('prunes history older than the retention', async () => {
    const store = await storeFor(id);
    await store.replaceHours(
      'eks',
      { start: h('2026-11-01T00:00:00Z'), end: h('2026-11-03T00:00:00Z') },
      [
        row({ hour: h('2026-11-01T10:00:00Z') }),
        row({ hour: h('2026-11-02T10:00:00Z') }),
      ],
    );
    await store.prune(h('2026-11-02T00:00:00Z'));
    expect((await store.jobDays([key('vc1')], window)).map(d => d.day)).toEqual(
      ['2026-11-02'],
    );
  });

  it('starts the history at its earliest stored hour, over every cluster, and moves it with pruning', async () => {
    const store = await storeFor(id);
    expect(await store.historyStart()).toBeUndefined();
    // The later cluster is ingested first, so neither insertion order nor the last write decides.
    await store.replaceHours(
      'west',
      { start: h('2026-11-02T00:00:00Z'), end: h('2026-11-03T00:00:00Z') },
      [row({ hour: h('2026-11-02T07:00:00Z'), virtualClusterId: 'vc2' })],
    );
    await store.replaceHours(
      'east',
      { start: h('2026-11-01T00:00:00Z'), end: h('2026-11-03T00:00:00Z') },
      [
        row({ hour: h('2026-11-02T10:00:00Z') }),
        row({ hour: h('2026-11-01T05:00:00Z') }),
        row({ hour: h('2026-11-01T23:00:00Z') }),
      ],
    );
    expect(await store.historyStart()).toEqual(h('2026-11-01T05:00:00Z'));
    await store.prune(h('2026-11-02T00:00:00Z'));
    expect(await store.historyStart()).toEqual(h('2026-11-02T07:00:00Z'));
  });

  it('keeps virtual clusters with the same id in other accounts and regions apart', async () => {
    const store = await storeFor(id);
    const hours = {
      start: h('2026-11-01T00:00:00Z'),
      end: h('2026-11-02T00:00:00Z'),
    };
    const at = h('2026-11-01T10:00:00Z');
    await store.replaceHours('east', hours, [row({ hour: at, totalCost: 1 })]);
    await store.replaceHours('other-account', hours, [
      row({ hour: at, totalCost: 20, accountId: '210987654321' }),
    ]);
    await store.replaceHours('west', hours, [
      row({ hour: at, totalCost: 300, region: 'eu-west-1' }),
    ]);
    await store.replaceBilled(
      '2026-11-01',
      '2026-11-02',
      [
        { ...key('vc1'), jobRunId: 'job1', day: '2026-11-01', cost: 0.5 },
        {
          ...key('vc1', '210987654321'),
          jobRunId: 'job1',
          day: '2026-11-01',
          cost: 7,
        },
      ],
      hours.end,
    );
    const [east] = await store.jobDays([key('vc1')], window);
    expect(east).toMatchObject({ compute: 1, upliftBilled: 0.5 });
    const [west] = await store.jobDays(
      [key('vc1', undefined, 'eu-west-1')],
      window,
    );
    expect(west).toMatchObject({ compute: 300, upliftBilled: null });
    expect(
      await store.computeBy('component', [key('vc1', '210987654321')], window),
    ).toEqual([{ key: 'executor', compute: 20 }]);
  });

  it('keeps unattributed cost apart, replaced with its window and pruned with the history', async () => {
    const store = await storeFor(id);
    const apart = (partial: Partial<UnattributedHour>): UnattributedHour => ({
      hour: h('2026-11-01T10:00:00Z'),
      accountId: '123456789012',
      region: 'us-east-1',
      namespace: 'data-team-b',
      virtualClusterId: 'vc1',
      jobRunId: 'job1',
      reason: 'namespace-mismatch',
      totalCost: 2,
      upliftEstimate: 0.1,
      ...partial,
    });
    await store.replaceHours(
      'eks',
      { start: h('2026-11-01T00:00:00Z'), end: h('2026-11-03T00:00:00Z') },
      [row({ hour: h('2026-11-01T10:00:00Z') })],
      [
        apart({}),
        apart({ hour: h('2026-11-01T11:00:00Z') }),
        apart({
          hour: h('2026-11-02T10:00:00Z'),
          namespace: '',
          virtualClusterId: '',
          reason: 'missing-labels',
          totalCost: 1,
        }),
      ],
    );
    // Not in the virtual cluster's cost …
    expect((await store.jobDays([key('vc1')], window))[0].compute).toBeCloseTo(
      0.15,
    );
    // … but kept, summed over the window, highest first.
    expect(await store.unattributed(window)).toEqual([
      {
        cluster: 'eks',
        accountId: '123456789012',
        region: 'us-east-1',
        namespace: 'data-team-b',
        virtualClusterId: 'vc1',
        jobRunId: 'job1',
        reason: 'namespace-mismatch',
        compute: 4,
        upliftEstimate: expect.closeTo(0.2),
      },
      expect.objectContaining({ reason: 'missing-labels', compute: 1 }),
    ]);
    expect(await store.unattributed(window, 'nope')).toEqual([]);
    // Re-ingesting a window replaces its unattributed rows too.
    await store.replaceHours(
      'eks',
      { start: h('2026-11-01T00:00:00Z'), end: h('2026-11-02T00:00:00Z') },
      [],
      [apart({})],
    );
    expect((await store.unattributed(window)).map(r => r.compute)).toEqual([
      2, 1,
    ]);
    await store.prune(h('2026-11-02T00:00:00Z'));
    expect((await store.unattributed(window)).map(r => r.reason)).toEqual([
      'missing-labels',
    ]);
  });
});

describe.each(databases.eachSupportedId())(
  'the account and region migration on %s',
  id => {
    it('keeps history written before account and region were keys', async () => {
      const knex = await databases.init(id);
      await knex.migrate.up({
        directory: resolvePackagePath(
          '@emr-eks/plugin-emr-eks-backend',
          'migrations',
        ),
        name: '20261121000000_cost.js',
      });
      const old = {
        cluster: 'eks',
        virtual_cluster_id: 'vc1',
        job_run_id: 'job1',
        component: 'executor',
        capacity_type: 'spot',
        day: '2026-11-01',
        total_cost: 2,
        uplift_estimate: 0.1,
        cpu_request_core_hours: 4,
        ram_request_gb_hours: 16,
        cpu_usage_core_hours: 3,
        ram_usage_gb_hours: 8,
      };
      await knex('emr_eks_cost_hourly').insert({
        ...old,
        hour: '2026-11-01T10:00:00.000Z',
        account_id: '123456789012',
        region: 'us-east-1',
        cpu_cost: 1,
        ram_cost: 1,
        pv_cost: 0,
        network_cost: 0,
      });
      await knex('emr_eks_cost_daily').insert(old);
      await knex('emr_eks_uplift_billed').insert({
        virtual_cluster_id: 'vc1',
        job_run_id: 'job1',
        day: '2026-11-01',
        cost: 0.07,
      });
      const store = await CostStore.create(mockServices.database({ knex }));
      expect(await store.jobDays([key('vc1')], window)).toEqual([
        expect.objectContaining({
          accountId: '123456789012',
          region: 'us-east-1',
          compute: 2,
          upliftBilled: 0.07,
        }),
      ]);
      expect(await store.jobDays([key('vc1', '210987654321')], window)).toEqual(
        [],
      );
    });
  },
);
