import { Random } from '../../random';
import {
  FailureReason,
  JobRunPlan,
  JobRunState,
  Outcome,
  TERMINAL_STATES,
} from './types';

export interface JobRunStatus {
  state: JobRunState;
  /** Only set in terminal states. */
  finishedAt?: number;
  stateDetails?: string;
  failureReason?: FailureReason;
}

export const CANCELLED_DETAILS = 'Job run cancelled by user request';

/**
 * The state of a run at time `now`, read from its plan:
 * PENDING → SUBMITTED → RUNNING → COMPLETED | FAILED, or, once a cancel was
 * requested, CANCEL_PENDING → CANCELLED.
 */
export function statusAt(plan: JobRunPlan, now: number): JobRunStatus {
  if (plan.cancelRequestedAt !== undefined && plan.cancelRequestedAt <= now) {
    if (plan.cancelledAt === undefined || now < plan.cancelledAt) {
      return { state: 'CANCEL_PENDING' };
    }
    return {
      state: 'CANCELLED',
      finishedAt: plan.cancelledAt,
      stateDetails: CANCELLED_DETAILS,
    };
  }
  if (now < plan.submittedAt) return { state: 'PENDING' };
  if (now < plan.runningAt) return { state: 'SUBMITTED' };
  if (now < plan.endsAt) return { state: 'RUNNING' };
  if (plan.outcome === 'FAILED') {
    return {
      state: 'FAILED',
      finishedAt: plan.endsAt,
      failureReason: plan.failureReason,
      stateDetails: plan.stateDetails,
    };
  }
  return { state: 'COMPLETED', finishedAt: plan.endsAt };
}

export function isTerminal(state: JobRunState): boolean {
  return TERMINAL_STATES.includes(state);
}

/** Realistic failures: what EMR on EKS reports when Spark jobs break. */
export const FAILURES: readonly Required<Omit<Outcome, 'outcome'>>[] = [
  {
    failureReason: 'USER_ERROR',
    stateDetails: 'Job failed: executor lost; OOMKilled',
  },
  {
    failureReason: 'USER_ERROR',
    stateDetails: 'Driver pod exited with code 1',
  },
  {
    failureReason: 'USER_ERROR',
    stateDetails:
      'Job failed: org.apache.spark.sql.AnalysisException: [TABLE_OR_VIEW_NOT_FOUND] The table or view `raw`.`orders` cannot be found',
  },
  {
    failureReason: 'USER_ERROR',
    stateDetails:
      'Job failed: java.io.FileNotFoundException: No such file or directory: s3 input path does not exist',
  },
  {
    failureReason: 'CLUSTER_UNAVAILABLE',
    stateDetails:
      'Driver pod could not be scheduled: 0/12 nodes are available: 12 Insufficient memory',
  },
  {
    failureReason: 'INTERNAL_ERROR',
    stateDetails: 'Job failed due to an internal error. Retry the job run.',
  },
  {
    failureReason: 'VALIDATION_ERROR',
    stateDetails:
      'Job failed: execution role could not be assumed by the job driver',
  },
];

/** Share of runs that fail when no outcome is forced. */
export const FAILURE_RATE = 0.12;

export function randomOutcome(random: Random): Outcome {
  if (!random.chance(FAILURE_RATE)) return { outcome: 'COMPLETED' };
  return { outcome: 'FAILED', ...random.pick(FAILURES) };
}

/** Fills in failure details a forced FAILED outcome left out. */
export function completeOutcome(outcome: Outcome, random: Random): Outcome {
  if (outcome.outcome === 'COMPLETED') return { outcome: 'COMPLETED' };
  const fallback =
    FAILURES.find(f => f.failureReason === outcome.failureReason) ??
    random.pick(FAILURES);
  return {
    outcome: 'FAILED',
    failureReason: outcome.failureReason ?? fallback.failureReason,
    stateDetails: outcome.stateDetails ?? fallback.stateDetails,
  };
}
