import { readDurationFromConfig } from '@backstage/config';
import type { Config } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import {
  DEFAULT_OWNER_NAMESPACE,
  DEFAULT_OWNER_TAG,
  normalizeOwnerRef,
  parseVirtualClusterArn,
} from '@emr-eks/plugin-emr-eks-common';
import {
  readAwsAccountId,
  readHttpUrl,
  readMaxAttempts,
} from '@emr-eks/plugin-emr-eks-node';

/** An AWS account this plugin serves: its regions, and optionally a role it assumes there. */
export interface AccountOverride {
  accountId: string;
  regions: string[];
  roleArn?: string;
  externalId?: string;
}

/** How the owner of a virtual cluster is found, for writes. */
export interface OwnershipConfig {
  /** The AWS tag naming the owning team. */
  tag: string;
  /** The catalog namespace of a bare group name in that tag. */
  namespace: string;
  /** Owners set by the platform, by virtual cluster ARN; they win over the tag. */
  virtualClusters: Array<{ arn: string; owner: string }>;
}

/** The plugin's settings, read once at startup. */
export interface EmrEksConfig {
  endpoint?: string;
  /** The emr-serverless endpoint; `endpoint` when unset (the sandbox serves both). */
  serverlessEndpoint?: string;
  stsEndpoint?: string;
  /** The IAM endpoint (role tags of saved job definitions); `endpoint` when unset. */
  iamEndpoint?: string;
  maxAttempts: number;
  accounts: AccountOverride[];
  ownership: OwnershipConfig;
  cache: { listTtlMs: number; terminalTtlMs: number; staleTtlMs: number };
}

const ROLE_ARN = /^arn:aws[a-zA-Z-]*:iam::\d{12}:role\/[\w+=,.@\/-]+$/;
// us-east-1, eu-central-2, us-gov-west-1, cn-north-1, ap-southeast-5 …
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

function readTtl(config: Config, key: string, fallbackMs: number): number {
  if (!config.has(key)) {
    return fallbackMs;
  }
  return durationToMilliseconds(readDurationFromConfig(config, { key }));
}

export function readEmrEksConfig(root: Config): EmrEksConfig {
  const config = root.getOptionalConfig('emrEks');
  const maxAttempts = readMaxAttempts(root, 'emrEks.maxAttempts');
  const accounts = readAccounts(config);
  const ownership = readOwnership(config, accounts);
  const cache = config?.getOptionalConfig('cache');
  return {
    endpoint: readHttpUrl(root, 'emrEks.endpoint'),
    serverlessEndpoint: readHttpUrl(root, 'emrEks.serverlessEndpoint'),
    iamEndpoint: readHttpUrl(root, 'emrEks.iamEndpoint'),
    stsEndpoint: readHttpUrl(root, 'emrEks.stsEndpoint'),
    maxAttempts,
    accounts,
    ownership,
    cache: {
      listTtlMs: cache ? readTtl(cache, 'listTtl', 10_000) : 10_000,
      terminalTtlMs: cache
        ? readTtl(cache, 'terminalTtl', 3_600_000)
        : 3_600_000,
      staleTtlMs: cache ? readTtl(cache, 'staleTtl', 86_400_000) : 86_400_000,
    },
  };
}

function readAccounts(config: Config | undefined): AccountOverride[] {
  const seen = new Set<string>();
  return (config?.getOptionalConfigArray('accounts') ?? []).map(
    (account, index) => {
      const key = `emrEks.accounts[${index}]`;
      const accountId = readAwsAccountId(
        account,
        'accountId',
        `${key}.accountId`,
      );
      if (seen.has(accountId)) {
        throw new Error(
          `Invalid config value at ${key}.accountId: account ${accountId} is listed twice`,
        );
      }
      seen.add(accountId);
      if (!account.has('regions')) {
        throw new Error(
          `Missing required config value at ${key}.regions: list the regions of account ${accountId} this plugin serves`,
        );
      }
      const regions = account.getStringArray('regions');
      if (regions.length === 0) {
        throw new Error(
          `Invalid config value at ${key}.regions: list at least one region of account ${accountId}`,
        );
      }
      const badRegion = regions.find(region => !REGION.test(region));
      if (badRegion !== undefined) {
        throw new Error(
          `Invalid config value at ${key}.regions: '${badRegion}' is not an AWS region`,
        );
      }
      const roleArn = account.getOptionalString('roleArn');
      if (roleArn !== undefined && !ROLE_ARN.test(roleArn)) {
        throw new Error(
          `Invalid config value at ${key}.roleArn: '${roleArn}' is not an IAM role ARN`,
        );
      }
      return {
        accountId,
        regions,
        roleArn,
        externalId: account.getOptionalString('externalId'),
      };
    },
  );
}

function readOwnership(
  config: Config | undefined,
  accounts: AccountOverride[],
): OwnershipConfig {
  const ownership = config?.getOptionalConfig('ownership');
  const tag = ownership?.getOptionalString('tag') ?? DEFAULT_OWNER_TAG;
  if (!tag.trim()) {
    throw new Error(
      `Invalid config value at emrEks.ownership.tag: the tag key is empty`,
    );
  }
  const namespace =
    ownership?.getOptionalString('namespace') ?? DEFAULT_OWNER_NAMESPACE;
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/i.test(namespace)) {
    throw new Error(
      `Invalid config value at emrEks.ownership.namespace: '${namespace}' is not a catalog namespace`,
    );
  }
  const virtualClusters = (
    ownership?.getOptionalConfigArray('virtualClusters') ?? []
  ).map((entry, index) => {
    const key = `emrEks.ownership.virtualClusters[${index}]`;
    const arn = entry.getString('arn').trim();
    const parsed = parseVirtualClusterArn(arn);
    if (!parsed) {
      throw new Error(
        `Invalid config value at ${key}.arn: '${arn}' is not a virtual cluster ARN`,
      );
    }
    const account = accounts.find(a => a.accountId === parsed.accountId);
    if (!account?.regions.includes(parsed.region)) {
      throw new Error(
        `Invalid config value at ${key}.arn: ${parsed.accountId}/${parsed.region} is not configured in emrEks.accounts`,
      );
    }
    const owner = entry.getString('owner').trim();
    if (!owner) {
      throw new Error(`Invalid config value at ${key}.owner: it is empty`);
    }
    return { arn, owner: normalizeOwnerRef(owner, namespace) };
  });
  return { tag, namespace, virtualClusters };
}
