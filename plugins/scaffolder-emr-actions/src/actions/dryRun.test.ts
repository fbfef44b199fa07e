import {
  mockContext,
  testAuthorizer,
  testConfig,
  unreachableClients,
} from '../__testUtils__/context';
import { createEmrEksActions } from '.';

function actionsWith(emrAccess: 'accessEntry' | 'rbac' = 'accessEntry') {
  const actions = createEmrEksActions({
    config: testConfig({ emrAccess }).config,
    clients: unreachableClients,
    authorizer: testAuthorizer(),
  });
  return Object.fromEntries(actions.map(a => [a.id, a]));
}

const tenant = {
  cluster: 'analytics-prod',
  namespace: 'data-team-a',
  owner: 'group:default/data-team-a',
};

describe('dry runs', () => {
  it('emr:namespace:prepare logs every manifest and EKS call and changes nothing', async () => {
    const { ctx, log, outputs } = mockContext(tenant, { isDryRun: true });
    await actionsWith()['emr:namespace:prepare'].handler(ctx as any);
    const text = log.text();
    for (const kind of [
      'Namespace data-team-a',
      'ResourceQuota data-team-a/compute-resources',
      'LimitRange data-team-a/cpu-min-max',
      'NetworkPolicy data-team-a/default-np-data-team-a',
      'PriorityClass high-priority',
      'PriorityClass low-priority',
    ]) {
      expect(text).toContain(
        `server-side apply (fieldManager backstage-emr-eks) ${kind}`,
      );
    }
    expect(text).toContain('requests.memory: 4000Gi');
    expect(text).toContain('eks:CreateAccessEntry on analytics-prod');
    expect(text).toContain(
      'arn:aws:eks::aws:cluster-access-policy/AmazonEMRJobPolicy',
    );
    expect(text).toContain(
      'arn:aws:iam::123456789012:role/AWSServiceRoleForAmazonEMRContainers',
    );
    expect(text).not.toContain('Role data-team-a/emr-containers');
    expect(text).not.toContain('token-that-must-not-be-logged');
    expect(outputs).toEqual({
      namespace: 'data-team-a',
      cluster: 'analytics-prod',
      emrAccess: 'accessEntry',
    });
  });

  it('emr:namespace:prepare plans the RBAC Role and RoleBinding when the cluster says rbac', async () => {
    const { ctx, log } = mockContext(
      { ...tenant, networkIsolation: false },
      { isDryRun: true },
    );
    await actionsWith('rbac')['emr:namespace:prepare'].handler(ctx as any);
    expect(log.text()).toContain('Role data-team-a/emr-containers');
    expect(log.text()).toContain('RoleBinding data-team-a/emr-containers');
    expect(log.text()).not.toContain('NetworkPolicy');
    expect(log.text()).not.toContain('eks:CreateAccessEntry');
  });

  it('emr:role:create logs the exact trust and inline policies', async () => {
    const { ctx, log, outputs } = mockContext(
      {
        ...tenant,
        roleName: 'team-a-exec',
        buckets: [
          { bucket: 'analytics-data-team-a-code-123456789012', access: 'read' },
        ],
      },
      { isDryRun: true },
    );
    await actionsWith()['emr:role:create'].handler(ctx as any);
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
    expect(outputs.roleArn).toBe('arn:aws:iam::123456789012:role/team-a-exec');
  });

  it('emr:role:create with pod identity plans the three associations', async () => {
    const { ctx, log } = mockContext(
      { ...tenant, roleName: 'team-a-exec', identity: 'podIdentity' },
      { isDryRun: true },
    );
    await actionsWith()['emr:role:create'].handler(ctx as any);
    expect(log.text().match(/eks:CreatePodIdentityAssociation/g)).toHaveLength(
      3,
    );
    expect(log.text()).toContain('pods.eks.amazonaws.com');
    expect(log.text()).not.toContain('eks:DescribeCluster');
  });

  it('emr:virtualCluster:create outputs the entity ref the catalog will use', async () => {
    const { ctx, outputs, log } = mockContext(
      { ...tenant, name: 'data-team-a' },
      { isDryRun: true },
    );
    await actionsWith()['emr:virtualCluster:create'].handler(ctx as any);
    expect(outputs.entityRef).toBe('resource:default/data-team-a-us-east-1');
    expect(log.text()).toContain('"team": "data-team-a"');
  });

  it('emr:podTemplates:publish logs the templates and their URIs', async () => {
    const { ctx, outputs, log } = mockContext(tenant, { isDryRun: true });
    await actionsWith()['emr:podTemplates:publish'].handler(ctx as any);
    expect(outputs.nonCriticalExecutorUri).toBe(
      's3://analytics-assets-123456789012/pod-templates/data-team-a/non-critical-executor.yaml',
    );
    expect(outputs.criticalDriverUri).toBe(
      's3://analytics-assets-123456789012/pod-templates/data-team-a/critical-driver.yaml',
    );
    expect(log.text()).toContain('eks.amazonaws.com/capacityType: SPOT');
  });
});

