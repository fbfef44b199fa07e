import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { DEMO, KUBERNETES_RESOURCES, createSandbox } from '@emr-eks/sandbox';
import request from 'supertest';
import {
  ALICE,
  BOB,
  sandboxKubernetes,
  startBackend,
  teamA,
} from '../testing/backend';
import { undocumented } from '../testing/openapi';

/*
 * The Spark Operator actions over HTTP against the sandbox: templates in the plugin's
 * database, SparkApplications created and deleted through the sandbox's Kubernetes API
 * (the portal's kubernetes config), and run by its simulated Spark Operator.
 */

const ENTITY = '/api/emr-eks/v1/entity/default/resource';
const A = `${ENTITY}/team-a-emr`;
const SHADOW = `${ENTITY}/shadow-of-team-b`;
const APPS = KUBERNETES_RESOURCES.find(r => r.plural === 'sparkapplications')!;
const US_EAST_1_IMAGES = '755674844232';
const as = (user: string) => ({
  Authorization: mockCredentials.user.header(user),
});

const template = (overrides: Record<string, unknown> = {}) => ({
  name: 'taxi-zones',
  type: 'Scala',
  mainClass: 'ValueZones',
  mainApplicationFile: `${teamA.codeBucket}/jars/spark-eks-assembly-3.3.0.jar`,
  arguments: ['s3://nyc-tlc/csv_backup', '2017'],
  sparkConf: { 'spark.sql.shuffle.partitions': '64' },
  driver: { cores: 1, memory: '4g' },
  executor: { cores: 2, memory: '8g', instances: 3 },
  releaseLabel: 'emr-6.15.0',
  ...overrides,
});

