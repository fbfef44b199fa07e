import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { mockServices } from '@backstage/backend-test-utils';
import { createSandbox } from '@emr-eks/sandbox';
import knexFactory from 'knex';
import { startBackend } from '../testing/backend';
import { costDatabases, TestDatabaseId } from '../testing/databases';

jest.setTimeout(60_000);
const databases = costDatabases();
// Replicas reach one database server through pools of their own, so PostgreSQL only.
const postgres = databases
  .eachSupportedId()
  .filter(([id]) => id.startsWith('POSTGRES'));

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

// Without PostgreSQL (a plain local `yarn test`) the case is counted as skipped, its title
// saying why; with EMR_EKS_REQUIRE_POSTGRES set, costDatabases() fails instead.
const eachPostgres = postgres.length
  ? describe.each(postgres)
  : describe.skip.each([['POSTGRES_15' as TestDatabaseId]]);
const title = postgres.length
  ? 'cost ingestion with two replicas on %s'
  : 'cost ingestion with two replicas on %s (skipped: no PostgreSQL; run `source scripts/postgres.sh` first)';

eachPostgres(title, id => {
  it('runs once: the scheduler’s database lock lets one replica take each run', async () => {
    const sandbox = createSandbox({ seed: 9 });
    const running = await sandbox.listen(0);
    try {
      const knex = await databases.init(id);
      const config = {
        cost: {
          clusters: [
            {
              name: 'analytics-shared',
              baseUrl: running.url,
              accountId: '123456789012',
              region: 'us-east-1',
            },
          ],
          backfillDays: 1,
          // Only the job runs' ingestion, so that its requests can be counted alone: the
          // Spark applications' task takes the same scheduler lock.
          sparkApplications: { enabled: false },
          schedule: {
            frequency: { minutes: 30 },
            timeout: { minutes: 5 },
            initialDelay: { seconds: 1 },
          },
        },
      };
      // Two backends as two replicas in a rolling start: one database, the real scheduler.
      for (const pool of [knex, knexFactory(knex.client.config)]) {
        await startBackend({
          endpoint: running.url,
          config,
          features: [
            mockServices.database.factory({ knex: pool }),
            schedulerServiceFactory,
          ],
        });
      }
      const allocations = () =>
        sandbox.stats.count('KubecostAllocationCompute');
      const deadline = Date.now() + 30_000;
      while (allocations() === 0 && Date.now() < deadline) {
        await sleep(200);
      }
      // Give the other replica every chance to run it too.
      await sleep(5_000);
      // One day of backfill is one allocation request; a second replica would double it.
      expect(allocations()).toBe(1);
      const [{ n }] = await knex('emr_eks_cost_hourly').count({ n: '*' });
      expect(Number(n)).toBeGreaterThan(0);
    } finally {
      await running.close();
    }
  });
});
