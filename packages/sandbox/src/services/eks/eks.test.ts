import {
  AssociateAccessPolicyCommand,
  CreateAccessEntryCommand,
  CreatePodIdentityAssociationCommand,
  DeleteAccessEntryCommand,
  DeletePodIdentityAssociationCommand,
  DescribeAccessEntryCommand,
  DescribeClusterCommand,
  DescribePodIdentityAssociationCommand,
  DisassociateAccessPolicyCommand,
  EKSClient,
  InvalidParameterException,
  InvalidRequestException,
  ListAccessEntriesCommand,
  ListAssociatedAccessPoliciesCommand,
  ListPodIdentityAssociationsCommand,
  ResourceInUseException,
  ResourceNotFoundException,
} from '@aws-sdk/client-eks';
import {
  errorOf,
  ListeningSandbox,
  listeningSandbox,
} from '../../__testUtils__/clients';
import { EMR_JOB_POLICY_ARN, EMR_SERVICE_LINKED_ROLE_ARN } from '.';

let env: ListeningSandbox;
let eks: EKSClient;
const cluster = 'analytics-shared';
const role = 'arn:aws:iam::123456789012:role/emr-eks-data-team-c-job-execution';

beforeAll(async () => {
  env = await listeningSandbox();
  eks = new EKSClient({ ...env.aws, maxAttempts: 1 });
});
afterAll(() => env.running.close());
beforeEach(() => env.sandbox.reset());