describe('Spark Operator actions', () => {
  const sandbox = createSandbox({ seed: 5 });
  const auditor = mockServices.auditor.mock();
  let running: Awaited<ReturnType<typeof sandbox.listen>>;
  let server: Awaited<ReturnType<typeof startBackend>>;
  const k8s = () => sandbox.kubernetes.cluster(DEMO.eksClusterName)!;
  const portalApps = (namespace: string) =>
    // Started from a template: the seeded Spark Connect server is the portal's too, but not one of these.
    k8s().list(
      APPS,
      namespace,
      'app.kubernetes.io/managed-by=backstage,emr-eks.backstage.io/spark-template',
    );

  async function call(
    method: 'get' | 'post' | 'delete',
    url: string,
    user = ALICE,
    body?: object,
  ) {
    const req = request(server)[method](url).set(as(user));
    const res = await (body ? req.send(body) : req);
    // Every answer, errors included, is what openapi.yaml describes.
    expect(
      undocumented(
        method,
        url.replace(/^\/api\/emr-eks/, ''),
        res.status,
        res.body,
      ).errors,
    ).toEqual([]);
    return res;
  }

  beforeAll(async () => {
    running = await sandbox.listen(0);
    server = await startBackend({
      endpoint: running.url,
      visibleTo: 'everyone',
      permission: 'owner-writes',
      auditor: auditor.factory,
      rootConfig: sandboxKubernetes(running.url),
      config: {
        sparkApplications: {
          imageAccounts: [{ region: DEMO.region, accountId: US_EAST_1_IMAGES }],
        },
      },
    });
  });
  afterAll(() => running.close());
  beforeEach(() => sandbox.stats.reset());
  afterEach(() => sandbox.faults.clear());

  it('saves a template for the owner (audited), refusing settings the platform decides', async () => {
    const bad = await call(
      'post',
      `${A}/spark-application-templates`,
      ALICE,
      template({
        sparkConf: {
          'spark.kubernetes.authenticate.driver.serviceAccountName': 'admin',
        },
      }),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(
      /'sparkConf' key 'spark\.kubernetes\.authenticate\.driver\.serviceAccountName' is set by the platform/,
    );
    const noClass = await call(
      'post',
      `${A}/spark-application-templates`,
      ALICE,
      template({ mainClass: undefined }),
    );
    expect(noClass.body.error.message).toMatch(
      /'mainClass' is required for Scala and Java/,
    );

    auditor.createEvent.mockClear();
    const saved = await call(
      'post',
      `${A}/spark-application-templates`,
      ALICE,
      template(),
    );
    expect(saved.status).toBe(201);
    expect(saved.body).toMatchObject({ ...template(), createdBy: ALICE });
    expect(auditor.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({ eventId: 'spark-application-template-save' }),
    );
    const list = await call('get', `${A}/spark-application-templates`, BOB);
    expect(list.body.items.map((t: { name: string }) => t.name)).toEqual([
      'taxi-zones',
    ]);
  });

  it("starts a SparkApplication in the cluster's namespace with the region's EMR runtime image and the team's service account, which the operator runs", async () => {
    auditor.createEvent.mockClear();
    const res = await call('post', `${A}/spark-applications`, ALICE, {
      template: 'taxi-zones',
    });
    expect(res.status).toBe(201);
    const image = `${US_EAST_1_IMAGES}.dkr.ecr.us-east-1.amazonaws.com/spark/emr-6.15.0:latest`;
    expect(res.body).toEqual({
      id: expect.stringMatching(/^taxi-zones-[0-9a-f]{8}$/),
      cluster: DEMO.eksClusterName,
      namespace: teamA.namespace,
      template: 'taxi-zones',
      image,
      serviceAccount: 'emr-job-execution-sa',
    });
    expect(auditor.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({
        eventId: 'spark-application-start',
        meta: expect.objectContaining({ template: 'taxi-zones' }),
      }),
    );

    const app = k8s().find(APPS, teamA.namespace, res.body.id)!;
    expect(app.metadata.labels).toMatchObject({
      'app.kubernetes.io/managed-by': 'backstage',
      'backstage.io/team': 'data-team-a',
      'emr-eks.backstage.io/started-by': 'user.default.alice',
    });
    expect(app.metadata.annotations).toMatchObject({
      'emr-eks.backstage.io/started-by': ALICE,
    });
    expect(app.spec).toMatchObject({
      image,
      mainClass: 'ValueZones',
      driver: { serviceAccount: 'emr-job-execution-sa', memory: '4g' },
      executor: { serviceAccount: 'emr-job-execution-sa', instances: 3 },
      hadoopConf: { 'fs.s3.impl': 'com.amazon.ws.emr.hadoop.fs.EmrFileSystem' },
      sparkConf: {
        'spark.sql.shuffle.partitions': '64',
        'spark.sql.catalogImplementation': 'hive',
      },
    });

    // The simulated operator picks it up; the list shows it running.
    sandbox.clock.advance((5 * 60_000) / 30);
    const listed = await call('get', `${A}/spark-applications`);
    expect(
      listed.body.items.find((i: { id: string }) => i.id === res.body.id),
    ).toMatchObject({ kind: 'spark-operator', emrRuntimeImage: true });
  });

  it('says which SparkApplications the portal started, in the list and the detail, by the rule the rerun route applies', async () => {
    const started = await call('post', `${A}/spark-applications`, ALICE, {
      template: 'taxi-zones',
    });
    expect(started.status).toBe(201);
    const listed = await call('get', `${A}/spark-applications`);
    const byId = Object.fromEntries(
      listed.body.items.map((i: { id: string }) => [i.id, i]),
    );
    expect(byId[started.body.id].startedByPortal).toBe(true);
    // Seeded by the sandbox, not by the portal: the rerun route answers 409 for these.
    expect(byId['taxi-zones-nightly'].startedByPortal).toBe(false);
    // A spark-submit run is not a SparkApplication; the flag is not said of it.
    const submit = listed.body.items.find(
      (i: { kind: string }) => i.kind === 'spark-submit',
    );
    expect(submit).not.toHaveProperty('startedByPortal');

    const mine = await call(
      'get',
      `${A}/spark-applications/${started.body.id}`,
    );
    expect(mine.body.startedByPortal).toBe(true);
    const seeded = await call(
      'get',
      `${A}/spark-applications/taxi-zones-nightly`,
    );
    expect(seeded.body.startedByPortal).toBe(false);
  });

  it('reruns a portal-made application under a new name, and refuses one the portal did not make', async () => {
    const [first] = portalApps(teamA.namespace);
    const res = await call(
      'post',
      `${A}/spark-applications/${first.metadata.name}/rerun`,
    );
    expect(res.status).toBe(201);
    expect(res.body.id).not.toBe(first.metadata.name);
    const rerun = k8s().find(APPS, teamA.namespace, res.body.id)!;
    expect(rerun.spec.mainApplicationFile).toBe(first.spec.mainApplicationFile);
    expect(rerun.spec.image).toBe(first.spec.image);
    expect(rerun.metadata.annotations['emr-eks.backstage.io/rerun-of']).toBe(
      first.metadata.name,
    );

    const foreign = await call(
      'post',
      `${A}/spark-applications/taxi-zones-nightly/rerun`,
    );
    expect(foreign.status).toBe(409);
    expect(foreign.body.error.message).toMatch(/was not created by the portal/);
  });

  it('reruns only what the portal would start: a copy with the portal’s labels but another image or a platform setting is refused', async () => {
    const [first] = portalApps(teamA.namespace);
    // Applied with kubectl by someone who may create SparkApplications in the namespace.
    const forge = (name: string, spec: Record<string, unknown>) =>
      k8s().create(
        APPS,
        teamA.namespace,
        {
          apiVersion: 'sparkoperator.k8s.io/v1beta2',
          kind: 'SparkApplication',
          metadata: { name, labels: first.metadata.labels },
          spec: { ...first.spec, ...spec },
        },
        'kubectl-client-side-apply',
      );
    const before = portalApps(teamA.namespace).length;

    forge('forged-image', { image: 'attacker.example/spark:latest' });
    const image = await call(
      'post',
      `${A}/spark-applications/forged-image/rerun`,
    );
    expect(image.status).toBe(409);
    expect(image.body.error.message).toContain(
      'its image attacker.example/spark:latest is not the EMR runtime image of us-east-1',
    );

    forge('forged-identity', {
      sparkConf: {
        ...first.spec.sparkConf,
        'spark.kubernetes.authenticate.driver.serviceAccountName': 'admin',
      },
    });
    const identity = await call(
      'post',
      `${A}/spark-applications/forged-identity/rerun`,
    );
    expect(identity.status).toBe(409);
    expect(identity.body.error.message).toContain(
      "key 'spark.kubernetes.authenticate.driver.serviceAccountName' is set by the platform",
    );
    // Nothing started: only the two copies are new.
    expect(portalApps(teamA.namespace)).toHaveLength(before + 2);
  });

  it('deletes a SparkApplication and its pods; refuses a spark-submit driver pod', async () => {
    const del = await call('delete', `${A}/spark-applications/oss-spark-pi`);
    expect(del.status).toBe(202);
    expect(k8s().find(APPS, teamA.namespace, 'oss-spark-pi')).toBeUndefined();

    const pods = KUBERNETES_RESOURCES.find(r => r.plural === 'pods')!;
    const driver = k8s()
      .list(pods, teamA.namespace, 'spark-role=driver')
      .find(p => !p.metadata.ownerReferences?.length)!;
    const refused = await call(
      'delete',
      `${A}/spark-applications/${driver.metadata.name}`,
    );
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/spark-submit run/);
    expect(
      k8s().find(pods, teamA.namespace, driver.metadata.name),
    ).toBeDefined();
  });

  it('refuses to delete a Spark Connect server, which stop keeps whole', async () => {
    const refused = await call(
      'delete',
      `${A}/spark-applications/team-connect`,
    );
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(
      /'team-connect' is a Spark Connect server: stop it/,
    );
    expect(k8s().find(APPS, teamA.namespace, 'team-connect')).toBeDefined();
  });

  it("refuses a caller who is not the entity's owner, and an entity whose owner is not the cluster's, before Kubernetes", async () => {
    const bob = await call('post', `${A}/spark-applications`, BOB, {
      template: 'taxi-zones',
    });
    expect(bob.status).toBe(403);
    expect(bob.body.error.message).toMatch(/emr-eks\.job-run\.start/);
    const bobDelete = await call(
      'delete',
      `${A}/spark-applications/taxi-zones-nightly`,
      BOB,
    );
    expect(bobDelete.status).toBe(403);
    expect(bobDelete.body.error.message).toMatch(/emr-eks\.job-run\.cancel/);

    const shadow = await call('post', `${SHADOW}/spark-applications`, ALICE, {
      template: 'taxi-zones',
    });
    expect(shadow.status).toBe(403);
    expect(shadow.body.error.message).toMatch(
      /tagged for group:default\/data-team-b, not this entity's owner group:default\/data-team-a/,
    );
    expect(sandbox.stats.count('k8s:create')).toBe(0);
    expect(sandbox.stats.count('k8s:delete')).toBe(0);
  });

  it('answers 404 naming an unknown template, creating nothing', async () => {
    const res = await call('post', `${A}/spark-applications`, ALICE, {
      template: 'no-such-template',
    });
    expect(res.status).toBe(404);
    expect(res.body.error.message).toMatch(/'no-such-template'/);
    expect(sandbox.stats.count('k8s:create')).toBe(0);
  });

  it('answers a Kubernetes outage with 503 naming the cluster, and nothing is created', async () => {
    const before = portalApps(teamA.namespace).length;
    sandbox.faults.set({
      errorRate: 1,
      errorStatus: 503,
      operations: ['k8s:create'],
    });
    const res = await call('post', `${A}/spark-applications`, ALICE, {
      template: 'taxi-zones',
    });
    expect(res.status).toBe(503);
    expect(res.body.error.message).toContain(
      `cluster '${DEMO.eksClusterName}'`,
    );
    sandbox.faults.clear();
    expect(portalApps(teamA.namespace)).toHaveLength(before);
  });
});
