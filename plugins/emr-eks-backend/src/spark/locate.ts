import { ServiceUnavailableError } from '@backstage/errors';
import type { VirtualCluster } from '@emr-eks/plugin-emr-eks-common';
import type { KubernetesCluster } from '@emr-eks/plugin-emr-eks-node';

/** Where a virtual cluster's Spark applications live: its EKS cluster's entry in the portal's `kubernetes` config, and its namespace. */
export interface SparkNamespace {
  cluster: KubernetesCluster;
  namespace: string;
  /** The cache scope: one namespace of one cluster. */
  scope: string;
}

/**
 * The namespace comes from AWS (DescribeVirtualCluster), never from a request; the cluster
 * must be in the portal's `kubernetes` config with a service account token.
 */
export function locateSparkNamespace(
  vc: VirtualCluster,
  clusters: Map<string, KubernetesCluster>,
): SparkNamespace {
  const eksCluster = vc.containerProvider?.id;
  const namespace = vc.containerProvider?.info?.eksInfo?.namespace;
  if (!eksCluster || !namespace) {
    throw new ServiceUnavailableError(
      `Virtual cluster ${vc.id} does not name its EKS cluster and namespace, so its Spark applications cannot be reached`,
    );
  }
  const cluster = clusters.get(eksCluster);
  if (!cluster) {
    throw new ServiceUnavailableError(
      `Spark applications of virtual cluster ${vc.id} are on EKS cluster '${eksCluster}', which the portal's Kubernetes configuration does not list: add a cluster named '${eksCluster}' under kubernetes.clusterLocatorMethods[].clusters[]`,
    );
  }
  if (cluster.authProvider !== 'serviceAccount') {
    throw new ServiceUnavailableError(
      `Cluster '${eksCluster}' of the portal's Kubernetes configuration uses authProvider '${cluster.authProvider}'; the Spark applications view supports 'serviceAccount' only`,
    );
  }
  return { cluster, namespace, scope: `k8s:${eksCluster}:${namespace}` };
}
