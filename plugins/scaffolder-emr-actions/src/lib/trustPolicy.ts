import { InputError } from '@backstage/errors';
import { base36Encode } from './base36';

/** IAM's default limit on a role trust policy, in characters without whitespace. */
export const TRUST_POLICY_MAX_LENGTH = 2048;

/**
 * What an IRSA trust policy is scoped to: the cluster's OIDC issuer and EMR's service
 * accounts of the role in one namespace.
 *
 * @public
 */
export interface IrsaTrustPolicyOptions {
  partition?: string;
  accountId: string;
  /** The cluster's OIDC issuer, with or without `https://`. */
  oidcIssuer: string;
  namespace: string;
  roleName: string;
}

/** The issuer as IAM names the provider: `oidc.eks.<region>.amazonaws.com/id/<ID>`. */
export function oidcProviderOf(issuer: string): string {
  return issuer.replace(/^https:\/\//, '').replace(/\/$/, '');
}

/** The service account pattern EMR on EKS uses for a role in a namespace. */
export function emrServiceAccountPattern(
  namespace: string,
  accountId: string,
  roleName: string,
): string {
  return `system:serviceaccount:${namespace}:emr-containers-sa-*-*-${accountId}-${base36Encode(
    roleName,
  )}`;
}

/**
 * The IRSA trust policy EMR on EKS expects: web identity federation from the cluster's
 * OIDC provider, scoped with `StringLike` on `<OIDC_PROVIDER>:sub` to EMR's service
 * accounts for this role in this namespace (as `update-role-trust-policy` writes it).
 *
 * @public
 */
export function irsaTrustPolicy(options: IrsaTrustPolicyOptions) {
  const partition = options.partition ?? 'aws';
  const provider = oidcProviderOf(options.oidcIssuer);
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: {
          Federated: `arn:${partition}:iam::${options.accountId}:oidc-provider/${provider}`,
        },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringLike: {
            [`${provider}:sub`]: emrServiceAccountPattern(
              options.namespace,
              options.accountId,
              options.roleName,
            ),
          },
        },
      },
    ],
  };
}

/**
 * What an EKS Pod Identity trust policy is scoped to, through the session tags EKS sets:
 * the cluster, the namespace and EMR's service accounts of the role.
 *
 * @public
 */
export interface PodIdentityTrustPolicyOptions {
  partition?: string;
  accountId: string;
  region: string;
  eksClusterName: string;
  namespace: string;
  roleName: string;
}

/** The components EMR on EKS runs a Spark job's pods as, each under its own service account. */
export const EMR_SPARK_COMPONENTS = ['client', 'driver', 'executor'] as const;

/**
 * Trust for EKS Pod Identity, scoped by the session tags EKS Pod Identity sets on every
 * AssumeRole (`eks-cluster-arn`, `kubernetes-namespace`, `kubernetes-service-account`): only
 * EMR's service accounts for this role, in this namespace of this cluster, get credentials —
 * the same scope the IRSA trust gives. Without the conditions any association in the account
 * could name the role.
 *
 * @public
 */
export function podIdentityTrustPolicy(options: PodIdentityTrustPolicyOptions) {
  const partition = options.partition ?? 'aws';
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: 'pods.eks.amazonaws.com' },
        Action: ['sts:AssumeRole', 'sts:TagSession'],
        Condition: {
          StringEquals: {
            'aws:RequestTag/eks-cluster-arn': `arn:${partition}:eks:${options.region}:${options.accountId}:cluster/${options.eksClusterName}`,
            'aws:RequestTag/kubernetes-namespace': options.namespace,
          },
          StringLike: {
            'aws:RequestTag/kubernetes-service-account': `emr-containers-sa-*-*-${
              options.accountId
            }-${base36Encode(options.roleName)}`,
          },
        },
      },
    ],
  };
}

/** The service accounts EMR on EKS runs a role's Spark jobs under (Pod Identity associations). */
export function emrPodIdentityServiceAccounts(
  accountId: string,
  roleName: string,
): string[] {
  const suffix = `${accountId}-${base36Encode(roleName)}`;
  return EMR_SPARK_COMPONENTS.map(
    part => `emr-containers-sa-spark-${part}-${suffix}`,
  );
}

/** Length as IAM counts it: the JSON without whitespace. */
export function policyLength(policy: unknown): number {
  return JSON.stringify(policy).length;
}

/** Throws an InputError naming the fields that make the trust policy too long. */
export function assertTrustPolicySize(
  policy: unknown,
  limit = TRUST_POLICY_MAX_LENGTH,
): void {
  const length = policyLength(policy);
  if (length > limit) {
    throw new InputError(
      `Invalid input: roleName/namespace: the trust policy would be ${length} characters, above IAM's limit of ${limit}; shorten roleName or namespace`,
    );
  }
}

/**
 * What an EMR Serverless job runtime role's trust is scoped to: one application.
 *
 * @public
 */
export interface ServerlessTrustPolicyOptions {
  accountId: string;
  /** The application's ARN: `arn:aws:emr-serverless:<region>:<account>:/applications/<id>`. */
  applicationArn: string;
}

/**
 * Trust for an EMR Serverless job runtime role: the service principal, only on behalf of this
 * account (`aws:SourceAccount`) and this one application (`aws:SourceArn`), so that no other
 * application, of this team or another, can run jobs as the role (the confused deputy).
 *
 * @public
 */
export function serverlessTrustPolicy(options: ServerlessTrustPolicyOptions) {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: 'emr-serverless.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition: {
          StringEquals: { 'aws:SourceAccount': options.accountId },
          ArnEquals: { 'aws:SourceArn': options.applicationArn },
        },
      },
    ],
  };
}

/** The application ARNs a trust policy names in `aws:SourceArn`. */
export function trustedSourceArns(document: string | undefined): string[] {
  if (!document) return [];
  let policy: { Statement?: unknown };
  try {
    policy = JSON.parse(decodeURIComponent(document));
  } catch {
    return [];
  }
  const statements = Array.isArray(policy.Statement)
    ? policy.Statement
    : [policy.Statement];
  return statements.flatMap((statement: any) =>
    Object.values(statement?.Condition ?? {}).flatMap((operator: any) => {
      const value = operator?.['aws:SourceArn'];
      return value === undefined ? [] : [value].flat();
    }),
  );
}
