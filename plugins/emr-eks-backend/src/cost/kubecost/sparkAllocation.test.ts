import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { publishedCostResponse } from '@emr-eks/sandbox';
import {
  DefaultKubecostClient,
  SPARK_AGGREGATE,
} from './DefaultKubecostClient';

const KUBECOST = 'http://kubecost.test:9090';
const OPENCOST = 'http://opencost.test:9003';
const WINDOW = {
  start: new Date('2023-01-18T00:00:00Z'),
  end: new Date('2023-01-19T00:00:00Z'),
};

const server = setupServer();
registerMswTestHooks(server);

function serve(url: string, body: unknown): string[] {
  const seen: string[] = [];
  server.use(
    http.get(url, ({ request }) => {
      seen.push(request.url);
      return HttpResponse.json(body as any);
    }),
  );
  return seen;
}

/**
 * OpenCost's published `aggregate=namespace` answer (EKS, one set), its `opencost` item copied
 * under the keys the Spark query gives: `<namespace>/<spark-app-selector>/<operator app>/
 * <spark-app-name>/<emr.internal.id>/<job.id>`, `__unallocated__` for a missing label.
 */
function sparkAnswer(keys: string[]) {
  const published = publishedCostResponse(
    'opencost-swagger-allocation-compute-window2d-aggregate-namespace.json',
  );
  const item = published.data[0].opencost;
  const set: Record<string, unknown> = {
    // Idle and a pod of no Spark application are no application's.
    __idle__: { ...item, name: '__idle__' },
  };
  for (const key of keys) {
    set[key] = {
      ...item,
      name: key,
      properties: { ...item.properties, namespace: key.split('/')[0] },
    };
  }
  return { ...published, data: [set, { ...set }] };
}

const U = '__unallocated__';

describe('DefaultKubecostClient.allocationBySparkApplication', () => {
  it('asks one accumulated set by namespace and the Spark labels, idle excluded', async () => {
    const seen = serve(`${KUBECOST}/model/allocation/compute`, {
      code: 200,
      data: [],
    });
    const client = DefaultKubecostClient.create({
      baseUrl: KUBECOST,
      flavor: 'kubecost',
    });
    await expect(client.allocationBySparkApplication(WINDOW)).resolves.toEqual(
      [],
    );
    expect(seen).toEqual([
      `${KUBECOST}/model/allocation/compute?window=2023-01-18T00:00:00Z,2023-01-19T00:00:00Z&aggregate=${SPARK_AGGREGATE}&accumulate=true&idle=false`,
    ]);
    expect(SPARK_AGGREGATE).toBe(
      'namespace,label:spark-app-selector,label:sparkoperator.k8s.io/app-name,label:spark-app-name,label:eks-subscription.amazonaws.com/emr.internal.id,label:emr-containers.amazonaws.com/job.id',
    );
  });

  it('reads the published item under Spark keys: operator, spark-submit, EMR runtime, and leaves the rest out', async () => {
    const seen = serve(
      `${OPENCOST}/allocation`,
      sparkAnswer([
        `team-a/spark-0a/nightly/nightly/emr-123/${U}`,
        `team-a/spark-0b/${U}/adhoc/${U}/${U}`,
        // An EMR on EKS job run's pods: counted by the job query, not here.
        `team-a/spark-0c/${U}/job/emr-9/000000033k6ruf3bqgv`,
        // Not a Spark pod at all.
        `team-a/${U}/${U}/${U}/${U}/${U}`,
      ]),
    );
    const client = DefaultKubecostClient.create({
      baseUrl: OPENCOST,
      flavor: 'opencost',
    });
    const rows = await client.allocationBySparkApplication(WINDOW);
    expect(new URL(seen[0]).searchParams.get('includeIdle')).toBe('false');
    // The published item: 0.019995 cores and 109970800.4 bytes requested over 2879.2 minutes,
    // $0.030644, in each of the two sets (summed).
    const requested = {
      minutes: 2 * 2879.235705,
      cpuCoreRequestHours: expect.closeTo((2 * 0.019995 * 2879.235705) / 60, 9),
      ramGbRequestHours: expect.closeTo(
        (2 * 109970800.411162 * 2879.235705) / 60 / 2 ** 30,
        9,
      ),
      totalCost: expect.closeTo(2 * 0.030644, 9),
    };
    expect(rows).toEqual([
      {
        namespace: 'team-a',
        sparkAppSelector: 'spark-0a',
        operatorAppName: 'nightly',
        sparkAppName: 'nightly',
        emrRuntime: true,
        ...requested,
      },
      {
        namespace: 'team-a',
        sparkAppSelector: 'spark-0b',
        sparkAppName: 'adhoc',
        emrRuntime: false,
        ...requested,
      },
    ]);
  });
});
