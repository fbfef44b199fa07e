import { mockCredentials } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createSandbox } from '@emr-eks/sandbox';
import request from 'supertest';
import {
  ALICE,
  MALLORY,
  pastOneMillisecondTtl,
  startBackend,
  sandboxKubernetes,
} from '../testing/backend';
import { undocumented } from '../testing/openapi';

/*
 * The Spark application routes over HTTP against the sandbox, whose Kubernetes API serves
 * SparkApplications with a simulated Spark Operator: @kubernetes/client-node, the cluster
 * found in the `kubernetes` config, the permission, the cache and the error mapping are
 * all the production ones.
 */

const A =
  '/api/emr-eks/v1/entity/default/resource/team-a-emr/spark-applications';
const EU =
  '/api/emr-eks/v1/entity/default/resource/team-b-eu-emr/spark-applications';
const HISTORY = 'https://spark-history.example.com';
const as = (user: string) => ({
  Authorization: mockCredentials.user.header(user),
});

describe('Spark application routes', () => {
  const sandbox = createSandbox({ seed: 5 });
  let running: Awaited<ReturnType<typeof sandbox.listen>>;
  let server: Awaited<ReturnType<typeof startBackend>>;

  async function get(url: string, user = ALICE) {
    const res = await request(server).get(url).set(as(user));
    // Every answer, errors included, is what openapi.yaml describes.
    expect(undocumented('get', url, res.status, res.body).errors).toEqual([]);
    return res;
  }

  beforeAll(async () => {
    running = await sandbox.listen(0);
    server = await startBackend({
      endpoint: running.url,
      visibleTo: 'everyone',
      rootConfig: sandboxKubernetes(running.url),
      // Lists are fresh for 1 ms, so that an outage is seen at once.
      config: {
        cache: { listTtl: { milliseconds: 1 } },
        sparkApplications: { historyServerUrl: `${HISTORY}/` },
      },
    });
  });
  afterAll(() => running.close());
  afterEach(() => sandbox.faults.clear());

  it("lists the namespace's Spark Operator and spark-submit runs, flagging images that are not EMR runtime images", async () => {
    const res = await get(A);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      cluster: 'analytics-shared',
      namespace: 'data-team-a',
      sparkOperator: true,
    });
    const byName = Object.fromEntries(
      res.body.items.map((i: { name: string }) => [i.name, i]),
    );
    expect(byName['taxi-zones-nightly']).toMatchObject({
      id: 'taxi-zones-nightly',
      kind: 'spark-operator',
      state: 'COMPLETED',
      driverPod: 'taxi-zones-nightly-driver',
      executors: 4,
      image:
        '755674844232.dkr.ecr.us-east-1.amazonaws.com/spark/emr-6.10.0:latest',
      emrRuntimeImage: true,
      // Submitted 5 s after its creation, ran 7 minutes after its executors started.
      durationSeconds: 40 + 7 * 60,
    });
    expect(byName['taxi-zones-nightly'].finishedAt).toBeDefined();
    expect(byName['clickstream-hourly']).toMatchObject({
      state: 'RUNNING',
      executors: 2,
      emrRuntimeImage: true,
    });
    expect(byName['clickstream-hourly'].finishedAt).toBeUndefined();
    expect(byName['team-a-features'].state).toBe('FAILED');
    expect(byName['oss-spark-pi']).toMatchObject({
      image: 'apache/spark:3.5.1',
      emrRuntimeImage: false,
    });
    expect(byName['adhoc-report']).toMatchObject({
      kind: 'spark-submit',
      state: 'COMPLETED',
      id: expect.stringMatching(/^adhoc-report-[0-9a-f]{16}-driver$/),
      driverPod: expect.stringMatching(/-driver$/),
      emrRuntimeImage: true,
    });
    // Newest first.
    expect(res.body.items[0].name).toBe('clickstream-hourly');
  });

  it("answers a finished run's spec, events and History Server link, and a running one's Spark UI", async () => {
    const done = await get(`${A}/taxi-zones-nightly`);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({
      type: 'Scala',
      mainClass: 'ValueZones',
      mainApplicationFile: expect.stringMatching(/\.jar$/),
      arguments: expect.arrayContaining(['2017']),
      serviceAccount: 'emr-job-execution-sa',
      hadoopConf: {
        'fs.s3.impl': 'com.amazon.ws.emr.hadoop.fs.EmrFileSystem',
      },
      links: {
        eventLogDir: expect.stringMatching(/^s3:\/\/.*\/spark-events\/$/),
        historyServer: expect.stringMatching(
          /^https:\/\/spark-history\.example\.com\/history\/spark-[0-9a-f]{32}\/jobs\/$/,
        ),
      },
    });
    expect(done.body.links.sparkUi).toBeUndefined();
    expect(done.body.sparkConf['spark.sql.catalogImplementation']).toBe('hive');
    expect(done.body.events.map((e: { reason: string }) => e.reason)).toEqual(
      expect.arrayContaining([
        'SparkApplicationSubmitted',
        'SparkDriverRunning',
        'SparkApplicationCompleted',
      ]),
    );

    const live = await get(`${A}/clickstream-hourly`);
    expect(live.body.links.sparkUi).toEqual({
      service: 'clickstream-hourly-ui-svc',
      port: 4040,
      kubernetesProxyPath:
        '/api/v1/namespaces/data-team-a/services/clickstream-hourly-ui-svc:4040/proxy/',
      portForward:
        'kubectl -n data-team-a port-forward svc/clickstream-hourly-ui-svc 4040:4040',
    });
    expect(live.body.links.historyServer).toBeUndefined();

    const failed = await get(`${A}/team-a-features`);
    expect(failed.body.errorMessage).toMatch(/ExitCode: 1/);
  });

  it('answers a spark-submit run from its driver pod', async () => {
    const list = await get(A);
    const submitted = list.body.items.find(
      (i: { kind: string }) => i.kind === 'spark-submit',
    );
    const res = await get(`${A}/${submitted.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      kind: 'spark-submit',
      mainClass: 'ValueZones',
      arguments: ['s3://nyc-tlc/csv_backup', '2018'],
      sparkConf: {},
    });
  });

  it("tails the driver's log, bounded and validated", async () => {
    const res = await get(`${A}/team-a-features/logs?tailLines=3`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      pod: 'team-a-features-driver',
      container: 'spark-kubernetes-driver',
      tailLines: 3,
    });
    expect(res.body.lines).toHaveLength(3);
    expect(res.body.lines[2]).toMatch(
      /ShutdownHookManager: Shutdown hook called$/,
    );

    const whole = await get(`${A}/team-a-features/logs`);
    expect(whole.body.tailLines).toBe(200);
    expect(whole.body.lines.join('\n')).toMatch(
      /Job aborted due to stage failure/,
    );

    const bad = await get(`${A}/team-a-features/logs?tailLines=5000`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/tailLines/);
  });

  it('refuses a malformed name and answers 404 for an unknown one', async () => {
    const bad = await get(`${A}/Not_A_Name`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/sparkApplicationId/);
    const missing = await get(`${A}/no-such-app`);
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toContain("'no-such-app'");
  });

  it('names the EKS cluster the portal has no Kubernetes config for', async () => {
    const res = await get(EU);
    expect(res.status).toBe(503);
    expect(res.body.error.message).toContain("EKS cluster 'analytics-eu'");
    expect(res.body.error.message).toContain(
      'kubernetes.clusterLocatorMethods',
    );
  });

  it('answers a Kubernetes outage from the last good list, marked stale and naming the cluster; 503 without one', async () => {
    const before = await get(A);
    expect(before.body.stale).toBeUndefined();
    await pastOneMillisecondTtl();
    sandbox.faults.set({
      errorRate: 1,
      errorStatus: 503,
      operations: ['k8s:list', 'k8s:get'],
    });
    const during = await get(A);
    expect(during.status).toBe(200);
    expect(during.body.items).toEqual(before.body.items);
    expect(during.body.stale.reason).toContain("cluster 'analytics-shared'");
    // Never read before: nothing to fall back on.
    const detail = await get(`${A}/oss-spark-pi`);
    expect(detail.status).toBe(503);
    expect(detail.body.error.message).toContain("cluster 'analytics-shared'");
  });
});

describe('Spark application routes, refused', () => {
  const sandbox = createSandbox({ seed: 5 });
  let running: Awaited<ReturnType<typeof sandbox.listen>>;

  beforeAll(async () => {
    running = await sandbox.listen(0);
  });
  afterAll(() => running.close());

  it('refuses a caller without emr-eks.job-run.read before asking Kubernetes', async () => {
    const server = await startBackend({
      endpoint: running.url,
      visibleTo: 'everyone',
      rootConfig: sandboxKubernetes(running.url),
      permission: AuthorizeResult.DENY,
    });
    sandbox.stats.reset();
    const res = await request(server).get(A).set(as(ALICE));
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain('emr-eks.job-run.read');
    expect(sandbox.stats.count('k8s:list')).toBe(0);
  });

  it('answers 404 to a caller who cannot see the entity', async () => {
    const server = await startBackend({
      endpoint: running.url,
      visibleTo: [ALICE],
      rootConfig: sandboxKubernetes(running.url),
    });
    const res = await request(server).get(A).set(as(MALLORY));
    expect(res.status).toBe(404);
  });
});
