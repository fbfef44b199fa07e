import { mockServices } from '@backstage/backend-test-utils';
import { CostStore, SparkAppDay } from './CostStore';
import { costDatabases, TestDatabaseId } from '../testing/databases';

jest.setTimeout(60_000);
const databases = costDatabases();

const VC = {
  accountId: '123456789012',
  region: 'us-east-1',
  virtualClusterId: 'vc-a',
};

function day(partial: Partial<SparkAppDay>): SparkAppDay {
  return {
    ...VC,
    namespace: 'team-a',
    day: '2026-11-01',
    kind: 'spark-operator',
    application: 'nightly',
    emrRuntime: true,
    compute: 1,
    cpuRequestCoreHours: 10,
    ramRequestGbHours: 40,
    upliftEstimate: 0.15,
    ...partial,
  };
}

const window = {
  start: '2026-11-01T00:00:00.000Z',
  end: '2026-11-03T00:00:00.000Z',
};
const DAY1 = {
  start: new Date('2026-11-01T00:00:00Z'),
  end: new Date('2026-11-02T00:00:00Z'),
};

async function storeFor(id: TestDatabaseId) {
  const knex = await databases.init(id);
  return CostStore.create(mockServices.database({ knex }));
}

describe.each(databases.eachSupportedId())(
  'CostStore, Spark Operator and spark-submit days on %s',
  id => {
    it('stores days per application, replaces a day whole and moves the mark', async () => {
      const store = await storeFor(id);
      await store.replaceSparkDays('c1', DAY1, [
        day({}),
        day({ application: 'oss', emrRuntime: false, upliftEstimate: 0 }),
        day({ virtualClusterId: 'other', compute: 100 }),
      ]);
      // Re-ingesting the day replaces it: no double count, and a gone row is gone.
      await store.replaceSparkDays('c1', DAY1, [day({ compute: 2 })]);
      expect(await store.sparkAppDays([VC], window)).toEqual([
        day({ compute: 2 }),
      ]);
      expect(await store.completeUntil('spark:c1')).toEqual(DAY1.end);
      // Another cost cluster's rows of the same day are its own.
      await store.replaceSparkDays('c2', DAY1, [
        day({ kind: 'spark-submit', application: 'adhoc' }),
      ]);
      await store.replaceSparkDays('c1', DAY1, [day({ compute: 3 })]);
      const days = await store.sparkAppDays([VC], window);
      expect(days.map(d => [d.application, d.compute]).sort()).toEqual([
        ['adhoc', 1],
        ['nightly', 3],
      ]);
    });

    it('keeps an unpriced uplift unknown in a sum, and a boolean a boolean', async () => {
      const store = await storeFor(id);
      await store.replaceSparkDays('c1', DAY1, [
        day({ upliftEstimate: null }),
        day({ application: 'oss', emrRuntime: false, upliftEstimate: 0 }),
      ]);
      await store.replaceSparkDays('c2', DAY1, [day({ upliftEstimate: 0.5 })]);
      const days = await store.sparkAppDays([VC], window);
      const nightly = days.find(d => d.application === 'nightly');
      const oss = days.find(d => d.application === 'oss');
      expect(nightly).toMatchObject({ compute: 2, upliftEstimate: null });
      expect(nightly?.emrRuntime).toBe(true);
      expect(oss).toMatchObject({ emrRuntime: false, upliftEstimate: 0 });
    });

    it('counts in the history start and completeness, and is pruned', async () => {
      const store = await storeFor(id);
      await store.replaceSparkDays('c1', DAY1, [day({})]);
      expect(await store.historyStart()).toEqual(DAY1.start);
      expect(await store.kubecostCompleteUntil()).toEqual(DAY1.end);
      await store.prune(new Date('2026-11-02T00:00:00Z'));
      expect(await store.sparkAppDays([VC], window)).toEqual([]);
    });
  },
);
