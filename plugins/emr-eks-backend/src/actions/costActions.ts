import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { costQuerySchema, parseInput } from '../schema';
import { CostService } from '../cost/types';
import { defined, entityRefInput } from './input';

/** The cost actions: the cost routes' service methods, as the calling user. */
export function registerCostActions(options: {
  actionsRegistry: ActionsRegistryService;
  cost: CostService;
}) {
  const { actionsRegistry, cost } = options;

  actionsRegistry.register({
    name: 'get-cost',
    title: "A team's EMR on EKS cost",
    description:
      "What a team's Spark jobs cost in US dollars over a window (compute from Kubecost or " +
      'OpenCost plus the EMR on EKS uplift, each saying whether estimated or billed), against ' +
      'the window before it, with the most expensive job runs and, for a team, each virtual ' +
      'cluster. entityRef is the team (group:default/data-team-a) or one virtual cluster ' +
      '(resource:default/data-team-a-emr).',
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z =>
        z.object({
          entityRef: z
            .string()
            .describe(
              'A Group (the default kind) or a virtual-cluster Resource, e.g. group:default/data-team-a',
            ),
          window: z
            .enum(['7d', '30d', '90d'])
            .optional()
            .describe('The last 7, 30 or 90 days (default 30d)'),
          start: z.string().optional().describe('YYYY-MM-DD, UTC; with end'),
          end: z.string().optional().describe('YYYY-MM-DD, UTC, included'),
        }),
      output: z =>
        z.object({
          currency: z.literal('USD'),
          window: z.object({ start: z.string(), end: z.string() }),
          totals: z.object({}).passthrough(),
          previous: z.object({}).passthrough(),
          topJobRuns: z.array(z.object({ jobRunId: z.string() }).passthrough()),
          byVirtualCluster: z
            .array(z.object({ virtualClusterId: z.string() }).passthrough())
            .optional(),
          completeUntil: z.string().optional(),
        }),
    },
    action: async ({ input, credentials }) => {
      const { entityRef, ...window } = input;
      const query = parseInput(costQuerySchema, defined(window), 'input');
      const report = await cost.report({
        entityRef: entityRefInput(entityRef, 'group'),
        credentials,
        query,
      });
      return {
        output: {
          currency: report.currency,
          window: report.window,
          totals: { ...report.totals },
          previous: { ...report.previous },
          topJobRuns: report.topJobRuns.map(run => ({ ...run })),
          // The daily series is for charts; an assistant needs each cluster's totals.
          byVirtualCluster: report.byVirtualCluster?.map(cluster => ({
            ...cluster,
            daily: undefined,
          })),
          completeUntil: report.completeUntil,
        },
      };
    },
  });

  actionsRegistry.register({
    name: 'get-budget-status',
    title: "A team's EMR on EKS budget status",
    description:
      "This month's spend of a team (group:default/data-team-a) or one virtual cluster against " +
      'its monthly budget, with a forecast to the month end (from the last eight weeks, weekday ' +
      'by weekday, with an 80 % range) and the alert thresholds as fractions of the budget. ' +
      'budget is null when none is set.',
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z =>
        z.object({
          entityRef: z
            .string()
            .describe(
              'A Group (the default kind) or a virtual-cluster Resource',
            ),
        }),
      output: z =>
        z.object({
          currency: z.literal('USD'),
          entityRef: z.string(),
          month: z.string(),
          budget: z.number().nullable(),
          budgetSource: z.enum(['config', 'annotation']).nullable(),
          monthToDate: z.number(),
          forecast: z.object({
            expected: z.number(),
            low: z.number(),
            high: z.number(),
            basisDays: z.number(),
          }),
          thresholds: z.array(z.number()),
          upliftUnpriced: z.boolean().optional(),
          completeUntil: z.string().optional(),
        }),
    },
    action: async ({ input, credentials }) => ({
      output: await cost.budget({
        entityRef: entityRefInput(input.entityRef, 'group'),
        credentials,
      }),
    }),
  });
}
