import { readDurationFromConfig } from '@backstage/config';
import type { Config } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';

/** A per-account override: the role this plugin assumes there. */
export interface AccountOverride {
  accountId: string;
  roleArn?: string;
  externalId?: string;
}

/** The plugin's settings, read once at startup. */
export interface EmrEksConfig {
  endpoint?: string;
  stsEndpoint?: string;
  maxAttempts: number;
  accounts: AccountOverride[];
  cache: { listTtlMs: number; terminalTtlMs: number; staleTtlMs: number };
}

const ROLE_ARN = /^arn:aws[a-zA-Z-]*:iam::\d{12}:role\/[\w+=,.@\/-]+$/;

function readUrl(config: Config, key: string): string | undefined {
  const value = config.getOptionalString(key);
  if (value === undefined) {
    return undefined;
  }
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new Error(
      `Invalid config value at ${key}: '${value}' is not an http(s) URL`,
    );
  }
  return value;
}

function readTtl(config: Config, key: string, fallbackMs: number): number {
  if (!config.has(key)) {
    return fallbackMs;
  }
  return durationToMilliseconds(readDurationFromConfig(config, { key }));
}

export function readEmrEksConfig(root: Config): EmrEksConfig {
  const config = root.getOptionalConfig('emrEks');
  const maxAttempts = config?.getOptionalNumber('maxAttempts') ?? 3;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > 10) {
    throw new Error(
      `Invalid config value at emrEks.maxAttempts: ${maxAttempts} is not an integer from 1 to 10`,
    );
  }
  const accounts = (config?.getOptionalConfigArray('accounts') ?? []).map(
    (account, index) => {
      const accountId = account.getString('accountId');
      if (!/^\d{12}$/.test(accountId)) {
        throw new Error(
          `Invalid config value at emrEks.accounts[${index}].accountId: '${accountId}' is not a 12-digit AWS account id`,
        );
      }
      const roleArn = account.getOptionalString('roleArn');
      if (roleArn !== undefined && !ROLE_ARN.test(roleArn)) {
        throw new Error(
          `Invalid config value at emrEks.accounts[${index}].roleArn: '${roleArn}' is not an IAM role ARN`,
        );
      }
      return {
        accountId,
        roleArn,
        externalId: account.getOptionalString('externalId'),
      };
    },
  );
  const cache = config?.getOptionalConfig('cache');
  return {
    endpoint: readUrl(root, 'emrEks.endpoint'),
    stsEndpoint: readUrl(root, 'emrEks.stsEndpoint'),
    maxAttempts,
    accounts,
    cache: {
      listTtlMs: cache ? readTtl(cache, 'listTtl', 10_000) : 10_000,
      terminalTtlMs: cache
        ? readTtl(cache, 'terminalTtl', 3_600_000)
        : 3_600_000,
      staleTtlMs: cache ? readTtl(cache, 'staleTtl', 86_400_000) : 86_400_000,
    },
  };
}
