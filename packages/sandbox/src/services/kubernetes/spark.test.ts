import {
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
} from '@kubernetes/client-node';
import request from 'supertest';
import {
  kubeconfigOptions,
  ListeningSandbox,
  listeningSandbox,
} from '../../__testUtils__/clients';
import { MINUTE, SECOND, T0 } from '../../__testUtils__';
import { NEW_SPARK_SECONDS, OUTCOME_ANNOTATION } from './sparkOperator';

let env: ListeningSandbox;
let kc: KubeConfig;
const NS = 'data-team-a';
const APPS = {
  group: 'sparkoperator.k8s.io',
  version: 'v1beta2',
  namespace: NS,
  plural: 'sparkapplications',
};

beforeAll(async () => {
  env = await listeningSandbox();
});
afterAll(() => env.running.close());
beforeEach(() => {
  env.sandbox.clock.set(T0);
  env.sandbox.reset();
  kc = new KubeConfig();
  kc.loadFromOptions(kubeconfigOptions(env.running.url));
});

const stateOf = (app: any) => app.status?.applicationState?.state;

describe('SparkApplications and the simulated Spark Operator', () => {
  it('serves the v1beta2 API group in discovery', async () => {
    const api = request(env.sandbox.app);
    const groups = await api.get('/k8s/analytics-shared/apis').expect(200);
    expect(
      groups.body.groups.find(
        (g: { name: string }) => g.name === 'sparkoperator.k8s.io',
      ),
    ).toMatchObject({
      preferredVersion: {
        groupVersion: 'sparkoperator.k8s.io/v1beta2',
        version: 'v1beta2',
      },
    });
    await api
      .get('/k8s/analytics-shared/apis/sparkoperator.k8s.io/v1beta2')
      .expect(200);
    await api
      .get(
        '/k8s/analytics-shared/apis/sparkoperator.k8s.io/v1/namespaces/data-team-a/sparkapplications',
      )
      .expect(404);
  });

  it("seeds each team's namespace with finished, failed and running applications on EMR runtime images", async () => {
    const custom = kc.makeApiClient(CustomObjectsApi);
    const list = await custom.listNamespacedCustomObject(APPS);
    const byName = Object.fromEntries(
      list.items.map((a: any) => [a.metadata.name, a]),
    );
    expect(
      Object.fromEntries(
        Object.entries(byName).map(([name, a]) => [name, stateOf(a)]),
      ),
    ).toEqual({
      'clickstream-hourly': 'RUNNING',
      'oss-spark-pi': 'COMPLETED',
      'taxi-zones-nightly': 'COMPLETED',
      'team-a-features': 'FAILED',
      // The team's Spark Connect server (sparkConnect.test.ts).
      'team-connect': 'RUNNING',
    });
    expect(byName['taxi-zones-nightly'].spec.image).toBe(
      '755674844232.dkr.ecr.us-east-1.amazonaws.com/spark/emr-6.10.0:latest',
    );
    expect(byName['taxi-zones-nightly'].spec.hadoopConf['fs.s3.impl']).toBe(
      'com.amazon.ws.emr.hadoop.fs.EmrFileSystem',
    );
    expect(byName['oss-spark-pi'].spec.image).toBe('apache/spark:3.5.1');
    expect(
      byName['team-a-features'].status.applicationState.errorMessage,
    ).toMatch(/ExitCode: 1/);

    // The running one's driver and executors, with the operator's labels.
    const core = kc.makeApiClient(CoreV1Api);
    const pods = await core.listNamespacedPod({
      namespace: NS,
      labelSelector: 'sparkoperator.k8s.io/app-name=clickstream-hourly',
    });
    const roles = pods.items
      .map(p => [p.metadata?.labels?.['spark-role'], p.status?.phase])
      .sort();
    expect(roles).toEqual([
      ['driver', 'Running'],
      ['executor', 'Running'],
      ['executor', 'Running'],
    ]);
    const selector = pods.items[0].metadata?.labels?.['spark-app-selector'];
    expect(selector).toMatch(/^spark-[0-9a-f]{32}$/);
    expect(
      pods.items.every(
        p => p.metadata?.labels?.['spark-app-selector'] === selector,
      ),
    ).toBe(true);
    // A finished application keeps its driver pod only.
    const done = await core.listNamespacedPod({
      namespace: NS,
      labelSelector: 'sparkoperator.k8s.io/app-name=taxi-zones-nightly',
    });
    expect(done.items.map(p => p.status?.phase)).toEqual(['Succeeded']);

    // spark-submit: a driver pod without an owner.
    const drivers = await core.listNamespacedPod({
      namespace: NS,
      labelSelector: 'spark-role=driver',
    });
    const submitted = drivers.items.filter(
      p => !p.metadata?.ownerReferences?.length,
    );
    expect(submitted.map(p => p.metadata?.name)).toEqual([
      expect.stringMatching(/^adhoc-report-[0-9a-f]{16}-driver$/),
    ]);
    expect(submitted[0].status?.phase).toBe('Succeeded');
  });

  it('runs a new application SUBMITTED → RUNNING → FAILED with pods, events and a log tail', async () => {
    const custom = kc.makeApiClient(CustomObjectsApi);
    const core = kc.makeApiClient(CoreV1Api);
    await custom.createNamespacedCustomObject({
      ...APPS,
      body: {
        apiVersion: 'sparkoperator.k8s.io/v1beta2',
        kind: 'SparkApplication',
        metadata: {
          name: 'spark-pi',
          annotations: { [OUTCOME_ANNOTATION]: 'FAILED' },
        },
        spec: {
          type: 'Scala',
          mode: 'cluster',
          image: 'apache/spark:3.5.1',
          mainClass: 'org.apache.spark.examples.SparkPi',
          mainApplicationFile: 'local:///opt/spark/examples/jars/x.jar',
          driver: { cores: 1, memory: '1g' },
          executor: { cores: 1, instances: 3, memory: '1g' },
        },
      },
    });
    const get = async () =>
      (await custom.getNamespacedCustomObject({
        ...APPS,
        name: 'spark-pi',
      })) as any;
    expect(stateOf(await get())).toBeUndefined();
    // Phases take at most their longest real-life time, 30 times faster.
    const most = (phase: readonly [number, number]) =>
      Math.ceil((phase[1] * SECOND) / 30);
    env.sandbox.clock.advance(most(NEW_SPARK_SECONDS.submit));
    expect(stateOf(await get())).toBe('SUBMITTED');
    const waiting = await request(env.sandbox.app).get(
      `/k8s/analytics-shared/api/v1/namespaces/${NS}/pods/spark-pi-driver/log`,
    );
    expect(waiting.status).toBe(400);
    expect(waiting.body.message).toMatch(/is waiting to start/);

    env.sandbox.clock.advance(
      most(NEW_SPARK_SECONDS.driverStart) +
        most(NEW_SPARK_SECONDS.executorsStart),
    );
    const running = await get();
    expect(stateOf(running)).toBe('RUNNING');
    expect(running.status.driverInfo).toMatchObject({
      podName: 'spark-pi-driver',
      webUIServiceName: 'spark-pi-ui-svc',
      webUIPort: 4040,
    });
    const executors = await core.listNamespacedPod({
      namespace: NS,
      labelSelector:
        'sparkoperator.k8s.io/app-name=spark-pi,spark-role=executor',
    });
    expect(executors.items).toHaveLength(3);

    env.sandbox.clock.advance(most(NEW_SPARK_SECONDS.running));
    const failed = await get();
    expect(stateOf(failed)).toBe('FAILED');
    expect(failed.status.terminationTime).toBeDefined();
    const left = await core.listNamespacedPod({
      namespace: NS,
      labelSelector: 'sparkoperator.k8s.io/app-name=spark-pi',
    });
    expect(left.items.map(p => p.status?.phase)).toEqual(['Failed']);

    const events = await core.listNamespacedEvent({
      namespace: NS,
      fieldSelector: 'involvedObject.name=spark-pi',
    });
    expect(events.items.map(e => e.reason)).toEqual(
      expect.arrayContaining([
        'SparkApplicationAdded',
        'SparkApplicationSubmitted',
        'SparkDriverRunning',
        'SparkExecutorRunning',
        'SparkApplicationFailed',
      ]),
    );
    expect(events.items.map(e => e.reason)).not.toContain(
      'SparkApplicationCompleted',
    );

    const tail = await request(env.sandbox.app)
      .get(
        `/k8s/analytics-shared/api/v1/namespaces/${NS}/pods/spark-pi-driver/log?tailLines=2`,
      )
      .expect(200);
    expect(tail.type).toBe('text/plain');
    expect(tail.text.trimEnd().split('\n')).toEqual([
      expect.stringMatching(
        /INFO SparkContext: Successfully stopped SparkContext$/,
      ),
      expect.stringMatching(/INFO ShutdownHookManager: Shutdown hook called$/),
    ]);
    const whole = await core.readNamespacedPodLog({
      namespace: NS,
      name: 'spark-pi-driver',
    });
    expect(whole).toMatch(/Running Spark version 3\.5\.1/);
    expect(whole).toMatch(/Job aborted due to stage failure/);

    // Deleting the application takes its pods with it; its events stay.
    await custom.deleteNamespacedCustomObject({ ...APPS, name: 'spark-pi' });
    const gone = await core.listNamespacedPod({
      namespace: NS,
      labelSelector: 'sparkoperator.k8s.io/app-name=spark-pi',
    });
    expect(gone.items).toEqual([]);
  });

  it('the same seed and clock give the same outcome and timings', async () => {
    const custom = kc.makeApiClient(CustomObjectsApi);
    const body = {
      apiVersion: 'sparkoperator.k8s.io/v1beta2',
      kind: 'SparkApplication',
      metadata: { name: 'repeatable' },
      spec: { type: 'Python', mainApplicationFile: 's3://b/x.py' },
    };
    const course = async () => {
      await custom.createNamespacedCustomObject({ ...APPS, body });
      env.sandbox.clock.advance(60 * MINUTE);
      const app = (await custom.getNamespacedCustomObject({
        ...APPS,
        name: 'repeatable',
      })) as any;
      return [stateOf(app), app.status.terminationTime];
    };
    const first = await course();
    env.sandbox.clock.set(T0);
    env.sandbox.reset();
    expect(await course()).toEqual(first);
  });
});
