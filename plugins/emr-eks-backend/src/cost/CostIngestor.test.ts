import { mockServices } from '@backstage/backend-test-utils';
import { CostCluster, CostConfig } from './config';
import { CostIngestor, toHourlyCosts } from './CostIngestor';
import { CostStore } from './CostStore';
import { UpliftPrices } from './prices';
import { BUILT_IN_UPLIFT_PRICES } from './uplift';
import {
  JobAllocationRow,
  KubecostClient,
  KubecostNode,
  KubecostWindow,
} from './kubecost';
import { VirtualClusterDirectory } from './virtualClusterDirectory';
import { costDatabases } from '../testing/databases';

jest.setTimeout(60_000);
const databases = costDatabases();
const HOUR = 3_600_000;
const NOW = Date.parse('2026-11-10T12:30:00Z');

const cluster: CostCluster = {
  name: 'analytics-shared',
  baseUrl: 'http://kubecost.test',
  flavor: 'kubecost',
  accountId: '123456789012',
  region: 'us-east-1',
  eksClusterName: 'analytics-shared',
};
const VC1 = {
  accountId: '123456789012',
  region: 'us-east-1',
  virtualClusterId: 'vc1',
};
const config: CostConfig = {
  clusters: [cluster],
  schedule: { frequency: { hours: 1 }, timeout: { minutes: 5 } },
  backfillDays: 3,
  retentionDays: 30,
  upliftPrices: {},
  sparkApplications: false,
};

/** What emr-containers says: vc1 is registered on namespace team-a. */
class FakeDirectory implements VirtualClusterDirectory {
  namespaces = new Map([['vc1', 'team-a']]);
  asked: CostCluster[] = [];
  fail = false;

  async namespacesOf(of: CostCluster) {
    this.asked.push(of);
    if (this.fail) {
      throw new Error('emr-containers went away');
    }
    return this.namespaces;
  }
}

/**
 * A Kubecost that reports one driver and one executor pod of job `j1` every hour, in
 * namespace team-a, and any `extra` pods (one hour each, at the start of each window).
 */
class FakeKubecost implements KubecostClient {
  calls: KubecostWindow[] = [];
  failAfter = Infinity;
  extra: Array<Partial<JobAllocationRow>> = [];

  async allocationByJob(window: KubecostWindow): Promise<JobAllocationRow[]> {
    this.calls.push(window);
    if (this.calls.length > this.failAfter) {
      throw new Error('Kubecost went away');
    }
    const rows: JobAllocationRow[] = [];
    for (let t = window.start.getTime(); t < window.end.getTime(); t += HOUR) {
      for (const [component, providerId] of [
        ['driver', 'i-ondemand'],
        ['executor', 'i-spot'],
      ] as const) {
        rows.push({
          windowStart: new Date(t).toISOString(),
          windowEnd: new Date(t + HOUR).toISOString(),
          pod: `j1-${component}`,
          namespace: 'team-a',
          providerId,
          jobRunId: 'j1',
          virtualClusterId: 'vc1',
          component,
          minutes: 60,
          cpuCoreHours: 2,
          cpuCoreRequestAverage: 2,
          cpuCoreUsageAverage: 1,
          ramByteHours: 8 * 2 ** 30,
          ramByteRequestAverage: 8 * 2 ** 30,
          ramByteUsageAverage: 4 * 2 ** 30,
          cpuCoreRequestHours: 2,
          ramGbRequestHours: 8,
          cpuCost: 0.06,
          ramCost: 0.04,
          pvCost: 0,
          networkCost: 0,
          totalCost: 0.1,
        });
      }
    }
    for (const extra of this.extra) {
      rows.push({
        ...rows[0],
        windowStart: window.start.toISOString(),
        windowEnd: new Date(window.start.getTime() + HOUR).toISOString(),
        ...extra,
      });
    }
    return rows;
  }

  async allocationBySparkApplication() {
    return [];
  }

  async nodes(): Promise<KubecostNode[]> {
    return [
      {
        providerId: 'i-ondemand',
        name: 'n1',
        capacityType: 'on-demand',
        instanceType: 'm5.xlarge',
      },
      {
        providerId: 'aws:///us-east-1a/i-spot',
        name: 'n2',
        capacityType: 'spot',
        instanceType: 'r5.xlarge',
      },
    ];
  }
}

