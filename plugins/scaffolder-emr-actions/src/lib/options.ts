import { createHash } from 'node:crypto';
import type { TenantAuthorizer } from './authorize';
import type { ClientFactory } from './clients';
import type { ProvisioningConfig } from './config';
import type { TaskRuns } from './taskRuns';

/**
 * What every action factory of this module takes.
 *
 * @public
 */
export interface EmrActionOptions {
  config: ProvisioningConfig;
  clients: ClientFactory;
  /** Who may act for which team: every action asks it before anything else. */
  authorizer: TenantAuthorizer;
  /**
   * How the tasks that tagged a tenant's resources ended: what a task that did not complete
   * made is adopted, and rolled back, by the next run. Without it, only this task's are.
   */
  tasks?: TaskRuns;
  /** First wait between polls; grows by half each time up to `maxPollIntervalMs`. */
  pollIntervalMs?: number;
  maxPollIntervalMs?: number;
}

/** An idempotency token for a create call, stable across retries of one task. */
export function clientToken(taskId: string, generation: number, key: string) {
  const raw = `${taskId}-${generation}-${key}`;
  return raw.length <= 64 ? raw : raw.slice(raw.length - 64);
}

/**
 * An idempotency token naming exactly one create: a hash of the task, the generation and
 * every part that identifies the resource, so two creates never share a token.
 */
export function hashedClientToken(
  taskId: string,
  generation: number,
  ...parts: string[]
) {
  return createHash('sha256')
    .update([taskId, String(generation), ...parts].join('\n'))
    .digest('hex')
    .slice(0, 64);
}
