import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { KUBERNETES_RESOURCES, createSandbox } from '@emr-eks/sandbox';
import { Knex } from 'knex';
import request from 'supertest';
import {
  ALICE,
  BOB,
  sandboxKubernetes,
  startBackend,
  teamB,
} from '../testing/backend';
import { costDatabases } from '../testing/databases';
import { undocumented } from '../testing/openapi';
import { stoppedApplicationStore } from './connectService';

/*
 * The Spark Connect routes over HTTP against the sandbox, whose Kubernetes API holds
 * data-team-a's seeded endpoint `team-connect` (SparkApplication, Service and Ingress as the
 * scaffolder action makes them) and runs a simulated Spark Operator. The kubernetes config,
 * the permission policy (owners write), the AWS ownership tag and the error mapping are
 * the production ones; a stopped server's application is kept in the plugin's database
 * (SQLite, and PostgreSQL when one is configured).
 */

const A = '/api/emr-eks/v1/entity/default/resource/team-a-emr/spark-connect';
const SHADOW =
  '/api/emr-eks/v1/entity/default/resource/shadow-of-team-b/spark-connect';
const NS = 'data-team-a';
const NAME = 'team-connect';
const as = (user: string) => ({
  Authorization: mockCredentials.user.header(user),
});
const kind = (plural: string) =>
  KUBERNETES_RESOURCES.find(r => r.plural === plural)!;
/** Where earlier versions kept a stopped application; anyone who may patch Services can write it. */
const OLD_ANNOTATION = 'emr-eks.backstage.io/stopped-spark-application';
const databases = costDatabases();

