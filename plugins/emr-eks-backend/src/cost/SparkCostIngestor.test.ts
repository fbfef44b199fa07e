import { EMRContainersClient } from '@aws-sdk/client-emr-containers';
import { mockServices } from '@backstage/backend-test-utils';
import { DEMO, createSandbox, manualClock } from '@emr-eks/sandbox';
import { emrEksClientOptions } from '@emr-eks/plugin-emr-eks-node';
import { CostCluster } from './config';
import { CostStore, SparkAppDay } from './CostStore';
import { DefaultKubecostClient } from './kubecost';
import { UpliftPrices } from './prices';
import { SparkCostIngestor, toSparkAppDays } from './SparkCostIngestor';
import { BUILT_IN_UPLIFT_PRICES } from './uplift';
import {
  EmrContainersVirtualClusterDirectory,
  namespaceOwners,
} from './virtualClusterDirectory';
import { costDatabases } from '../testing/databases';

jest.setTimeout(60_000);
const databases = costDatabases();
const DAY_MS = 86_400_000;
const NOW = Date.parse('2026-11-10T12:30:00Z');
const TEAM_A = DEMO.virtualClusters['data-team-a'];
const TEAM_B_EU = DEMO.secondaryRegion.virtualClusters['data-team-b'];

const US: CostCluster = {
  name: 'analytics-shared',
  baseUrl: '',
  flavor: 'kubecost',
  accountId: DEMO.accountId,
  region: DEMO.region,
  eksClusterName: DEMO.eksClusterName,
};
const EU: CostCluster = {
  ...US,
  name: 'analytics-eu',
  region: DEMO.secondaryRegion.region,
  eksClusterName: DEMO.secondaryRegion.eksClusterName,
};

const byApplication = (days: SparkAppDay[]) => {
  const sums = new Map<string, { compute: number; uplift: number | null }>();
  for (const d of days) {
    const key = `${d.kind}/${d.application}/${d.emrRuntime ? 'emr' : 'oss'}`;
    const known = sums.get(key) ?? { compute: 0, uplift: 0 };
    sums.set(key, {
      compute: known.compute + d.compute,
      uplift:
        known.uplift === null || d.upliftEstimate === null
          ? null
          : known.uplift + d.upliftEstimate,
    });
  }
  return sums;
};

