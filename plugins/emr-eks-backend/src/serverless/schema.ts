import { SERVERLESS_JOB_RUN_STATES } from '@emr-eks/plugin-emr-eks-common';
import { z } from 'zod';
import {
  createdInOrder,
  jobRunIdParams,
  list,
  nextToken,
  pageSize,
  timestamp,
} from '../schema';

/** ListJobRuns filters and paging; the model allows pages of 1–50. */
export const serverlessJobRunQuerySchema = z
  .object({
    states: list(z.enum(SERVERLESS_JOB_RUN_STATES)).optional(),
    createdAfter: timestamp.optional(),
    createdBefore: timestamp.optional(),
    maxResults: pageSize(50).optional(),
    nextToken,
  })
  .strict()
  .superRefine(createdInOrder);

/** The model's JobRunId: the same rule as EMR on EKS ids. */
export const serverlessJobRunIdParams = jobRunIdParams;
