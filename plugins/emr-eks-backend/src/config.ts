import { Config } from '@backstage/config';

/** The plugin's settings, read once at startup. */
export interface EmrEksConfig {
  endpoint?: string;
  maxAttempts: number;
}

export function readEmrEksConfig(config: Config): EmrEksConfig {
  const endpoint = config.getOptionalString('emrEks.endpoint');
  if (endpoint !== undefined) {
    try {
      const url = new URL(endpoint);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        throw new Error('not http(s)');
      }
    } catch {
      throw new Error(
        `Invalid config value at emrEks.endpoint: '${endpoint}' is not an http(s) URL`,
      );
    }
  }
  const maxAttempts = config.getOptionalNumber('emrEks.maxAttempts') ?? 3;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > 10) {
    throw new Error(
      `Invalid config value at emrEks.maxAttempts: ${maxAttempts} is not an integer from 1 to 10`,
    );
  }
  return { endpoint, maxAttempts };
}
