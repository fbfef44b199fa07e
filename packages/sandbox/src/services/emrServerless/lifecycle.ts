/*
 * EMR Serverless job run and session states, read from plans fixed when the
 * run or session is created (no timers): the state at any time follows from
 * the plan and the sandbox clock, so tests move time and watch it change.
 */

export type ApplicationState =
  | 'CREATING'
  | 'CREATED'
  | 'STARTING'
  | 'STARTED'
  | 'STOPPING'
  | 'STOPPED'
  | 'TERMINATED';

export type JobRunState =
  | 'SUBMITTED'
  | 'PENDING'
  | 'SCHEDULED'
  | 'RUNNING'
  | 'SUCCESS'
  | 'FAILED'
  | 'CANCELLING'
  | 'CANCELLED';

export type SessionState =
  | 'SUBMITTED'
  | 'STARTING'
  | 'IDLE'
  | 'TERMINATING'
  | 'TERMINATED';

export const TERMINAL_RUN_STATES: readonly JobRunState[] = [
  'SUCCESS',
  'FAILED',
  'CANCELLED',
];

export interface RunOutcome {
  outcome: 'SUCCESS' | 'FAILED';
  stateDetails?: string;
}

/** Workers a run uses while RUNNING (a driver and its executors). */
export interface WorkerShape {
  workers: number;
  vCPU: number;
  memoryGB: number;
  diskGB: number;
}

/** One attempt: SUBMITTED/PENDING → SCHEDULED → RUNNING → its outcome. */
export interface AttemptPlan {
  createdAt: number;
  pendingAt: number;
  scheduledAt: number;
  runningAt: number;
  endsAt: number;
  outcome: RunOutcome;
}

export interface JobRunPlan {
  attempts: AttemptPlan[];
  cancelRequestedAt?: number;
  cancelledAt?: number;
  shape: WorkerShape;
}

export interface JobRunStatus {
  state: JobRunState;
  stateDetails: string;
  /** 1-based attempt the run is on. */
  attempt: number;
  startedAt?: number;
  endedAt?: number;
}

export const CANCELLED_DETAILS = 'Job run cancelled by user request';

/** Storage every worker gets without charge (EMR Serverless bills above 20 GB). */
export const FREE_STORAGE_GB = 20;

/** Attempts that exist at `now` (a cancel drops the ones not yet made). */
export function attemptsAt(plan: JobRunPlan, now: number): AttemptPlan[] {
  return plan.attempts.filter(
    a =>
      a.createdAt <= now &&
      (plan.cancelRequestedAt === undefined ||
        a.createdAt <= plan.cancelRequestedAt),
  );
}

/**
 * The model requires `stateDetails` on every run and attempt, at least one non-blank
 * character, so each state has its sentence.
 */
export const STATE_DETAILS = {
  SUBMITTED: 'Job run submitted',
  PENDING: 'Waiting for the application to start',
  SCHEDULED: 'Job run scheduled; workers are being allocated',
  RUNNING: 'Job run is running',
  SUCCESS: 'Job run completed successfully',
} as const;

export function attemptStatus(
  attempt: AttemptPlan,
  now: number,
): { state: JobRunState; stateDetails: string } {
  if (now < attempt.pendingAt) {
    return { state: 'SUBMITTED', stateDetails: STATE_DETAILS.SUBMITTED };
  }
  if (now < attempt.scheduledAt) {
    return { state: 'PENDING', stateDetails: STATE_DETAILS.PENDING };
  }
  if (now < attempt.runningAt) {
    return { state: 'SCHEDULED', stateDetails: STATE_DETAILS.SCHEDULED };
  }
  if (now < attempt.endsAt) {
    return { state: 'RUNNING', stateDetails: STATE_DETAILS.RUNNING };
  }
  return attempt.outcome.outcome === 'FAILED'
    ? {
        state: 'FAILED',
        stateDetails: attempt.outcome.stateDetails ?? FAILURES[0],
      }
    : { state: 'SUCCESS', stateDetails: STATE_DETAILS.SUCCESS };
}

