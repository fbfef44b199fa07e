import { EKSClient } from '@aws-sdk/client-eks';
import { EMRContainersClient } from '@aws-sdk/client-emr-containers';
import { EMRServerlessClient } from '@aws-sdk/client-emr-serverless';
import { IAMClient } from '@aws-sdk/client-iam';
import { S3Client } from '@aws-sdk/client-s3';
import type { Config } from '@backstage/config';
import {
  AwsCredentialsManager,
  DefaultAwsCredentialsManager,
} from '@backstage/integration-aws-node';
import { ServiceUnavailableError } from '@backstage/errors';
import {
  KubernetesTokens,
  emrEksClientOptions,
  kubeConfigFor,
  messageOf,
  statusOf,
} from '@emr-eks/plugin-emr-eks-node';
import { KubernetesObjectApi } from '@kubernetes/client-node';
import {
  AwsTarget,
  isNotAnAwsAnswer,
  sdkErrorOf,
  withMappedErrors,
} from './awsErrors';
import type { KubernetesCluster, ProvisioningConfig } from './config';

export type { AwsTarget };

/**
 * Hands out the AWS and Kubernetes clients the actions use. Replaceable in tests.
 *
 * @public
 */
export interface ClientFactory {
  iam(target: AwsTarget): Promise<IAMClient>;
  eks(target: AwsTarget): Promise<EKSClient>;
  s3(target: AwsTarget): Promise<S3Client>;
  emrContainers(target: AwsTarget): Promise<EMRContainersClient>;
  emrServerless(target: AwsTarget): Promise<EMRServerlessClient>;
  /** `accountId`: the AWS account whose credentials sign an `aws` cluster's EKS token. */
  kubernetes(
    cluster: KubernetesCluster,
    accountId?: string,
  ): KubernetesObjectApi;
}

/**
 * Clients with credentials from the `aws` integration config and the configured endpoints,
 * the suite's user agent and retry strategy, and every failure mapped to a Backstage error.
 *
 * @public
 */
export class DefaultClientFactory implements ClientFactory {
  readonly #tokens: KubernetesTokens;

  private constructor(
    private readonly credentials: AwsCredentialsManager,
    private readonly config: ProvisioningConfig,
  ) {
    this.#tokens = new KubernetesTokens(credentials, {
      stsEndpoint: config.endpoints.sts,
    });
  }

  static fromConfig(root: Config, config: ProvisioningConfig) {
    return new DefaultClientFactory(
      DefaultAwsCredentialsManager.fromConfig(root),
      config,
    );
  }

  async #options(target: AwsTarget, endpoint: string | undefined) {
    const provider = await this.credentials.getCredentialProvider({
      accountId: target.accountId,
    });
    return emrEksClientOptions({
      region: target.region,
      endpoint,
      credentials: provider.sdkCredentialProvider,
      maxAttempts: this.config.maxAttempts,
      component: 'scaffolder',
    });
  }

  async iam(target: AwsTarget) {
    return withMappedErrors(
      new IAMClient(await this.#options(target, this.config.endpoints.iam)),
      target,
    );
  }

  async eks(target: AwsTarget) {
    return withMappedErrors(
      new EKSClient(await this.#options(target, this.config.endpoints.eks)),
      target,
    );
  }

  async s3(target: AwsTarget) {
    return withMappedErrors(
      new S3Client({
        ...(await this.#options(target, this.config.endpoints.s3)),
        forcePathStyle: Boolean(this.config.endpoints.s3),
      }),
      target,
    );
  }

  async emrContainers(target: AwsTarget) {
    return withMappedErrors(
      new EMRContainersClient(
        await this.#options(target, this.config.endpoints.emrContainers),
      ),
      target,
    );
  }

  async emrServerless(target: AwsTarget) {
    return withMappedErrors(
      new EMRServerlessClient(
        await this.#options(target, this.config.endpoints.emrServerless),
      ),
      target,
    );
  }

  kubernetes(cluster: KubernetesCluster, accountId?: string) {
    return withMappedRefusals(
      KubernetesObjectApi.makeApiClient(
        kubeConfigFor(cluster, () =>
          this.#tokens.tokenFor(cluster, { accountId }),
        ),
      ),
      cluster,
    );
  }
}

/**
 * The API server refusing the portal's identity (401, 403) as an error that names the
 * cluster and where its identity comes from; other failures pass as they are, since the
 * actions tell a missing object (404) and a conflict (409) apart themselves.
 */
function withMappedRefusals(
  api: KubernetesObjectApi,
  cluster: KubernetesCluster,
): KubernetesObjectApi {
  const identity =
    cluster.authProvider === 'aws'
      ? "an EKS token signed with the aws integration's credentials: the signing principal needs an EKS access entry"
      : 'the service account token of its entry';
  return new Proxy(api, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        try {
          return await value.apply(target, args);
        } catch (error) {
          const status = statusOf(error);
          if (status !== 401 && status !== 403) throw error;
          const said = messageOf(error);
          throw new ServiceUnavailableError(
            `The Kubernetes API of cluster '${
              cluster.name
            }' refused the portal's identity (${status}${
              said ? `: ${said}` : ''
            }). The portal reaches it with ${identity}, bound to RBAC for namespaces, quotas, limit ranges, network policies, roles, role bindings and priority classes`,
          );
        }
      };
    },
  });
}

/**
 * True for "not found" from the AWS SDK (behind a mapped error too) or the Kubernetes client;
 * never for a page a proxy or an endpoint without the operation answered with.
 */
export function isNotFound(error: unknown): boolean {
  if (isNotAnAwsAnswer(error)) {
    return false;
  }
  const e = sdkErrorOf(error) as {
    name?: string;
    code?: number;
    statusCode?: number;
    $metadata?: { httpStatusCode?: number };
  };
  return (
    e?.name === 'NoSuchEntityException' ||
    e?.name === 'ResourceNotFoundException' ||
    e?.name === 'NotFound' ||
    e?.name === 'NoSuchKey' ||
    e?.code === 404 ||
    e?.statusCode === 404 ||
    e?.$metadata?.httpStatusCode === 404
  );
}
