import { SERVERLESS_JOB_RUN_STATES } from '@emr-eks/plugin-emr-eks-common';
import { z } from 'zod';
import { list, nextToken, timestamp } from '../schema';

/** ListJobRuns filters and paging; the model allows pages of 1–50. */
export const serverlessJobRunQuerySchema = z
  .object({
    states: list(z.enum(SERVERLESS_JOB_RUN_STATES)).optional(),
    createdAfter: timestamp.optional(),
    createdBefore: timestamp.optional(),
    maxResults: z
      .string()
      .regex(/^\d{1,2}$/, 'must be a whole number from 1 to 50')
      .transform(Number)
      .pipe(
        z
          .number()
          .min(1, 'must be a whole number from 1 to 50')
          .max(50, 'must be a whole number from 1 to 50'),
      )
      .optional(),
    nextToken,
  })
  .strict()
  .superRefine((q, ctx) => {
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
  });

/** The model's JobRunId. */
export const serverlessJobRunIdParams = z.object({
  jobRunId: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[0-9a-z]+$/, 'must be 1-64 lowercase letters and digits'),
});
