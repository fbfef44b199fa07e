import type { AuthService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import type { ScaffolderService } from '@backstage/plugin-scaffolder-node';

/**
 * A scaffolder task's status; undefined when the scaffolder has no such task.
 *
 * @public
 */
export type TaskRunStatus =
  | 'open'
  | 'processing'
  | 'completed'
  | 'failed'
  | 'cancelled'
  | 'skipped';

/**
 * Asks the scaffolder how the task that tagged a resource ended.
 *
 * @public
 */
export interface TaskRuns {
  status(taskId: string): Promise<TaskRunStatus | undefined>;
}

/** Task statuses through the scaffolder's own API, as the module's service principal. */
export class ScaffolderTaskRuns implements TaskRuns {
  private constructor(
    private readonly scaffolder: ScaffolderService,
    private readonly auth: AuthService,
  ) {}

  static create(options: { scaffolder: ScaffolderService; auth: AuthService }) {
    return new ScaffolderTaskRuns(options.scaffolder, options.auth);
  }

  async status(taskId: string) {
    try {
      const task = await this.scaffolder.getTask(
        { taskId },
        { credentials: await this.auth.getOwnServiceCredentials() },
      );
      return task.status as TaskRunStatus;
    } catch (error) {
      // A task the database lost (the local in-memory database after a crash) is gone.
      const e = error as {
        statusCode?: number;
        response?: { status?: number };
      };
      if (e?.statusCode === 404 || e?.response?.status === 404) {
        return undefined;
      }
      throw error;
    }
  }
}

/**
 * Whether a resource of this tenant, tagged with `taggedTaskId`, is this run's to roll back.
 * Resources belong to the tenant, not to the task that happened to make them: one made by
 * this task, or by a task that did not complete (failed, cancelled, or lost in a crash), is
 * adopted by this run and rolled back with it. One a completed task made is the tenant's
 * and kept. One a task still running made is refused: two runs must not share a tenant.
 */
export async function isThisRunsToRollBack(
  tasks: TaskRuns | undefined,
  thisTaskId: string,
  taggedTaskId: string | undefined,
  what: string,
): Promise<boolean> {
  if (taggedTaskId === thisTaskId) return true;
  if (!taggedTaskId || !tasks) return false;
  const status = await tasks.status(taggedTaskId);
  if (status === 'completed') return false;
  if (status === 'open' || status === 'processing') {
    throw new ConflictError(
      `${what} is being provisioned by task ${taggedTaskId}, which is still ${status}; wait for it to end`,
    );
  }
  return true;
}
