import {
  CreateVirtualClusterCommand,
  DeleteVirtualClusterCommand,
  DescribeVirtualClusterCommand,
  EMRContainersClient,
  ListTagsForResourceCommand,
  ListVirtualClustersCommand,
  ResourceNotFoundException,
  ValidationException,
} from '@aws-sdk/client-emr-containers';
import {
  AssociateAccessPolicyCommand,
  CreateAccessEntryCommand,
  EKSClient,
} from '@aws-sdk/client-eks';
import {
  CoreV1Api,
  KubeConfig,
  RbacAuthorizationV1Api,
} from '@kubernetes/client-node';
import {
  errorOf,
  kubeconfigOptions,
  ListeningSandbox,
  listeningSandbox,
} from '../../__testUtils__/clients';
import { EMR_JOB_POLICY_ARN, EMR_SERVICE_LINKED_ROLE_ARN } from '../eks';
import { VIRTUAL_CLUSTER_TERMINATING_MS } from './store';

let env: ListeningSandbox;
let emr: EMRContainersClient;
let eks: EKSClient;
let core: CoreV1Api;
let rbac: RbacAuthorizationV1Api;

beforeAll(async () => {
  env = await listeningSandbox();
  emr = new EMRContainersClient({ ...env.aws, maxAttempts: 1 });
  eks = new EKSClient({ ...env.aws, maxAttempts: 1 });
  const kc = new KubeConfig();
  kc.loadFromOptions(kubeconfigOptions(env.running.url));
  core = kc.makeApiClient(CoreV1Api);
  rbac = kc.makeApiClient(RbacAuthorizationV1Api);
});
afterAll(() => env.running.close());
beforeEach(async () => {
  env.sandbox.reset();
  await core.createNamespace({
    body: {
      metadata: { name: 'data-team-c', labels: { team: 'data-team-c' } },
    },
  });
});

const create = (
  namespace = 'data-team-c',
  clientToken?: string,
  cluster = 'analytics-shared',
) =>
  emr.send(
    new CreateVirtualClusterCommand({
      name: namespace,
      containerProvider: {
        type: 'EKS',
        id: cluster,
        info: { eksInfo: { namespace } },
      },
      tags: { team: 'data-team-c' },
      clientToken,
    }),
  );

