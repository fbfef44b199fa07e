import { KubernetesValidatorFunctions } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  ENDPOINT_STATES,
  JOB_RUN_STATES,
} from '@emr-eks/plugin-emr-eks-common';
import { z } from 'zod';

// Query strings carry one value or a repeated list; accept both.
export const list = <T extends z.ZodTypeAny>(item: T) =>
  z.preprocess(v => (typeof v === 'string' ? [v] : v), z.array(item));

export const timestamp = z
  .string()
  .datetime({ offset: true, message: 'must be an ISO 8601 date-time' });

/** A page size from 1 to `max`, in decimal digits only: Number() would also read '0x10', '1e2' and ' 7 '. */
export const pageSize = (max: number) => {
  const message = `must be a whole number from 1 to ${max}`;
  return z
    .string()
    .regex(new RegExp(`^\\d{1,${String(max).length}}$`), message)
    .transform(Number)
    .pipe(z.number().min(1, message).max(max, message));
};
const maxResults = pageSize(100).optional();
export const nextToken = z.string().min(1).max(1024).optional();

/** The model's ResourceIdString: job run, endpoint and template ids. */
export const resourceId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[0-9a-z]+$/, 'must be 1-64 lowercase letters and digits');

/** The model's ResourceNameString. */
const resourceName = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[.\-_/#A-Za-z0-9]+$/, 'must match [.-_/#A-Za-z0-9]+');

/** ListJobRuns filters and paging, with the service model's limits. */
export const jobRunQuerySchema = z
  .object({
    states: list(z.enum(JOB_RUN_STATES)).optional(),
    createdAfter: timestamp.optional(),
    createdBefore: timestamp.optional(),
    name: resourceName.optional(),
    maxResults,
    nextToken,
  })
  .strict()
  .superRefine(createdInOrder);

/** A created range must not end before it starts. */
export function createdInOrder(
  q: { createdAfter?: string; createdBefore?: string },
  ctx: z.RefinementCtx,
) {
  if (
    q.createdAfter &&
    q.createdBefore &&
    Date.parse(q.createdAfter) > Date.parse(q.createdBefore)
  ) {
    ctx.addIssue({
      code: 'custom',
      path: ['createdAfter'],
      message: 'must not be later than createdBefore',
    });
  }
}

/**
 * The entity ref of an entity route, by the catalog's own rules (case aside, which the
 * catalog ignores), so that a malformed one is a 400 naming it, not the catalog's.
 */
export const entityRefParams = z.object({
  namespace: z
    .string()
    .refine(
      v => KubernetesValidatorFunctions.isValidNamespace(v.toLowerCase()),
      'must be 1-63 letters, digits and dashes, starting and ending with a letter or digit',
    ),
  kind: z
    .string()
    .refine(
      KubernetesValidatorFunctions.isValidKind,
      'must be 1-63 letters and digits, starting with a letter',
    ),
  name: z
    .string()
    .refine(
      KubernetesValidatorFunctions.isValidObjectName,
      'must be 1-63 letters, digits and [-_.], starting and ending with a letter or digit',
    ),
});

/** ListManagedEndpoints filters and paging. */
export const endpointQuerySchema = z
  .object({
    states: list(z.enum(ENDPOINT_STATES)).optional(),
    maxResults,
    nextToken,
  })
  .strict();

/** Paging of lists without filters. */
export const pageQuerySchema = z.object({ maxResults, nextToken }).strict();

/** Path ids, checked before they reach AWS. */
export const jobRunIdParams = z.object({ jobRunId: resourceId });
export const endpointIdParams = z.object({ endpointId: resourceId });
export const templateIdParams = z.object({ templateId: resourceId });

/** Body of a start: the template, its parameter values and an optional run name. */
export const startJobRunSchema = z
  .object({
    jobTemplateId: resourceId,
    jobTemplateParameters: z
      .record(
        z
          .string()
          .min(1)
          .max(512)
          .regex(
            /^[.\-_#A-Za-z0-9]+$/,
            'parameter names must match [.-_#A-Za-z0-9]+',
          ),
        z.string().min(1).max(1024),
      )
      .optional(),
    name: resourceName.optional(),
  })
  .strict();

/** Parses input with a zod schema; a failure is a 400 naming the parameter. */
export function parseInput<T extends z.ZodTypeAny>(
  schema: T,
  input: unknown,
  what: string,
): z.output<T> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const issues = result.error.issues.map(issue => {
      if (issue.code === 'unrecognized_keys') {
        return `unknown ${what} ${issue.keys.map(k => `'${k}'`).join(', ')}`;
      }
      const path = issue.path.join('.');
      return `${what} '${path}' ${issue.message}`;
    });
    throw new InputError(`Invalid ${what}: ${issues.join('; ')}`);
  }
  return result.data;
}

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date, YYYY-MM-DD')
  .refine(
    v => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)),
    'must be a real date',
  );
const MAX_COST_DAYS = 400;
/** Cost history cannot predate this; nothing ran on EMR on EKS before it. */
const EARLIEST_COST_DATE = '2000-01-01';

/** A cost date no earlier than 2000-01-01 and no later than tomorrow (UTC). */
const costDate = isoDate.superRefine((v, ctx) => {
  const latest = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  if (v < EARLIEST_COST_DATE || v > latest) {
    ctx.addIssue({
      code: 'custom',
      message: `must be between ${EARLIEST_COST_DATE} and ${latest}`,
    });
  }
});

/** A cost window: `window` (7d/30d/90d, default 30d) or `start` and `end` dates; optionally one run. */
export const costQuerySchema = z
  .object({
    window: z.enum(['7d', '30d', '90d']).optional(),
    start: costDate.optional(),
    end: costDate.optional(),
    jobRunId: resourceId.optional(),
  })
  .strict()
  .superRefine((q, ctx) => {
    if (q.window && (q.start || q.end)) {
      ctx.addIssue({
        code: 'custom',
        path: ['window'],
        message: 'cannot be combined with start and end',
      });
    } else if (!q.start !== !q.end) {
      ctx.addIssue({
        code: 'custom',
        path: [q.start ? 'end' : 'start'],
        message: 'is required with the other date',
      });
    } else if (q.start && q.end) {
      const days = (Date.parse(q.end) - Date.parse(q.start)) / 86_400_000;
      if (days < 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['end'],
          message: 'must not be before start',
        });
      } else if (days >= MAX_COST_DAYS) {
        ctx.addIssue({
          code: 'custom',
          path: ['end'],
          message: `must be less than ${MAX_COST_DAYS} days after start`,
        });
      }
    }
  })
  .transform(({ window, start, end, jobRunId }) =>
    start && end
      ? { start, end, ...(jobRunId && { jobRunId }) }
      : { window: window ?? ('30d' as const), ...(jobRunId && { jobRunId }) },
  );
