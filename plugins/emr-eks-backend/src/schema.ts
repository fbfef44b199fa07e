import { InputError } from '@backstage/errors';
import { JOB_RUN_STATES } from '@emr-eks/plugin-emr-eks-common';
import { z } from 'zod';

// Query strings carry one value or a repeated list; accept both.
const list = <T extends z.ZodTypeAny>(item: T) =>
  z.preprocess(v => (typeof v === 'string' ? [v] : v), z.array(item));

const timestamp = z
  .string()
  .datetime({ offset: true, message: 'must be an ISO 8601 date-time' });

/** ListJobRuns filters and paging, with the service model's limits. */
export const jobRunQuerySchema = z
  .object({
    states: list(z.enum(JOB_RUN_STATES)).optional(),
    createdAfter: timestamp.optional(),
    createdBefore: timestamp.optional(),
    name: z
      .string()
      .min(1)
      .max(64)
      .regex(/^[.\-_/#A-Za-z0-9]+$/, 'must match [.-_/#A-Za-z0-9]+')
      .optional(),
    maxResults: z.coerce.number().int().min(1).max(100).optional(),
    nextToken: z.string().min(1).max(1024).optional(),
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
      const path = issue.path.filter(p => typeof p === 'string').join('.');
      return `${what} '${path}' ${issue.message}`;
    });
    throw new InputError(`Invalid ${what}: ${issues.join('; ')}`);
  }
  return result.data;
}
