import {
  ApiException,
  CoreV1Api,
  KubeConfig,
  KubernetesObject,
  KubernetesObjectApi,
  PatchStrategy,
  RbacAuthorizationV1Api,
  SchedulingV1Api,
  VersionApi,
} from '@kubernetes/client-node';
import request from 'supertest';
import {
  kubeconfigOptions,
  ListeningSandbox,
  listeningSandbox,
} from '../../__testUtils__/clients';

let env: ListeningSandbox;
let kc: KubeConfig;

beforeAll(async () => {
  env = await listeningSandbox();
});
afterAll(() => env.running.close());
beforeEach(() => {
  env.sandbox.reset();
  kc = new KubeConfig();
  kc.loadFromOptions(kubeconfigOptions(env.running.url));
});

/** The ApiException a call rejects with. */
async function apiError(call: Promise<unknown>): Promise<ApiException<any>> {
  try {
    await call;
  } catch (error) {
    expect(error).toBeInstanceOf(ApiException);
    const e = error as ApiException<any>;
    return {
      ...e,
      body: typeof e.body === 'string' ? JSON.parse(e.body) : e.body,
    } as ApiException<any>;
  }
  throw new Error('expected the call to fail');
}

const quota = (
  hard: Record<string, string>,
  labels?: Record<string, string>,
) => ({
  apiVersion: 'v1',
  kind: 'ResourceQuota',
  metadata: {
    name: 'compute',
    namespace: 'data-team-a',
    ...(labels ? { labels } : {}),
  },
  spec: { hard },
});

