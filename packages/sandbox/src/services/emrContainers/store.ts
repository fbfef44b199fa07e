import { Clock } from '../../clock';
import { DEMO } from '../../demo';
import { Random } from '../../random';
import { jobRunArn, newJobRunId, wholeSeconds } from './ids';
import {
  completeOutcome,
  isTerminal,
  JobRunStatus,
  randomOutcome,
  statusAt,
} from './lifecycle';
import { demoData } from './seed';
import {
  ConfigurationOverrides,
  FailureReason,
  JobDriver,
  JobRunRecord,
  JobRunState,
  Outcome,
  VirtualClusterRecord,
  VirtualClusterState,
} from './types';

export interface EmrContainersStoreOptions {
  clock: Clock;
  seed: number;
  /** How many times faster than real life new runs move through their states. */
  accelerate: number;
  demoData: boolean;
}

export interface StartJobRunRequest {
  virtualClusterId: string;
  clientToken: string;
  name?: string;
  executionRoleArn?: string;
  releaseLabel?: string;
  jobDriver?: JobDriver;
  configurationOverrides?: ConfigurationOverrides;
  tags?: Record<string, string>;
  retryPolicyConfiguration?: { maxAttempts: number };
}

export interface JobRunFilter {
  states?: JobRunState[];
  createdAfter?: Date;
  createdBefore?: Date;
  name?: string;
}

export interface VirtualClusterFilter {
  states?: VirtualClusterState[];
  createdAfter?: Date;
  createdBefore?: Date;
  containerProviderId?: string;
  containerProviderType?: string;
  eksAccessEntryIntegrated?: boolean;
}

/** A job run together with its state at the moment it was read. */
export interface JobRunView {
  run: JobRunRecord;
  status: JobRunStatus;
}

/**
 * Tags that force the outcome of a new run, e.g. for end-to-end tests that
 * run in parallel and cannot share the outcome queue.
 */
export const OUTCOME_TAG = 'sandbox:outcome';
export const FAILURE_REASON_TAG = 'sandbox:failureReason';

/**
 * Real-life durations of a new run's phases, in seconds; divided by the
 * `accelerate` factor (default 30: a few seconds PENDING and SUBMITTED,
 * 20-60 s RUNNING).
 */
export const NEW_RUN_SECONDS = {
  pending: [60, 180],
  submitted: [60, 180],
  running: [600, 1800],
  cancelling: [20, 40],
} as const;

const FAILURE_REASONS: readonly FailureReason[] = [
  'INTERNAL_ERROR',
  'USER_ERROR',
  'VALIDATION_ERROR',
  'CLUSTER_UNAVAILABLE',
];

/** Newest first; ids break ties so the order (and paging) is total. */
export function sortKey(createdAt: number, id: string): string {
  return `${String(createdAt).padStart(15, '0')}:${id}`;
}

export type CancelResult = 'cancelling' | 'terminal' | 'not-found';

/**
 * In-memory virtual clusters and job runs. State is never stored: it is
 * computed from each run's plan and the clock whenever a run is read.
 */
export class EmrContainersStore {
  private virtualClusters = new Map<string, VirtualClusterRecord>();
  private jobRuns = new Map<string, JobRunRecord>();
  private byClientToken = new Map<string, string>();
  private outcomeQueue: Outcome[] = [];
  private random!: Random;

  constructor(private readonly options: EmrContainersStoreOptions) {
    if (!(options.accelerate > 0)) {
      throw new Error(
        `accelerate must be a positive number, got ${options.accelerate}`,
      );
    }
    this.reset();
  }

  get clock(): Clock {
    return this.options.clock;
  }

  /** Back to the seeded data, generated against the current clock time. */
  reset(): void {
    this.virtualClusters.clear();
    this.jobRuns.clear();
    this.byClientToken.clear();
    this.outcomeQueue = [];
    // New runs draw from their own stream so the seeded data stays independent.
    this.random = new Random(this.options.seed ^ 0x5eed);
    if (!this.options.demoData) return;
    const data = demoData(new Random(this.options.seed), this.clock.now());
    for (const cluster of data.virtualClusters) this.addVirtualCluster(cluster);
    for (const run of data.jobRuns) this.addJobRun(run);
  }

  addVirtualCluster(cluster: VirtualClusterRecord): void {
    this.virtualClusters.set(cluster.id, cluster);
  }

  addJobRun(run: JobRunRecord): void {
    this.jobRuns.set(run.id, run);
    this.byClientToken.set(
      `${run.virtualClusterId}|${run.clientToken}`,
      run.id,
    );
  }

  getVirtualCluster(id: string): VirtualClusterRecord | undefined {
    return this.virtualClusters.get(id);
  }

  listVirtualClusters(
    filter: VirtualClusterFilter = {},
  ): VirtualClusterRecord[] {
    return [...this.virtualClusters.values()]
      .filter(
        c =>
          (!filter.states || filter.states.includes(c.state)) &&
          inWindow(c.createdAt, filter) &&
          (filter.containerProviderId === undefined ||
            filter.containerProviderId === c.eksClusterName) &&
          (filter.containerProviderType === undefined ||
            filter.containerProviderType === 'EKS') &&
          (filter.eksAccessEntryIntegrated === undefined ||
            filter.eksAccessEntryIntegrated === c.eksAccessEntryIntegrated),
      )
      .sort((a, b) => compareNewestFirst(a.createdAt, a.id, b.createdAt, b.id));
  }

