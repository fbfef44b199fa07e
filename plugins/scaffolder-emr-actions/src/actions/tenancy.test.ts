import { createSandbox, DEMO } from '@emr-eks/sandbox';
import { DefaultClientFactory } from '../lib/clients';
import {
  ADMIN,
  mockContext,
  OTHER_TEAM_MEMBER,
  testAuthorizer,
  testConfig,
} from '../__testUtils__/context';
import { createEmrEksActions } from '.';
import { EXECUTION_POLICY_NAME } from './createRole';

// Who may change what: the owner team's members (or a platform admin), only on what the team
// owns, and a rollback that takes back only what the task did.
const EKS = 'analytics-shared';
const EMR_ROLE = `arn:aws:iam::${DEMO.accountId}:role/AWSServiceRoleForAmazonEMRContainers`;
const JOB_POLICY = 'arn:aws:eks::aws:cluster-access-policy/AmazonEMRJobPolicy';

const kind = (
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
const NAMESPACES = kind('namespaces', 'Namespace', '', 'v1', false);
const QUOTAS = kind('resourcequotas', 'ResourceQuota', '', 'v1', true);
const LIMIT_RANGES = kind('limitranges', 'LimitRange', '', 'v1', true);

describe('tenancy: who may change what', () => {
  const sandbox = createSandbox({ seed: 5, accelerate: 600 });
  let running: Awaited<ReturnType<typeof sandbox.listen>>;

  beforeAll(async () => {
    running = await sandbox.listen(0);
  });
  afterAll(async () => {
    await running.close();
  });
  beforeEach(() => sandbox.reset());

  function setup(overrides: { buckets?: string[] } = {}) {
    const { root, config } = testConfig({
      url: `${running.url}/k8s/${EKS}`,
      endpoint: running.url,
      eksClusterName: EKS,
      ...overrides,
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
  const inScope = (namespace: string) =>
    sandbox.eks.hasAccess('us-east-1', EKS, EMR_ROLE, JOB_POLICY, namespace);
  const teamX = {
    cluster: 'analytics-prod',
    namespace: 'team-x',
    owner: 'group:default/team-x',
  };
  const teamY = {
    ...teamX,
    namespace: 'team-y',
    owner: 'group:default/team-y',
  };
  const run = (
    actions: Record<string, any>,
    id: string,
    input: object,
    options: Parameters<typeof mockContext>[1] = {},
  ) => {
    const context = mockContext(input as any, options);
    return {
      ...context,
      done: actions[id].handler(context.ctx as any) as Promise<void>,
    };
  };

  describe('the user running the task', () => {
    it('refuses a user who is not a member of the owner group, in every action, before any call', async () => {
      const actions = setup();
      const vcArn = DEMO.virtualClusters['data-team-b'].arn;
      const owner = 'group:default/data-team-b';
      const inputs: Record<string, object> = {
        'emr:namespace:prepare': { ...teamX, owner },
        'emr:role:create': { ...teamX, owner, roleName: 'r' },
        'emr:virtualCluster:create': { ...teamX, owner, name: 'v' },
        'emr:podTemplates:publish': { ...teamX, owner },
        'emr:endpoint:create': {
          virtualClusterArn: vcArn,
          name: 'nb',
          releaseLabel: 'emr-7.5.0-latest',
          executionRoleArn:
            DEMO.virtualClusters['data-team-b'].executionRoleArn,
          owner,
        },
        'emr:jobTemplate:create': {
          virtualClusterArn: vcArn,
          name: 'jt',
          releaseLabel: 'emr-7.5.0-latest',
          executionRoleArn:
            DEMO.virtualClusters['data-team-b'].executionRoleArn,
          entryPoint: 'local:///app.py',
          owner,
        },
      };
      sandbox.stats.reset();
      for (const [id, input] of Object.entries(inputs)) {
        for (const isDryRun of [false, true]) {
          const { done } = run(actions, id, input, { isDryRun });
          await expect(done).rejects.toMatchObject({
            name: 'NotAllowedError',
            message: 'you are not a member of group:default/data-team-b',
          });
        }
      }
      expect(sandbox.stats.snapshot().total).toBe(0);
      expect(k8s().hasNamespace('team-x')).toBe(false);
    });

    it('refuses a task no user started', async () => {
      const { done } = run(setup(), 'emr:namespace:prepare', teamX, {
        user: null,
      });
      await expect(done).rejects.toThrow(/not started by a signed-in user/);
      expect(k8s().hasNamespace('team-x')).toBe(false);
    });

    it('lets a platform admin provision for any team, tagged for that team', async () => {
      const owner = 'group:default/data-team-b';
      const { done } = run(
        setup(),
        'emr:namespace:prepare',
        { ...teamX, namespace: 'b-extra', owner },
        { user: ADMIN },
      );
      await done;
      expect(
        k8s().get(NAMESPACES, undefined, 'b-extra').metadata.labels[
          'backstage.io/team'
        ],
      ).toBe('data-team-b');
    });

    it('takes the team from the owner only: a team input naming another team is refused', async () => {
      const { done } = run(setup(), 'emr:virtualCluster:create', {
        ...teamX,
        name: 'team-x',
        team: 'data-team-b',
      });
      await expect(done).rejects.toMatchObject({ name: 'InputError' });
      await expect(done).rejects.toThrow(
        /team: 'data-team-b' is not the owner/,
      );
    });
  });

  describe('namespaces', () => {
    it.each([
      'kube-system',
      'default',
      'kube-public',
      'aws-observability',
      'karpenter',
      'platform-tools',
    ])(
      'refuses the reserved namespace %s, even for an admin adopting',
      async namespace => {
        const { done } = run(
          setup(),
          'emr:namespace:prepare',
          { ...teamX, namespace, adoptExistingNamespace: true },
          { user: ADMIN },
        );
        await expect(done).rejects.toMatchObject({
          name: 'InputError',
          message: `namespace ${namespace} is reserved`,
        });
      },
    );

    it('never adopts a namespace made outside the portal; an admin may, and rollback restores it', async () => {
      const actions = setup();
      k8s().create(
        NAMESPACES,
        undefined,
        {
          metadata: {
            name: 'legacy',
            labels: { app: 'legacy', nsname: 'old' },
          },
        },
        'kubectl-create',
      );
      k8s().create(
        QUOTAS,
        'legacy',
        {
          metadata: { name: 'compute-resources', labels: { app: 'legacy' } },
          spec: { hard: { 'requests.cpu': '5' } },
        },
        'kubectl-create',
      );
      const before = {
        ns: k8s().get(NAMESPACES, undefined, 'legacy').metadata.labels,
        quota: k8s().get(QUOTAS, 'legacy', 'compute-resources'),
      };
      const input = { ...teamX, namespace: 'legacy' };

      await expect(
        run(actions, 'emr:namespace:prepare', input).done,
      ).rejects.toMatchObject({
        name: 'ConflictError',
        message: expect.stringMatching(
          /namespace legacy already exists on analytics-prod and was not created by the portal/,
        ),
      });
      await expect(
        run(actions, 'emr:namespace:prepare', {
          ...input,
          adoptExistingNamespace: true,
        }).done,
      ).rejects.toMatchObject({ name: 'NotAllowedError' });
      expect(
        k8s().get(NAMESPACES, undefined, 'legacy').metadata.labels,
      ).toEqual(before.ns);

      // An admin adopts; EMR access fails; everything goes back as it was.
      sandbox.faults.set({
        errorRate: 1,
        operations: ['AssociateAccessPolicy'],
      });
      const adopt = run(
        actions,
        'emr:namespace:prepare',
        { ...input, adoptExistingNamespace: true },
        { user: ADMIN },
      );
      await expect(adopt.done).rejects.toThrow();
      sandbox.faults.clear();
      expect(adopt.log.text()).toContain('Adopted namespace legacy');
      expect(adopt.log.text()).toContain(
        'Rolled back: restored Namespace legacy',
      );
      expect(k8s().hasNamespace('legacy')).toBe(true);
      expect(
        k8s().get(NAMESPACES, undefined, 'legacy').metadata.labels,
      ).toEqual(before.ns);
      const quota = k8s().get(QUOTAS, 'legacy', 'compute-resources');
      expect(quota.spec).toEqual(before.quota.spec);
      expect(quota.metadata.labels).toEqual(before.quota.metadata.labels);
      expect(k8s().find(LIMIT_RANGES, 'legacy', 'cpu-min-max')).toBeUndefined();

      // Adopted for good when nothing fails.
      await run(
        actions,
        'emr:namespace:prepare',
        { ...input, adoptExistingNamespace: true },
        { user: ADMIN, taskId: 'task-adopt-2' },
      ).done;
      expect(
        k8s().get(NAMESPACES, undefined, 'legacy').metadata.labels[
          'backstage.io/team'
        ],
      ).toBe('team-x');
    });

    it("refuses another team's namespace, to its members and admins alike", async () => {
      const actions = setup();
      await run(actions, 'emr:namespace:prepare', {
        ...teamY,
        namespace: 'shared',
      }).done;
      for (const [user, adoptExistingNamespace] of [
        [undefined, false],
        [ADMIN, true],
      ] as const) {
        await expect(
          run(
            actions,
            'emr:namespace:prepare',
            { ...teamX, namespace: 'shared', adoptExistingNamespace },
            { user, taskId: `task-${user}` },
          ).done,
        ).rejects.toMatchObject({
          name: 'ConflictError',
          message: expect.stringContaining(
            "namespace shared already exists on analytics-prod and belongs to team 'team-y'",
          ),
        });
      }
      // A plain `team` label made outside the portal counts as well.
      expect(
        k8s().get(NAMESPACES, undefined, 'data-team-b').metadata.labels.team,
      ).toBe('data-team-b');
      await expect(
        run(actions, 'emr:namespace:prepare', {
          ...teamX,
          namespace: 'data-team-b',
        }).done,
      ).rejects.toThrow(/belongs to team 'data-team-b'/);
    });

    it("refuses a role, virtual cluster or pod templates on another team's namespace", async () => {
      const actions = setup();
      await run(actions, 'emr:namespace:prepare', teamY).done;
      for (const [id, input] of [
        ['emr:role:create', { ...teamX, namespace: 'team-y', roleName: 'x' }],
        [
          'emr:virtualCluster:create',
          { ...teamX, namespace: 'team-y', name: 'x' },
        ],
        ['emr:podTemplates:publish', { ...teamX, namespace: 'team-y' }],
      ] as const) {
        await expect(run(actions, id, input).done).rejects.toMatchObject({
          name: 'NotAllowedError',
          message:
            'namespace team-y on analytics-prod belongs to team-y, not team-x',
        });
      }
      expect(sandbox.iam.getRole('x')).toBeUndefined();
    });
  });

  describe('roles and buckets', () => {
    const role = { ...teamX, roleName: 'team-x-exec' };

    it.each([
      [
        'another team’s bucket',
        { bucket: 'analytics-team-y-code-123456789012' },
      ],
      [
        'another team’s prefix',
        { bucket: 'analytics-curated-123456789012', prefix: 'team-y' },
      ],
      [
        'a wildcard prefix',
        { bucket: 'analytics-curated-123456789012', prefix: '*' },
      ],
      [
        'a prefix that only starts like the team',
        { bucket: 'analytics-curated-123456789012', prefix: 'team-xy' },
      ],
      ['a whole shared bucket', { bucket: 'analytics-curated-123456789012' }],
    ])(
      'refuses %s, naming it and the allowed patterns',
      async (_what, grant) => {
        const { done } = run(
          setup(),
          'emr:role:create',
          { ...role, buckets: [{ access: 'readWrite', ...grant }] },
          { isDryRun: true },
        );
        await expect(done).rejects.toMatchObject({ name: 'InputError' });
        await expect(done).rejects.toThrow(
          `s3://${grant.bucket}/${
            (grant as { prefix?: string }).prefix ?? ''
          } is outside the buckets allowed for team-x (s3://analytics-team-x-code-123456789012/*, s3://analytics-curated-123456789012/team-x/*, s3://team-x-features-123456789012/*)`,
        );
      },
    );

    it('grants what the patterns allow for the team', async () => {
      const { done, log } = run(
        setup(),
        'emr:role:create',
        {
          ...role,
          buckets: [
            { bucket: 'analytics-curated-123456789012', prefix: 'team-x/raw' },
            { bucket: 'team-x-features-123456789012', access: 'readWrite' },
          ],
        },
        { isDryRun: true },
      );
      await done;
      expect(log.text()).toContain(
        'arn:aws:s3:::analytics-curated-123456789012/team-x/raw/*',
      );
    });

    it('refuses every bucket grant when no patterns are configured', async () => {
      const { done } = run(
        setup({ buckets: [] }),
        'emr:role:create',
        { ...role, buckets: [{ bucket: 'team-x-features-123456789012' }] },
        { isDryRun: true },
      );
      await expect(done).rejects.toThrow(
        /no bucket may be granted, emrEks.provisioning.buckets is not configured/,
      );
    });

    it("does not rewrite another team's role", async () => {
      const actions = setup();
      await run(actions, 'emr:namespace:prepare', teamX).done;
      await run(actions, 'emr:namespace:prepare', teamY, { taskId: 't-y' })
        .done;
      await run(
        actions,
        'emr:role:create',
        { ...teamY, roleName: 'shared-exec' },
        { taskId: 't-y' },
      ).done;
      const policy = sandbox.iam
        .getRole('shared-exec')!
        .policies.get(EXECUTION_POLICY_NAME);
      await expect(
        run(actions, 'emr:role:create', {
          ...teamX,
          roleName: 'shared-exec',
          buckets: [{ bucket: 'team-x-features-123456789012' }],
        }).done,
      ).rejects.toMatchObject({
        name: 'ConflictError',
        message: expect.stringContaining(
          'role shared-exec is tagged for team-y / namespace team-y',
        ),
      });
      expect(
        sandbox.iam.getRole('shared-exec')!.policies.get(EXECUTION_POLICY_NAME),
      ).toBe(policy);
    });

    it("restores a reused role's previous policy on rollback", async () => {
      const actions = setup();
      await run(actions, 'emr:namespace:prepare', teamX).done;
      await run(actions, 'emr:role:create', role, { taskId: 'task-a' }).done;
      const before = sandbox.iam
        .getRole('team-x-exec')!
        .policies.get(EXECUTION_POLICY_NAME);
      sandbox.faults.set({
        errorRate: 1,
        operations: ['CreatePodIdentityAssociation'],
      });
      const again = run(
        actions,
        'emr:role:create',
        {
          ...role,
          identity: 'podIdentity',
          buckets: [{ bucket: 'team-x-features-123456789012' }],
        },
        { taskId: 'task-b' },
      );
      await expect(again.done).rejects.toThrow();
      sandbox.faults.clear();
      expect(again.log.text()).toContain(
        'Rolled back: restored inline policy emr-eks-job-execution of team-x-exec',
      );
      expect(sandbox.iam.getRole('team-x-exec')).toBeDefined();
      expect(
        sandbox.iam.getRole('team-x-exec')!.policies.get(EXECUTION_POLICY_NAME),
      ).toBe(before);
    });
  });

  describe('endpoints and job templates', () => {
    async function tenant(
      actions: Record<string, any>,
      t: typeof teamX,
      taskId: string,
    ) {
      await run(actions, 'emr:namespace:prepare', t, { taskId }).done;
      const vc = run(
        actions,
        'emr:virtualCluster:create',
        { ...t, name: t.namespace },
        { taskId },
      );
      await vc.done;
      await run(
        actions,
        'emr:role:create',
        { ...t, roleName: `${t.namespace}-exec` },
        { taskId },
      ).done;
      return {
        arn: vc.outputs.virtualClusterArn as string,
        role: `arn:aws:iam::${DEMO.accountId}:role/${t.namespace}-exec`,
      };
    }
    const jobTemplate = (
      virtualClusterArn: string,
      executionRoleArn: string,
    ) => ({
      virtualClusterArn,
      name: 'daily',
      releaseLabel: 'emr-7.5.0-latest',
      executionRoleArn,
      entryPoint: 'local:///usr/lib/spark/examples/src/main/python/pi.py',
      owner: teamX.owner,
    });
    const endpoint = (virtualClusterArn: string, executionRoleArn: string) => ({
      virtualClusterArn,
      name: 'notebooks',
      releaseLabel: 'emr-7.5.0-latest',
      executionRoleArn,
      owner: teamX.owner,
    });

    it("refuses another team's virtual cluster or execution role", async () => {
      const actions = setup();
      const x = await tenant(actions, teamX, 'task-x');
      const y = await tenant(actions, teamY, 'task-y');
      const cases: Array<[string, string, RegExp]> = [
        [
          y.arn,
          x.role,
          /virtual cluster [0-9a-z]+ is tagged for group:default\/team-y, not group:default\/team-x/,
        ],
        [
          x.arn,
          y.role,
          /execution role team-y-exec is tagged for group:default\/team-y, not group:default\/team-x/,
        ],
        [
          x.arn,
          `arn:aws:iam::999999999999:role/team-x-exec`,
          /is not in account 123456789012 of virtual cluster/,
        ],
      ];
      for (const [vc, executionRole, message] of cases) {
        for (const [id, input] of [
          ['emr:jobTemplate:create', jobTemplate(vc, executionRole)],
          ['emr:endpoint:create', endpoint(vc, executionRole)],
        ] as const) {
          const attempt = run(actions, id, input);
          await expect(attempt.done).rejects.toMatchObject({
            name: 'NotAllowedError',
            message: expect.stringMatching(message),
          });
        }
      }
      expect(sandbox.stats.count('CreateJobTemplate')).toBe(0);
      expect(sandbox.stats.count('CreateManagedEndpoint')).toBe(0);
      // The team's own cluster and role are fine.
      await run(actions, 'emr:jobTemplate:create', jobTemplate(x.arn, x.role))
        .done;
      expect(sandbox.stats.count('CreateJobTemplate')).toBe(1);
    });

    it("refuses a demo team's virtual cluster to a member of another team", async () => {
      const actions = setup();
      const b = DEMO.virtualClusters['data-team-b'];
      const attempt = run(actions, 'emr:jobTemplate:create', {
        ...jobTemplate(b.arn, b.executionRoleArn),
        owner: 'group:default/data-team-a',
      });
      await expect(attempt.done).rejects.toThrow(
        `virtual cluster ${b.id} is tagged for group:default/data-team-b, not group:default/data-team-a`,
      );
      // data-team-b's own member may: the cluster and its demo role are tagged for data-team-b.
      const own = run(
        actions,
        'emr:jobTemplate:create',
        {
          ...jobTemplate(b.arn, b.executionRoleArn),
          owner: 'group:default/data-team-b',
        },
        { user: OTHER_TEAM_MEMBER },
      );
      await expect(own.done).resolves.toBeUndefined();
      expect(own.outputs.jobTemplateId).toEqual(expect.any(String));
    });
  });

  describe('rollback and races', () => {
    it('two concurrent onboardings both end in the access scope', async () => {
      const actions = setup();
      const namespaces = ['team-x', 'team-y', 'team-z'];
      await Promise.all(
        namespaces.map(
          (namespace, i) =>
            run(
              actions,
              'emr:namespace:prepare',
              { ...teamX, namespace },
              { taskId: `task-${i}` },
            ).done,
        ),
      );
      for (const namespace of namespaces) expect(inScope(namespace)).toBe(true);
      expect(sandbox.stats.count('DeleteAccessEntry')).toBe(0);
    });
  });
});
