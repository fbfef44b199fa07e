import type { ClientFactory } from './clients';
import type { ProvisioningConfig } from './config';

/** What every action factory of this module takes. */
export interface EmrActionOptions {
  config: ProvisioningConfig;
  clients: ClientFactory;
  /** First wait between polls; grows by half each time up to `maxPollIntervalMs`. */
  pollIntervalMs?: number;
  maxPollIntervalMs?: number;
}

/** The team name of an owner entity ref: `group:default/data-team-a` → `data-team-a`. */
export function teamOf(owner: string): string {
  const match = /^(?:[^:]+:)?(?:[^/]+\/)?(.+)$/.exec(owner);
  return match ? match[1] : owner;
}

/** An idempotency token for a create call, stable across retries of one task. */
export function clientToken(taskId: string, generation: number, key: string) {
  const raw = `${taskId}-${generation}-${key}`;
  return raw.length <= 64 ? raw : raw.slice(raw.length - 64);
}

/** The catalog name the EMR on EKS entity provider gives a virtual cluster. */
export function virtualClusterEntityName(name: string, region: string) {
  return `${name}-${region}`
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .slice(0, 63)
    .replace(/^-|-$/g, '');
}
