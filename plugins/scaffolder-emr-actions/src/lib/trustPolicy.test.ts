import { InputError } from '@backstage/errors';
import { base36Encode } from './base36';
import {
  assertTrustPolicySize,
  emrPodIdentityServiceAccounts,
  irsaTrustPolicy,
  podIdentityTrustPolicy,
  serverlessTrustPolicy,
  TRUST_POLICY_MAX_LENGTH,
  trustedSourceArns,
} from './trustPolicy';

const ISSUER =
  'https://oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';
const PROVIDER =
  'oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';

describe('irsaTrustPolicy', () => {
  it('is the seed policy with its placeholders filled in', () => {
    // The seed (EMR on EKS multi-tenancy guidance), placeholders as written there:
    const seed = `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Principal": {
                "Federated": "<OIDC provider ARN>"
            },
            "Action": "sts:AssumeRoleWithWebIdentity",
            "Condition": { "StringLike": { "<OIDC_PROVIDER>:sub": "system:serviceaccount:<NAMESPACE>:emr-containers-sa-*-*-<AWS_ACCOUNT_ID>-<BASE36_ENCODED_ROLE_NAME>"} }
        }
    ]
}`;
    const roleName = 'emr-eks-data-team-a-job-execution';
    const filled = seed
      .replace(
        '<OIDC provider ARN>',
        `arn:aws:iam::123456789012:oidc-provider/${PROVIDER}`,
      )
      .replace('<OIDC_PROVIDER>', PROVIDER)
      .replace('<NAMESPACE>', 'data-team-a')
      .replace('<AWS_ACCOUNT_ID>', '123456789012')
      .replace('<BASE36_ENCODED_ROLE_NAME>', base36Encode(roleName));
    const policy = irsaTrustPolicy({
      accountId: '123456789012',
      oidcIssuer: ISSUER,
      namespace: 'data-team-a',
      roleName,
    });
    expect(JSON.stringify(policy)).toBe(JSON.stringify(JSON.parse(filled)));
  });

  it('writes the condition text exactly', () => {
    const policy = irsaTrustPolicy({
      accountId: '123456789012',
      oidcIssuer: ISSUER,
      namespace: 'ns1',
      roleName: 'abcdefghijkl',
    });
    expect(JSON.stringify(policy.Statement[0].Condition)).toBe(
      `{"StringLike":{"${PROVIDER}:sub":"system:serviceaccount:ns1:emr-containers-sa-*-*-123456789012-2x6xx5ubcrus4bplmr0"}}`,
    );
    expect(policy.Statement[0].Principal.Federated).toBe(
      `arn:aws:iam::123456789012:oidc-provider/${PROVIDER}`,
    );
  });

  it('uses the partition given', () => {
    const policy = irsaTrustPolicy({
      partition: 'aws-cn',
      accountId: '123456789012',
      oidcIssuer: `${ISSUER}/`,
      namespace: 'ns1',
      roleName: 'r',
    });
    expect(policy.Statement[0].Principal.Federated).toBe(
      `arn:aws-cn:iam::123456789012:oidc-provider/${PROVIDER}`,
    );
  });
});

describe('podIdentityTrustPolicy', () => {
  const options = {
    accountId: '123456789012',
    region: 'us-east-1',
    eksClusterName: 'analytics-shared',
    namespace: 'team-a',
    roleName: 'abcdefghijkl',
  };

  it("lets the Pod Identity agent assume and tag only for EMR's service accounts of this namespace and cluster", () => {
    expect(podIdentityTrustPolicy(options)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Service: 'pods.eks.amazonaws.com' },
          Action: ['sts:AssumeRole', 'sts:TagSession'],
          Condition: {
            StringEquals: {
              'aws:RequestTag/eks-cluster-arn':
                'arn:aws:eks:us-east-1:123456789012:cluster/analytics-shared',
              'aws:RequestTag/kubernetes-namespace': 'team-a',
            },
            StringLike: {
              'aws:RequestTag/kubernetes-service-account':
                'emr-containers-sa-*-*-123456789012-2x6xx5ubcrus4bplmr0',
            },
          },
        },
      ],
    });
  });

  it('matches every association the role gets, and only those', () => {
    const pattern =
      podIdentityTrustPolicy(options).Statement[0].Condition.StringLike[
        'aws:RequestTag/kubernetes-service-account'
      ];
    const re = new RegExp(
      `^${pattern.replace(/[.]/g, '\\.').replace(/\*/g, '.*')}$`,
    );
    for (const sa of emrPodIdentityServiceAccounts(
      '123456789012',
      'abcdefghijkl',
    )) {
      expect(sa).toMatch(re);
    }
    expect('emr-containers-sa-spark-driver-123456789012-other').not.toMatch(re);
  });

  it("names EMR's client, driver and executor service accounts", () => {
    expect(
      emrPodIdentityServiceAccounts('123456789012', 'abcdefghijkl'),
    ).toEqual([
      'emr-containers-sa-spark-client-123456789012-2x6xx5ubcrus4bplmr0',
      'emr-containers-sa-spark-driver-123456789012-2x6xx5ubcrus4bplmr0',
      'emr-containers-sa-spark-executor-123456789012-2x6xx5ubcrus4bplmr0',
    ]);
  });
});

describe('assertTrustPolicySize', () => {
  it('accepts a policy at the limit and names the fields above it', () => {
    const atLimit = { x: 'a'.repeat(TRUST_POLICY_MAX_LENGTH - 8) };
    expect(JSON.stringify(atLimit)).toHaveLength(TRUST_POLICY_MAX_LENGTH);
    expect(() => assertTrustPolicySize(atLimit)).not.toThrow();
    const above = { x: 'a'.repeat(TRUST_POLICY_MAX_LENGTH - 7) };
    expect(() => assertTrustPolicySize(above)).toThrow(InputError);
    expect(() => assertTrustPolicySize(above)).toThrow(
      /roleName\/namespace: the trust policy would be 2049 characters, above IAM's limit of 2048/,
    );
  });
});

describe('serverlessTrustPolicy and trustedSourceArns', () => {
  const APP =
    'arn:aws:emr-serverless:us-east-1:123456789012:/applications/00fabc123';

  it('reads back the one application a runtime role trusts, as IAM returns it (URL-encoded)', () => {
    const trust = serverlessTrustPolicy({
      accountId: '123456789012',
      applicationArn: APP,
    });
    expect(
      trustedSourceArns(encodeURIComponent(JSON.stringify(trust))),
    ).toEqual([APP]);
  });

  it('lists every SourceArn of any condition, and none for other policies', () => {
    const two = {
      Statement: {
        Effect: 'Allow',
        Condition: { ArnLike: { 'aws:SourceArn': [APP, `${APP}x`] } },
      },
    };
    expect(trustedSourceArns(JSON.stringify(two))).toEqual([APP, `${APP}x`]);
    expect(
      trustedSourceArns(
        JSON.stringify(
          irsaTrustPolicy({
            accountId: '123456789012',
            oidcIssuer: ISSUER,
            namespace: 'a',
            roleName: 'r',
          }),
        ),
      ),
    ).toEqual([]);
    expect(trustedSourceArns('not json')).toEqual([]);
    expect(trustedSourceArns(undefined)).toEqual([]);
  });
});
