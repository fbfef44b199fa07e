import { createSandbox, DEMO } from '@emr-eks/sandbox';
import { DefaultClientFactory } from '../lib/clients';
import {
  CheckpointStore,
  mockContext,
  testAuthorizer,
  testConfig,
} from '../__testUtils__/context';
import { createEmrEksActions } from '.';
import { base36Encode } from '../lib/base36';
import {
  CreateManagedEndpointCommand,
  DescribeVirtualClusterCommand,
} from '@aws-sdk/client-emr-containers';
import { DescribeClusterCommand } from '@aws-sdk/client-eks';
import { irsaTrustPolicy } from '../lib/trustPolicy';
import { waitForActive } from './createEndpoint';

const EKS = 'analytics-shared';
const BUCKET = 'analytics-assets-123456789012';

describe('against the sandbox', () => {
  const sandbox = createSandbox({ seed: 5, accelerate: 600 });
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

  function setup(emrAccess: 'accessEntry' | 'rbac' = 'accessEntry') {
    const { root, config } = testConfig({
      url: `${running.url}/k8s/${EKS}`,
      endpoint: running.url,
      emrAccess,
      eksClusterName: EKS,
    });
    const actions = createEmrEksActions({
      config,
      clients: DefaultClientFactory.fromConfig(root, config),
      authorizer: testAuthorizer(),
      pollIntervalMs: 50,
      maxPollIntervalMs: 200,
    });
    return Object.fromEntries(actions.map(a => [a.id, a]));
  }

  const k8s = () => sandbox.kubernetes.cluster(EKS)!;
  function clientsFor() {
    const { root, config } = testConfig({
      endpoint: running.url,
      eksClusterName: EKS,
    });
    return DefaultClientFactory.fromConfig(root, config);
  }
  const tenant = {
    cluster: 'analytics-prod',
    namespace: 'team-x',
    owner: 'group:default/team-x',
  };

  it('onboards a team: namespace, role, virtual cluster, pod templates, endpoint, job template', async () => {
    const actions = setup();
    const store = new CheckpointStore();

    const ns = mockContext(tenant, { store });
    await actions['emr:namespace:prepare'].handler(ns.ctx as any);
    expect(k8s().hasNamespace('team-x')).toBe(true);
    expect(
      sandbox.eks.hasAccess(
        'us-east-1',
        EKS,
        `arn:aws:iam::${DEMO.accountId}:role/AWSServiceRoleForAmazonEMRContainers`,
        'arn:aws:eks::aws:cluster-access-policy/AmazonEMRJobPolicy',
        'team-x',
      ),
    ).toBe(true);

    const role = mockContext(
      {
        ...tenant,
        roleName: 'team-x-exec',
        buckets: [
          { bucket: 'analytics-team-x-code-123456789012', access: 'read' },
        ],
      },
      { store },
    );
    await actions['emr:role:create'].handler(role.ctx as any);
    const iamRole = sandbox.iam.getRole('team-x-exec')!;
    const trust = JSON.parse(
      decodeURIComponent(iamRole.assumeRolePolicyDocument),
    );
    const issuer = (
      await (
        await clientsFor().eks({
          accountId: DEMO.accountId,
          region: 'us-east-1',
        })
      ).send(new DescribeClusterCommand({ name: EKS }))
    ).cluster!.identity!.oidc!.issuer!;
    expect(trust).toEqual(
      irsaTrustPolicy({
        accountId: DEMO.accountId,
        oidcIssuer: issuer,
        namespace: 'team-x',
        roleName: 'team-x-exec',
      }),
    );
    const condition = trust.Statement[0].Condition.StringLike;
    expect(Object.values(condition)).toEqual([
      `system:serviceaccount:team-x:emr-containers-sa-*-*-${
        DEMO.accountId
      }-${base36Encode('team-x-exec')}`,
    ]);
    expect(iamRole.tags).toContainEqual({ Key: 'team', Value: 'team-x' });
    expect(sandbox.iam.listRolePolicies('team-x-exec')).toEqual([
      'emr-eks-job-execution',
    ]);

    const vc = mockContext({ ...tenant, name: 'team-x' }, { store });
    await actions['emr:virtualCluster:create'].handler(vc.ctx as any);
    expect(vc.outputs.virtualClusterArn).toMatch(
      /^arn:aws:emr-containers:us-east-1:123456789012:\/virtualclusters\/[0-9a-z]+$/,
    );
    expect(vc.outputs.reused).toBe(false);
    const described = await (
      await clientsFor().emrContainers({
        accountId: DEMO.accountId,
        region: 'us-east-1',
      })
    ).send(
      new DescribeVirtualClusterCommand({
        id: vc.outputs.virtualClusterId as string,
      }),
    );
    // The catalog's entity provider takes the owner from this tag.
    expect(described.virtualCluster?.tags?.team).toBe('team-x');
    expect(
      described.virtualCluster?.containerProvider?.info?.eksInfo?.namespace,
    ).toBe('team-x');

    const templates = mockContext(tenant, { store });
    await actions['emr:podTemplates:publish'].handler(templates.ctx as any);
    expect(
      sandbox.s3
        .listObjects(BUCKET)
        .map(o => o.key)
        .sort(),
    ).toEqual([
      'pod-templates/team-x/critical-driver.yaml',
      'pod-templates/team-x/critical-executor.yaml',
      'pod-templates/team-x/non-critical-driver.yaml',
      'pod-templates/team-x/non-critical-executor.yaml',
    ]);

    const endpoint = mockContext(
      {
        virtualClusterArn: vc.outputs.virtualClusterArn as string,
        name: 'team-x-notebooks',
        releaseLabel: 'emr-7.5.0-latest',
        executionRoleArn: role.outputs.roleArn as string,
        owner: tenant.owner,
        timeoutMinutes: 5,
      },
      { store },
    );
    await actions['emr:endpoint:create'].handler(endpoint.ctx as any);
    expect(endpoint.outputs.serverUrl).toMatch(/^https:\/\//);
    expect(endpoint.log.text()).toMatch(/is ACTIVE at/);

    const job = mockContext(
      {
        virtualClusterArn: vc.outputs.virtualClusterArn as string,
        name: 'team-x-daily',
        releaseLabel: 'emr-7.5.0-latest',
        executionRoleArn: role.outputs.roleArn as string,
        entryPoint: 's3://analytics-assets-123456789012/jobs/daily.py',
        driverPodTemplateUri: templates.outputs.nonCriticalDriverUri as string,
        executorPodTemplateUri: templates.outputs
          .nonCriticalExecutorUri as string,
        owner: tenant.owner,
      },
      { store },
    );
    await actions['emr:jobTemplate:create'].handler(job.ctx as any);
    expect(job.outputs.jobTemplateId).toMatch(/^[0-9a-z]+$/);
  });

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
  ];
  const writes = () => WRITES.reduce((n, op) => n + sandbox.stats.count(op), 0);

  it('a dry run reads at most and changes nothing', async () => {
    const actions = setup();
    sandbox.stats.reset();
    for (const [id, input] of [
      ['emr:namespace:prepare', tenant],
      ['emr:role:create', { ...tenant, roleName: 'team-x-exec' }],
      ['emr:virtualCluster:create', { ...tenant, name: 'team-x' }],
      ['emr:podTemplates:publish', tenant],
    ] as const) {
      const { ctx } = mockContext(input as any, { isDryRun: true });
      await actions[id].handler(ctx as any);
    }
    expect(writes()).toBe(0);
    expect(k8s().hasNamespace('team-x')).toBe(false);
    expect(sandbox.iam.getRole('team-x-exec')).toBeUndefined();
  });

  it('reads the real OIDC issuer in a dry run of emr:role:create', async () => {
    const actions = setup();
    const { ctx, log } = mockContext(
      { ...tenant, roleName: 'team-x-exec' },
      { isDryRun: true },
    );
    await actions['emr:role:create'].handler(ctx as any);
    expect(log.text()).toMatch(
      /"Federated": "arn:aws:iam::123456789012:oidc-provider\/oidc\.eks\.us-east-1\.amazonaws\.com\/id\/[0-9A-F]+"/,
    );
    expect(log.text()).not.toContain('placeholder');
  });

  it('rolls back the namespace objects it created when EMR access fails, keeping the shared access entry and priority classes', async () => {
    const actions = setup();
    const priorityBefore = k8s()
      .list({
        plural: 'priorityclasses',
        kind: 'PriorityClass',
        singular: 'priorityclass',
        group: 'scheduling.k8s.io',
        version: 'v1',
        namespaced: false,
        nameRule: 'subdomain',
      })
      .map(o => o.metadata.name);
    sandbox.faults.set({ errorRate: 1, operations: ['AssociateAccessPolicy'] });
    const { ctx, log } = mockContext(tenant);
    await expect(
      actions['emr:namespace:prepare'].handler(ctx as any),
    ).rejects.toThrow();
    sandbox.faults.clear();
    expect(k8s().hasNamespace('team-x')).toBe(false);
    expect(log.text()).toContain('Rolled back: deleted Namespace team-x');
    expect(log.text()).toContain(
      'Rolled back: deleted ResourceQuota team-x/compute-resources',
    );
    const priorityAfter = k8s()
      .list({
        plural: 'priorityclasses',
        kind: 'PriorityClass',
        singular: 'priorityclass',
        group: 'scheduling.k8s.io',
        version: 'v1',
        namespaced: false,
        nameRule: 'subdomain',
      })
      .map(o => o.metadata.name);
    // Cluster-wide and shared: created by this run, but never removed by one tenant's rollback.
    expect(priorityBefore).toEqual([]);
    expect(priorityAfter).toEqual(['high-priority', 'low-priority']);
    expect(sandbox.stats.count('DeleteAccessEntry')).toBe(0);
    expect(log.text()).not.toContain('Rolled back: deleted PriorityClass');
    expect(log.text()).not.toContain('Rolled back: deleted EKS access entry');
  });

  it('re-runs after a mid-way failure without duplicates', async () => {
    const actions = setup();
    const store = new CheckpointStore();
    await actions['emr:namespace:prepare'].handler(
      mockContext(tenant, { store }).ctx as any,
    );
    // The second template upload fails; the retry (same task) finishes the job.
    sandbox.faults.set({ errorRate: 1, operations: ['PutObject'], count: 1 });
    const first = mockContext(tenant, { store });
    await expect(
      actions['emr:podTemplates:publish'].handler(first.ctx as any),
    ).rejects.toThrow();
    sandbox.faults.clear();
    const retry = mockContext(tenant, { store });
    await actions['emr:podTemplates:publish'].handler(retry.ctx as any);
    expect(sandbox.s3.listObjects(BUCKET)).toHaveLength(4);

    // A retried virtual cluster step replays its checkpoint; a lost checkpoint finds it by name.
    const vcStore = new CheckpointStore();
    const vcInput = { ...tenant, name: 'team-x' };
    const a = mockContext(vcInput, { store: vcStore });
    await actions['emr:virtualCluster:create'].handler(a.ctx as any);
    const b = mockContext(vcInput, { store: vcStore });
    await actions['emr:virtualCluster:create'].handler(b.ctx as any);
    const c = mockContext(vcInput);
    await actions['emr:virtualCluster:create'].handler(c.ctx as any);
    expect(sandbox.stats.count('CreateVirtualCluster')).toBe(1);
    expect(b.outputs.virtualClusterId).toBe(a.outputs.virtualClusterId);
    expect(c.outputs.virtualClusterId).toBe(a.outputs.virtualClusterId);
    // Same task: its own cluster. Another task finds a RUNNING one and reuses it.
    expect(c.outputs.reused).toBe(false);
    const other = mockContext(vcInput, { taskId: 'task-0002' });
    await actions['emr:virtualCluster:create'].handler(other.ctx as any);
    expect(other.outputs.reused).toBe(true);
    expect(sandbox.stats.count('CreateVirtualCluster')).toBe(1);
  });

  it('gives EMR access through RBAC when the cluster says so', async () => {
    const actions = setup('rbac');
    await actions['emr:namespace:prepare'].handler(
      mockContext(tenant).ctx as any,
    );
    expect(sandbox.stats.count('CreateAccessEntry')).toBe(0);
    const vc = mockContext({ ...tenant, name: 'team-x' });
    // The sandbox refuses a virtual cluster on a namespace EMR cannot access.
    await actions['emr:virtualCluster:create'].handler(vc.ctx as any);
    expect(vc.outputs.virtualClusterId).toBeTruthy();
  });

  it('creates Pod Identity associations for the role', async () => {
    const actions = setup();
    await actions['emr:namespace:prepare'].handler(
      mockContext(tenant).ctx as any,
    );
    const role = mockContext({
      ...tenant,
      roleName: 'team-x-pi',
      identity: 'podIdentity',
    });
    await actions['emr:role:create'].handler(role.ctx as any);
    expect(role.outputs.podIdentityAssociationIds).toHaveLength(3);
    expect(sandbox.stats.count('DescribeCluster')).toBe(0);
    // One association per EMR service account, each to the tenant's role.
    const suffix = `${DEMO.accountId}-${base36Encode('team-x-pi')}`;
    const associations = sandbox.eks.listPodIdentityAssociations(
      'us-east-1',
      EKS,
      { namespace: 'team-x' },
    );
    expect(associations.map(a => [a.serviceAccount, a.roleArn]).sort()).toEqual(
      ['client', 'driver', 'executor'].map(part => [
        `emr-containers-sa-spark-${part}-${suffix}`,
        `arn:aws:iam::${DEMO.accountId}:role/team-x-pi`,
      ]),
    );
    expect(associations.map(a => a.associationId).sort()).toEqual(
      [...(role.outputs.podIdentityAssociationIds as string[])].sort(),
    );
    // The trust admits only those service accounts in this namespace of this cluster.
    const trust = JSON.parse(
      decodeURIComponent(
        sandbox.iam.getRole('team-x-pi')!.assumeRolePolicyDocument,
      ),
    );
    expect(trust.Statement[0].Condition).toEqual({
      StringEquals: {
        'aws:RequestTag/eks-cluster-arn': `arn:aws:eks:us-east-1:${DEMO.accountId}:cluster/${EKS}`,
        'aws:RequestTag/kubernetes-namespace': 'team-x',
      },
      StringLike: {
        'aws:RequestTag/kubernetes-service-account': `emr-containers-sa-*-*-${suffix}`,
      },
    });
  });

  it('rolls back the role when its policy cannot be attached', async () => {
    const actions = setup();
    await actions['emr:namespace:prepare'].handler(
      mockContext(tenant).ctx as any,
    );
    sandbox.faults.set({ errorRate: 1, operations: ['PutRolePolicy'] });
    const role = mockContext({ ...tenant, roleName: 'team-x-exec' });
    await expect(
      actions['emr:role:create'].handler(role.ctx as any),
    ).rejects.toThrow();
    sandbox.faults.clear();
    expect(sandbox.iam.getRole('team-x-exec')).toBeUndefined();
    expect(role.log.text()).toContain(
      'Rolled back: deleted IAM role team-x-exec',
    );
  });

  it('refuses a role name taken by another tenant, naming the field', async () => {
    const actions = setup();
    const teamY = {
      ...tenant,
      namespace: 'team-y',
      owner: 'group:default/team-y',
    };
    await actions['emr:namespace:prepare'].handler(
      mockContext(tenant).ctx as any,
    );
    await actions['emr:namespace:prepare'].handler(
      mockContext(teamY, { taskId: 'task-y' }).ctx as any,
    );
    await actions['emr:role:create'].handler(
      mockContext({ ...tenant, roleName: 'team-x-exec' }, { taskId: 'task-a' })
        .ctx as any,
    );
    await expect(
      actions['emr:role:create'].handler(
        mockContext({ ...teamY, roleName: 'team-x-exec' }, { taskId: 'task-b' })
          .ctx as any,
      ),
    ).rejects.toThrow(
      /roleName: IAM role 'team-x-exec' already exists; role team-x-exec is tagged for team-x \/ namespace team-x/,
    );
    expect(sandbox.iam.getRole('team-x-exec')).toBeDefined();
  });

  it('reuses the role when the same tenant is onboarded again', async () => {
    const actions = setup();
    await actions['emr:namespace:prepare'].handler(
      mockContext(tenant).ctx as any,
    );
    const first = mockContext(
      { ...tenant, roleName: 'team-y-exec' },
      { taskId: 'task-a' },
    );
    await actions['emr:role:create'].handler(first.ctx as any);
    const again = mockContext(
      { ...tenant, roleName: 'team-y-exec' },
      { taskId: 'task-b' },
    );
    await actions['emr:role:create'].handler(again.ctx as any);
    expect(again.log.text()).toContain('Reusing IAM role team-y-exec');
    expect(sandbox.iam.getRole('team-y-exec')).toBeDefined();
  });

  it('refuses a virtual cluster on a namespace EMR was not given', async () => {
    const actions = setup();
    const vc = mockContext({ ...tenant, namespace: 'not-prepared', name: 'x' });
    await expect(
      actions['emr:virtualCluster:create'].handler(vc.ctx as any),
    ).rejects.toThrow(
      /namespace not-prepared does not exist on analytics-prod; prepare it/,
    );
    expect(sandbox.stats.count('CreateVirtualCluster')).toBe(0);
  });

  const TEAM_X_ROLE = `arn:aws:iam::${DEMO.accountId}:role/team-x-exec`;

  /** team-x's tenant: namespace, virtual cluster and execution role (TEAM_X_ROLE). */
  async function virtualCluster(actions: Record<string, any>) {
    await actions['emr:namespace:prepare'].handler(
      mockContext(tenant).ctx as any,
    );
    const vc = mockContext({ ...tenant, name: 'team-x' });
    await actions['emr:virtualCluster:create'].handler(vc.ctx as any);
    await actions['emr:role:create'].handler(
      mockContext({ ...tenant, roleName: 'team-x-exec' }).ctx as any,
    );
    return vc.outputs.virtualClusterArn as string;
  }

  it('deletes an endpoint that fails to come up, and says why', async () => {
    const actions = setup();
    const arn = await virtualCluster(actions);
    const endpoint = mockContext({
      virtualClusterArn: arn,
      name: 'broken',
      releaseLabel: 'emr-7.5.0-latest',
      executionRoleArn: TEAM_X_ROLE,
      owner: tenant.owner,
      tags: { 'sandbox:outcome': 'TERMINATED_WITH_ERRORS' },
    });
    await expect(
      actions['emr:endpoint:create'].handler(endpoint.ctx as any),
    ).rejects.toThrow(/is TERMINATED_WITH_ERRORS/);
    expect(endpoint.log.text()).toMatch(/CLUSTER_UNAVAILABLE/);
    expect(endpoint.log.text()).toMatch(
      /Rolled back: deleted managed endpoint broken/,
    );
    // EMR already terminated it; deleting a terminated endpoint is an error there.
    expect(sandbox.stats.count('DeleteManagedEndpoint')).toBe(0);
    expect(endpoint.log.text()).not.toContain('Rollback incomplete');
  });

  it('gives up waiting for an endpoint at the timeout', async () => {
    // Endpoints of this sandbox take minutes to come up, as on AWS.
    const slow = createSandbox({ seed: 5, accelerate: 1 });
    const slowRunning = await slow.listen(0);
    try {
      await expect(waitsInVain(slowRunning.url)).resolves.toBeUndefined();
    } finally {
      await slowRunning.close();
    }
  });

  async function waitsInVain(url: string) {
    const { root, config } = testConfig({
      url: `${url}/k8s/${EKS}`,
      endpoint: url,
      eksClusterName: EKS,
    });
    const clients = DefaultClientFactory.fromConfig(root, config);
    const actions = Object.fromEntries(
      createEmrEksActions({
        config,
        clients,
        authorizer: testAuthorizer(),
      }).map(a => [a.id, a]),
    );
    const arn = await virtualCluster(actions);
    const emr = await clients.emrContainers({
      accountId: DEMO.accountId,
      region: 'us-east-1',
    });
    const created = await emr.send(
      new CreateManagedEndpointCommand({
        name: 'slow',
        virtualClusterId: arn.split('/').pop(),
        type: 'JUPYTER_ENTERPRISE_GATEWAY',
        releaseLabel: 'emr-7.5.0-latest',
        executionRoleArn: `arn:aws:iam::${DEMO.accountId}:role/r`,
      }),
    );
    const logged: string[] = [];
    await expect(
      waitForActive(
        emr,
        { id: created.id!, virtualClusterId: arn.split('/').pop()! },
        {
          timeoutMs: 120,
          intervalMs: 20,
          maxIntervalMs: 40,
          log: m => logged.push(m),
        },
      ),
    ).rejects.toThrow(/was still CREATING after .* \(timeoutMinutes\)/);
    expect(logged.length).toBeGreaterThan(1);
    expect(logged[0]).toMatch(/is CREATING; checking again in/);
  }

  it('adds a namespace to the EMR access policy scope without dropping the others', async () => {
    const actions = setup();
    const access = (namespace: string) =>
      sandbox.eks.hasAccess(
        'us-east-1',
        EKS,
        `arn:aws:iam::${DEMO.accountId}:role/AWSServiceRoleForAmazonEMRContainers`,
        'arn:aws:eks::aws:cluster-access-policy/AmazonEMRJobPolicy',
        namespace,
      );
    await actions['emr:namespace:prepare'].handler(
      mockContext(tenant, { taskId: 'task-x' }).ctx as any,
    );
    await actions['emr:namespace:prepare'].handler(
      mockContext({ ...tenant, namespace: 'team-y' }, { taskId: 'task-y' })
        .ctx as any,
    );
    expect(access('team-x')).toBe(true);
    expect(access('team-y')).toBe(true);
    expect(sandbox.stats.count('CreateAccessEntry')).toBeLessThanOrEqual(1);

    sandbox.faults.set({ errorRate: 1, operations: ['k8s:apply'], count: 1 });
    const failing = mockContext(
      { ...tenant, namespace: 'team-z' },
      { taskId: 'task-z' },
    );
    // Fail the first apply: nothing created yet, nothing to roll back.
    await expect(
      actions['emr:namespace:prepare'].handler(failing.ctx as any),
    ).rejects.toThrow();
    expect(failing.log.text()).toContain('this run created or changed nothing');
    sandbox.faults.clear();
    expect(access('team-x')).toBe(true);
    expect(access('team-y')).toBe(true);
    expect(access('team-z')).toBe(false);
  });

  it('creates a job template once, reuses it for the same virtual cluster, refuses it elsewhere', async () => {
    const actions = setup();
    const arn = await virtualCluster(actions);
    const input = {
      virtualClusterArn: arn,
      name: 'team-x-daily',
      releaseLabel: 'emr-7.5.0-latest',
      executionRoleArn: TEAM_X_ROLE,
      entryPoint: 'local:///usr/lib/spark/examples/src/main/python/pi.py',
      owner: tenant.owner,
    };
    const first = mockContext(input);
    await actions['emr:jobTemplate:create'].handler(first.ctx as any);
    // Same task, checkpoints lost: found by name and task tag, not created twice.
    const again = mockContext(input);
    await actions['emr:jobTemplate:create'].handler(again.ctx as any);
    expect(again.outputs.jobTemplateId).toBe(first.outputs.jobTemplateId);
    expect(sandbox.stats.count('CreateJobTemplate')).toBe(1);
    // Another task onboarding the same virtual cluster reuses the template.
    const reused = mockContext(input, { taskId: 'task-other' });
    await actions['emr:jobTemplate:create'].handler(reused.ctx as any);
    expect(reused.outputs.jobTemplateId).toBe(first.outputs.jobTemplateId);
    expect(reused.log.text()).toContain('Reusing job template team-x-daily');
    expect(sandbox.stats.count('CreateJobTemplate')).toBe(1);
    // The same name for another virtual cluster is someone else's.
    const teamY = {
      ...tenant,
      namespace: 'team-y',
      owner: 'group:default/team-y',
    };
    await actions['emr:namespace:prepare'].handler(
      mockContext(teamY, { taskId: 'task-y' }).ctx as any,
    );
    const second = mockContext(
      { ...teamY, name: 'team-y' },
      { taskId: 'task-y' },
    );
    await actions['emr:virtualCluster:create'].handler(second.ctx as any);
    await actions['emr:role:create'].handler(
      mockContext({ ...teamY, roleName: 'team-y-exec' }, { taskId: 'task-y' })
        .ctx as any,
    );
    await expect(
      actions['emr:jobTemplate:create'].handler(
        mockContext(
          {
            ...input,
            owner: teamY.owner,
            virtualClusterArn: second.outputs.virtualClusterArn as string,
            executionRoleArn: `arn:aws:iam::${DEMO.accountId}:role/team-y-exec`,
          },
          { taskId: 'task-third' },
        ).ctx as any,
      ),
    ).rejects.toThrow(/name: a job template 'team-x-daily' already exists/);
  });
});
