import type { Config } from '@backstage/config';

/**
 * An optional http(s) URL, e.g. an endpoint override; startup fails naming the key when it is
 * anything else. `fullKey` names the key in messages when `config` is a sub-config.
 *
 * @public
 */
export function readHttpUrl(
  config: Config,
  key: string,
  fullKey: string = key,
): string | undefined {
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
      `Invalid config value at ${fullKey}: '${value}' is not an http(s) URL`,
    );
  }
  return value;
}

/**
 * A required AWS account id: twelve digits, as a string (YAML reads an unquoted one as a number,
 * which loses leading zeros).
 *
 * @public
 */
export function readAwsAccountId(
  config: Config,
  key: string,
  fullKey: string = key,
): string {
  const accountId = config.getString(key);
  if (!/^\d{12}$/.test(accountId)) {
    throw new Error(
      `Invalid config value at ${fullKey}: '${accountId}' is not a 12-digit AWS account id`,
    );
  }
  return accountId;
}

/** How many attempts an AWS call may take, the SDK's standard retry strategy included. @public */
export const DEFAULT_MAX_ATTEMPTS = 3;

/**
 * Attempts per AWS call: a whole number from 1 to 10, `fallback` when unset.
 *
 * @public
 */
export function readMaxAttempts(
  config: Config,
  key: string,
  fullKey: string = key,
  fallback: number = DEFAULT_MAX_ATTEMPTS,
): number {
  const maxAttempts = config.getOptionalNumber(key) ?? fallback;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > 10) {
    throw new Error(
      `Invalid config value at ${fullKey}: ${maxAttempts} is not an integer from 1 to 10`,
    );
  }
  return maxAttempts;
}