describe('SparkCostIngestor against the sandbox over HTTP', () => {
  const clock = manualClock(NOW);
  const sandbox = createSandbox({ seed: 11, clock });
  let url: string;
  let close: () => Promise<void> | void;

  beforeAll(async () => {
    const running = await sandbox.listen(0);
    url = running.url;
    close = () => running.close();
  });
  afterAll(() => close());
  afterEach(() => sandbox.kubecost.setOutage(undefined));

  async function setUp(clusters: CostCluster[]) {
    const knex = await databases.init('SQLITE_3');
    const store = await CostStore.create(mockServices.database({ knex }));
    const kubecost = DefaultKubecostClient.create({
      baseUrl: url,
      flavor: 'kubecost',
    });
    const directory = new EmrContainersVirtualClusterDirectory(
      async target =>
        new EMRContainersClient(
          emrEksClientOptions({
            region: target.region,
            credentials: async () => ({
              accessKeyId: 'sandbox',
              secretAccessKey: 'sandbox',
            }),
            endpoint: url,
            component: 'backend',
          }),
        ),
    );
    const ingestor = new SparkCostIngestor(
      store,
      new Map(clusters.map(c => [c.name, kubecost])),
      directory,
      { clusters, backfillDays: 2 },
      new UpliftPrices({}, mockServices.logger.mock()),
      mockServices.logger.mock(),
      () => clock.now(),
    );
    return { store, ingestor };
  }

  const window = {
    start: new Date(NOW - 3 * DAY_MS).toISOString(),
    end: new Date(NOW + DAY_MS).toISOString(),
  };

  it("charges each team's Spark Operator and spark-submit runs to its virtual cluster, with the uplift of EMR runtime images only", async () => {
    const { store, ingestor } = await setUp([US]);
    await ingestor.run();
    const days = await store.sparkAppDays(
      [
        {
          accountId: DEMO.accountId,
          region: DEMO.region,
          virtualClusterId: TEAM_A.id,
        },
      ],
      window,
    );
    expect(days.every(d => d.namespace === TEAM_A.namespace)).toBe(true);
    const apps = byApplication(days);
    expect([...apps.keys()]).toEqual(
      expect.arrayContaining([
        'spark-operator/oss-spark-pi/oss',
        'spark-operator/taxi-zones-nightly/emr',
        'spark-operator/team-a-features/emr',
        'spark-submit/adhoc-report/emr',
      ]),
    );
    // Started at 12:27, after the last whole hour ingested (12:00).
    expect(apps.has('spark-operator/clickstream-hourly/emr')).toBe(false);
    for (const [key, { compute, uplift }] of apps) {
      expect({ key, paid: compute > 0 }).toEqual({ key, paid: true });
      // Off the EMR runtime there is no uplift; on it, us-east-1's published price.
      expect({ key, uplift: key.endsWith('/oss') ? 0 : uplift! > 0 }).toEqual({
        key,
        uplift: key.endsWith('/oss') ? 0 : true,
      });
    }
    const taxi = days.filter(d => d.application === 'taxi-zones-nightly');
    const rate = BUILT_IN_UPLIFT_PRICES['us-east-1'];
    for (const day of taxi) {
      expect(day.upliftEstimate).toBeCloseTo(
        day.cpuRequestCoreHours * rate.vcpuHour +
          day.ramRequestGbHours * rate.gbHour,
        12,
      );
      // 1 driver + 4 executors of 1 core for about 7 minutes.
      expect(day.cpuRequestCoreHours).toBeGreaterThan(0.3);
      expect(day.cpuRequestCoreHours).toBeLessThan(1);
    }
    // No EMR on EKS job run (StartJobRun) is counted here: those have their own history.
    expect(days.some(d => /^0{7}/.test(d.application))).toBe(false);

    // An hour later, today is taken again up to the new whole hour.
    clock.set(NOW + 3_600_000);
    try {
      await ingestor.run();
    } finally {
      clock.set(NOW);
    }
    const later = byApplication(
      await store.sparkAppDays(
        [
          {
            accountId: DEMO.accountId,
            region: DEMO.region,
            virtualClusterId: TEAM_A.id,
          },
        ],
        window,
      ),
    );
    expect(
      later.get('spark-operator/clickstream-hourly/emr')?.compute,
    ).toBeGreaterThan(0);
  });

  it('re-ingesting a day gives the same totals', async () => {
    const { store, ingestor } = await setUp([US]);
    await ingestor.run();
    const keys = [
      {
        accountId: DEMO.accountId,
        region: DEMO.region,
        virtualClusterId: TEAM_A.id,
      },
    ];
    const first = await store.sparkAppDays(keys, window);
    await ingestor.run();
    await ingestor.run();
    const again = await store.sparkAppDays(keys, window);
    const sort = (days: SparkAppDay[]) =>
      [...days].sort((a, b) =>
        `${a.day}/${a.application}`.localeCompare(`${b.day}/${b.application}`),
      );
    expect(sort(again)).toEqual(sort(first));
    expect(first.length).toBeGreaterThan(0);
  });

  it('stores the uplift of a region without a price as unknown, never at another price', async () => {
    const { store, ingestor } = await setUp([EU]);
    await ingestor.run();
    const days = await store.sparkAppDays(
      [
        {
          accountId: DEMO.accountId,
          region: 'eu-west-1',
          virtualClusterId: TEAM_B_EU.id,
        },
      ],
      window,
    );
    const apps = byApplication(days);
    expect(apps.get('spark-operator/taxi-zones-nightly/emr')?.uplift).toBe(
      null,
    );
    expect(apps.get('spark-operator/oss-spark-pi/oss')?.uplift).toBe(0);
  });

  it('writes nothing and says which cluster failed when Kubecost is down', async () => {
    const { store, ingestor } = await setUp([US]);
    sandbox.kubecost.setOutage('unavailable');
    await expect(ingestor.run()).rejects.toThrow(
      'Spark application cost ingestion failed for analytics-shared',
    );
    expect(await store.completeUntil('spark:analytics-shared')).toBeUndefined();
  });
});

describe('toSparkAppDays', () => {
  const row = {
    namespace: 'team-a',
    sparkAppSelector: 'spark-1',
    operatorAppName: 'nightly',
    emrRuntime: true,
    minutes: 60,
    cpuCoreRequestHours: 2,
    ramGbRequestHours: 8,
    totalCost: 0.5,
  };

  it('adds up reruns of one application and leaves namespaces of no virtual cluster out', () => {
    const { days, outside } = toSparkAppDays(
      [
        row,
        { ...row, sparkAppSelector: 'spark-2' },
        { ...row, namespace: 'kube-system', totalCost: 0.25 },
      ],
      US,
      new Map([['team-a', 'vc-a']]),
      '2026-11-10',
      { vcpuHour: 0.01012, gbHour: 0.00111125 },
    );
    expect(outside).toBe(0.25);
    expect(days).toEqual([
      expect.objectContaining({
        virtualClusterId: 'vc-a',
        kind: 'spark-operator',
        application: 'nightly',
        compute: 1,
        cpuRequestCoreHours: 4,
        ramRequestGbHours: 16,
        upliftEstimate: expect.closeTo(4 * 0.01012 + 16 * 0.00111125, 12),
      }),
    ]);
  });
});

describe('namespaceOwners', () => {
  it('charges a namespace registered twice to its running virtual cluster, else the newest', () => {
    expect(
      namespaceOwners([
        {
          id: 'old',
          namespace: 'a',
          state: 'TERMINATED',
          createdAt: new Date(2),
        },
        {
          id: 'live',
          namespace: 'a',
          state: 'RUNNING',
          createdAt: new Date(1),
        },
        {
          id: 'b1',
          namespace: 'b',
          state: 'TERMINATED',
          createdAt: new Date(1),
        },
        {
          id: 'b2',
          namespace: 'b',
          state: 'TERMINATED',
          createdAt: new Date(3),
        },
      ]),
    ).toEqual(
      new Map([
        ['a', 'live'],
        ['b', 'b2'],
      ]),
    );
  });
});
