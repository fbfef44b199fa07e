import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  DEFAULT_OWNER_NAMESPACE,
  DEFAULT_OWNER_TAG,
} from '@emr-eks/plugin-emr-eks-common';
import {
  DOCUMENTED_EMR_IMAGE_ACCOUNTS,
  KubernetesCluster,
  readAwsAccountId,
  readEmrImageAccounts,
  readHttpUrl,
  readKubernetesClusters,
  readMaxAttempts,
  SUPPORTED_KUBERNETES_AUTH_PROVIDERS,
} from '@emr-eks/plugin-emr-eks-node';
import { BUCKETS_KEY, checkBucketPattern } from './buckets';

/** A cluster as the Backstage Kubernetes plugin configures it (read by `-node`). @public */
export type { KubernetesCluster };

/**
 * A cluster tenants can be provisioned on.
 *
 * @public
 */
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

/**
 * The provisioning settings, read once from `emrEks.provisioning` (and the catalog and
 * ownership keys the actions follow) by {@link readProvisioningConfig}.
 *
 * @public
 */
export interface ProvisioningConfig {
  clusters: ProvisioningCluster[];
  endpoints: {
    iam?: string;
    eks?: string;
    s3?: string;
    sts?: string;
    emrContainers?: string;
    emrServerless?: string;
  };
  maxAttempts: number;
  /** Where EMR Serverless applications may be created (`emrEks.provisioning.serverless.targets`). */
  serverlessTargets: ServerlessTarget[];
  /** S3 locations job execution roles may be granted, with `${team}`; none when empty. */
  buckets: string[];
  /** Namespaces never prepared, besides the built-in ones (`kube-*`, `default`, …). */
  reservedNamespaces: string[];
  /**
   * The owner tag as the backend reads it (`emrEks.ownership`): its key, and the catalog
   * namespace of a bare group name in its value.
   */
  ownership: { tag: string; namespace: string };
  /** The catalog's EMR on EKS discoveries (`catalog.providers.emrEks`): where entities appear. */
  catalogProviders: CatalogProvider[];
  /** Spark Connect endpoints (`emrEks.provisioning.sparkConnect`). */
  sparkConnect: SparkConnectConfig;
}

/**
 * `emrEks.provisioning.sparkConnect`: where the EMR runtime image comes from and what the
 * load balancer may expose.
 *
 * @public
 */
export interface SparkConnectConfig {
  /** The EMR runtime image's ECR account by region: the seed's, then the configured ones. */
  imageAccounts: Record<string, string>;
  /** Whether inbound CIDRs may include 0.0.0.0/0 or ::/0. */
  allowAnyInbound: boolean;
  /** The load balancer's scheme. */
  scheme: 'internet-facing' | 'internal';
}

function readSparkConnect(config: Config | undefined): SparkConnectConfig {
  const at = 'emrEks.provisioning.sparkConnect';
  const sc = config?.getOptionalConfig('sparkConnect');
  // The documented regions' accounts, then the configured ones over them.
  const imageAccounts = config
    ? readEmrImageAccounts(config, 'sparkConnect.imageAccounts')
    : { ...DOCUMENTED_EMR_IMAGE_ACCOUNTS };
  const scheme = sc?.getOptionalString('scheme') ?? 'internet-facing';
  if (scheme !== 'internet-facing' && scheme !== 'internal') {
    throw new Error(
      `Invalid config value at ${at}.scheme: '${scheme}' is neither 'internet-facing' nor 'internal'`,
    );
  }
  return {
    imageAccounts,
    allowAnyInbound: sc?.getOptionalBoolean('allowAnyInbound') ?? false,
    scheme,
  };
}

/**
 * An account and region EMR Serverless applications may be created in.
 *
 * @public
 */
export interface ServerlessTarget {
  accountId: string;
  region: string;
  partition: string;
}

/**
 * One discovery of the catalog module: an account, its regions, its entities' namespace.
 *
 * @public
 */
export interface CatalogProvider {
  id: string;
  accountId: string;
  regions: string[];
  namespace: string;
}

const CATALOG_NAMESPACE = /^[a-z0-9]+(-[a-z0-9]+)*$/i;

/** `emrEks.ownership.tag` and `.namespace`, as the backend reads them. */
function readOwnership(root: Config) {
  const tag =
    root.getOptionalString('emrEks.ownership.tag') ?? DEFAULT_OWNER_TAG;
  if (!tag.trim()) {
    throw new Error(
      `Invalid config value at emrEks.ownership.tag: the tag key is empty`,
    );
  }
  const namespace =
    root.getOptionalString('emrEks.ownership.namespace') ??
    DEFAULT_OWNER_NAMESPACE;
  if (!CATALOG_NAMESPACE.test(namespace)) {
    throw new Error(
      `Invalid config value at emrEks.ownership.namespace: '${namespace}' is not a catalog namespace`,
    );
  }
  return { tag, namespace };
}

/**
 * The catalog module's discoveries. Their owner tag must be the one the actions write and the
 * backend reads, or the catalog would list the team's resources as owned by nobody.
 */
