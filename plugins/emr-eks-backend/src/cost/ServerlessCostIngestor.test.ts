import {
  EMRServerlessClient,
  paginateListJobRuns,
} from '@aws-sdk/client-emr-serverless';
import { mockServices } from '@backstage/backend-test-utils';
import { emrEksClientOptions } from '@emr-eks/plugin-emr-eks-node';
import { DEMO, createSandbox } from '@emr-eks/sandbox';
import { costDatabases } from '../testing/databases';
import { CostStore } from './CostStore';
import { ServerlessCostIngestor } from './ServerlessCostIngestor';
import {
  BUILT_IN_SERVERLESS_PRICES,
  ServerlessPrices,
} from './serverlessPrices';

/*
 * Ingestion against the sandbox, which answers ListApplications, ListJobRuns (paged) and
 * GetJobRun in the emr-serverless protocol of the official model, with each finished run's
 * billedResourceUtilization.
 */

jest.setTimeout(60_000);
const databases = costDatabases();
const ACCOUNT = DEMO.accountId;
const APP_A = DEMO.serverlessApplications['data-team-a'];
const APP_EU = DEMO.serverlessApplications['data-team-b-eu'];
const DAY_MS = 86_400_000;

describe('ServerlessCostIngestor', () => {
  const sandbox = createSandbox({ seed: 11, accelerate: 1 });
  let url: string;
  let close: () => Promise<void> | void;

  beforeAll(async () => {
    const running = await sandbox.listen(0);
    url = running.url;
    close = () => running.close();
  });
  afterAll(() => close());
  afterEach(() => sandbox.faults.clear());

  const clientFor = async (target: { region: string }) =>
    new EMRServerlessClient(
      emrEksClientOptions({
        region: target.region,
        credentials: async () => ({
          accessKeyId: 'sandbox',
          secretAccessKey: 'sandbox',
        }),
        endpoint: url,
        // One attempt, so that an injected failure is not retried away.
        maxAttempts: 1,
        component: 'backend',
      }),
    );

  async function setUp() {
    const knex = await databases.init('SQLITE_3');
    const store = await CostStore.create(mockServices.database({ knex }));
    const logger = mockServices.logger.mock();
    const ingestor = new ServerlessCostIngestor(
      store,
      clientFor,
      {
        targets: [
          { accountId: ACCOUNT, region: 'us-east-1' },
          { accountId: ACCOUNT, region: 'eu-west-1' },
        ],
        lookbackDays: 3,
        backfillDays: 30,
        ownership: { tag: 'team', namespace: 'default' },
      },
      new ServerlessPrices({}),
      logger,
    );
    return { store, logger, ingestor };
  }

  const window = () => ({
    start: new Date(Date.now() - 31 * DAY_MS).toISOString(),
    end: new Date(Date.now() + DAY_MS).toISOString(),
  });

  async function finishedRuns(region: string, applicationId: string) {
    const client = await clientFor({ region });
    let count = 0;
    for await (const page of paginateListJobRuns(
      { client },
      { applicationId, states: ['SUCCESS', 'FAILED', 'CANCELLED'] },
    )) {
      count += page.jobRuns?.length ?? 0;
    }
    return count;
  }

  it('stores every finished run of every application at its billed use times the region price, once', async () => {
    const { store, ingestor } = await setUp();
    await ingestor.run();
    const key = {
      accountId: ACCOUNT,
      region: 'us-east-1',
      applicationId: APP_A.id,
    };
    const days = await store.serverlessDays([key], window());
    const runs = days.reduce((sum, d) => sum + d.jobRuns, 0);
    expect(runs).toBe(await finishedRuns('us-east-1', APP_A.id));
    expect(runs).toBeGreaterThan(20);
    const price = BUILT_IN_SERVERLESS_PRICES['us-east-1'];
    for (const day of days) {
      expect(day.vcpuHours).toBeGreaterThan(0);
      expect(day.price?.vcpuHour).toBe(price.vcpuHour);
      expect(day.cost).toBeCloseTo(
        day.vcpuHours * price.vcpuHour +
          day.memoryGbHours * price.memoryGbHour +
          day.storageGbHours * price.storageGbHour,
        9,
      );
    }
    const eu = await store.serverlessDays(
      [{ accountId: ACCOUNT, region: 'eu-west-1', applicationId: APP_EU.id }],
      window(),
    );
    expect(eu.reduce((sum, d) => sum + d.jobRuns, 0)).toBe(
      await finishedRuns('eu-west-1', APP_EU.id),
    );
    expect(eu[0].price?.storageGbHour).toBe(
      BUILT_IN_SERVERLESS_PRICES['eu-west-1'].storageGbHour,
    );

    // A second ingestion reads no run again: finished runs never change.
    sandbox.stats.reset();
    await ingestor.run();
    expect(sandbox.stats.count('emr-serverless:ListJobRuns')).toBeGreaterThan(
      0,
    );
    expect(sandbox.stats.count('emr-serverless:GetJobRun')).toBe(0);
    const again = await store.serverlessDays([key], window());
    expect(again.reduce((sum, d) => sum + d.jobRuns, 0)).toBe(runs);
  });

  it('goes on with the other regions when one fails, and says which failed', async () => {
    const { store, logger, ingestor } = await setUp();
    // The first region's first call (ListApplications in us-east-1) answers 500.
    sandbox.faults.set({
      errorRate: 1,
      operations: ['emr-serverless:ListApplications'],
      count: 1,
    });
    await expect(ingestor.run()).rejects.toThrow(
      `EMR Serverless cost ingestion failed for ${ACCOUNT}/us-east-1`,
    );
    expect(logger.error).toHaveBeenCalledWith(
      expect.stringMatching(
        new RegExp(
          `^EMR Serverless cost ingestion in ${ACCOUNT}/us-east-1 stopped: .*InternalServerException.*the other regions go on$`,
        ),
      ),
    );
    const eu = await store.serverlessDays(
      [{ accountId: ACCOUNT, region: 'eu-west-1', applicationId: APP_EU.id }],
      window(),
    );
    expect(eu.length).toBeGreaterThan(0);
    const us = await store.serverlessDays(
      [{ accountId: ACCOUNT, region: 'us-east-1', applicationId: APP_A.id }],
      window(),
    );
    expect(us).toEqual([]);
    expect(
      await store.completeUntil(`serverless:${ACCOUNT}/us-east-1`),
    ).toBeUndefined();
  });
});
