import type { JobRun } from '@aws-sdk/client-emr-containers';
import type { JobRunSummary } from '@emr-eks/plugin-emr-eks-common';

/**
 * An SDK output as JSON: Dates become ISO 8601 strings and undefined members disappear,
 * which is both the wire format and what the cache can hold.
 */
export function toWire<T>(value: unknown): T {
  return JSON.parse(JSON.stringify(value ?? null));
}

/** The list view's fields of a job run. */
export function toJobRunSummary(run: JobRun): JobRunSummary {
  return toWire<JobRunSummary>({
    id: run.id,
    name: run.name,
    arn: run.arn,
    virtualClusterId: run.virtualClusterId,
    state: run.state,
    releaseLabel: run.releaseLabel,
    executionRoleArn: run.executionRoleArn,
    createdAt: run.createdAt,
    createdBy: run.createdBy,
    finishedAt: run.finishedAt,
    failureReason: run.failureReason,
    stateDetails: run.stateDetails,
  });
}

/** Tags AWS reserves (`aws:`) cannot be set by callers, so a rerun drops them. */
export function userTags(tags: Record<string, string> | undefined) {
  if (!tags) {
    return undefined;
  }
  return Object.fromEntries(
    Object.entries(tags).filter(([key]) => !key.startsWith('aws:')),
  );
}
