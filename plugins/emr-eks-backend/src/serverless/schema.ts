import {
  SERVERLESS_JOB_RUN_STATES,
  SERVERLESS_SESSION_STATES,
} from '@emr-eks/plugin-emr-eks-common';
import { z } from 'zod';
import {
  createdInOrder,
  jobRunIdParams,
  list,
  nextToken,
  pageSize,
  resourceId,
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

/** ListSessions filters and paging; the model allows pages of 1–50. */
export const serverlessSessionQuerySchema = z
  .object({
    states: list(z.enum(SERVERLESS_SESSION_STATES)).optional(),
    maxResults: pageSize(50).optional(),
    nextToken,
  })
  .strict();

/** The model's SessionId: the same rule as job run ids. */
export const serverlessSessionIdParams = z.object({ sessionId: resourceId });

/** A saved job definition's name: what a start names it by. */
const jobDefinitionName = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/,
    'must be 1-64 letters, digits and ._-, starting with a letter or digit',
  );

/** Body of saving a job definition, with the model's limits on StartJobRun's members. */
export const serverlessJobDefinitionSchema = z
  .object({
    name: jobDefinitionName,
    executionRoleArn: z.string().min(20).max(2048),
    jobDriver: z
      .object({
        sparkSubmit: z
          .object({
            entryPoint: z.string().min(1).max(4096),
            entryPointArguments: z
              .array(z.string().min(1).max(10280))
              .optional(),
            sparkSubmitParameters: z.string().min(1).max(102400).optional(),
          })
          .strict()
          .optional(),
        hive: z
          .object({
            query: z.string().min(1).max(10280),
            initQueryFile: z.string().min(1).max(256).optional(),
            parameters: z.string().min(1).max(102400).optional(),
          })
          .strict()
          .optional(),
      })
      .strict()
      .refine(
        d => Boolean(d.sparkSubmit) !== Boolean(d.hive),
        'must have exactly one of sparkSubmit and hive',
      ),
    configurationOverrides: z
      .object({
        applicationConfiguration: z
          .array(
            z
              .object({
                classification: z.string().min(1).max(1024),
                properties: z.record(z.string().max(1024)).optional(),
                configurations: z.array(z.record(z.unknown())).optional(),
              })
              .strict(),
          )
          .max(100)
          .optional(),
        monitoringConfiguration: z.record(z.unknown()).optional(),
      })
      .strict()
      .optional(),
    executionTimeoutMinutes: z.number().int().min(1).max(1_000_000).optional(),
    tags: z.record(z.string().min(1).max(256)).optional(),
  })
  .strict();

/** Body of starting a run from a saved job definition. */
export const startServerlessJobRunSchema = z
  .object({
    jobDefinition: jobDefinitionName,
    name: z.string().min(1).max(256).optional(),
  })
  .strict();
