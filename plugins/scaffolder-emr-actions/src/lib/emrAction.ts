import {
  ActionContext,
  createTemplateAction,
  TemplateExample,
} from '@backstage/plugin-scaffolder-node';
import { z } from 'zod';
import type { Caller } from './authorize';
import { findCluster, ProvisioningCluster } from './config';
import type { EmrActionOptions } from './options';
import { asActionSchema, parseInput } from './validation';

type OwnedInput = { owner: string; team?: string; cluster?: string };

/** The configured cluster when the input names one. */
type ClusterOf<T> = T extends { cluster: string }
  ? ProvisioningCluster
  : undefined;

/**
 * One of this module's actions. The order every action keeps, in one place: parse the input
 * (an InputError naming the field), find the configured cluster it names, then ask the
 * authorizer whether the task's user may act for the owner, before anything else happens.
 * Every action supports dry runs.
 */
export function createEmrAction<I extends z.ZodType<OwnedInput, any, any>>(
  options: EmrActionOptions,
  action: {
    id: string;
    description: string;
    examples: TemplateExample[];
    input: (zz: typeof z) => I;
    output: (zz: typeof z) => z.ZodTypeAny;
    handler(
      ctx: ActionContext<any, any>,
      run: {
        input: z.output<I>;
        caller: Caller;
        cluster: ClusterOf<z.output<I>>;
      },
    ): Promise<void>;
  },
) {
  return createTemplateAction({
    id: action.id,
    description: action.description,
    examples: action.examples,
    supportsDryRun: true,
    schema: {
      input: asActionSchema(action.input),
      output: asActionSchema(action.output),
    },
    async handler(ctx) {
      const input = parseInput(action.input(z), ctx.input);
      const cluster = (
        input.cluster === undefined
          ? undefined
          : findCluster(options.config, input.cluster)
      ) as ClusterOf<z.output<I>>;
      const caller = await options.authorizer.authorize(
        ctx,
        input.owner,
        input.team,
      );
      await action.handler(ctx, { input, caller, cluster });
    },
  });
}