describe('CreateVirtualCluster / DeleteVirtualCluster', () => {
  it('refuses a namespace EMR has no access to, like the real service', async () => {
    const error = await errorOf(create());
    expect(error).toBeInstanceOf(ValidationException);
    expect(error.message).toContain(
      'Emr-containers is not authorized to access namespace data-team-c',
    );
    const missing = await errorOf(create('data-team-z'));
    expect(missing).toBeInstanceOf(ValidationException);
    expect(missing.message).toContain("Namespace data-team-z doesn't exist");
    const noCluster = await errorOf(
      create('data-team-c', undefined, 'no-such-cluster'),
    );
    expect(noCluster).toBeInstanceOf(ResourceNotFoundException);
    // A Role without its RoleBinding is not enough.
    await rbac.createNamespacedRole({
      namespace: 'data-team-c',
      body: { metadata: { name: 'emr-containers' }, rules: [] },
    });
    expect(await errorOf(create())).toBeInstanceOf(ValidationException);
    // Access on another namespace is not enough either.
    await eks.send(
      new CreateAccessEntryCommand({
        clusterName: 'analytics-shared',
        principalArn: 'arn:aws:iam::123456789012:role/other',
      }),
    );
    expect(await errorOf(create())).toBeInstanceOf(ValidationException);
  });

  it('accepts a namespace EMR reaches through an EKS access entry with AmazonEMRJobPolicy', async () => {
    await eks.send(
      new AssociateAccessPolicyCommand({
        clusterName: 'analytics-shared',
        principalArn: EMR_SERVICE_LINKED_ROLE_ARN,
        policyArn: EMR_JOB_POLICY_ARN,
        accessScope: {
          type: 'namespace',
          namespaces: ['data-team-a', 'data-team-b', 'data-team-c'],
        },
      }),
    );
    const created = await create('data-team-c', 'tok-1');
    expect(created.id).toMatch(/^[a-z0-9]{25}$/);
    expect(created.arn).toBe(
      `arn:aws:emr-containers:us-east-1:123456789012:/virtualclusters/${created.id}`,
    );
    const again = await create('data-team-c', 'tok-1');
    expect(again.id).toBe(created.id);
    const { virtualCluster } = await emr.send(
      new DescribeVirtualClusterCommand({ id: created.id! }),
    );
    expect(virtualCluster).toMatchObject({
      name: 'data-team-c',
      state: 'RUNNING',
      containerProvider: {
        type: 'EKS',
        id: 'analytics-shared',
        info: { eksInfo: { namespace: 'data-team-c' } },
      },
      tags: { team: 'data-team-c' },
    });
    const tags = await emr.send(
      new ListTagsForResourceCommand({ resourceArn: created.arn! }),
    );
    expect(tags.tags).toEqual({ team: 'data-team-c' });
    const listed = await emr.send(
      new ListVirtualClustersCommand({ eksAccessEntryIntegrated: true }),
    );
    expect(listed.virtualClusters?.map(v => v.id)).toContain(created.id);
    // One live virtual cluster per namespace.
    const taken = await errorOf(create('data-team-c', 'tok-2'));
    expect(taken).toBeInstanceOf(ValidationException);
    expect(env.sandbox.stats.count('CreateVirtualCluster')).toBe(3);
  });

  it('accepts a namespace EMR reaches through the emr-containers Role and RoleBinding', async () => {
    await rbac.createNamespacedRole({
      namespace: 'data-team-c',
      body: {
        metadata: { name: 'emr-containers' },
        rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['*'] }],
      },
    });
    await rbac.createNamespacedRoleBinding({
      namespace: 'data-team-c',
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
    const created = await create();
    const listed = await emr.send(
      new ListVirtualClustersCommand({ eksAccessEntryIntegrated: false }),
    );
    expect(listed.virtualClusters?.map(v => v.id)).toEqual([created.id]);
  });

  it('deletes: RUNNING → TERMINATING → TERMINATED; the namespace can be used again', async () => {
    await eks.send(
      new AssociateAccessPolicyCommand({
        clusterName: 'analytics-shared',
        principalArn: EMR_SERVICE_LINKED_ROLE_ARN,
        policyArn: EMR_JOB_POLICY_ARN,
        accessScope: { type: 'cluster' },
      }),
    );
    const { id } = await create();
    const deleted = await emr.send(
      new DeleteVirtualClusterCommand({ id: id! }),
    );
    expect(deleted.id).toBe(id);
    const state = async () =>
      (await emr.send(new DescribeVirtualClusterCommand({ id: id! })))
        .virtualCluster?.state;
    expect(await state()).toBe('TERMINATING');
    env.sandbox.clock.advance(VIRTUAL_CLUSTER_TERMINATING_MS);
    expect(await state()).toBe('TERMINATED');
    const terminated = await emr.send(
      new ListVirtualClustersCommand({ states: ['TERMINATED'] }),
    );
    expect(terminated.virtualClusters?.map(v => v.id)).toEqual([id]);
    const second = await create('data-team-c', 'another-token');
    expect(second.id).not.toBe(id);
    const missing = await errorOf(
      emr.send(
        new DeleteVirtualClusterCommand({ id: 'abcdefghijklmnopqrstuvwxy' }),
      ),
    );
    expect(missing).toBeInstanceOf(ResourceNotFoundException);
    env.sandbox.reset();
    expect(
      await errorOf(emr.send(new DescribeVirtualClusterCommand({ id: id! }))),
    ).toBeInstanceOf(ResourceNotFoundException);
  });

  it('works for the demo namespaces, which EMR can use from the start', async () => {
    // data-team-a already has a virtual cluster; data-team-b's is deleted first.
    const teamB = (
      await emr.send(new ListVirtualClustersCommand({}))
    ).virtualClusters!.find(v => v.name === 'data-team-b')!;
    await emr.send(new DeleteVirtualClusterCommand({ id: teamB.id! }));
    env.sandbox.clock.advance(VIRTUAL_CLUSTER_TERMINATING_MS);
    const created = await create('data-team-b');
    expect(created.id).toBeDefined();
  });
});
