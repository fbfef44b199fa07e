import { mockServices } from '@backstage/backend-test-utils';
import { CostStore, ServerlessRunCost } from './CostStore';
import { costDatabases, TestDatabaseId } from '../testing/databases';

jest.setTimeout(60_000);
const databases = costDatabases();

const APP = {
  accountId: '123456789012',
  region: 'us-east-1',
  applicationId: '00fsa0a1b2c3d4e5',
};
const TARGET = { accountId: APP.accountId, region: APP.region };
const PRICE = {
  vcpuHour: 0.052624,
  memoryGbHour: 0.0057785,
  storageGbHour: 0.000111,
  source: 'table',
};

function run(partial: Partial<ServerlessRunCost>): ServerlessRunCost {
  return {
    ...APP,
    jobRunId: 'run1',
    endedAt: new Date('2026-11-01T10:30:00Z'),
    state: 'SUCCESS',
    team: 'group:default/data-team-a',
    vcpuHours: 10,
    memoryGbHours: 40,
    storageGbHours: 0,
    cost: 1,
    price: PRICE,
    ...partial,
  };
}

const window = {
  start: '2026-11-01T00:00:00.000Z',
  end: '2026-11-03T00:00:00.000Z',
};

async function storeFor(id: TestDatabaseId) {
  const knex = await databases.init(id);
  return CostStore.create(mockServices.database({ knex }));
}

describe.each(databases.eachSupportedId())(
  'CostStore, EMR Serverless runs on %s',
  id => {
    it('sums runs per application and day, with the price they used', async () => {
      const store = await storeFor(id);
      const until = new Date('2026-11-02T12:00:00Z');
      await store.putServerlessRuns(
        TARGET,
        [
          run({ jobRunId: 'run1', cost: 1 }),
          run({ jobRunId: 'run2', cost: 2, vcpuHours: 5 }),
          run({
            jobRunId: 'run3',
            cost: 4,
            endedAt: new Date('2026-11-02T01:00:00Z'),
          }),
          run({ applicationId: 'other', jobRunId: 'run4', cost: 100 }),
        ],
        until,
      );
      const days = await store.serverlessDays([APP], window);
      expect(days.sort((a, b) => a.day.localeCompare(b.day))).toEqual([
        {
          ...APP,
          day: '2026-11-01',
          jobRuns: 2,
          vcpuHours: 15,
          memoryGbHours: 80,
          storageGbHours: 0,
          cost: 3,
          price: PRICE,
        },
        {
          ...APP,
          day: '2026-11-02',
          jobRuns: 1,
          vcpuHours: 10,
          memoryGbHours: 40,
          storageGbHours: 0,
          cost: 4,
          price: PRICE,
        },
      ]);
      expect(
        await store.completeUntil(`serverless:123456789012/us-east-1`),
      ).toEqual(until);
      expect(
        await store.storedServerlessRuns(APP, ['run1', 'run3', 'run9']),
      ).toEqual(new Set(['run1', 'run3']));
    });

    it('replaces a run stored again instead of counting it twice', async () => {
      const store = await storeFor(id);
      const until = new Date('2026-11-02T12:00:00Z');
      await store.putServerlessRuns(TARGET, [run({ cost: 1 })], until);
      await store.putServerlessRuns(TARGET, [run({ cost: 1.5 })], until);
      const [day] = await store.serverlessDays([APP], window);
      expect(day).toMatchObject({ jobRuns: 1, cost: 1.5 });
    });

    it('keeps an unpriced run unknown with its reason, never as zero', async () => {
      const store = await storeFor(id);
      await store.putServerlessRuns(
        TARGET,
        [
          run({ jobRunId: 'run1', cost: 1 }),
          run({
            jobRunId: 'run2',
            cost: null,
            price: undefined,
            unpricedReason: 'af-south-1 is not in the table',
          }),
        ],
        new Date('2026-11-02T12:00:00Z'),
      );
      const days = await store.serverlessDays([APP], window);
      expect(days).toHaveLength(2);
      expect(days.find(d => d.cost === null)).toMatchObject({
        jobRuns: 1,
        unpricedReason: 'af-south-1 is not in the table',
      });
      expect(days.find(d => d.cost === null)?.price).toBeUndefined();
    });

    it('prunes runs with the rest of the history', async () => {
      const store = await storeFor(id);
      await store.putServerlessRuns(
        TARGET,
        [run({})],
        new Date('2026-11-02T12:00:00Z'),
      );
      expect(await store.historyStart()).toEqual(
        new Date('2026-11-01T00:00:00Z'),
      );
      await store.prune(new Date('2026-11-02T00:00:00Z'));
      expect(await store.serverlessDays([APP], window)).toEqual([]);
    });
  },
);