function readCatalogProviders(
  root: Config,
  ownerTag: string,
): CatalogProvider[] {
  const providers = root.getOptionalConfig('catalog.providers.emrEks');
  return (providers?.keys() ?? []).map(id => {
    const provider = providers!.getConfig(id);
    const key = `catalog.providers.emrEks.${id}`;
    const tag = provider.getOptionalString('ownerTag') ?? DEFAULT_OWNER_TAG;
    if (tag !== ownerTag) {
      throw new Error(
        `Invalid config value at ${key}.ownerTag: '${tag}' is not emrEks.ownership.tag ('${ownerTag}'), the tag the provisioning actions write and the backend reads; set both to the same key`,
      );
    }
    return {
      id,
      accountId: readAwsAccountId(provider, 'accountId', `${key}.accountId`),
      regions: provider.getOptionalStringArray('regions') ?? [],
      namespace:
        provider.getOptionalString('namespace') ?? DEFAULT_OWNER_NAMESPACE,
    };
  });
}

/** `emrEks.provisioning.serverless.targets`: the only accounts and regions applications go to. */
function readServerlessTargets(config: Config | undefined): ServerlessTarget[] {
  const targets = config?.getOptionalConfigArray('serverless.targets') ?? [];
  return targets.map((target, index) => {
    const at = `emrEks.provisioning.serverless.targets[${index}]`;
    const region = target.getString('region');
    checkRegion(region, `${at}.region`);
    return {
      accountId: readAwsAccountId(target, 'accountId', `${at}.accountId`),
      region,
      partition: target.getOptionalString('partition') ?? 'aws',
    };
  });
}

function checkRegion(region: string, at: string): void {
  if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(region)) {
    throw new Error(
      `Invalid config value at ${at}: '${region}' is not an AWS region`,
    );
  }
}

/**
 * Reads `emrEks.provisioning` and the clusters of `kubernetes.clusterLocatorMethods`.
 *
 * @public
 */
export function readProvisioningConfig(root: Config): ProvisioningConfig {
  const config = root.getOptionalConfig('emrEks.provisioning');
  const kubernetes = readKubernetesClusters(root);
  const clusters = (config?.getOptionalConfigArray('clusters') ?? []).map(
    (cluster, index) => {
      const at = `emrEks.provisioning.clusters[${index}]`;
      const name = cluster.getString('name');
      const accountId = readAwsAccountId(
        cluster,
        'accountId',
        `${at}.accountId`,
      );
      const region = cluster.getString('region');
      checkRegion(region, `${at}.region`);
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
      if (
        !(SUPPORTED_KUBERNETES_AUTH_PROVIDERS as readonly string[]).includes(
          k8s.authProvider,
        )
      ) {
        throw new Error(
          `Invalid config value at kubernetes.clusterLocatorMethods[].clusters[name=${name}].authProvider: '${
            k8s.authProvider
          }' is not supported for provisioning; use one of ${SUPPORTED_KUBERNETES_AUTH_PROVIDERS.join(
            ', ',
          )}`,
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
  const maxAttempts = readMaxAttempts(root, 'emrEks.provisioning.maxAttempts');
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
  const url = (key: string) =>
    endpoints &&
    readHttpUrl(endpoints, key, `emrEks.provisioning.endpoints.${key}`);
  const ownership = readOwnership(root);
  return {
    clusters,
    maxAttempts,
    buckets,
    reservedNamespaces,
    endpoints: {
      iam: url('iam'),
      eks: url('eks'),
      s3: url('s3'),
      sts: url('sts'),
      emrContainers: url('emrContainers'),
      emrServerless: url('emrServerless'),
    },
    serverlessTargets: readServerlessTargets(config),
    ownership,
    catalogProviders: readCatalogProviders(root, ownership.tag),
    sparkConnect: readSparkConnect(config),
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

/**
 * The configured EMR Serverless target in `region` (and `accountId` when given: it may be left
 * out where one account is configured for the region), or an InputError naming the field.
 */
export function findServerlessTarget(
  config: ProvisioningConfig,
  region: string,
  accountId?: string,
): ServerlessTarget {
  const all = config.serverlessTargets;
  const configured =
    all.map(t => `${t.accountId}/${t.region}`).join(', ') || 'none configured';
  const inRegion = all.filter(t => t.region === region);
  if (inRegion.length === 0) {
    throw new InputError(
      `Invalid input: region: '${region}' is not under emrEks.provisioning.serverless.targets (${configured})`,
    );
  }
  if (accountId === undefined) {
    if (inRegion.length > 1) {
      throw new InputError(
        `Invalid input: accountId: ${
          inRegion.length
        } accounts are configured in ${region}; name one (${inRegion
          .map(t => t.accountId)
          .join(', ')})`,
      );
    }
    return inRegion[0];
  }
  const target = inRegion.find(t => t.accountId === accountId);
  if (!target) {
    throw new InputError(
      `Invalid input: accountId: account ${accountId} in ${region} is not under emrEks.provisioning.serverless.targets (${configured})`,
    );
  }
  return target;
}
