import {
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  NetworkingV1Api,
} from '@kubernetes/client-node';
import {
  kubeconfigOptions,
  ListeningSandbox,
  listeningSandbox,
} from '../../__testUtils__/clients';
import { DAY, T0 } from '../../__testUtils__';
import { SEEDED_SPARK_CONNECT } from './sparkConnectSeed';

let env: ListeningSandbox;
let kc: KubeConfig;
const NS = 'data-team-a';
const NAME = SEEDED_SPARK_CONNECT.name;
const APPS = {
  group: 'sparkoperator.k8s.io',
  version: 'v1beta2',
  namespace: NS,
  plural: 'sparkapplications',
};
const SELECTOR =
  'app.kubernetes.io/name=spark-connect,app.kubernetes.io/managed-by=backstage';

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

describe("data-team-a's seeded Spark Connect server", () => {
  it('is a SparkApplication, a Service and an Ingress with the action’s labels, and stays RUNNING', async () => {
    const custom = kc.makeApiClient(CustomObjectsApi);
    const core = kc.makeApiClient(CoreV1Api);
    const networking = kc.makeApiClient(NetworkingV1Api);
    const apps = (await custom.listNamespacedCustomObject({
      ...APPS,
      labelSelector: SELECTOR,
    })) as { items: any[] };
    expect(apps.items.map(a => [a.metadata.name, stateOf(a)])).toEqual([
      [NAME, 'RUNNING'],
    ]);
    expect(apps.items[0].spec).toMatchObject({
      mainClass: 'org.apache.spark.sql.connect.service.SparkConnectServer',
      restartPolicy: { type: 'Always' },
      sparkConf: { 'spark.connect.grpc.binding.port': '15002' },
    });
    const services = await core.listNamespacedService({
      namespace: NS,
      labelSelector: SELECTOR,
    });
    expect(services.items.map(s => s.spec?.ports?.[0].port)).toEqual([15002]);
    const ingresses = await networking.listNamespacedIngress({
      namespace: NS,
      labelSelector: SELECTOR,
    });
    expect(ingresses.items[0].spec?.rules?.[0].host).toBe(
      SEEDED_SPARK_CONNECT.hostname,
    );

    // A server does not end by itself: a week later it still runs.
    env.sandbox.clock.advance(7 * DAY);
    const later = await custom.getNamespacedCustomObject({
      ...APPS,
      name: NAME,
    });
    expect(stateOf(later)).toBe('RUNNING');
  });

  it('can be deleted and created again from the same spec: the new one runs and stays up', async () => {
    const custom = kc.makeApiClient(CustomObjectsApi);
    const core = kc.makeApiClient(CoreV1Api);
    const app: any = await custom.getNamespacedCustomObject({
      ...APPS,
      name: NAME,
    });
    await custom.deleteNamespacedCustomObject({ ...APPS, name: NAME });
    const orphans = await core.listNamespacedPod({
      namespace: NS,
      labelSelector: `sparkoperator.k8s.io/app-name=${NAME}`,
    });
    expect(orphans.items).toEqual([]);

    await custom.createNamespacedCustomObject({
      ...APPS,
      body: {
        apiVersion: app.apiVersion,
        kind: app.kind,
        metadata: { name: NAME, labels: app.metadata.labels },
        spec: app.spec,
      },
    });
    env.sandbox.clock.advance(DAY);
    const again: any = await custom.getNamespacedCustomObject({
      ...APPS,
      name: NAME,
    });
    expect(again.metadata.uid).not.toBe(app.metadata.uid);
    expect(stateOf(again)).toBe('RUNNING');
    const pods = await core.listNamespacedPod({
      namespace: NS,
      labelSelector: `sparkoperator.k8s.io/app-name=${NAME}`,
    });
    expect(
      pods.items.map(p => p.metadata?.labels?.['spark-role']).sort(),
    ).toEqual(['driver', 'executor', 'executor']);
  });
});