/** The run's state at `now`, from its latest attempt or its cancellation. */
export function runStatusAt(plan: JobRunPlan, now: number): JobRunStatus {
  const attempts = attemptsAt(plan, now);
  const current = attempts[attempts.length - 1] ?? plan.attempts[0];
  const startedAt = attempts[0]?.runningAt;
  const started = startedAt !== undefined && startedAt <= now;
  if (plan.cancelRequestedAt !== undefined && plan.cancelRequestedAt <= now) {
    const done = plan.cancelledAt !== undefined && plan.cancelledAt <= now;
    return {
      state: done ? 'CANCELLED' : 'CANCELLING',
      stateDetails: done ? CANCELLED_DETAILS : 'Cancelling the job run',
      attempt: attempts.length || 1,
      startedAt: started ? startedAt : undefined,
      endedAt: done ? plan.cancelledAt : undefined,
    };
  }
  const { state, stateDetails } = attemptStatus(current, now);
  const terminal = TERMINAL_RUN_STATES.includes(state);
  return {
    state,
    stateDetails,
    attempt: attempts.length || 1,
    startedAt: started ? startedAt : undefined,
    endedAt: terminal ? current.endsAt : undefined,
  };
}

export function isTerminalRun(state: JobRunState): boolean {
  return TERMINAL_RUN_STATES.includes(state);
}

/** When the run stops using workers (undefined while it still may). */
export function runEndsAt(plan: JobRunPlan): number {
  if (plan.cancelledAt !== undefined) return plan.cancelledAt;
  return plan.attempts[plan.attempts.length - 1].endsAt;
}

export interface Utilization {
  vCPUHour: number;
  memoryGBHour: number;
  storageGBHour: number;
}

const HOUR_MS = 3_600_000;
const round3 = (n: number) => Math.round(n * 1000) / 1000;

/** Milliseconds each existing attempt has spent RUNNING by `now`. */
function runningMs(plan: JobRunPlan, now: number): number[] {
  const stop = Math.min(now, plan.cancelledAt ?? Infinity);
  return attemptsAt(plan, now).map(a =>
    Math.max(0, Math.min(stop, a.endsAt) - a.runningAt),
  );
}

/** Seconds the run's workers have run so far (all attempts). */
export function executionSeconds(plan: JobRunPlan, now: number): number {
  return Math.floor(runningMs(plan, now).reduce((s, ms) => s + ms, 0) / 1000);
}

/** What the run has used so far: grows while it runs. */
export function totalUtilization(plan: JobRunPlan, now: number): Utilization {
  const hours = runningMs(plan, now).reduce((s, ms) => s + ms, 0) / HOUR_MS;
  const { workers, vCPU, memoryGB, diskGB } = plan.shape;
  return {
    vCPUHour: round3(hours * workers * vCPU),
    memoryGBHour: round3(hours * workers * memoryGB),
    storageGBHour: round3(hours * workers * diskGB),
  };
}

/**
 * What the run is billed for once finished: every attempt's workers for at
 * least one minute, storage only above the free 20 GB per worker.
 */
export function billedUtilization(plan: JobRunPlan, now: number): Utilization {
  const { workers, vCPU, memoryGB, diskGB } = plan.shape;
  const hours = runningMs(plan, now)
    .filter(ms => ms > 0)
    .reduce((s, ms) => s + Math.max(ms, 60_000) / HOUR_MS, 0);
  return {
    vCPUHour: round3(hours * workers * vCPU),
    memoryGBHour: round3(hours * workers * memoryGB),
    storageGBHour: round3(
      hours * workers * Math.max(0, diskGB - FREE_STORAGE_GB),
    ),
  };
}

export interface SessionPlan {
  createdAt: number;
  startingAt: number;
  idleAt: number;
  /** Idle timeout, or the end of a termination. */
  terminatedAt: number;
  terminateRequestedAt?: number;
}

export function sessionStateAt(plan: SessionPlan, now: number): SessionState {
  if (plan.terminatedAt <= now) return 'TERMINATED';
  if (
    plan.terminateRequestedAt !== undefined &&
    plan.terminateRequestedAt <= now
  )
    return 'TERMINATING';
  if (now < plan.startingAt) return 'SUBMITTED';
  if (now < plan.idleAt) return 'STARTING';
  return 'IDLE';
}

/** Realistic reasons EMR Serverless runs fail with. */
export const FAILURES: readonly string[] = [
  'Job failed, please check complete logs in configured logging destination. ExitCode: 1. Last few exceptions: org.apache.spark.sql.AnalysisException: [TABLE_OR_VIEW_NOT_FOUND] The table or view `raw`.`orders` cannot be found',
  'Job failed, please check complete logs in configured logging destination. ExitCode: 1. Last few exceptions: java.lang.OutOfMemoryError: Java heap space',
  'Job failed, please check complete logs in configured logging destination. ExitCode: 1. Last few exceptions: java.io.FileNotFoundException: No such file or directory: s3 input path does not exist',
  'Job run failed: the application reached its maximum capacity (cpu). Raise maximumCapacity or lower spark.executor.instances.',
  'Job failed: the job runtime role could not be assumed by EMR Serverless',
];
