import type { Config } from '@backstage/config';
import { KubeConfig } from '@kubernetes/client-node';

/**
 * A cluster as the Backstage Kubernetes plugin configures it
 * (`kubernetes.clusterLocatorMethods[].clusters[]` of a `config` locator).
 *
 * @public
 */
export interface KubernetesCluster {
  name: string;
  url: string;
  authProvider: string;
  serviceAccountToken?: string;
  skipTLSVerify: boolean;
  caData?: string;
}

/**
 * The clusters of the portal's `kubernetes` config, by name: the EMR on EKS packages reach
 * a cluster's API through the same entries as the Kubernetes plugin, never a config of
 * their own.
 *
 * @public
 */
export function readKubernetesClusters(
  root: Config,
): Map<string, KubernetesCluster> {
  const result = new Map<string, KubernetesCluster>();
  const methods =
    root.getOptionalConfigArray('kubernetes.clusterLocatorMethods') ?? [];
  for (const method of methods) {
    if (method.getOptionalString('type') !== 'config') continue;
    for (const cluster of method.getOptionalConfigArray('clusters') ?? []) {
      const name = cluster.getString('name');
      result.set(name, {
        name,
        url: cluster.getString('url'),
        authProvider:
          cluster.getOptionalString('authProvider') ?? 'serviceAccount',
        serviceAccountToken: cluster.getOptionalString('serviceAccountToken'),
        skipTLSVerify: cluster.getOptionalBoolean('skipTLSVerify') ?? false,
        caData: cluster.getOptionalString('caData'),
      });
    }
  }
  return result;
}

/**
 * A KubeConfig for one configured cluster, authenticated with its service account token.
 *
 * @public
 */
export function kubeConfigFor(cluster: KubernetesCluster): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [
      {
        name: cluster.name,
        server: cluster.url,
        skipTLSVerify: cluster.skipTLSVerify,
        caData: cluster.caData,
      },
    ],
    users: [{ name: 'backstage', token: cluster.serviceAccountToken }],
    contexts: [
      { name: cluster.name, cluster: cluster.name, user: 'backstage' },
    ],
    currentContext: cluster.name,
  });
  return kc;
}
