import type { Config } from '@backstage/config';
import {
  KubernetesCluster,
  KubernetesTokens,
  readEmrImageAccounts,
  readHttpUrl,
  readKubernetesClusters,
} from '@emr-eks/plugin-emr-eks-node';

/** What the Spark applications view reads from config, once at startup. */
export interface SparkApplicationsConfig {
  /** The portal's `kubernetes` config clusters, by name. */
  clusters: Map<string, KubernetesCluster>;
  /** Their bearer tokens; AssumeRole (an `aws` entry's role) through `emrEks.stsEndpoint` when set. */
  tokens: KubernetesTokens;
  /** A Spark History Server that reads the applications' event logs (`emrEks.sparkApplications.historyServerUrl`). */
  historyServerUrl?: string;
  /** The EMR runtime images' ECR account by region (`emrEks.sparkApplications.imageAccounts`). */
  imageAccounts: Record<string, string>;
}

/** One token source per root config: the Spark views and Spark Connect share its cached tokens. */
const tokenSources = new WeakMap<Config, KubernetesTokens>();

function tokensOf(root: Config): KubernetesTokens {
  let tokens = tokenSources.get(root);
  if (!tokens) {
    tokens = KubernetesTokens.fromConfig(root, {
      stsEndpoint: readHttpUrl(root, 'emrEks.stsEndpoint'),
    });
    tokenSources.set(root, tokens);
  }
  return tokens;
}

export function readSparkApplicationsConfig(
  root: Config,
): SparkApplicationsConfig {
  const historyServerUrl = readHttpUrl(
    root,
    'emrEks.sparkApplications.historyServerUrl',
  );
  return {
    clusters: readKubernetesClusters(root),
    tokens: tokensOf(root),
    historyServerUrl: historyServerUrl?.replace(/\/+$/, ''),
    imageAccounts: readEmrImageAccounts(
      root,
      'emrEks.sparkApplications.imageAccounts',
    ),
  };
}