describe('validation errors name the field and call nothing', () => {
  const actions = actionsWith();
  it.each([
    [
      'emr:namespace:prepare',
      { ...tenant, namespace: 'Team_A' },
      /namespace: must be a DNS-1123 label/,
    ],
    [
      'emr:namespace:prepare',
      { ...tenant, quota: { requestsCpu: 'lots' } },
      /quota\.requestsCpu: must be a Kubernetes quantity/,
    ],
    [
      'emr:namespace:prepare',
      { ...tenant, limits: { maxMemory: '8 GB' } },
      /limits\.maxMemory: must be a Kubernetes quantity/,
    ],
    [
      'emr:namespace:prepare',
      { ...tenant, cluster: 'nope' },
      /cluster: 'nope' is not a configured cluster/,
    ],
    [
      'emr:role:create',
      { ...tenant, roleName: 'x'.repeat(65) },
      /roleName: must be at most 64 characters/,
    ],
    [
      'emr:role:create',
      { ...tenant, roleName: 'bad name' },
      /roleName: may only contain/,
    ],
    [
      'emr:role:create',
      { ...tenant, roleName: 'r', buckets: [{ bucket: 'Bad_Bucket' }] },
      /buckets\.0\.bucket: must be an S3 bucket name/,
    ],
    [
      'emr:virtualCluster:create',
      { ...tenant, name: 'has space' },
      /name: must be 1-64 characters/,
    ],
    [
      'emr:endpoint:create',
      {
        virtualClusterArn:
          'arn:aws:emr-containers:us-east-1:123456789012:/virtualclusters/abc',
        name: 'nb',
        releaseLabel: 'emr-7.5.0',
        executionRoleArn: 'arn:aws:iam::123456789012:role/r',
        owner: 'group:default/a',
      },
      /releaseLabel: must be an EMR release label/,
    ],
    [
      'emr:endpoint:create',
      {
        virtualClusterArn: 'not-an-arn',
        name: 'nb',
        releaseLabel: 'emr-7.5.0-latest',
        executionRoleArn: 'arn:aws:iam::123456789012:role/r',
        owner: 'group:default/a',
      },
      /virtualClusterArn: must be an EMR on EKS virtual cluster ARN/,
    ],
    [
      'emr:endpoint:create',
      {
        virtualClusterArn:
          'arn:aws:emr-containers:us-east-1:123456789012:/virtualclusters/abc',
        name: 'nb',
        releaseLabel: 'emr-7.5.0-latest',
        executionRoleArn: 'arn:aws:iam::123456789012:role/r',
        certificateArn: 'arn:aws:acm:us-east-1:123:certificate/x',
        owner: 'group:default/a',
      },
      /certificateArn: must be an ACM certificate ARN/,
    ],
    [
      'emr:jobTemplate:create',
      {
        virtualClusterArn:
          'arn:aws:emr-containers:us-east-1:123456789012:/virtualclusters/abc',
        name: 'job',
        releaseLabel: 'emr-7.5.0-latest',
        executionRoleArn: 'arn:aws:iam::123456789012:role/r',
        entryPoint: 'https://x/job.py',
        owner: 'group:default/a',
      },
      /entryPoint: must be an s3:\/\/ or local:\/\/ URI/,
    ],
  ])('%s %j', async (id, input, message) => {
    const { ctx } = mockContext(input as any, { isDryRun: true });
    const run = actions[id].handler(ctx as any);
    await expect(run).rejects.toThrow(message);
    await expect(run).rejects.toMatchObject({ name: 'InputError' });
  });

  it('accepts the longest namespace and role name together', async () => {
    const { ctx, outputs } = mockContext(
      { ...tenant, roleName: 'r'.repeat(64), namespace: 'n'.repeat(63) },
      { isDryRun: true },
    );
    await actions['emr:role:create'].handler(ctx as any);
    expect(outputs.roleArn).toBe(
      `arn:aws:iam::123456789012:role/${'r'.repeat(64)}`,
    );
  });
});