async function setup(
  id: typeof databases.eachSupportedId extends () => Array<[infer I]>
    ? I
    : never,
  ingestConfig: CostConfig = config,
) {
  const knex = await databases.init(id);
  const store = await CostStore.create(mockServices.database({ knex }));
  const kubecost = new FakeKubecost();
  const directory = new FakeDirectory();
  const logger = mockServices.logger.mock();
  let now = NOW;
  const ingestor = new CostIngestor(
    store,
    new Map(ingestConfig.clusters.map(c => [c.name, kubecost])),
    directory,
    ingestConfig,
    new UpliftPrices(ingestConfig.upliftPrices, logger),
    logger,
    () => now,
  );
  const everything = {
    start: '2026-01-01T00:00:00.000Z',
    end: '2027-01-01T00:00:00.000Z',
  };
  const total = async () =>
    (await store.jobDays([VC1], everything)).reduce(
      (sum, d) => sum + d.compute,
      0,
    );
  return {
    store,
    kubecost,
    directory,
    ingestor,
    logger,
    total,
    everything,
    setNow: (t: number) => (now = t),
  };
}

describe('toHourlyCosts', () => {
  it('sums pods per job, component, capacity and hour with the uplift estimate', () => {
    const rows = toHourlyCosts(
      [
        {
          windowStart: '2026-11-10T10:00:00Z',
          capacityType: 'spot',
          instanceType: 'r5.xlarge',
          component: 'executor',
          virtualClusterId: 'vc1',
          jobRunId: 'j1',
          minutes: 60,
          totalCost: 1,
          cpuCost: 0.6,
          ramCost: 0.4,
          pvCost: 0,
          networkCost: 0,
          cpuCoreRequestHours: 4,
          ramGbRequestHours: 16,
          cpuCoreUsageAverage: 2,
          ramByteUsageAverage: 2 ** 30,
        } as any,
        {
          windowStart: '2026-11-10T10:00:00Z',
          capacityType: 'spot',
          instanceType: 'r5.xlarge',
          component: 'executor',
          virtualClusterId: 'vc1',
          jobRunId: 'j1',
          minutes: 30,
          totalCost: 0.5,
          cpuCost: 0.3,
          ramCost: 0.2,
          pvCost: 0,
          networkCost: 0,
          cpuCoreRequestHours: 2,
          ramGbRequestHours: 8,
          cpuCoreUsageAverage: 2,
          ramByteUsageAverage: 2 ** 30,
        } as any,
      ],
      cluster,
      BUILT_IN_UPLIFT_PRICES['us-east-1'],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      totalCost: 1.5,
      cpuRequestCoreHours: 6,
      ramRequestGbHours: 24,
      cpuUsageCoreHours: 3,
      ramUsageGbHours: 1.5,
    });
    expect(rows[0].upliftEstimate).toBeCloseTo(
      6 * 0.01012 + 24 * 0.00111125,
      10,
    );
  });
});

