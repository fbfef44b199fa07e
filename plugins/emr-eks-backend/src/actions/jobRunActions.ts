import { AuditorService } from '@backstage/backend-plugin-api';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import {
  JOB_RUN_STATES,
  explainJobRunFailure,
} from '@emr-eks/plugin-emr-eks-common';
import {
  jobRunIdParams,
  jobRunQuerySchema,
  pageQuerySchema,
  parseInput,
  startJobRunSchema,
} from '../schema';
import { auditedWrite } from '../services/audit';
import { EmrEksService } from '../services/types';
import { defined, entityRefInput } from './input';

const ENTITY_REF_HELP =
  'The catalog entity of the virtual cluster, e.g. resource:default/data-team-a-emr ' +
  '(kind and namespace default to resource and default).';

/**
 * The job-run actions: each calls the same service method as its route, as the calling
 * user, so the catalog visibility, permission, ownership and trust checks are the routes'
 * own; the writes are audited as the routes' writes are.
 */
export function registerJobRunActions(options: {
  actionsRegistry: ActionsRegistryService;
  auditor: AuditorService;
  service: EmrEksService;
}) {
  const { actionsRegistry, auditor, service } = options;

  actionsRegistry.register({
    name: 'list-job-runs',
    title: 'List EMR on EKS job runs',
    description:
      "Lists a virtual cluster's Spark job runs, newest first, optionally filtered by state, " +
      'creation time and name. Pass nextToken from a previous answer for the next page.',
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z =>
        z.object({
          entityRef: z.string().describe(ENTITY_REF_HELP),
          states: z
            .array(z.enum(JOB_RUN_STATES))
            .optional()
            .describe('Only runs in these states'),
          createdAfter: z
            .string()
            .optional()
            .describe('ISO 8601 date-time; only runs created after it'),
          createdBefore: z
            .string()
            .optional()
            .describe('ISO 8601 date-time; only runs created before it'),
          name: z.string().optional().describe('Only runs with this name'),
          maxResults: z
            .number()
            .int()
            .optional()
            .describe('Page size, 1 to 100'),
          nextToken: z.string().optional(),
        }),
      output: z =>
        z.object({
          items: z.array(
            z.object({ id: z.string(), state: z.string() }).passthrough(),
          ),
          nextToken: z.string().optional(),
          stale: z.object({}).passthrough().optional(),
        }),
    },
    action: async ({ input, credentials }) => {
      const { entityRef, maxResults, ...filters } = input;
      const query = parseInput(
        jobRunQuerySchema,
        defined({
          ...filters,
          maxResults: maxResults === undefined ? undefined : String(maxResults),
        }),
        'input',
      );
      const page = await service.listJobRuns({
        entityRef: entityRefInput(entityRef, 'resource'),
        credentials,
        query,
      });
      // Spread into plain objects: the output schema lets through fields it does not name.
      return {
        output: {
          items: page.items.map(run => ({ ...run })),
          nextToken: page.nextToken,
          stale: page.stale && { ...page.stale },
        },
      };
    },
  });

  actionsRegistry.register({
    name: 'explain-job-run',
    title: 'Explain an EMR on EKS job run',
    description:
      'Describes one job run (state, timings, release, who started it) and, when it failed, ' +
      'explains the failure in plain words with hints from its state details.',
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z =>
        z.object({
          entityRef: z.string().describe(ENTITY_REF_HELP),
          jobRunId: z.string().describe('The job run id'),
        }),
      output: z =>
        z.object({
          jobRun: z.object({ id: z.string(), state: z.string() }).passthrough(),
          failure: z
            .object({
              failureReason: z.string().optional(),
              title: z.string(),
              explanation: z.string(),
              hints: z.array(z.object({ id: z.string(), text: z.string() })),
            })
            .nullable(),
        }),
    },
    action: async ({ input, credentials }) => {
      const { jobRunId } = parseInput(jobRunIdParams, input, 'input');
      const run = await service.describeJobRun({
        entityRef: entityRefInput(input.entityRef, 'resource'),
        credentials,
        jobRunId,
      });
      return {
        output: {
          // The entry point, not the whole driver and configuration: an assistant reads it.
          jobRun: {
            ...run,
            jobDriver: undefined,
            configurationOverrides: undefined,
            entryPoint: run.jobDriver?.sparkSubmitJobDriver?.entryPoint,
          },
          failure: explainJobRunFailure(run) ?? null,
        },
      };
    },
  });

  actionsRegistry.register({
    name: 'list-job-templates',
    title: 'List EMR on EKS job templates',
    description:
      'Lists the job templates offered on a virtual cluster, with their parameters: ' +
      'start-job-run starts a run from one of them.',
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z =>
        z.object({
          entityRef: z.string().describe(ENTITY_REF_HELP),
          maxResults: z.number().int().optional(),
          nextToken: z.string().optional(),
        }),
      output: z =>
        z.object({
          items: z.array(
            z
              .object({ id: z.string(), name: z.string().optional() })
              .passthrough(),
          ),
          nextToken: z.string().optional(),
        }),
    },
    action: async ({ input, credentials }) => {
      const { entityRef, maxResults, nextToken } = input;
      const query = parseInput(
        pageQuerySchema,
        defined({
          maxResults: maxResults === undefined ? undefined : String(maxResults),
          nextToken,
        }),
        'input',
      );
      const page = await service.listJobTemplates({
        entityRef: entityRefInput(entityRef, 'resource'),
        credentials,
        query,
      });
      return {
        output: {
          items: page.items.map(t => ({
            id: t.id,
            name: t.name,
            releaseLabel: t.jobTemplateData?.releaseLabel,
            parameters: t.jobTemplateData?.parameterConfiguration ?? {},
          })),
          nextToken: page.nextToken,
        },
      };
    },
  });

  actionsRegistry.register({
    name: 'start-job-run',
    title: 'Start an EMR on EKS job run from a template',
    description:
      'Starts a Spark job run on a virtual cluster from one of its job templates (see ' +
      'list-job-templates), as the calling user: only members of the team that owns the ' +
      'virtual cluster may. Answers the new run id.',
    attributes: { readOnly: false, destructive: false, idempotent: false },
    schema: {
      input: z =>
        z.object({
          entityRef: z.string().describe(ENTITY_REF_HELP),
          jobTemplateId: z.string(),
          jobTemplateParameters: z
            .record(z.string())
            .optional()
            .describe("Values for the template's parameters, by name"),
          name: z.string().optional().describe('Defaults to the template name'),
        }),
      output: z =>
        z.object({
          id: z.string(),
          name: z.string().optional(),
          arn: z.string().optional(),
          virtualClusterId: z.string(),
        }),
    },
    action: async ({ input, credentials }) => {
      const { entityRef: ref, ...rest } = input;
      const body = parseInput(startJobRunSchema, defined(rest), 'input');
      const entityRef = entityRefInput(ref, 'resource');
      const started = await auditedWrite(
        auditor,
        {
          eventId: 'job-run-start',
          entityRef,
          meta: { jobTemplateId: body.jobTemplateId },
          source: { credentials, via: 'action:start-job-run' },
        },
        () => service.startJobRun({ entityRef, credentials, body }),
      );
      return { output: started };
    },
  });

  actionsRegistry.register({
    name: 'cancel-job-run',
    title: 'Cancel an EMR on EKS job run',
    description:
      'Cancels a running or pending job run, as the calling user: only members of the team ' +
      'that owns the virtual cluster may.',
    attributes: { readOnly: false, destructive: true, idempotent: true },
    schema: {
      input: z =>
        z.object({
          entityRef: z.string().describe(ENTITY_REF_HELP),
          jobRunId: z.string(),
        }),
      output: z => z.object({ id: z.string(), virtualClusterId: z.string() }),
    },
    action: async ({ input, credentials }) => {
      const { jobRunId } = parseInput(jobRunIdParams, input, 'input');
      const entityRef = entityRefInput(input.entityRef, 'resource');
      const cancelled = await auditedWrite(
        auditor,
        {
          eventId: 'job-run-cancel',
          entityRef,
          meta: { jobRunId },
          source: { credentials, via: 'action:cancel-job-run' },
        },
        () => service.cancelJobRun({ entityRef, credentials, jobRunId }),
      );
      return { output: cancelled };
    },
  });
}