describe('Kubernetes API through @kubernetes/client-node', () => {
  it('serves version and discovery', async () => {
    const version = await kc.makeApiClient(VersionApi).getCode();
    expect(version.major).toBe('1');
    expect(version.gitVersion).toMatch(/^v1\.\d+/);
    const api = request(env.sandbox.app);
    const groups = await api.get('/k8s/analytics-shared/apis').expect(200);
    expect(groups.body.groups.map((g: { name: string }) => g.name)).toEqual(
      expect.arrayContaining([
        'networking.k8s.io',
        'rbac.authorization.k8s.io',
        'scheduling.k8s.io',
      ]),
    );
    const core = await api.get('/k8s/analytics-shared/api/v1').expect(200);
    expect(
      core.body.resources.find(
        (r: { name: string }) => r.name === 'namespaces',
      ),
    ).toMatchObject({ kind: 'Namespace', namespaced: false });
    await api.get('/k8s/no-such-cluster/version').expect(404);
  });

  it('has the demo teams namespaces, labelled, and no priority classes', async () => {
    const core = kc.makeApiClient(CoreV1Api);
    const list = await core.listNamespace();
    const names = list.items.map(n => n.metadata?.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'data-team-a',
        'data-team-b',
        'default',
        'kube-system',
      ]),
    );
    const a = await core.readNamespace({ name: 'data-team-a' });
    expect(a.metadata?.labels).toMatchObject({
      team: 'data-team-a',
      'kubernetes.io/metadata.name': 'data-team-a',
    });
    expect(a.status?.phase).toBe('Active');
    const pcs = await kc.makeApiClient(SchedulingV1Api).listPriorityClass();
    expect(pcs.items).toEqual([]);
    const eu = new KubeConfig();
    eu.loadFromOptions(kubeconfigOptions(env.running.url, 'analytics-eu'));
    const euNs = await eu
      .makeApiClient(CoreV1Api)
      .readNamespace({ name: 'data-team-b-eu' });
    expect(euNs.metadata?.labels?.team).toBe('data-team-b');
  });

  it('creates, gets, lists and deletes namespaces with API server metadata and errors', async () => {
    const core = kc.makeApiClient(CoreV1Api);
    const created = await core.createNamespace({
      body: {
        metadata: { name: 'data-team-c', labels: { team: 'data-team-c' } },
      },
    });
    expect(created.metadata?.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.metadata?.resourceVersion).toMatch(/^\d+$/);
    expect(created.metadata?.creationTimestamp).toEqual(
      new Date('2025-03-14T15:00:00Z'),
    );
    const dup = await apiError(
      core.createNamespace({ body: { metadata: { name: 'data-team-c' } } }),
    );
    expect(dup.code).toBe(409);
    expect(dup.body).toMatchObject({
      kind: 'Status',
      apiVersion: 'v1',
      status: 'Failure',
      reason: 'AlreadyExists',
      code: 409,
      message: 'namespaces "data-team-c" already exists',
    });
    const bad = await apiError(
      core.createNamespace({ body: { metadata: { name: 'Data_Team' } } }),
    );
    expect(bad.code).toBe(422);
    expect(bad.body.reason).toBe('Invalid');
    expect(bad.body.message).toContain(
      'metadata.name: Invalid value: "Data_Team": a lowercase RFC 1123 label',
    );
    const listed = await core.listNamespace({
      labelSelector: 'team=data-team-c',
    });
    expect(listed.items.map(n => n.metadata?.name)).toEqual(['data-team-c']);
    await core.deleteNamespace({ name: 'data-team-c' });
    const gone = await apiError(core.readNamespace({ name: 'data-team-c' }));
    expect(gone.code).toBe(404);
    expect(gone.body).toMatchObject({
      reason: 'NotFound',
      code: 404,
      message: 'namespaces "data-team-c" not found',
      details: { name: 'data-team-c', kind: 'namespaces' },
    });
  });

  it('refuses namespaced objects in a missing namespace (404 for the namespace)', async () => {
    const core = kc.makeApiClient(CoreV1Api);
    const error = await apiError(
      core.createNamespacedLimitRange({
        namespace: 'nowhere',
        body: {
          metadata: { name: 'defaults' },
          spec: { limits: [{ type: 'Container', _default: { cpu: '1' } }] },
        },
      }),
    );
    expect(error.code).toBe(404);
    expect(error.body.message).toBe('namespaces "nowhere" not found');
  });

  it('serves RBAC, network policies and priority classes, with group-qualified errors', async () => {
    const rbac = kc.makeApiClient(RbacAuthorizationV1Api);
    await rbac.createNamespacedRole({
      namespace: 'data-team-a',
      body: {
        metadata: { name: 'emr-containers' },
        rules: [
          { apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] },
        ],
      },
    });
    await rbac.createNamespacedRoleBinding({
      namespace: 'data-team-a',
      body: {
        metadata: { name: 'emr-containers' },
        roleRef: {
          apiGroup: 'rbac.authorization.k8s.io',
          kind: 'Role',
          name: 'emr-containers',
        },
        subjects: [
          {
            apiGroup: 'rbac.authorization.k8s.io',
            kind: 'User',
            name: 'emr-containers',
          },
        ],
      },
    });
    const binding = await rbac.readNamespacedRoleBinding({
      namespace: 'data-team-a',
      name: 'emr-containers',
    });
    expect(binding.subjects?.[0].name).toBe('emr-containers');
    const missing = await apiError(
      rbac.readNamespacedRole({
        namespace: 'data-team-b',
        name: 'emr-containers',
      }),
    );
    expect(missing.body).toMatchObject({
      code: 404,
      message: 'roles.rbac.authorization.k8s.io "emr-containers" not found',
      details: { group: 'rbac.authorization.k8s.io', kind: 'roles' },
    });

    const objects = KubernetesObjectApi.makeApiClient(kc);
    await objects.create({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'default-deny', namespace: 'data-team-a' },
      spec: { podSelector: {}, policyTypes: ['Ingress'] },
    } as KubernetesObject);
    const policies = await objects.list(
      'networking.k8s.io/v1',
      'NetworkPolicy',
      'data-team-a',
    );
    expect(policies.items.map(p => p.metadata?.name)).toEqual(['default-deny']);

    const scheduling = kc.makeApiClient(SchedulingV1Api);
    const pc = await scheduling.createPriorityClass({
      body: {
        metadata: { name: 'emr-high' },
        value: 1000,
        description: 'drivers',
      },
    });
    expect(pc.metadata?.namespace).toBeUndefined();
    expect(pc.preemptionPolicy).toBe('PreemptLowerPriority');
    const noValue = await apiError(
      scheduling.createPriorityClass({
        body: { metadata: { name: 'emr-low' } } as any,
      }),
    );
    expect(noValue.code).toBe(422);
    await scheduling.deletePriorityClass({ name: 'emr-high' });
    expect(
      (await apiError(scheduling.readPriorityClass({ name: 'emr-high' }))).code,
    ).toBe(404);
    const status = await objects.delete({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'default-deny', namespace: 'data-team-a' },
    });
    expect(status).toMatchObject({
      status: 'Success',
      details: { name: 'default-deny', kind: 'networkpolicies' },
    });
  });

  it('server-side apply: creates, updates with managedFields, conflicts without force, takes over with force', async () => {
    const objects = KubernetesObjectApi.makeApiClient(kc);
    const apply = (body: object, manager: string, force = false) =>
      objects.patch(
        body as KubernetesObject,
        undefined,
        undefined,
        manager,
        force,
        PatchStrategy.ServerSideApply,
      );

    const created = (await apply(
      quota({ cpu: '10', memory: '40Gi' }, { team: 'data-team-a' }),
      'provisioner',
    )) as any;
    expect(created.spec.hard).toEqual({ cpu: '10', memory: '40Gi' });
    expect(created.metadata.managedFields).toEqual([
      expect.objectContaining({
        manager: 'provisioner',
        operation: 'Apply',
        apiVersion: 'v1',
        fieldsType: 'FieldsV1',
        fieldsV1: {
          'f:metadata': { 'f:labels': { 'f:team': {} } },
          'f:spec': { 'f:hard': { 'f:cpu': {}, 'f:memory': {} } },
        },
      }),
    ]);
    const firstVersion = Number(created.metadata.resourceVersion);

    // Same manager: update, and fields it stops sending go away.
    const updated = (await apply(
      quota({ cpu: '20' }, { team: 'data-team-a' }),
      'provisioner',
    )) as any;
    expect(updated.spec.hard).toEqual({ cpu: '20' });
    expect(updated.metadata.uid).toBe(created.metadata.uid);
    expect(Number(updated.metadata.resourceVersion)).toBeGreaterThan(
      firstVersion,
    );
    expect(updated.metadata.managedFields).toHaveLength(1);

    // Applying the same again changes nothing.
    const same = (await apply(
      quota({ cpu: '20' }, { team: 'data-team-a' }),
      'provisioner',
    )) as any;
    expect(same.metadata.resourceVersion).toBe(
      updated.metadata.resourceVersion,
    );

    // Another manager setting the same field differently: 409 Conflict.
    const conflict = await apiError(
      apply(quota({ cpu: '99' }), 'someone-else'),
    );
    expect(conflict.code).toBe(409);
    expect(conflict.body).toMatchObject({
      kind: 'Status',
      status: 'Failure',
      reason: 'Conflict',
      code: 409,
    });
    expect(conflict.body.message).toBe(
      'Apply failed with 1 conflict: conflict with "provisioner": .spec.hard.cpu',
    );

    // Another manager adding a new field, or agreeing on a value, is fine.
    const shared = (await apply(
      quota({ cpu: '20', pods: '50' }),
      'someone-else',
    )) as any;
    expect(shared.spec.hard).toEqual({ cpu: '20', pods: '50' });

    // With force it takes the field over.
    const forced = (await apply(
      quota({ cpu: '99' }),
      'someone-else',
      true,
    )) as any;
    expect(forced.spec.hard).toEqual({ cpu: '99' });
    const byManager = Object.fromEntries(
      forced.metadata.managedFields.map((m: any) => [m.manager, m.fieldsV1]),
    );
    expect(byManager['someone-else']).toEqual({
      'f:spec': { 'f:hard': { 'f:cpu': {} } },
    });
    expect(byManager.provisioner).toEqual({
      'f:metadata': { 'f:labels': { 'f:team': {} } },
    });

    const read = await kc.makeApiClient(CoreV1Api).readNamespacedResourceQuota({
      namespace: 'data-team-a',
      name: 'compute',
    });
    expect(read.spec?.hard).toEqual({ cpu: '99' });
  });

  it('serves Services and Ingresses (networking.k8s.io/v1) by server-side apply', async () => {
    const objects = KubernetesObjectApi.makeApiClient(kc);
    const apply = (body: object) =>
      objects.patch(
        body as KubernetesObject,
        undefined,
        undefined,
        'provisioner',
        true,
        PatchStrategy.ServerSideApply,
      );
    const service = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'connect', namespace: 'data-team-a' },
      spec: {
        selector: { 'spark-role': 'driver' },
        ports: [{ name: 'grpc', port: 15002, targetPort: 15002 }],
      },
    };
    const ingress = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: {
        name: 'connect',
        namespace: 'data-team-a',
        annotations: {
          'alb.ingress.kubernetes.io/backend-protocol-version': 'GRPC',
        },
      },
      spec: {
        ingressClassName: 'alb',
        rules: [
          {
            host: 'connect.example.com',
            http: {
              paths: [
                {
                  path: '/',
                  pathType: 'Prefix',
                  backend: {
                    service: { name: 'connect', port: { number: 15002 } },
                  },
                },
              ],
            },
          },
        ],
      },
    };
    await apply(service);
    await apply(ingress);
    const read = (await objects.read({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'connect', namespace: 'data-team-a' },
    })) as any;
    expect(read.spec).toEqual(ingress.spec);
    expect(read.metadata.annotations).toEqual(ingress.metadata.annotations);
    const services = await kc
      .makeApiClient(CoreV1Api)
      .listNamespacedService({ namespace: 'data-team-a' });
    // Beside the seeded Spark Connect server's (sparkConnectSeed.ts).
    expect(
      services.items.map(i => [i.metadata?.name, i.spec?.ports?.[0]?.port]),
    ).toEqual([
      ['connect', 15002],
      ['team-connect', 15002],
    ]);
    await objects.delete(service);
    const missing = await apiError(objects.read(service));
    expect(missing.code).toBe(404);
  });

  it('answers apply without fieldManager 422 and other patch types 415', async () => {
    const api = request(env.sandbox.app);
    const path =
      '/k8s/analytics-shared/api/v1/namespaces/data-team-a/resourcequotas/compute';
    const noManager = await api
      .patch(path)
      .set('Content-Type', 'application/apply-patch+yaml')
      .send(JSON.stringify(quota({ cpu: '1' })))
      .expect(422);
    expect(noManager.body.reason).toBe('Invalid');
    await api
      .patch(`${path}?fieldManager=x`)
      .set('Content-Type', 'application/merge-patch+json')
      .send('{}')
      .expect(415);
  });

  it('counts operations in stats, takes fault rules and forgets everything on reset', async () => {
    const core = kc.makeApiClient(CoreV1Api);
    await core.createNamespace({ body: { metadata: { name: 'temp' } } });
    expect(env.sandbox.stats.count('k8s:create')).toBe(1);
    env.sandbox.faults.set({
      errorRate: 1,
      errorStatus: 503,
      operations: ['k8s:get'],
      count: 1,
    });
    const fault = await apiError(core.readNamespace({ name: 'temp' }));
    expect(fault.code).toBe(503);
    expect(fault.body.reason).toBe('ServiceUnavailable');
    env.sandbox.reset();
    expect((await apiError(core.readNamespace({ name: 'temp' }))).code).toBe(
      404,
    );
  });
});