  /** Runs created after the clock's "now" are not visible yet. */
  getJobRun(virtualClusterId: string, id: string): JobRunView | undefined {
    const run = this.jobRuns.get(id);
    const now = this.clock.now();
    if (
      !run ||
      run.virtualClusterId !== virtualClusterId ||
      run.plan.createdAt > now
    ) {
      return undefined;
    }
    return { run, status: statusAt(run.plan, now) };
  }

  listJobRuns(
    virtualClusterId: string,
    filter: JobRunFilter = {},
  ): JobRunView[] {
    const now = this.clock.now();
    const views: JobRunView[] = [];
    for (const run of this.jobRuns.values()) {
      if (run.virtualClusterId !== virtualClusterId || run.plan.createdAt > now)
        continue;
      if (filter.name !== undefined && run.name !== filter.name) continue;
      if (!inWindow(run.plan.createdAt, filter)) continue;
      const status = statusAt(run.plan, now);
      if (filter.states && !filter.states.includes(status.state)) continue;
      views.push({ run, status });
    }
    return views.sort((a, b) =>
      compareNewestFirst(
        a.run.plan.createdAt,
        a.run.id,
        b.run.plan.createdAt,
        b.run.id,
      ),
    );
  }

  /**
   * Starts a run, or returns the run already started with the same client
   * token on the same virtual cluster (`created: false`).
   */
  startJobRun(request: StartJobRunRequest): {
    run: JobRunRecord;
    created: boolean;
  } {
    const tokenKey = `${request.virtualClusterId}|${request.clientToken}`;
    const existingId = this.byClientToken.get(tokenKey);
    const existing = existingId ? this.jobRuns.get(existingId) : undefined;
    if (existing) return { run: existing, created: false };

    let id = newJobRunId(this.random);
    while (this.jobRuns.has(id)) id = newJobRunId(this.random);
    const run: JobRunRecord = {
      id,
      name: request.name,
      virtualClusterId: request.virtualClusterId,
      arn: jobRunArn(request.virtualClusterId, id),
      clientToken: request.clientToken,
      executionRoleArn: request.executionRoleArn,
      releaseLabel: request.releaseLabel,
      jobDriver: request.jobDriver,
      configurationOverrides: request.configurationOverrides,
      createdBy: DEMO.callerArn,
      tags: request.tags,
      retryPolicyConfiguration: request.retryPolicyConfiguration,
      plan: this.planNewRun(this.outcomeFor(request.tags)),
    };
    this.addJobRun(run);
    return { run, created: true };
  }

  cancelJobRun(virtualClusterId: string, id: string): CancelResult {
    const view = this.getJobRun(virtualClusterId, id);
    if (!view) return 'not-found';
    if (isTerminal(view.status.state)) return 'terminal';
    if (view.status.state !== 'CANCEL_PENDING') {
      const now = this.clock.now();
      view.run.plan.cancelRequestedAt = now;
      view.run.plan.cancelledAt = now + this.scaled(NEW_RUN_SECONDS.cancelling);
    }
    return 'cancelling';
  }

  /** Forces the outcome of the next new run(s), first in, first used. */
  queueOutcome(outcome: Outcome): void {
    this.outcomeQueue.push(outcome);
  }

  clearOutcomes(): void {
    this.outcomeQueue = [];
  }

  get queuedOutcomes(): readonly Outcome[] {
    return this.outcomeQueue;
  }

  /** Tag first, then the queue, then the seeded dice (~12% FAILED). */
  private outcomeFor(tags: Record<string, string> | undefined): Outcome {
    const tagged = tags?.[OUTCOME_TAG]?.toUpperCase();
    if (tagged === 'COMPLETED' || tagged === 'FAILED') {
      const reason = tags?.[FAILURE_REASON_TAG]?.toUpperCase() as FailureReason;
      return completeOutcome(
        {
          outcome: tagged,
          failureReason: FAILURE_REASONS.includes(reason) ? reason : undefined,
        },
        this.random,
      );
    }
    const queued = this.outcomeQueue.shift();
    if (queued) return completeOutcome(queued, this.random);
    return randomOutcome(this.random);
  }

  private scaled(range: readonly [number, number]): number {
    const seconds = this.random.between(range[0], range[1]);
    return Math.max(1, Math.round((seconds * 1000) / this.options.accelerate));
  }

  private planNewRun(outcome: Outcome) {
    const createdAt = wholeSeconds(this.clock.now());
    const submittedAt = createdAt + this.scaled(NEW_RUN_SECONDS.pending);
    const runningAt = submittedAt + this.scaled(NEW_RUN_SECONDS.submitted);
    const endsAt = runningAt + this.scaled(NEW_RUN_SECONDS.running);
    return { createdAt, submittedAt, runningAt, endsAt, ...outcome };
  }
}

function inWindow(
  createdAt: number,
  filter: { createdAfter?: Date; createdBefore?: Date },
): boolean {
  // [createdAfter, createdBefore): inclusive start, exclusive end.
  return (
    (!filter.createdAfter || createdAt >= filter.createdAfter.getTime()) &&
    (!filter.createdBefore || createdAt < filter.createdBefore.getTime())
  );
}

function compareNewestFirst(
  aAt: number,
  aId: string,
  bAt: number,
  bId: string,
): number {
  const a = sortKey(aAt, aId);
  const b = sortKey(bAt, bId);
  if (a === b) return 0;
  return a < b ? 1 : -1;
}
