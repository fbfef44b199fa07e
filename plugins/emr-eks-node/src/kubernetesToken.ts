import { Sha256 } from '@aws-crypto/sha256-js';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import type {
  AwsCredentialIdentity,
  AwsCredentialIdentityProvider,
} from '@aws-sdk/types';
import type { Config } from '@backstage/config';
import {
  AwsCredentialsManager,
  DefaultAwsCredentialsManager,
} from '@backstage/integration-aws-node';
import { SignatureV4 } from '@smithy/signature-v4';
import type { KubernetesCluster } from './kubernetes';

/*
 * The bearer token of a cluster entry of the portal's `kubernetes` config, signed as the
 * Backstage Kubernetes plugin's AwsIamStrategy signs it for `authProvider: aws`: a
 * presigned STS GetCallerIdentity URL naming the cluster in a signed `x-k8s-aws-id`
 * header, which the EKS API server hands to STS to learn the caller's IAM identity.
 */

/** The `authProvider` values whose token the EMR on EKS packages can present. @public */
export const SUPPORTED_KUBERNETES_AUTH_PROVIDERS = [
  'serviceAccount',
  'aws',
] as const;

/** `authMetadata` keys of an `aws` cluster entry, as the Kubernetes plugin names them. @public */
export const KUBERNETES_AWS_ASSUME_ROLE = 'kubernetes.io/aws-assume-role';
/** @public */
export const KUBERNETES_AWS_EXTERNAL_ID = 'kubernetes.io/aws-external-id';
/** The cluster name in the signed header, when it is not the entry's name. @public */
export const KUBERNETES_AWS_CLUSTER_ID = 'kubernetes.io/x-k8s-aws-id';

/** How an EKS token starts (aws-iam-authenticator's v1 format). @public */
export const EKS_TOKEN_PREFIX = 'k8s-aws-v1.';

/** The region Backstage signs for when AWS_REGION is unset. */
const DEFAULT_STS_REGION = 'us-east-1';
/** What `aws eks get-token` presigns for; EKS takes the token for 15 minutes from its date whatever this says. */
const PRESIGN_SECONDS = 60;
/** A token is reused for this long: well inside the 15 minutes EKS accepts it. */
const TOKEN_REUSE_MS = 10 * 60 * 1000;
/** The role session an assumed role is used under, which CloudTrail records. */
const ROLE_SESSION_NAME = 'backstage-emr-eks';

/**
 * An EKS token for the cluster `clusterId` (the name in the signed `x-k8s-aws-id` header),
 * signed with `credentials` for STS in `region`.
 *
 * @public
 */
export async function signEksToken(options: {
  clusterId: string;
  credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  region: string;
  signingDate?: Date;
}): Promise<string> {
  const hostname = `sts.${options.region}.amazonaws.com`;
  const signer = new SignatureV4({
    credentials: options.credentials,
    region: options.region,
    service: 'sts',
    sha256: Sha256,
  });
  const signed = await signer.presign(
    {
      method: 'GET',
      protocol: 'https:',
      hostname,
      path: '/',
      headers: { host: hostname, 'x-k8s-aws-id': options.clusterId },
      query: { Action: 'GetCallerIdentity', Version: '2011-06-15' },
    },
    { expiresIn: PRESIGN_SECONDS, signingDate: options.signingDate },
  );
  const query = Object.entries(signed.query ?? {})
    .map(
      ([key, value]) =>
        `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`,
    )
    .join('&');
  const url = `https://${hostname}/?${query}`;
  return `${EKS_TOKEN_PREFIX}${Buffer.from(url).toString('base64url')}`;
}

/** How a token source is built; every member has a default. @public */
export interface KubernetesTokensOptions {
  /** STS's region for the signature and any AssumeRole; AWS_REGION, else us-east-1, as Backstage. */
  region?: string;
  /** An STS endpoint override for AssumeRole (a VPC endpoint, the local sandbox). */
  stsEndpoint?: string;
  /** Time source, for tests. */
  now?: () => number;
}

/**
 * The bearer tokens of the `kubernetes` config's cluster entries: a `serviceAccount`
 * entry's own token; for an `aws` entry an EKS token signed with the `aws` integration's
 * credentials (of `accountId` when given, else the main account's, as Backstage), through
 * the entry's `kubernetes.io/aws-assume-role` when set. Each signed token is reused for
 * ten minutes, so that not every call signs, nor assumes a role.
 *
 * @public
 */
export class KubernetesTokens {
  readonly #cache = new Map<string, { token: string; until: number }>();
  readonly #pending = new Map<string, Promise<string>>();
  readonly #region: string;
  readonly #now: () => number;

  static fromConfig(
    root: Config,
    options: KubernetesTokensOptions = {},
  ): KubernetesTokens {
    return new KubernetesTokens(
      DefaultAwsCredentialsManager.fromConfig(root),
      options,
    );
  }

  constructor(
    private readonly credentialsManager: AwsCredentialsManager,
    private readonly options: KubernetesTokensOptions = {},
  ) {
    this.#region =
      options.region ?? process.env.AWS_REGION ?? DEFAULT_STS_REGION;
    this.#now = options.now ?? Date.now;
  }

  /** The token to send as `Authorization: Bearer`; undefined for a serviceAccount entry without one. */
  async tokenFor(
    cluster: KubernetesCluster,
    options: { accountId?: string } = {},
  ): Promise<string | undefined> {
    if (cluster.authProvider === 'serviceAccount') {
      return cluster.serviceAccountToken;
    }
    if (cluster.authProvider !== 'aws') {
      throw new Error(
        `Cluster '${cluster.name}' uses authProvider '${
          cluster.authProvider
        }'; supported: ${SUPPORTED_KUBERNETES_AUTH_PROVIDERS.join(', ')}`,
      );
    }
    const key = `${cluster.name}\u0000${options.accountId ?? ''}`;
    const cached = this.#cache.get(key);
    if (cached && cached.until > this.#now()) return cached.token;
    let pending = this.#pending.get(key);
    if (!pending) {
      pending = this.#sign(cluster, options.accountId)
        .then(token => {
          this.#cache.set(key, { token, until: this.#now() + TOKEN_REUSE_MS });
          return token;
        })
        .finally(() => this.#pending.delete(key));
      this.#pending.set(key, pending);
    }
    return pending;
  }

  async #sign(cluster: KubernetesCluster, accountId?: string): Promise<string> {
    const meta = cluster.authMetadata ?? {};
    try {
      const provider = await this.credentialsManager.getCredentialProvider(
        accountId ? { accountId } : undefined,
      );
      let credentials = provider.sdkCredentialProvider;
      const roleArn = meta[KUBERNETES_AWS_ASSUME_ROLE];
      if (roleArn) {
        credentials = fromTemporaryCredentials({
          masterCredentials: credentials,
          clientConfig: {
            region: this.#region,
            endpoint: this.options.stsEndpoint,
          },
          params: {
            RoleArn: roleArn,
            ExternalId: meta[KUBERNETES_AWS_EXTERNAL_ID],
            RoleSessionName: ROLE_SESSION_NAME,
            DurationSeconds: 900,
          },
        });
      }
      return await signEksToken({
        clusterId: meta[KUBERNETES_AWS_CLUSTER_ID] ?? cluster.name,
        credentials,
        region: this.#region,
        signingDate: new Date(this.#now()),
      });
    } catch (error) {
      throw new Error(
        `could not sign an EKS token for cluster '${cluster.name}': ${
          (error as Error)?.message ?? error
        }`,
      );
    }
  }
}
