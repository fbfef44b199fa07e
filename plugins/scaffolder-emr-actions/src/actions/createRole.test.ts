import { DescribeClusterCommand } from '@aws-sdk/client-eks';
import { DEMO } from '@emr-eks/sandbox';
import { base36Encode } from '../lib/base36';
import { irsaTrustPolicy } from '../lib/trustPolicy';
import { mockContext } from '../__testUtils__/context';
import {
  EKS,
  offlineActions,
  run,
  TEAM_X,
  TEAM_Y,
  useSandbox,
  DATA_TEAM_A,
  expectInvalid,
} from '../__testUtils__/sandbox';
import { EXECUTION_POLICY_NAME } from './createRole';

const ID = 'emr:role:create';
const ROLE = { ...TEAM_X, roleName: 'team-x-exec' };

describe('emr:role:create', () => {
  const env = useSandbox();
  const iam = () => env.sandbox.iam;
  const prepare = (
    actions: Record<string, any>,
    tenant = TEAM_X,
    taskId?: string,
  ) => run(actions, 'emr:namespace:prepare', tenant, { taskId }).done;

  it("creates the role trusted through IRSA by EMR's service accounts of the namespace only", async () => {
    const actions = env.actions();
    await prepare(actions);
    await run(actions, ID, {
      ...ROLE,
      buckets: [
        { bucket: 'analytics-team-x-code-123456789012', access: 'read' },
      ],
    }).done;
    const iamRole = iam().getRole('team-x-exec')!;
    const trust = JSON.parse(
      decodeURIComponent(iamRole.assumeRolePolicyDocument),
    );
    const eks = await env
      .clients()
      .eks({ accountId: DEMO.accountId, region: 'us-east-1' });
    const issuer = (await eks.send(new DescribeClusterCommand({ name: EKS })))
      .cluster!.identity!.oidc!.issuer!;
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
    expect(iam().listRolePolicies('team-x-exec')).toEqual([
      EXECUTION_POLICY_NAME,
    ]);
  });

  it('creates Pod Identity associations for the role', async () => {
    const actions = env.actions();
    await prepare(actions);
    const role = run(actions, ID, {
      ...TEAM_X,
      roleName: 'team-x-pi',
      identity: 'podIdentity',
    });
    await role.done;
    expect(role.outputs.podIdentityAssociationIds).toHaveLength(3);
    expect(env.sandbox.stats.count('DescribeCluster')).toBe(0);
    // One association per EMR service account, each to the tenant's role.
    const suffix = `${DEMO.accountId}-${base36Encode('team-x-pi')}`;
    const associations = env.sandbox.eks.listPodIdentityAssociations(
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
      decodeURIComponent(iam().getRole('team-x-pi')!.assumeRolePolicyDocument),
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
    const actions = env.actions();
    await prepare(actions);
    env.sandbox.faults.set({ errorRate: 1, operations: ['PutRolePolicy'] });
    const role = run(actions, ID, ROLE);
    await expect(role.done).rejects.toThrow();
    env.sandbox.faults.clear();
    expect(iam().getRole('team-x-exec')).toBeUndefined();
    expect(role.log.text()).toContain(
      'Rolled back: deleted IAM role team-x-exec',
    );
  });

  it('refuses a role name taken by another tenant, naming the field', async () => {
    const actions = env.actions();
    await prepare(actions);
    await prepare(actions, TEAM_Y, 'task-y');
    await run(actions, ID, ROLE, { taskId: 'task-a' }).done;
    await expect(
      run(
        actions,
        ID,
        { ...TEAM_Y, roleName: 'team-x-exec' },
        { taskId: 'task-b' },
      ).done,
    ).rejects.toThrow(
      /roleName: IAM role 'team-x-exec' already exists; role team-x-exec is tagged for team-x \/ namespace team-x/,
    );
    expect(iam().getRole('team-x-exec')).toBeDefined();
  });

  it('reuses the role when the same tenant is onboarded again', async () => {
    const actions = env.actions();
    await prepare(actions);
    const input = { ...TEAM_X, roleName: 'team-y-exec' };
    await run(actions, ID, input, { taskId: 'task-a' }).done;
    const again = run(actions, ID, input, { taskId: 'task-b' });
    await again.done;
    expect(again.log.text()).toContain('Reusing IAM role team-y-exec');
    expect(iam().getRole('team-y-exec')).toBeDefined();
  });

  it("does not rewrite another team's role", async () => {
    const actions = env.actions();
    await prepare(actions);
    await prepare(actions, TEAM_Y, 't-y');
    await run(
      actions,
      ID,
      { ...TEAM_Y, roleName: 'shared-exec' },
      { taskId: 't-y' },
    ).done;
    const policy = iam()
      .getRole('shared-exec')!
      .policies.get(EXECUTION_POLICY_NAME);
    await expect(
      run(actions, ID, {
        ...TEAM_X,
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
      iam().getRole('shared-exec')!.policies.get(EXECUTION_POLICY_NAME),
    ).toBe(policy);
  });

  it("restores a reused role's previous policy on rollback", async () => {
    const actions = env.actions();
    await prepare(actions);
    await run(actions, ID, ROLE, { taskId: 'task-a' }).done;
    const before = iam()
      .getRole('team-x-exec')!
      .policies.get(EXECUTION_POLICY_NAME);
    env.sandbox.faults.set({
      errorRate: 1,
      operations: ['CreatePodIdentityAssociation'],
    });
    const again = run(
      actions,
      ID,
      {
        ...ROLE,
        identity: 'podIdentity',
        buckets: [{ bucket: 'team-x-features-123456789012' }],
      },
      { taskId: 'task-b' },
    );
    await expect(again.done).rejects.toThrow();
    env.sandbox.faults.clear();
    expect(again.log.text()).toContain(
      'Rolled back: restored inline policy emr-eks-job-execution of team-x-exec',
    );
    expect(iam().getRole('team-x-exec')).toBeDefined();
    expect(
      iam().getRole('team-x-exec')!.policies.get(EXECUTION_POLICY_NAME),
    ).toBe(before);
  });

  describe('buckets', () => {
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
          env.actions(),
          ID,
          { ...ROLE, buckets: [{ access: 'readWrite', ...grant }] },
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
        env.actions(),
        ID,
        {
          ...ROLE,
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
        env.actions({ buckets: [] }),
        ID,
        { ...ROLE, buckets: [{ bucket: 'team-x-features-123456789012' }] },
        { isDryRun: true },
      );
      await expect(done).rejects.toThrow(
        /no bucket may be granted, emrEks.provisioning.buckets is not configured/,
      );
    });
  });

  describe('dry run', () => {
    it('logs the exact trust and inline policies', async () => {
      const { ctx, log, outputs } = mockContext(
        {
          ...DATA_TEAM_A,
          roleName: 'team-a-exec',
          buckets: [
            {
              bucket: 'analytics-data-team-a-code-123456789012',
              access: 'read',
            },
          ],
        },
        { isDryRun: true },
      );
      await offlineActions()[ID].handler(ctx as any);
      const text = log.text();
      expect(text).toContain('iam:CreateRole team-a-exec');
      expect(text).toContain(
        'system:serviceaccount:data-team-a:emr-containers-sa-*-*-123456789012-',
      );
      expect(text).toContain(
        '"arn:aws:s3:::analytics-data-team-a-code-123456789012"',
      );
      expect(text).toContain(
        'iam:PutRolePolicy team-a-exec/emr-eks-job-execution',
      );
      expect(text).toMatch(/could not read the OIDC issuer/);
      expect(outputs.roleArn).toBe(
        'arn:aws:iam::123456789012:role/team-a-exec',
      );
    });

    it('with pod identity plans the three associations', async () => {
      const { ctx, log } = mockContext(
        { ...DATA_TEAM_A, roleName: 'team-a-exec', identity: 'podIdentity' },
        { isDryRun: true },
      );
      await offlineActions()[ID].handler(ctx as any);
      expect(
        log.text().match(/eks:CreatePodIdentityAssociation/g),
      ).toHaveLength(3);
      expect(log.text()).toContain('pods.eks.amazonaws.com');
      expect(log.text()).not.toContain('eks:DescribeCluster');
    });

    it('against the sandbox, reads the real OIDC issuer and writes nothing', async () => {
      env.sandbox.stats.reset();
      const { done, log } = run(env.actions(), ID, ROLE, { isDryRun: true });
      await done;
      expect(log.text()).toMatch(
        /"Federated": "arn:aws:iam::123456789012:oidc-provider\/oidc\.eks\.us-east-1\.amazonaws\.com\/id\/[0-9A-F]+"/,
      );
      expect(log.text()).not.toContain('placeholder');
      expect(env.writes()).toBe(0);
      expect(iam().getRole('team-x-exec')).toBeUndefined();
    });

    it('accepts the longest namespace and role name together', async () => {
      const { ctx, outputs } = mockContext(
        { ...DATA_TEAM_A, roleName: 'r'.repeat(64), namespace: 'n'.repeat(63) },
        { isDryRun: true },
      );
      await offlineActions()[ID].handler(ctx as any);
      expect(outputs.roleArn).toBe(
        `arn:aws:iam::123456789012:role/${'r'.repeat(64)}`,
      );
    });
  });

  describe('validation errors name the field and call nothing', () => {
    it.each([
      [
        { ...DATA_TEAM_A, roleName: 'x'.repeat(65) },
        /roleName: must be at most 64 characters/,
      ],
      [{ ...DATA_TEAM_A, roleName: 'bad name' }, /roleName: may only contain/],
      [
        { ...DATA_TEAM_A, roleName: 'r', buckets: [{ bucket: 'Bad_Bucket' }] },
        /buckets\.0\.bucket: must be an S3 bucket name/,
      ],
    ])('%j', (input, message) => expectInvalid(ID, input, message));
  });
});