describe.each(databases.eachSupportedId())('CostIngestor on %s', id => {
  it('backfills the configured days on first start, a day at a time, up to the last full hour', async () => {
    const { kubecost, ingestor, store, total } = await setup(id);
    await ingestor.run();
    const first = kubecost.calls[0];
    const last = kubecost.calls.at(-1)!;
    expect(first.start.toISOString()).toBe('2026-11-07T12:00:00.000Z');
    expect(last.end.toISOString()).toBe('2026-11-10T12:00:00.000Z');
    expect(kubecost.calls).toHaveLength(3);
    // 72 hours × 2 pods × $0.10
    expect(await total()).toBeCloseTo(14.4);
    expect(await store.kubecostCompleteUntil()).toEqual(
      new Date('2026-11-10T12:00:00Z'),
    );
    const byCapacity = await store.computeBy('capacity_type', [VC1], {
      start: '2026-11-01T00:00:00.000Z',
      end: '2026-11-11T00:00:00.000Z',
    });
    expect(byCapacity.map(c => c.key).sort()).toEqual(['on-demand', 'spot']);
  });

  it('re-running never double counts, and takes only the recent hours again', async () => {
    const { kubecost, ingestor, total, setNow } = await setup(id);
    await ingestor.run();
    await ingestor.run();
    expect(await total()).toBeCloseTo(14.4);
    setNow(NOW + HOUR);
    kubecost.calls = [];
    await ingestor.run();
    expect(kubecost.calls).toEqual([
      {
        start: new Date('2026-11-10T10:00:00Z'),
        end: new Date('2026-11-10T13:00:00Z'),
      },
    ]);
    expect(await total()).toBeCloseTo(14.6);
  });

  it('a run that dies midway resumes from its last committed day with no gap', async () => {
    const { kubecost, ingestor, store, total } = await setup(id);
    kubecost.failAfter = 1;
    await expect(ingestor.run()).rejects.toThrow('analytics-shared');
    expect(await store.kubecostCompleteUntil()).toEqual(
      new Date('2026-11-08T12:00:00Z'),
    );
    expect(await total()).toBeCloseTo(4.8);
    kubecost.failAfter = Infinity;
    await ingestor.run();
    expect(await total()).toBeCloseTo(14.4);
  });

  it('charges a pod to its labelled virtual cluster only when it ran in that virtual cluster’s namespace', async () => {
    const { kubecost, ingestor, store, total, everything } = await setup(id);
    // Someone who can create pods in team-b labels one as vc1's job j1.
    kubecost.extra = [{ pod: 'spoof', namespace: 'team-b', totalCost: 5 }];
    await ingestor.run();
    expect(await total()).toBeCloseTo(14.4);
    expect(await store.unattributed(everything)).toEqual([
      {
        cluster: 'analytics-shared',
        accountId: '123456789012',
        region: 'us-east-1',
        namespace: 'team-b',
        virtualClusterId: 'vc1',
        jobRunId: 'j1',
        reason: 'namespace-mismatch',
        compute: 15, // three daily windows, one hour each
        upliftEstimate: expect.any(Number),
      },
    ]);
  });

  it('keeps unknown virtual clusters, EMR pods missing a label and pods without a namespace as unattributed', async () => {
    const { kubecost, ingestor, store, total, everything } = await setup(id);
    kubecost.extra = [
      { pod: 'elsewhere', virtualClusterId: 'vc9', totalCost: 1 },
      { pod: 'no-vc', virtualClusterId: undefined, totalCost: 2 },
      { pod: 'no-job', jobRunId: undefined, totalCost: 3 },
      { pod: 'no-ns', namespace: undefined, totalCost: 4 },
    ];
    await ingestor.run();
    expect(await total()).toBeCloseTo(14.4);
    const rows = await store.unattributed(everything);
    expect(
      rows.map(r => [
        r.reason,
        r.namespace,
        r.virtualClusterId,
        r.jobRunId,
        r.compute,
      ]),
    ).toEqual([
      ['missing-namespace', '', 'vc1', 'j1', 12],
      ['missing-labels', 'team-a', 'vc1', '', 9],
      ['missing-labels', 'team-a', '', 'j1', 6],
      ['unknown-virtual-cluster', 'team-a', 'vc9', 'j1', 3],
    ]);
    // Nothing dropped: attributed plus unattributed is everything Kubecost reported.
    expect(rows.reduce((sum, r) => sum + r.compute, 0)).toBeCloseTo(3 * 10);
  });

  describe('a cluster in eu-west-1, whose uplift price is not built in', () => {
    const euCluster: CostCluster = { ...cluster, region: 'eu-west-1' };
    const euConfig: CostConfig = { ...config, clusters: [euCluster] };
    const VC1_EU = { ...VC1, region: 'eu-west-1' };

    it('stores its estimates as unknown, not at us-east-1 prices, and says so once', async () => {
      const { ingestor, store, logger, everything, setNow } = await setup(
        id,
        euConfig,
      );
      await ingestor.run();
      setNow(NOW + HOUR);
      await ingestor.run();
      const days = await store.jobDays([VC1_EU], everything);
      expect(days.length).toBeGreaterThan(0);
      for (const day of days) {
        expect(day.upliftEstimate).toBeNull();
        expect(day.compute).toBeGreaterThan(0);
      }
      const unpriced = logger.warn.mock.calls.filter(([message]) =>
        String(message).includes('not priced for eu-west-1'),
      );
      expect(unpriced).toHaveLength(1);
      expect(unpriced[0][0]).toContain('emrEks.cost.upliftPrices.eu-west-1');
    });

    it('uses a configured eu-west-1 price', async () => {
      const { ingestor, store, everything } = await setup(id, {
        ...euConfig,
        upliftPrices: { 'eu-west-1': { vcpuHour: 0.02, gbHour: 0.003 } },
      });
      await ingestor.run();
      const days = await store.jobDays([VC1_EU], everything);
      const requested = days.reduce(
        (sum, d) => ({
          cpu: sum.cpu + d.cpuRequestCoreHours,
          ram: sum.ram + d.ramRequestGbHours,
        }),
        { cpu: 0, ram: 0 },
      );
      const estimate = days.reduce((sum, d) => sum + d.upliftEstimate!, 0);
      // 72 hours × 2 pods × (2 vCPU, 8 GB)
      expect(requested).toEqual({ cpu: 288, ram: 1152 });
      expect(estimate).toBeCloseTo(288 * 0.02 + 1152 * 0.003, 8);
    });
  });

  it('asks emr-containers for the configured EKS cluster’s virtual clusters, and writes nothing without them', async () => {
    const { kubecost, directory, ingestor, store, total } = await setup(id);
    directory.fail = true;
    await expect(ingestor.run()).rejects.toThrow('analytics-shared');
    expect(directory.asked.map(c => c.eksClusterName)).toEqual([
      'analytics-shared',
    ]);
    expect(kubecost.calls).toEqual([]);
    expect(await total()).toBe(0);
    expect(await store.kubecostCompleteUntil()).toBeUndefined();
  });
});
