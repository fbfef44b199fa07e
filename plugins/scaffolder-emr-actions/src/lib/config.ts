import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { BUCKETS_KEY, checkBucketPattern } from './buckets';

/** A cluster as the Backstage Kubernetes plugin configures it. */
export interface KubernetesCluster {
  name: string;
  url: string;
  authProvider: string;
  serviceAccountToken?: string;
  skipTLSVerify: boolean;
  caData?: string;
}

/** A cluster tenants can be provisioned on. */
export interface ProvisioningCluster {
  name: string;
  accountId: string;
  region: string;
  partition: string;
  eksClusterName: string;
  emrAccess: 'accessEntry' | 'rbac';
  podTemplateBucket?: string;
  podTemplatePrefix: string;
  /** IAM's role trust policy quota of the account: 2048 by default, up to 4096 when raised. */
  trustPolicyMaxLength: number;
  kubernetes: KubernetesCluster;
}

export interface ProvisioningConfig {
  clusters: ProvisioningCluster[];
  endpoints: {
    iam?: string;
    eks?: string;
    s3?: string;
    sts?: string;
    emrContainers?: string;
  };
  maxAttempts: number;
  /** S3 locations job execution roles may be granted, with `${team}`; none when empty. */
  buckets: string[];
  /** Namespaces never prepared, besides the built-in ones (`kube-*`, `default`, …). */
  reservedNamespaces: string[];
}

function readUrl(config: Config, key: string): string | undefined {
  const value = config.getOptionalString(key);
  if (value === undefined) return undefined;
  let ok = false;
  try {
    ok = ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    ok = false;
  }
  if (!ok) {
    throw new Error(
      `Invalid config value at emrEks.provisioning.endpoints.${key}: '${value}' is not an http(s) URL`,
    );
  }
  return value;
}

function kubernetesClusters(root: Config): Map<string, KubernetesCluster> {
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

/** Reads `emrEks.provisioning` and the clusters of `kubernetes.clusterLocatorMethods`. */
export function readProvisioningConfig(root: Config): ProvisioningConfig {
  const config = root.getOptionalConfig('emrEks.provisioning');
  const kubernetes = kubernetesClusters(root);
  const clusters = (config?.getOptionalConfigArray('clusters') ?? []).map(
    (cluster, index) => {
      const at = `emrEks.provisioning.clusters[${index}]`;
      const name = cluster.getString('name');
      const accountId = cluster.getString('accountId');
      if (!/^\d{12}$/.test(accountId)) {
        throw new Error(
          `Invalid config value at ${at}.accountId: '${accountId}' is not a 12-digit AWS account id`,
        );
      }
      const region = cluster.getString('region');
      if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(region)) {
        throw new Error(
          `Invalid config value at ${at}.region: '${region}' is not an AWS region`,
        );
      }
      const emrAccess = cluster.getOptionalString('emrAccess') ?? 'accessEntry';
      if (emrAccess !== 'accessEntry' && emrAccess !== 'rbac') {
        throw new Error(
          `Invalid config value at ${at}.emrAccess: '${emrAccess}' is neither 'accessEntry' nor 'rbac'`,
        );
      }
      const k8s = kubernetes.get(name);
      if (!k8s) {
        throw new Error(
          `Invalid config value at ${at}.name: no cluster '${name}' under kubernetes.clusterLocatorMethods[].clusters[]`,
        );
      }
      if (k8s.authProvider !== 'serviceAccount') {
        throw new Error(
          `Invalid config value at kubernetes.clusterLocatorMethods[].clusters[name=${name}].authProvider: '${k8s.authProvider}' is not supported for provisioning; use 'serviceAccount'`,
        );
      }
      const trustPolicyMaxLength =
        cluster.getOptionalNumber('trustPolicyMaxLength') ?? 2048;
      if (
        !Number.isInteger(trustPolicyMaxLength) ||
        trustPolicyMaxLength < 2048 ||
        trustPolicyMaxLength > 4096
      ) {
        throw new Error(
          `Invalid config value at ${at}.trustPolicyMaxLength: ${trustPolicyMaxLength} is not a whole number from 2048 (IAM's default quota) to 4096 (its hard limit)`,
        );
      }
      const bucket = cluster.getOptionalString('podTemplateBucket');
      const prefix = (
        cluster.getOptionalString('podTemplatePrefix') ?? 'pod-templates'
      ).replace(/^\/+|\/+$/g, '');
      return {
        name,
        accountId,
        region,
        partition: cluster.getOptionalString('partition') ?? 'aws',
        eksClusterName: cluster.getOptionalString('eksClusterName') ?? name,
        emrAccess,
        podTemplateBucket: bucket,
        podTemplatePrefix: prefix,
        trustPolicyMaxLength,
        kubernetes: k8s,
      } as ProvisioningCluster;
    },
  );
  const maxAttempts = config?.getOptionalNumber('maxAttempts') ?? 3;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > 10) {
    throw new Error(
      `Invalid config value at emrEks.provisioning.maxAttempts: ${maxAttempts} is not an integer from 1 to 10`,
    );
  }
  const endpoints = config?.getOptionalConfig('endpoints');
  const buckets = config?.getOptionalStringArray('buckets') ?? [];
  buckets.forEach((pattern, i) =>
    checkBucketPattern(pattern, `${BUCKETS_KEY}[${i}]`),
  );
  const reservedNamespaces =
    config?.getOptionalStringArray('reservedNamespaces') ?? [];
  reservedNamespaces.forEach((name, i) => {
    if (!/^([a-z0-9]([-a-z0-9]*[a-z0-9])?|[a-z0-9][-a-z0-9]*\*)$/.test(name)) {
      throw new Error(
        `Invalid config value at emrEks.provisioning.reservedNamespaces[${i}]: '${name}' is neither a namespace name nor a name prefix ending in *`,
      );
    }
  });
  return {
    clusters,
    maxAttempts,
    buckets,
    reservedNamespaces,
    endpoints: endpoints
      ? {
          iam: readUrl(endpoints, 'iam'),
          eks: readUrl(endpoints, 'eks'),
          s3: readUrl(endpoints, 's3'),
          sts: readUrl(endpoints, 'sts'),
          emrContainers: readUrl(endpoints, 'emrContainers'),
        }
      : {},
  };
}

/** The configured cluster of that name, or an InputError naming the `cluster` field. */
export function findCluster(
  config: ProvisioningConfig,
  name: string,
): ProvisioningCluster {
  const cluster = config.clusters.find(c => c.name === name);
  if (!cluster) {
    throw new InputError(
      `Invalid input: cluster: '${name}' is not a configured cluster (${
        config.clusters.map(c => c.name).join(', ') || 'none configured'
      })`,
    );
  }
  return cluster;
}