describe.each(databases.eachSupportedId())('Spark Connect routes on %s', id => {
  const sandbox = createSandbox({ seed: 5 });
  const auditor = mockServices.auditor.mock();
  let running: Awaited<ReturnType<typeof sandbox.listen>>;
  let server: Awaited<ReturnType<typeof startBackend>>;
  let knex: Knex;
  let kept: Awaited<ReturnType<typeof stoppedApplicationStore>>;
  const keptHere = () => kept.get(`analytics-shared/${NS}`, NAME);

  const cluster = () => sandbox.kubernetes.cluster('analytics-shared')!;
  const application = () => cluster().find(kind('sparkapplications'), NS, NAME);
  const service = () => cluster().find(kind('services'), NS, NAME);
  const ingress = () => cluster().find(kind('ingresses'), NS, NAME);

  async function call(method: 'get' | 'post', url: string, user = ALICE) {
    const res = await request(server)[method](url).set(as(user));
    // Every answer, errors included, is what openapi.yaml describes.
    expect(undocumented(method, url, res.status, res.body).errors).toEqual([]);
    return res;
  }

  beforeAll(async () => {
    running = await sandbox.listen(0);
    knex = await databases.init(id);
    server = await startBackend({
      endpoint: running.url,
      visibleTo: 'everyone',
      permission: 'owner-writes',
      rootConfig: sandboxKubernetes(running.url),
      auditor: auditor.factory,
      features: [mockServices.database.factory({ knex })],
    });
    // The backend's own store, migrated once per client.
    kept = await stoppedApplicationStore(mockServices.database({ knex }));
  });
  afterAll(() => running.close());
  beforeEach(async () => {
    sandbox.reset();
    auditor.createEvent.mockClear();
    await knex('emr_eks_spark_connect_stopped').delete();
  });

  it("lists the namespace's Spark Connect server with its address and client code", async () => {
    const res = await call('get', A);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      cluster: 'analytics-shared',
      namespace: NS,
      items: [
        expect.objectContaining({
          name: NAME,
          state: 'RUNNING',
          hostname: 'spark.data-team-a.example.com',
          address: 'sc://spark.data-team-a.example.com:443/;use_ssl=true',
          snippet: expect.stringContaining(
            'SparkSession.builder.remote("sc://spark.data-team-a.example.com:443/;use_ssl=true").getOrCreate()',
          ),
          inboundCidrs: ['203.0.113.0/24', '198.51.100.17/32'],
          certificateArn: expect.stringMatching(/^arn:aws:acm:us-east-1:/),
          owner: 'group:default/data-team-a',
        }),
      ],
    });
  });

  it('stops a server by deleting its SparkApplication, keeping Service and Ingress, and starts it again with the same spec', async () => {
    const spec = application()!.spec;
    const ingressBefore = ingress();

    const stopped = await call('post', `${A}/${NAME}/stop`);
    expect(stopped.status).toBe(202);
    expect(stopped.body).toMatchObject({
      name: NAME,
      state: 'STOPPED',
      stoppedBy: ALICE,
      address: 'sc://spark.data-team-a.example.com:443/;use_ssl=true',
    });
    expect(application()).toBeUndefined();
    // Kept in the database, exactly as it ran; nothing written on the Service.
    expect(await keptHere()).toMatchObject({
      application: { kind: 'SparkApplication', spec },
      createdBy: ALICE,
      createdAt: stopped.body.stoppedAt,
    });
    expect(service()!.metadata.annotations?.[OLD_ANNOTATION]).toBeUndefined();
    expect(sandbox.stats.count('k8s:apply')).toBe(0);
    // The operator's driver pod went with it.
    expect(cluster().find(kind('pods'), NS, `${NAME}-driver`)).toBeUndefined();
    expect(ingress()).toEqual(ingressBefore);
    expect(service()!.spec.ports[0].port).toBe(15002);
    expect((await call('get', A)).body.items[0]).toMatchObject({
      state: 'STOPPED',
      stoppedBy: ALICE,
      stoppedAt: stopped.body.stoppedAt,
    });
    expect(auditor.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({
        eventId: 'spark-connect-stop',
        meta: expect.objectContaining({ sparkConnectServer: NAME }),
      }),
    );

    const again = await call('post', `${A}/${NAME}/stop`);
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe(
      `Spark Connect server ${NAME} is already stopped`,
    );

    const started = await call('post', `${A}/${NAME}/start`);
    expect(started.status).toBe(202);
    expect(started.body.state).toBe('NEW');
    expect(application()!.spec).toEqual(spec);
    expect(application()!.metadata.labels).toMatchObject({
      'app.kubernetes.io/name': 'spark-connect',
      'backstage.io/team': 'data-team-a',
    });
    expect(await keptHere()).toBeUndefined();
    // The simulated operator submits it, and a server stays up.
    sandbox.clock.advance(60 * 60_000);
    expect((await call('get', A)).body.items[0].state).toBe('RUNNING');

    const twice = await call('post', `${A}/${NAME}/start`);
    expect(twice.status).toBe(409);
    expect(twice.body.error.message).toContain('already started (RUNNING)');
  });

  it('refuses a caller who does not own the entity, and an entity whose owner does not own the virtual cluster, naming why', async () => {
    const bob = await call('post', `${A}/${NAME}/stop`, BOB);
    expect(bob.status).toBe(403);
    expect(bob.body.error.message).toContain('emr-eks.job-run.cancel');

    // data-team-a's own entity naming data-team-b's cluster: the AWS tag decides.
    const shadow = await call('post', `${SHADOW}/${NAME}/stop`);
    expect(shadow.status).toBe(403);
    expect(shadow.body.error.message).toBe(
      `virtual cluster ${teamB.id} is tagged for group:default/data-team-b, not this entity's owner group:default/data-team-a`,
    );
    expect(application()).toBeDefined();
  });

  it('answers 404 for a name that is not a Spark Connect server of the namespace, and 400 for a malformed one', async () => {
    // A SparkApplication of the namespace, but not an endpoint the template made.
    const other = await call('post', `${A}/clickstream-hourly/stop`);
    expect(other.status).toBe(404);
    expect(other.body.error.message).toBe(
      `No Spark Connect server 'clickstream-hourly' in namespace '${NS}' of cluster 'analytics-shared': there is no Service clickstream-hourly`,
    );
    expect(
      cluster().find(kind('sparkapplications'), NS, 'clickstream-hourly'),
    ).toBeDefined();

    const bad = await call('post', `${A}/Not_A_Name/stop`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/serverName/);
  });

  it('answers a Kubernetes outage with a 503 naming the cluster, and changes nothing', async () => {
    sandbox.faults.set({
      errorRate: 1,
      errorStatus: 503,
      operations: ['k8s:get', 'k8s:list'],
    });
    const down = await call('post', `${A}/${NAME}/stop`);
    expect(down.status).toBe(503);
    expect(down.body.error.message).toContain("cluster 'analytics-shared'");
    const list = await call('get', A);
    expect(list.status).toBe(503);
    expect(list.body.error.message).toContain("cluster 'analytics-shared'");
    sandbox.faults.clear();
    expect(application()).toBeDefined();
  });

  it('keeps nothing when the SparkApplication cannot be deleted: nothing half-done', async () => {
    sandbox.faults.set({
      errorRate: 1,
      errorStatus: 503,
      operations: ['k8s:delete'],
    });
    const res = await call('post', `${A}/${NAME}/stop`);
    expect(res.status).toBe(503);
    expect(res.body.error.message).toContain(
      "the Kubernetes API of cluster 'analytics-shared' could not delete sparkapplication team-connect in namespace 'data-team-a' (HTTP 503",
    );
    sandbox.faults.clear();
    expect(application()).toBeDefined();
    expect(await keptHere()).toBeUndefined();
    // Nothing was written on the Service, not even for a while.
    expect(sandbox.stats.count('k8s:apply')).toBe(0);
    expect((await call('get', A)).body.items[0].state).toBe('RUNNING');
  });

  it('starts what the stop kept, whatever the Service says meanwhile', async () => {
    const spec = application()!.spec;
    expect((await call('post', `${A}/${NAME}/stop`)).status).toBe(202);
    // Someone who may patch Services writes another application where older versions kept it.
    // Well-formed as older versions checked it (name, labels, server class), another image.
    const svc = service()!;
    const kept0 = (await keptHere())!.application;
    const rewritten = {
      stoppedAt: new Date().toISOString(),
      stoppedBy: BOB,
      application: {
        ...kept0,
        spec: {
          ...kept0.spec,
          image: 'attacker.example.com/spark:evil',
          sparkConf: {
            ...kept0.spec.sparkConf,
            'spark.jars': 's3://attacker/evil.jar',
          },
        },
      },
    };
    cluster().put(kind('services'), {
      ...svc,
      metadata: {
        ...svc.metadata,
        annotations: {
          ...svc.metadata.annotations,
          [OLD_ANNOTATION]: JSON.stringify(rewritten),
        },
      },
    });

    const list = await call('get', A);
    expect(list.body.items[0]).toMatchObject({
      state: 'STOPPED',
      stoppedBy: ALICE,
    });
    const started = await call('post', `${A}/${NAME}/start`);
    expect(started.status).toBe(202);
    expect(application()!.spec).toEqual(spec);
    expect(application()!.spec.image).not.toBe(
      rewritten.application.spec.image,
    );
    expect(await keptHere()).toBeUndefined();
  });

  it("removes after a start only the row that start read: a stop's newer row, from another replica, stays", async () => {
    // The interleaving itself (start reads, a stop on another replica keeps a newer row, the
    // start removes) has no hook in the sandbox; this is the rule it relies on.
    const scope = `analytics-shared/${NS}`;
    const app = {
      apiVersion: 'v1',
      kind: 'SparkApplication',
      metadata: { name: NAME },
    };
    const read = await kept.save(
      scope,
      { name: NAME, application: app },
      ALICE,
    );
    // A later millisecond, as a stop after the start's create always is.
    await new Promise(resolve => setTimeout(resolve, 5));
    const newer = await kept.save(scope, { name: NAME, application: app }, BOB);
    expect(await kept.remove(scope, NAME, read.createdAt)).toBe(false);
    expect(await keptHere()).toMatchObject({
      createdBy: BOB,
      createdAt: newer.createdAt,
    });
    expect(await kept.remove(scope, NAME, newer.createdAt)).toBe(true);
    expect(await keptHere()).toBeUndefined();
  });

  it('answers 409 to a start with nothing kept, even beside an annotation an older version wrote', async () => {
    const app = application()!;
    // Deleted by hand (kubectl): the portal kept nothing.
    cluster().delete(kind('sparkapplications'), NS, NAME);
    const nothing = await call('post', `${A}/${NAME}/start`);
    expect(nothing.status).toBe(409);
    expect(nothing.body.error.message).toBe(
      `Spark Connect server ${NAME} has no SparkApplication and was not stopped through the portal, so there is nothing to start it from; create it again with the template "Create a Spark Connect endpoint for a team"`,
    );
    expect((await call('get', A)).body.items[0].state).toBe('MISSING');

    // What an older version wrote on stop, well-formed: not read, as anyone could have written it.
    const svc = service()!;
    cluster().put(kind('services'), {
      ...svc,
      metadata: {
        ...svc.metadata,
        annotations: {
          ...svc.metadata.annotations,
          [OLD_ANNOTATION]: JSON.stringify({
            stoppedAt: new Date().toISOString(),
            stoppedBy: ALICE,
            application: {
              apiVersion: app.apiVersion,
              kind: app.kind,
              metadata: {
                name: NAME,
                labels: app.metadata.labels,
                annotations: app.metadata.annotations ?? {},
              },
              spec: app.spec,
            },
          }),
        },
      },
    });
    const old = await call('post', `${A}/${NAME}/start`);
    expect(old.status).toBe(409);
    expect(old.body.error.message).toBe(nothing.body.error.message);
    expect(application()).toBeUndefined();
    expect((await call('get', A)).body.items[0].state).toBe('MISSING');
  });
});
