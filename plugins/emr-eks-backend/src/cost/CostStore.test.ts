import { mockServices } from '@backstage/backend-test-utils';
import { CostStore, HourlyCost } from './CostStore';
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
    const days = await store.jobDays(['vc1'], window);
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
    const [day] = await store.jobDays(['vc1'], window);
    expect(day.compute).toBeCloseTo(0.15);
    // A later, corrected answer for the same window wins.
    await store.replaceHours('eks', hours, [
      row({ hour: h('2026-11-01T10:00:00Z'), totalCost: 0.2 }),
    ]);
    expect((await store.jobDays(['vc1'], window))[0].compute).toBeCloseTo(0.2);
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
      (await store.jobDays(['vc1', 'vc2'], window)).map(
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
    const [day] = await store.jobDays(['vc1'], window);
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
          virtualClusterId: 'vc1',
          jobRunId: 'job1',
          day: '2026-11-01',
          cost: 0.07,
        },
      ],
      h('2026-11-02T00:00:00Z'),
    );
    const days = await store.jobDays(['vc1'], window);
    const byDay = Object.fromEntries(days.map(d => [d.day, d]));
    expect(byDay['2026-11-01'].upliftBilled).toBeCloseTo(0.07);
    expect(byDay['2026-11-02'].upliftBilled).toBeNull();
    expect(await store.computeBy('component', ['vc1'], window)).toEqual([
      { key: 'driver', compute: expect.closeTo(0.4) },
      { key: 'executor', compute: expect.closeTo(0.15) },
    ]);
    expect(await store.computeBy('capacity_type', ['vc1'], window)).toEqual([
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
    expect((await store.jobDays(['vc1'], window)).map(d => d.day)).toEqual([
      '2026-11-02',
    ]);
  });
});
