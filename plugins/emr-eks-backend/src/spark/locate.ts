import { ServiceUnavailableError } from '@backstage/errors';
import {
  VirtualCluster,
  parseVirtualClusterArn,
} from '@emr-eks/plugin-emr-eks-common';
import {
  KubernetesCluster,
  KubernetesTokens,
  SUPPORTED_KUBERNETES_AUTH_PROVIDERS,
} from '@emr-eks/plugin-emr-eks-node';

/** Where a virtual cluster's Spark applications live: its EKS cluster's entry in the portal's `kubernetes` config, and its namespace. */
export interface SparkNamespace {
  cluster: KubernetesCluster;
  namespace: string;
  /** The cache scope: one namespace of one cluster. */
  scope: string;
  /** The bearer token of each call to the cluster's API (see KubernetesTokens). */
  token: () => Promise<string | undefined>;
}

/** The portal's `kubernetes` config clusters and the tokens that reach them. */
export interface SparkKubernetesAccess {
  clusters: Map<string, KubernetesCluster>;
  tokens: KubernetesTokens;
}

/**
 * The namespace comes from AWS (DescribeVirtualCluster), never from a request; the cluster
 * must be in the portal's `kubernetes` config with an authProvider the portal can sign
 * for: `serviceAccount` (its token) or `aws` (an EKS token with the `aws` integration's
 * credentials of the virtual cluster's account, as the emr-containers calls use).
 */
export function locateSparkNamespace(
  vc: VirtualCluster,
  access: SparkKubernetesAccess,
): SparkNamespace {
  const eksCluster = vc.containerProvider?.id;
  const namespace = vc.containerProvider?.info?.eksInfo?.namespace;
  if (!eksCluster || !namespace) {
    throw new ServiceUnavailableError(
      `Virtual cluster ${vc.id} does not name its EKS cluster and namespace, so its Spark applications cannot be reached`,
    );
  }
  const cluster = access.clusters.get(eksCluster);
  if (!cluster) {
    throw new ServiceUnavailableError(
      `Spark applications of virtual cluster ${vc.id} are on EKS cluster '${eksCluster}', which the portal's Kubernetes configuration does not list: add a cluster named '${eksCluster}' under kubernetes.clusterLocatorMethods[].clusters[]`,
    );
  }
  const supported: readonly string[] = SUPPORTED_KUBERNETES_AUTH_PROVIDERS;
  if (!supported.includes(cluster.authProvider)) {
    throw new ServiceUnavailableError(
      `Cluster '${eksCluster}' of the portal's Kubernetes configuration uses authProvider '${
        cluster.authProvider
      }'; the Spark applications view supports ${SUPPORTED_KUBERNETES_AUTH_PROVIDERS.map(
        p => `'${p}'`,
      ).join(' and ')} only`,
    );
  }
  const accountId = vc.arn
    ? parseVirtualClusterArn(vc.arn)?.accountId
    : undefined;
  return {
    cluster,
    namespace,
    scope: `k8s:${eksCluster}:${namespace}`,
    token: () => access.tokens.tokenFor(cluster, { accountId }),
  };
}