describe('EKS through @aws-sdk/client-eks', () => {
  it('describes the demo clusters with their OIDC issuer, endpoint and access config', async () => {
    const { cluster: c } = await eks.send(
      new DescribeClusterCommand({ name: cluster }),
    );
    expect(c).toMatchObject({
      name: 'analytics-shared',
      arn: 'arn:aws:eks:us-east-1:123456789012:cluster/analytics-shared',
      status: 'ACTIVE',
      endpoint: `${env.running.url}/k8s/analytics-shared`,
      identity: {
        oidc: {
          issuer:
            'https://oidc.eks.us-east-1.amazonaws.com/id/B3C9E1F47A2D8C6E0F5A9B1D3C7E4F28',
        },
      },
      accessConfig: { authenticationMode: 'API_AND_CONFIG_MAP' },
    });
    expect(c?.createdAt).toEqual(new Date('2024-01-15T10:00:00Z'));
    const eu = new EKSClient({ ...env.aws, region: 'eu-west-1' });
    const { cluster: euCluster } = await eu.send(
      new DescribeClusterCommand({ name: 'analytics-eu' }),
    );
    expect(euCluster?.identity?.oidc?.issuer).toBe(
      'https://oidc.eks.eu-west-1.amazonaws.com/id/5E8A2C4F9B1D7E3A6C0F8B2D4E9A1C73',
    );
    // A cluster belongs to its region.
    const error = await errorOf(
      eks.send(new DescribeClusterCommand({ name: 'analytics-eu' })),
    );
    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect(error.$metadata.httpStatusCode).toBe(404);
    expect(error.message).toBe('No cluster found for name: analytics-eu.');
  });

  it('has an EMR access entry on the demo namespaces', async () => {
    const { associatedAccessPolicies } = await eks.send(
      new ListAssociatedAccessPoliciesCommand({
        clusterName: cluster,
        principalArn: EMR_SERVICE_LINKED_ROLE_ARN,
      }),
    );
    expect(associatedAccessPolicies).toEqual([
      expect.objectContaining({
        policyArn: EMR_JOB_POLICY_ARN,
        accessScope: {
          type: 'namespace',
          namespaces: ['data-team-a', 'data-team-b'],
        },
      }),
    ]);
  });

  it('creates, describes, lists and deletes access entries and their policies', async () => {
    const { accessEntry } = await eks.send(
      new CreateAccessEntryCommand({
        clusterName: cluster,
        principalArn: role,
        kubernetesGroups: ['data-team-c-editors'],
        tags: { team: 'data-team-c' },
      }),
    );
    expect(accessEntry).toMatchObject({
      clusterName: cluster,
      principalArn: role,
      type: 'STANDARD',
      username:
        'arn:aws:sts::123456789012:assumed-role/emr-eks-data-team-c-job-execution/{{SessionName}}',
      kubernetesGroups: ['data-team-c-editors'],
    });
    expect(accessEntry?.accessEntryArn).toMatch(
      /^arn:aws:eks:us-east-1:123456789012:access-entry\/analytics-shared\/role\/123456789012\/emr-eks-data-team-c-job-execution\//,
    );
    const dup = await errorOf(
      eks.send(
        new CreateAccessEntryCommand({
          clusterName: cluster,
          principalArn: role,
        }),
      ),
    );
    expect(dup).toBeInstanceOf(ResourceInUseException);
    expect(dup.$metadata.httpStatusCode).toBe(409);

    const associated = await eks.send(
      new AssociateAccessPolicyCommand({
        clusterName: cluster,
        principalArn: role,
        policyArn: EMR_JOB_POLICY_ARN,
        accessScope: { type: 'namespace', namespaces: ['data-team-c'] },
      }),
    );
    expect(associated.associatedAccessPolicy?.accessScope).toEqual({
      type: 'namespace',
      namespaces: ['data-team-c'],
    });
    const emptyScope = await errorOf(
      eks.send(
        new AssociateAccessPolicyCommand({
          clusterName: cluster,
          principalArn: role,
          policyArn: EMR_JOB_POLICY_ARN,
          accessScope: { type: 'namespace', namespaces: [] },
        }),
      ),
    );
    expect(emptyScope).toBeInstanceOf(InvalidParameterException);
    expect(emptyScope.$metadata.httpStatusCode).toBe(400);

    const withPolicy = await eks.send(
      new ListAccessEntriesCommand({
        clusterName: cluster,
        associatedPolicyArn: EMR_JOB_POLICY_ARN,
      }),
    );
    expect(withPolicy.accessEntries).toEqual([
      EMR_SERVICE_LINKED_ROLE_ARN,
      role,
    ]);
    const described = await eks.send(
      new DescribeAccessEntryCommand({
        clusterName: cluster,
        principalArn: role,
      }),
    );
    expect(described.accessEntry?.tags).toEqual({ team: 'data-team-c' });

    await eks.send(
      new DisassociateAccessPolicyCommand({
        clusterName: cluster,
        principalArn: role,
        policyArn: EMR_JOB_POLICY_ARN,
      }),
    );
    const none = await eks.send(
      new ListAssociatedAccessPoliciesCommand({
        clusterName: cluster,
        principalArn: role,
      }),
    );
    expect(none.associatedAccessPolicies).toEqual([]);
    await eks.send(
      new DeleteAccessEntryCommand({
        clusterName: cluster,
        principalArn: role,
      }),
    );
    const gone = await errorOf(
      eks.send(
        new DescribeAccessEntryCommand({
          clusterName: cluster,
          principalArn: role,
        }),
      ),
    );
    expect(gone).toBeInstanceOf(ResourceNotFoundException);
    expect(env.sandbox.stats.count('AssociateAccessPolicy')).toBe(2);
  });

  it('manages pod identity associations', async () => {
    const { association } = await eks.send(
      new CreatePodIdentityAssociationCommand({
        clusterName: cluster,
        namespace: 'data-team-c',
        serviceAccount: 'spark',
        roleArn: role,
      }),
    );
    expect(association?.associationId).toMatch(/^a-[a-z0-9]{17}$/);
    expect(association?.associationArn).toBe(
      `arn:aws:eks:us-east-1:123456789012:podidentityassociation/analytics-shared/${association?.associationId}`,
    );
    const dup = await errorOf(
      eks.send(
        new CreatePodIdentityAssociationCommand({
          clusterName: cluster,
          namespace: 'data-team-c',
          serviceAccount: 'spark',
          roleArn: role,
        }),
      ),
    );
    expect(dup).toBeInstanceOf(ResourceInUseException);
    const listed = await eks.send(
      new ListPodIdentityAssociationsCommand({
        clusterName: cluster,
        namespace: 'data-team-c',
      }),
    );
    expect(listed.associations?.map(a => a.associationId)).toEqual([
      association?.associationId,
    ]);
    const none = await eks.send(
      new ListPodIdentityAssociationsCommand({
        clusterName: cluster,
        namespace: 'data-team-a',
      }),
    );
    expect(none.associations).toEqual([]);
    const described = await eks.send(
      new DescribePodIdentityAssociationCommand({
        clusterName: cluster,
        associationId: association!.associationId!,
      }),
    );
    expect(described.association?.roleArn).toBe(role);
    await eks.send(
      new DeletePodIdentityAssociationCommand({
        clusterName: cluster,
        associationId: association!.associationId!,
      }),
    );
    const gone = await errorOf(
      eks.send(
        new DescribePodIdentityAssociationCommand({
          clusterName: cluster,
          associationId: association!.associationId!,
        }),
      ),
    );
    expect(gone).toBeInstanceOf(ResourceNotFoundException);
  });

  it('honours clientRequestToken: the same request gets the same association, another request is refused', async () => {
    const request = {
      clusterName: cluster,
      namespace: 'data-team-c',
      serviceAccount: 'emr-containers-sa-spark-client-123456789012-abc',
      roleArn: role,
      clientRequestToken: 'token-1',
    };
    const first = await eks.send(
      new CreatePodIdentityAssociationCommand(request),
    );
    const again = await eks.send(
      new CreatePodIdentityAssociationCommand(request),
    );
    expect(again.association?.associationId).toBe(
      first.association?.associationId,
    );
    const other = await errorOf(
      eks.send(
        new CreatePodIdentityAssociationCommand({
          ...request,
          serviceAccount: 'emr-containers-sa-spark-driver-123456789012-abc',
        }),
      ),
    );
    expect(other).toBeInstanceOf(InvalidRequestException);
    expect(other.message).toContain('token-1');
    const listed = await eks.send(
      new ListPodIdentityAssociationsCommand({
        clusterName: cluster,
        namespace: 'data-team-c',
      }),
    );
    expect(listed.associations).toHaveLength(1);
  });

  it('answers injected throttling the rest-json way', async () => {
    env.sandbox.faults.set({
      throttleRate: 1,
      operations: ['DescribeCluster'],
      count: 1,
    });
    const error = await errorOf(
      eks.send(new DescribeClusterCommand({ name: cluster })),
    );
    expect(error.name).toBe('ThrottlingException');
    expect(error.$metadata.httpStatusCode).toBe(429);
    await eks.send(new DescribeClusterCommand({ name: cluster }));
    expect(env.sandbox.stats.count('DescribeCluster')).toBe(2);
  });
});
