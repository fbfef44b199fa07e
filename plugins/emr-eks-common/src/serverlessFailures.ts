import { JobRunFailureExplanation, stateDetailHints } from './failures';
import type { ServerlessJobRunSummary } from './serverless';

/*
 * EMR Serverless gives no failure reason, only state details. The hints of failures.ts
 * that mean the same on both services are reused by id; where the advice differs (no
 * Kubernetes pods, no OIDC trust) the text is EMR Serverless's own, and what only
 * Kubernetes does (evictions, scheduling, image pulls from nodes) is left out.
 */

/** Hints whose EMR on EKS text holds for EMR Serverless too. */
const SHARED_HINTS = new Set([
  'executor-lost',
  'table-not-found',
  'missing-file',
  'missing-code',
]);

/** The same finding, with the advice that fits EMR Serverless. */
const SERVERLESS_TEXT: Record<string, string> = {
  'out-of-memory':
    'A worker ran out of memory. Give the driver or executors more memory ' +
    '(spark.driver.memory, spark.executor.memory, at most 120 GB per worker), ' +
    'or give each task less data by using more partitions.',
  'access-denied':
    'An AWS permission was missing. Check the job runtime role: its trust ' +
    'policy must trust emr-serverless.amazonaws.com, and its policies must ' +
    'allow what the job reads and writes (S3, Glue, CloudWatch Logs).',
};

const MAXIMUM_CAPACITY = {
  id: 'maximum-capacity',
  pattern: /maximum capacity|maximumCapacity|ApplicationMaxCapacityExceeded/i,
  text:
    'The application reached its maximum capacity, so the run could not get ' +
    'the workers it asked for. Raise the application’s maximum capacity, ask ' +
    'for fewer or smaller executors, or run it when fewer runs share the ' +
    'application.',
};

/**
 * Explains a failed EMR Serverless job run in plain words from its state details;
 * undefined for a run that did not fail.
 *
 * @public
 */
export function explainServerlessJobRunFailure(
  run: Pick<ServerlessJobRunSummary, 'state' | 'stateDetails'>,
): JobRunFailureExplanation | undefined {
  if (run.state !== 'FAILED') {
    return undefined;
  }
  const hints = stateDetailHints(run.stateDetails).flatMap(hint => {
    if (SHARED_HINTS.has(hint.id)) return [hint];
    const text = SERVERLESS_TEXT[hint.id];
    return text ? [{ id: hint.id, text }] : [];
  });
  if (run.stateDetails && MAXIMUM_CAPACITY.pattern.test(run.stateDetails)) {
    hints.unshift({ id: MAXIMUM_CAPACITY.id, text: MAXIMUM_CAPACITY.text });
  }
  return {
    title: 'Job run failed',
    explanation:
      'EMR Serverless gives no failure reason, only the state details below. ' +
      "The driver's logs (stderr), in the run's log destination or its " +
      'dashboard, say more.',
    hints,
  };
}
