import { stringifyError } from '@backstage/errors';
import type { ActionContext } from '@backstage/plugin-scaffolder-node';
import type { JsonObject, JsonValue } from '@backstage/types';
import { clientToken } from './options';

type Ctx = Pick<
  ActionContext<any, any>,
  'checkpoint' | 'logger' | 'isDryRun' | 'task'
>;

class NotRolledBack extends Error {}

/** How many rollbacks a task may go through before giving up. */
const MAX_GENERATIONS = 20;

/** A resource a step created or changed, with how to delete or restore it again. */
interface Created {
  what: string;
  /** `deleted` for what the step created, `restored` for what it changed. */
  verb: 'deleted' | 'restored';
  undo: () => Promise<void>;
}

/**
 * Runs an action's side effects as checkpointed steps, remembering what this run created
 * so a failure deletes exactly that (and says so in the log).
 *
 * A retried task replays finished steps from their checkpoints instead of repeating them.
 * After a rollback the steps' checkpoints would name deleted resources, so each rollback
 * starts a new generation: step keys carry it, and a retry after a rollback runs afresh.
 * A generation is marked rolled back by a successful checkpoint; probing for the mark uses a
 * checkpoint whose function throws, which the scaffolder never replays.
 */
/**
 * A step's result for an AWS resource: its id and ARN, and whether this run owns it (made it,
 * or adopted what an earlier run of the task made), so that a rollback deletes it.
 */
export function awsResource(
  resource: { id?: string; arn?: string },
  created: boolean,
) {
  return { value: { id: resource.id!, arn: resource.arn! }, created };
}

export class Provisioning {
  readonly #created: Created[] = [];

  private constructor(
    private readonly ctx: Ctx,
    private readonly scope: string,
    readonly generation: number,
  ) {}

  /** An idempotency token for the create call `key` of this task and generation. */
  clientToken(key: string): string {
    return clientToken(this.ctx.task.id, this.generation, key);
  }

  static async start(ctx: Ctx, scope: string): Promise<Provisioning> {
    let generation = 0;
    while (generation < MAX_GENERATIONS) {
      const rolledBack = await ctx
        .checkpoint<JsonValue>({
          key: `${scope}.rolledBack.${generation}`,
          fn: async () => {
            throw new NotRolledBack('not rolled back');
          },
        })
        .then(
          () => true,
          error => {
            if (error instanceof NotRolledBack) return false;
            throw error;
          },
        );
      if (!rolledBack) break;
      generation += 1;
    }
    return new Provisioning(ctx, scope, generation);
  }

  /**
   * One side effect. `run` returns the step's value and whether this call created the
   * resource (as opposed to finding it) or changed one that existed; `undo` deletes what it
   * created, or restores what it changed from what the value saved, on rollback.
   */
  async step<T extends JsonObject>(
    key: string,
    what: string,
    run: () => Promise<{ value: T; created: boolean; changed?: boolean }>,
    undo?: (value: T) => Promise<void>,
  ): Promise<T> {
    const result = await this.ctx.checkpoint<JsonObject>({
      key: `${this.scope}.${this.generation}.${key}`,
      fn: async () => {
        const { value, created, changed = false } = await run();
        let verb = 'Found';
        if (created) verb = 'Created';
        else if (changed) verb = 'Changed';
        this.ctx.logger.info(`${verb} ${what}`);
        return { value, created, changed } as JsonObject;
      },
    });
    const value = result.value as T;
    if ((result.created || result.changed) && undo) {
      this.#created.push({
        what,
        verb: result.created ? 'deleted' : 'restored',
        undo: () => undo(value),
      });
    }
    return value;
  }

  /** Runs `body`; on failure deletes what this run created, newest first, then rethrows. */
  async run<R>(body: () => Promise<R>): Promise<R> {
    try {
      return await body();
    } catch (error) {
      if (this.#created.length === 0) {
        this.ctx.logger.error(
          `Failed; this run created or changed nothing, nothing to roll back`,
        );
        throw error;
      }
      this.ctx.logger.error(
        `Failed: ${stringifyError(
          error,
        )}; rolling back what this run created or changed`,
      );
      const failures: string[] = [];
      for (const created of [...this.#created].reverse()) {
        try {
          await created.undo();
          this.ctx.logger.info(`Rolled back: ${created.verb} ${created.what}`);
        } catch (undoError) {
          failures.push(created.what);
          this.ctx.logger.error(
            `Rollback could not ${
              created.verb === 'deleted' ? 'delete' : 'restore'
            } ${created.what}: ${stringifyError(undoError)}`,
          );
        }
      }
      await this.ctx.checkpoint({
        key: `${this.scope}.rolledBack.${this.generation}`,
        fn: async () => ({ rolledBack: true }),
      });
      if (failures.length > 0) {
        this.ctx.logger.error(
          `Rollback incomplete; delete or restore by hand: ${failures.join(
            ', ',
          )}`,
        );
      }
      throw error;
    }
  }
}

/** Logs a dry run's plan: each API call with its exact payload. */
export function logPlan(
  ctx: Pick<Ctx, 'logger'>,
  calls: Array<{ call: string; payload?: unknown }>,
): void {
  ctx.logger.info(
    `Dry run: would make ${calls.length} call(s), changing nothing`,
  );
  for (const { call, payload } of calls) {
    ctx.logger.info(
      payload === undefined
        ? `Dry run: ${call}`
        : `Dry run: ${call}\n${
            typeof payload === 'string'
              ? payload
              : JSON.stringify(payload, null, 2)
          }`,
    );
  }
}
