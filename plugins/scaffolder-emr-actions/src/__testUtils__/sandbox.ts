import { createSandbox, DEMO } from '@emr-eks/sandbox';
import { DefaultClientFactory } from '../lib/clients';
import { createEmrEksActions } from '../actions';
import {
  mockContext,
  testAuthorizer,
  testConfig,
  unreachableClients,
} from './context';

/** The sandbox's EKS cluster the tests' configured cluster `analytics-prod` maps to. */
export const EKS = 'analytics-shared';
/** The configured cluster's pod template bucket. */
export const BUCKET = 'analytics-assets-123456789012';
/** EMR's service-linked role and the access policy the namespace action associates with it. */
export const EMR_ROLE = `arn:aws:iam::${DEMO.accountId}:role/AWSServiceRoleForAmazonEMRContainers`;
export const JOB_POLICY =
  'arn:aws:eks::aws:cluster-access-policy/AmazonEMRJobPolicy';

/** team-x's tenant on the configured cluster; a member of team-x runs every test. */
export const TEAM_X = {
  cluster: 'analytics-prod',
  namespace: 'team-x',
  owner: 'group:default/team-x',
};
/** team-y's tenant: the test user is a member of team-y as well. */
export const TEAM_Y = {
  ...TEAM_X,
  namespace: 'team-y',
  owner: 'group:default/team-y',
};

/** data-team-a's tenant, for dry runs and validation (the test user is a member). */
export const DATA_TEAM_A = {
  cluster: 'analytics-prod',
  namespace: 'data-team-a',
  owner: 'group:default/data-team-a',
};

/** The actions by id. */
export type Actions = Record<string, any>;

const byId = (actions: Array<{ id: string }>): Actions =>
  Object.fromEntries(actions.map(a => [a.id, a]));

/** The actions on clients that fail the test if called: for dry runs and validation. */
export function offlineActions(
  emrAccess: 'accessEntry' | 'rbac' = 'accessEntry',
): Actions {
  return byId(
    createEmrEksActions({
      config: testConfig({ emrAccess }).config,
      clients: unreachableClients,
      authorizer: testAuthorizer(),
    }),
  );
}

/** The actions against a running sandbox at `url`. */
export function sandboxActions(
  url: string,
  overrides: Parameters<typeof testConfig>[0] = {},
  poll: { pollIntervalMs?: number; maxPollIntervalMs?: number } = {},
): Actions {
  const { root, config } = testConfig({
    url: `${url}/k8s/${EKS}`,
    endpoint: url,
    eksClusterName: EKS,
    ...overrides,
  });
  return byId(
    createEmrEksActions({
      config,
      clients: DefaultClientFactory.fromConfig(root, config),
      authorizer: testAuthorizer(),
      ...poll,
    }),
  );
}

/** Runs one action with a mock context; `done` settles when its handler does. */
export function run(
  actions: Actions,
  id: string,
  input: object,
  options: Parameters<typeof mockContext>[1] = {},
) {
  const context = mockContext(input as any, options);
  return {
    ...context,
    done: actions[id].handler(context.ctx as any) as Promise<void>,
  };
}

/** Expects the action to refuse the input, offline, with an InputError matching `message`. */
export async function expectInvalid(
  id: string,
  input: object,
  message: string | RegExp,
) {
  const { done } = run(offlineActions(), id, input, { isDryRun: true });
  await expect(done).rejects.toThrow(message);
  await expect(done).rejects.toMatchObject({ name: 'InputError' });
}

/** A tenant's namespace, virtual cluster and execution role (`<namespace>-exec`). */
export async function provisionTenant(
  actions: Actions,
  tenant: typeof TEAM_X = TEAM_X,
  taskId = 'task-0001',
) {
  await run(actions, 'emr:namespace:prepare', tenant, { taskId }).done;
  const vc = run(
    actions,
    'emr:virtualCluster:create',
    { ...tenant, name: tenant.namespace },
    { taskId },
  );
  await vc.done;
  await run(
    actions,
    'emr:role:create',
    { ...tenant, roleName: `${tenant.namespace}-exec` },
    { taskId },
  ).done;
  return {
    arn: vc.outputs.virtualClusterArn as string,
    role: `arn:aws:iam::${DEMO.accountId}:role/${tenant.namespace}-exec`,
  };
}

/** A Kubernetes resource kind as the sandbox's cluster store names it. */
export const kind = (
  plural: string,
  k: string,
  group: string,
  version: string,
  namespaced: boolean,
) => ({
  plural,
  kind: k,
  singular: plural.slice(0, -1),
  group,
  version,
  namespaced,
  nameRule: 'subdomain' as const,
});
export const NAMESPACES = kind('namespaces', 'Namespace', '', 'v1', false);
export const QUOTAS = kind('resourcequotas', 'ResourceQuota', '', 'v1', true);
export const LIMIT_RANGES = kind('limitranges', 'LimitRange', '', 'v1', true);
export const PRIORITY_CLASSES = {
  ...kind('priorityclasses', 'PriorityClass', 'scheduling.k8s.io', 'v1', false),
  singular: 'priorityclass',
};

/** Every operation that changes something, as the sandbox counts them. */
const WRITES = [
  'k8s:create',
  'k8s:apply',
  'k8s:delete',
  'CreateAccessEntry',
  'AssociateAccessPolicy',
  'CreateRole',
  'PutRolePolicy',
  'CreatePodIdentityAssociation',
  'CreateVirtualCluster',
  'PutObject',
  'CreateManagedEndpoint',
  'CreateJobTemplate',
  'emr-serverless:CreateApplication',
  'emr-serverless:DeleteApplication',
  'emr-serverless:StopApplication',
  'emr-serverless:UpdateApplication',
  'emr-serverless:TagResource',
  'TagRole',
  'DeleteRole',
  'DeleteRolePolicy',
];

/**
 * One sandbox for a test file, listening for its tests and reset before each (with the pod
 * template bucket in place).
 */
export function useSandbox() {
  const sandbox = createSandbox({
    seed: 5,
    accelerate: 600,
    // The test config's keys, so that its API servers accept EKS tokens they signed.
    credentials: [{ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' }],
  });
  let running: Awaited<ReturnType<typeof sandbox.listen>>;
  beforeAll(async () => {
    running = await sandbox.listen(0);
  });
  afterAll(async () => {
    await running.close();
  });
  beforeEach(() => {
    sandbox.reset();
    sandbox.s3.createBucket(BUCKET);
  });
  return {
    sandbox,
    url: () => running.url,
    /** The actions against this sandbox, polling endpoints quickly. */
    actions: (overrides: Parameters<typeof testConfig>[0] = {}) =>
      sandboxActions(running.url, overrides, {
        pollIntervalMs: 50,
        maxPollIntervalMs: 200,
      }),
    /** AWS clients against this sandbox, as the actions build them. */
    clients: () => {
      const { root, config } = testConfig({
        endpoint: running.url,
        eksClusterName: EKS,
      });
      return DefaultClientFactory.fromConfig(root, config);
    },
    k8s: () => sandbox.kubernetes.cluster(EKS)!,
    /** Whether EMR's access policy on the EKS cluster covers the namespace. */
    emrInScope: (namespace: string) =>
      sandbox.eks.hasAccess('us-east-1', EKS, EMR_ROLE, JOB_POLICY, namespace),
    /** How many writes the sandbox has seen since its counters were reset. */
    writes: () => WRITES.reduce((n, op) => n + sandbox.stats.count(op), 0),
  };
}
