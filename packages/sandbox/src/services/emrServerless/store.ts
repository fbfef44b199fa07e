import { Clock } from '../../clock';
import { DEMO } from '../../demo';
import { Random } from '../../random';
import { hashString, wholeSeconds } from '../emrContainers/ids';
import {
  ApplicationState,
  attemptsAt,
  AttemptPlan,
  FAILURES,
  isTerminalRun,
  JobRunPlan,
  runEndsAt,
  RunOutcome,
  runStatusAt,
  SessionPlan,
  sessionStateAt,
  WorkerShape,
} from './lifecycle';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * Real-life durations in seconds; divided by the `accelerate` factor for new
 * applications, runs and sessions (default 30: an application starts in 2-4 s,
 * a run runs 20-60 s). The auto-stop idle timeout is never accelerated.
 */
export const SERVERLESS_SECONDS = {
  creating: [30, 60],
  starting: [60, 120],
  stopping: [30, 60],
  submitted: [10, 30],
  scheduling: [20, 60],
  running: [600, 1800],
  cancelling: [20, 40],
  retryDelay: [30, 60],
} as const;

export const AUTO_STOPPED_DETAILS =
  'Application stopped automatically after being idle';

/** Defaults AWS applies when CreateApplication leaves them out. */
export const DEFAULT_IDLE_TIMEOUT_MINUTES = 15;
export const DEFAULT_SESSION_IDLE_TIMEOUT_MINUTES = 60;

/** A resource that can carry tags. */
interface Tagged {
  arn: string;
  tags: Record<string, string>;
}

/**
 * Members of an application kept as given (capacity, auto-start/stop,
 * network, image, runtime and monitoring configuration, ...).
 */
export type ApplicationSettings = Record<string, unknown> & {
  autoStartConfiguration: { enabled: boolean };
  autoStopConfiguration: { enabled: boolean; idleTimeoutMinutes?: number };
  interactiveConfiguration?: {
    sessionEnabled?: boolean;
    studioEnabled?: boolean;
    livyEndpointEnabled?: boolean;
  };
};

export interface ApplicationRecord extends Tagged {
  id: string;
  name?: string;
  releaseLabel: string;
  type: string;
  architecture: string;
  clientToken?: string;
  createdAt: number;
  updatedAt: number;
  state: ApplicationState;
  stateSince: number;
  stateDetails?: string;
  settings: ApplicationSettings;
  /** How long the current transition takes (accelerated). */
  transitionMs: { creating?: number; starting?: number; stopping?: number };
  /** The current STOPPING/STOPPED came from the idle timeout. */
  autoStopped?: boolean;
}

export interface JobRunRecord extends Tagged {
  id: string;
  applicationId: string;
  name?: string;
  clientToken: string;
  createdBy: string;
  executionRole: string;
  releaseLabel: string;
  mode: 'BATCH' | 'STREAMING';
  jobDriver: Record<string, unknown>;
  configurationOverrides?: Record<string, unknown>;
  executionTimeoutMinutes?: number;
  retryPolicy?: { maxAttempts?: number; maxFailedAttemptsPerHour?: number };
  plan: JobRunPlan;
}

export interface SessionRecord extends Tagged {
  id: string;
  applicationId: string;
  name?: string;
  clientToken: string;
  createdBy: string;
  executionRoleArn: string;
  releaseLabel: string;
  idleTimeoutMinutes: number;
  configurationOverrides?: Record<string, unknown>;
  plan: SessionPlan;
}

export interface ServerlessStoreOptions {
  clock: Clock;
  seed: number;
  accelerate: number;
  demoData: boolean;
  region: string;
  outcomes: RunOutcome[];
}

export interface StartRunRequest {
  applicationId: string;
  clientToken: string;
  executionRoleArn: string;
  name?: string;
  jobDriver?: Record<string, unknown>;
  configurationOverrides?: Record<string, unknown>;
  tags?: Record<string, string>;
  executionTimeoutMinutes?: number;
  mode?: 'BATCH' | 'STREAMING';
  retryPolicy?: { maxAttempts?: number; maxFailedAttemptsPerHour?: number };
}

export interface ListRunsFilter {
  states?: string[];
  /** A Date once the model validated the request; an ISO string from code. */
  createdAtAfter?: Date | string;
  createdAtBefore?: Date | string;
  mode?: string;
}

/** The creation window of a filter, in epoch milliseconds. */
function windowOf(filter: ListRunsFilter): [number, number] {
  return [
    filter.createdAtAfter === undefined
      ? -Infinity
      : new Date(filter.createdAtAfter).getTime(),
    filter.createdAtBefore === undefined
      ? Infinity
      : new Date(filter.createdAtBefore).getTime(),
  ];
}

/** Why an operation cannot be done now, in AWS's words. */
export class ServerlessConflict extends Error {}

const ID_ALPHABET = '0123456789abcdefghijklmnopqrstuv';
const shapeOf = (executors: number, diskGB = 20): WorkerShape => ({
  workers: executors + 1,
  vCPU: 4,
  memoryGB: 16,
  diskGB,
});

/** `spark.executor.instances` from sparkSubmitParameters, else 3. */
function executorsOf(jobDriver: Record<string, unknown> | undefined): number {
  const params = (jobDriver?.sparkSubmit as { sparkSubmitParameters?: string })
    ?.sparkSubmitParameters;
  const found = /spark\.executor\.instances=(\d+)/.exec(params ?? '');
  return found ? Math.min(Number(found[1]), 50) : 3;
}

/**
 * The emr-serverless data of one region. Application states move on as the
 * clock does: every read first settles the application (CREATING → CREATED,
 * STARTING → STARTED, STOPPING → STOPPED, and auto-stop once idle for the
 * idle timeout).
 */
export class EmrServerlessStore {
  private random!: Random;
  private applications = new Map<string, ApplicationRecord>();
  private runs = new Map<string, JobRunRecord[]>();
  private sessions = new Map<string, SessionRecord[]>();

  constructor(private readonly options: ServerlessStoreOptions) {
    if (!(options.accelerate > 0)) {
      throw new Error(
        `accelerate must be a positive number, got ${options.accelerate}`,
      );
    }
    this.reset();
  }

  get region(): string {
    return this.options.region;
  }

  private get now(): number {
    return this.options.clock.now();
  }

  reset(): void {
    this.random = new Random(
      (this.options.seed ^ hashString(`emr-serverless:${this.region}`)) >>> 0,
    );
    this.applications.clear();
    this.runs.clear();
    this.sessions.clear();
    if (this.options.demoData) this.seed();
  }

  arnPrefix(): string {
    return `arn:aws:emr-serverless:${this.region}:${DEMO.accountId}:/applications`;
  }

  newId(): string {
    return `00f${this.random.string(13, ID_ALPHABET)}`;
  }

  private scaled(range: readonly [number, number]): number {
    const seconds = this.random.between(range[0], range[1]);
    return Math.max(
      1,
      Math.round((seconds * SECOND) / this.options.accelerate),
    );
  }

  // Applications

  createApplication(input: {
    name?: string;
    releaseLabel: string;
    type: string;
    clientToken: string;
    architecture?: string;
    tags?: Record<string, string>;
    settings: Record<string, unknown>;
  }): ApplicationRecord {
    const now = wholeSeconds(this.now);
    const id = this.newId();
    const app: ApplicationRecord = {
      id,
      name: input.name,
      arn: `${this.arnPrefix()}/${id}`,
      releaseLabel: input.releaseLabel,
      type: input.type,
      architecture: input.architecture ?? 'X86_64',
      clientToken: input.clientToken,
      createdAt: now,
      updatedAt: now,
      state: 'CREATING',
      stateSince: now,
      tags: { ...input.tags },
      settings: withDefaults(input.settings),
      // Creation takes its time; settle() moves it on from stateSince.
      transitionMs: { creating: this.scaled(SERVERLESS_SECONDS.creating) },
    };
    this.applications.set(id, app);
    return app;
  }

  applicationByClientToken(token: string): ApplicationRecord | undefined {
    return [...this.applications.values()].find(a => a.clientToken === token);
  }

  getApplication(id: string): ApplicationRecord | undefined {
    const app = this.applications.get(id);
    if (app) this.settle(app);
    return app;
  }

  listApplications(states?: string[]): ApplicationRecord[] {
    return [...this.applications.values()]
      .map(app => this.settle(app))
      .filter(app => !states?.length || states.includes(app.state))
      .sort(newestFirst(a => a.createdAt));
  }

  updateApplication(
    app: ApplicationRecord,
    changes: Record<string, unknown>,
  ): ApplicationRecord {
    if (app.state !== 'CREATED' && app.state !== 'STOPPED') {
      throw new ServerlessConflict(
        `Application ${app.id} must be in CREATED or STOPPED state to be updated; it is ${app.state}.`,
      );
    }
    const { releaseLabel, architecture, ...settings } = changes;
    if (typeof releaseLabel === 'string') app.releaseLabel = releaseLabel;
    if (typeof architecture === 'string') app.architecture = architecture;
    app.settings = withDefaults({ ...app.settings, ...settings });
    app.updatedAt = wholeSeconds(this.now);
    return app;
  }

  startApplication(app: ApplicationRecord): void {
    switch (app.state) {
      case 'STARTING':
      case 'STARTED':
        return;
      case 'CREATED':
      case 'STOPPED':
        this.moveTo(app, 'STARTING', this.now);
        return;
      default:
        throw new ServerlessConflict(
          `Application ${app.id} can't be started in ${app.state} state.`,
        );
    }
  }

  stopApplication(app: ApplicationRecord): void {
    switch (app.state) {
      case 'STOPPING':
      case 'STOPPED':
      case 'CREATED':
        return;
      case 'STARTING':
      case 'STARTED':
        if (this.busyUntil(app.id, this.now) === undefined) {
          throw new ServerlessConflict(
            `Application ${app.id} has job runs or sessions that are not finished; cancel them before stopping the application.`,
          );
        }
        this.moveTo(app, 'STOPPING', this.now);
        return;
      default:
        throw new ServerlessConflict(
          `Application ${app.id} can't be stopped in ${app.state} state.`,
        );
    }
  }

  deleteApplication(app: ApplicationRecord): void {
    if (app.state !== 'CREATED' && app.state !== 'STOPPED') {
      throw new ServerlessConflict(
        `Application ${app.id} must be in CREATED or STOPPED state to be deleted; it is ${app.state}.`,
      );
    }
    this.moveTo(app, 'TERMINATED', this.now);
  }

  /** When the application is started, or will be (STARTING). */
  private startedAt(app: ApplicationRecord): number | undefined {
    if (app.state === 'STARTED') return app.stateSince;
    if (app.state === 'STARTING') return app.stateSince + this.startingMs(app);
    return undefined;
  }

  private startingMs(app: ApplicationRecord): number {
    return app.transitionMs.starting ?? 0;
  }

  private moveTo(app: ApplicationRecord, state: ApplicationState, at: number) {
    app.state = state;
    app.stateSince = wholeSeconds(at);
    app.updatedAt = app.stateSince;
    app.stateDetails = undefined;
    if (state === 'STARTING') {
      app.transitionMs.starting = this.scaled(SERVERLESS_SECONDS.starting);
    }
    if (state === 'STOPPING') {
      app.transitionMs.stopping = this.scaled(SERVERLESS_SECONDS.stopping);
    }
    if (state !== 'STOPPING' && state !== 'STOPPED')
      app.autoStopped = undefined;
  }

  /** Brings the application's state up to the clock's time. */
  private settle(app: ApplicationRecord): ApplicationRecord {
    const now = this.now;
    const timed = app.transitionMs;
    for (;;) {
      const since = app.stateSince;
      if (app.state === 'CREATING') {
        const at = since + (timed.creating ?? 0);
        if (now < at) break;
        this.moveTo(app, 'CREATED', at);
      } else if (app.state === 'STARTING') {
        const at = since + (timed.starting ?? 0);
        if (now < at) break;
        this.moveTo(app, 'STARTED', at);
      } else if (app.state === 'STOPPING') {
        const at = since + (timed.stopping ?? 0);
        if (now < at) break;
        this.moveTo(app, 'STOPPED', at);
        app.stateDetails = app.autoStopped ? AUTO_STOPPED_DETAILS : undefined;
      } else if (
        app.state === 'STARTED' &&
        app.settings.autoStopConfiguration.enabled
      ) {
        const busyUntil = this.busyUntil(app.id, now);
        if (busyUntil === undefined) break;
        const idleMinutes =
          app.settings.autoStopConfiguration.idleTimeoutMinutes ??
          DEFAULT_IDLE_TIMEOUT_MINUTES;
        const at = Math.max(since, busyUntil) + idleMinutes * MINUTE;
        if (now < at) break;
        this.moveTo(app, 'STOPPING', at);
        app.autoStopped = true;
      } else {
        break;
      }
    }
    return app;
  }

  /**
   * When the application last had work (a run or session) at `now`: undefined
   * while it has some, 0 when it never had any.
   */
  private busyUntil(applicationId: string, now: number): number | undefined {
    let until = 0;
    for (const run of this.runs.get(applicationId) ?? []) {
      if (run.plan.attempts[0].createdAt > now) continue;
      if (!isTerminalRun(runStatusAt(run.plan, now).state)) return undefined;
      until = Math.max(until, runEndsAt(run.plan));
    }
    for (const session of this.sessions.get(applicationId) ?? []) {
      if (session.plan.createdAt > now) continue;
      if (sessionStateAt(session.plan, now) !== 'TERMINATED') return undefined;
      until = Math.max(until, session.plan.terminatedAt);
    }
    return until;
  }

  /**
   * Makes sure the application is started or starting for new work: starts
   * it when auto-start allows, and says when it will be STARTED.
   */
  private readyForWork(app: ApplicationRecord, what: string): number {
    this.settle(app);
    if (app.state === 'CREATED' || app.state === 'STOPPED') {
      if (!app.settings.autoStartConfiguration.enabled) {
        throw new ServerlessConflict(
          `Application ${app.id} is in ${app.state} state and auto-start is disabled; start the application before submitting a ${what}.`,
        );
      }
      this.moveTo(app, 'STARTING', this.now);
    }
    const startedAt = this.startedAt(app);
    if (startedAt === undefined) {
      throw new ServerlessConflict(
        `Application ${app.id} can't accept a ${what} in ${app.state} state.`,
      );
    }
    return startedAt;
  }

  // Job runs

  listJobRuns(applicationId: string, filter: ListRunsFilter = {}) {
    const now = this.now;
    const [after, before] = windowOf(filter);
    return (this.runs.get(applicationId) ?? [])
      .filter(run => {
        const created = run.plan.attempts[0].createdAt;
        if (created > now || created < after || created > before) return false;
        if (filter.mode && run.mode !== filter.mode) return false;
        return (
          !filter.states?.length ||
          filter.states.includes(runStatusAt(run.plan, now).state)
        );
      })
      .sort(newestFirst(r => r.plan.attempts[0].createdAt));
  }

  getJobRun(applicationId: string, id: string): JobRunRecord | undefined {
    const run = (this.runs.get(applicationId) ?? []).find(r => r.id === id);
    return run && run.plan.attempts[0].createdAt <= this.now ? run : undefined;
  }

  runByClientToken(applicationId: string, token: string) {
    return (this.runs.get(applicationId) ?? []).find(
      r => r.clientToken === token,
    );
  }

  startJobRun(app: ApplicationRecord, request: StartRunRequest): JobRunRecord {
    const startedAt = this.readyForWork(app, 'job run');
    const createdAt = wholeSeconds(this.now);
    const forced = this.options.outcomes.shift();
    const outcome = forced
      ? {
          ...forced,
          stateDetails:
            forced.stateDetails ??
            (forced.outcome === 'FAILED' ? FAILURES[0] : undefined),
        }
      : this.randomOutcome();
    const maxAttempts =
      (request.mode ?? 'BATCH') === 'BATCH'
        ? request.retryPolicy?.maxAttempts ?? 1
        : 1;
    const attempts: AttemptPlan[] = [];
    let at = createdAt;
    for (let n = 1; n <= maxAttempts; n++) {
      const pendingAt =
        n === 1 ? at + this.scaled(SERVERLESS_SECONDS.submitted) : at;
      const scheduledAt =
        Math.max(pendingAt, startedAt) +
        this.scaled(SERVERLESS_SECONDS.scheduling);
      const runningAt =
        scheduledAt + this.scaled(SERVERLESS_SECONDS.scheduling);
      const endsAt = runningAt + this.scaled(SERVERLESS_SECONDS.running);
      const last = n === maxAttempts || outcome.outcome === 'SUCCESS';
      attempts.push({
        createdAt: at,
        pendingAt,
        scheduledAt,
        runningAt,
        endsAt,
        outcome: last
          ? outcome
          : {
              outcome: 'FAILED',
              stateDetails: outcome.stateDetails ?? FAILURES[1],
            },
      });
      if (last) break;
      at = endsAt + this.scaled(SERVERLESS_SECONDS.retryDelay);
    }
    const id = this.newId();
    const run: JobRunRecord = {
      id,
      applicationId: app.id,
      arn: `${app.arn}/jobruns/${id}`,
      name: request.name,
      clientToken: request.clientToken,
      createdBy: DEMO.callerArn,
      executionRole: request.executionRoleArn,
      releaseLabel: app.releaseLabel,
      mode: request.mode ?? 'BATCH',
      jobDriver: request.jobDriver ?? {},
      configurationOverrides: request.configurationOverrides,
      executionTimeoutMinutes: request.executionTimeoutMinutes ?? 720,
      retryPolicy: request.retryPolicy,
      tags: { ...request.tags },
      plan: { attempts, shape: shapeOf(executorsOf(request.jobDriver)) },
    };
    this.addRun(run);
    return run;
  }

  cancelJobRun(run: JobRunRecord): void {
    const now = this.now;
    const { state } = runStatusAt(run.plan, now);
    if (isTerminalRun(state)) {
      throw new ServerlessConflict(
        `Job run ${run.id} is in ${state} state and can't be cancelled.`,
      );
    }
    if (state === 'CANCELLING') return;
    run.plan.cancelRequestedAt = now;
    run.plan.cancelledAt = now + this.scaled(SERVERLESS_SECONDS.cancelling);
    run.plan.attempts = attemptsAt(run.plan, now);
  }

  private randomOutcome(): RunOutcome {
    return this.random.chance(0.12)
      ? { outcome: 'FAILED', stateDetails: this.random.pick(FAILURES) }
      : { outcome: 'SUCCESS' };
  }

  private addRun(run: JobRunRecord) {
    const list = this.runs.get(run.applicationId) ?? [];
    list.push(run);
    this.runs.set(run.applicationId, list);
  }

  // Sessions

  startSession(
    app: ApplicationRecord,
    request: {
      clientToken: string;
      executionRoleArn: string;
      name?: string;
      idleTimeoutMinutes?: number;
      configurationOverrides?: Record<string, unknown>;
      tags?: Record<string, string>;
    },
  ): SessionRecord {
    if (!app.settings.interactiveConfiguration?.sessionEnabled) {
      throw new ServerlessConflict(
        `Application ${app.id} does not have sessions enabled (interactiveConfiguration.sessionEnabled).`,
      );
    }
    const startedAt = this.readyForWork(app, 'session');
    const createdAt = wholeSeconds(this.now);
    const startingAt = Math.max(
      createdAt + this.scaled(SERVERLESS_SECONDS.submitted),
      startedAt,
    );
    const idleAt = startingAt + this.scaled(SERVERLESS_SECONDS.scheduling);
    const idleTimeoutMinutes =
      request.idleTimeoutMinutes ?? DEFAULT_SESSION_IDLE_TIMEOUT_MINUTES;
    const id = this.newId();
    const session: SessionRecord = {
      id,
      applicationId: app.id,
      arn: `${app.arn}/sessions/${id}`,
      name: request.name,
      clientToken: request.clientToken,
      createdBy: DEMO.callerArn,
      executionRoleArn: request.executionRoleArn,
      releaseLabel: app.releaseLabel,
      idleTimeoutMinutes,
      configurationOverrides: request.configurationOverrides,
      tags: { ...request.tags },
      plan: {
        createdAt,
        startingAt,
        idleAt,
        terminatedAt: idleAt + idleTimeoutMinutes * MINUTE,
      },
    };
    const list = this.sessions.get(app.id) ?? [];
    list.push(session);
    this.sessions.set(app.id, list);
    return session;
  }

  sessionByClientToken(applicationId: string, token: string) {
    return (this.sessions.get(applicationId) ?? []).find(
      s => s.clientToken === token,
    );
  }

  listSessions(applicationId: string, filter: ListRunsFilter = {}) {
    const now = this.now;
    const [after, before] = windowOf(filter);
    return (this.sessions.get(applicationId) ?? [])
      .filter(s => {
        const created = s.plan.createdAt;
        if (created > now || created < after || created > before) return false;
        return (
          !filter.states?.length ||
          filter.states.includes(sessionStateAt(s.plan, now))
        );
      })
      .sort(newestFirst(s => s.plan.createdAt));
  }

  getSession(applicationId: string, id: string): SessionRecord | undefined {
    const found = (this.sessions.get(applicationId) ?? []).find(
      s => s.id === id,
    );
    return found && found.plan.createdAt <= this.now ? found : undefined;
  }

  terminateSession(session: SessionRecord): void {
    const now = this.now;
    const state = sessionStateAt(session.plan, now);
    if (state === 'TERMINATED' || state === 'TERMINATING') return;
    session.plan.terminateRequestedAt = now;
    session.plan.terminatedAt =
      now + this.scaled(SERVERLESS_SECONDS.cancelling);
  }

  // Tags

  /** The application or job run an ARN names, if it exists here. */
  tagged(arn: string): Tagged | undefined {
    const found =
      /\/applications\/([0-9a-z]+)(?:\/jobruns\/([0-9a-z]+))?$/.exec(arn);
    if (!found || !arn.startsWith(this.arnPrefix())) return undefined;
    const app = this.applications.get(found[1]);
    if (!app || !found[2]) return app;
    return this.getJobRun(app.id, found[2]);
  }

  // Demo data

  private seed(): void {
    const apps = Object.values(DEMO.serverlessApplications).filter(
      a => a.region === this.region,
    );
    for (const demo of apps) {
      const now = wholeSeconds(this.now);
      const createdAt = now - 60 * DAY;
      const app: ApplicationRecord = {
        id: demo.id,
        name: demo.name,
        arn: demo.arn,
        releaseLabel: 'emr-7.5.0',
        type: 'Spark',
        // x86, AWS's default, whose prices the portal's built-in table has.
        architecture: 'X86_64',
        createdAt,
        updatedAt: createdAt,
        state: 'CREATED',
        stateSince: createdAt,
        tags: { ...demo.tags },
        transitionMs: {},
        settings: withDefaults({
          initialCapacity:
            demo.team === 'data-team-a'
              ? {
                  Driver: {
                    workerCount: 1,
                    workerConfiguration: {
                      cpu: '4 vCPU',
                      memory: '16 GB',
                      disk: '20 GB',
                    },
                  },
                  Executor: {
                    workerCount: 2,
                    workerConfiguration: {
                      cpu: '4 vCPU',
                      memory: '16 GB',
                      disk: '20 GB',
                    },
                  },
                }
              : undefined,
          maximumCapacity: {
            cpu: '200 vCPU',
            memory: '800 GB',
            disk: '2000 GB',
          },
          autoStartConfiguration: { enabled: true },
          autoStopConfiguration: { enabled: true, idleTimeoutMinutes: 15 },
          networkConfiguration:
            demo.team === 'data-team-a'
              ? {
                  subnetIds: [
                    'subnet-0a1b2c3d4e5f60001',
                    'subnet-0a1b2c3d4e5f60002',
                  ],
                  securityGroupIds: ['sg-0a1b2c3d4e5f60003'],
                }
              : undefined,
          interactiveConfiguration: {
            studioEnabled: true,
            sessionEnabled: true,
          },
          monitoringConfiguration: {
            s3MonitoringConfiguration: { logUri: demo.logUri },
          },
        }),
      };
      this.applications.set(app.id, app);
      const history = this.region === DEMO.region ? 40 : 8;
      const diskGB = demo.team === 'data-team-b' ? 60 : 20;
      let lastEnd = 0;
      for (let i = history; i >= 1; i--) {
        const created =
          now -
          Math.round((i / history) * 14 * DAY) -
          this.random.int(0, 3 * HOUR);
        const run = this.seededRun(app, demo, created, diskGB);
        this.addRun(run);
        lastEnd = Math.max(lastEnd, runEndsAt(run.plan));
      }
      if (demo.team === 'data-team-a' && this.region === DEMO.region) {
        // A run running now, so the application is STARTED.
        const created = now - 4 * MINUTE;
        const run = this.seededRun(app, demo, created, diskGB, {
          outcome: 'SUCCESS',
          runningMinutes: 25,
        });
        this.addRun(run);
        app.state = 'STARTED';
        app.stateSince = created - 2 * MINUTE;
      } else {
        app.state = 'STOPPED';
        app.stateSince = lastEnd + 16 * MINUTE;
        app.autoStopped = true;
        app.stateDetails = AUTO_STOPPED_DETAILS;
      }
      app.updatedAt = app.stateSince;
    }
  }

  private seededRun(
    app: ApplicationRecord,
    demo: {
      team: string;
      executionRoleArn: string;
      codeBucket: string;
      logUri: string;
    },
    createdAt: number,
    diskGB: number,
    fixed?: { outcome: RunOutcome['outcome']; runningMinutes: number },
  ): JobRunRecord {
    const jobs = [
      'daily-sales-etl',
      'sessionize-clickstream',
      'feature-backfill',
      'orders-compaction',
    ];
    const job = this.random.pick(jobs);
    const executors = this.random.pick([2, 4, 8]);
    const retries = this.random.chance(0.2) ? 2 : 1;
    const outcome: RunOutcome = fixed
      ? { outcome: fixed.outcome }
      : this.randomOutcome();
    const attempts: AttemptPlan[] = [];
    let at = wholeSeconds(createdAt);
    for (let n = 1; n <= retries; n++) {
      const pendingAt = at + (n === 1 ? 15 * SECOND : 0);
      const scheduledAt = pendingAt + this.random.int(20, 120) * SECOND;
      const runningAt = scheduledAt + this.random.int(10, 40) * SECOND;
      const minutes = fixed?.runningMinutes ?? this.random.int(6, 45);
      const endsAt = runningAt + minutes * MINUTE;
      // A retried run's earlier attempts failed; its last one has the run's outcome.
      const last = n === retries;
      attempts.push({
        createdAt: at,
        pendingAt,
        scheduledAt,
        runningAt,
        endsAt,
        outcome: last
          ? outcome
          : { outcome: 'FAILED', stateDetails: FAILURES[1] },
      });
      if (last) break;
      at = endsAt + MINUTE;
    }
    const id = this.newId();
    const cancelled = !fixed && this.random.chance(0.05);
    const plan: JobRunPlan = { attempts, shape: shapeOf(executors, diskGB) };
    if (cancelled) {
      const first = attempts[0];
      plan.attempts = [first];
      plan.cancelRequestedAt = first.runningAt + 2 * MINUTE;
      plan.cancelledAt = plan.cancelRequestedAt + 30 * SECOND;
    }
    return {
      id,
      applicationId: app.id,
      arn: `${app.arn}/jobruns/${id}`,
      name: `${job}-${new Date(createdAt).toISOString().slice(0, 10)}`,
      clientToken: `seed-${id}`,
      createdBy: `arn:aws:sts::${DEMO.accountId}:assumed-role/backstage-emr-eks/backstage@${demo.team}-lead`,
      executionRole: demo.executionRoleArn,
      releaseLabel: app.releaseLabel,
      mode: 'BATCH',
      jobDriver: {
        sparkSubmit: {
          entryPoint: `${demo.codeBucket}/jobs/${job}/main.py`,
          entryPointArguments: [
            '--date',
            new Date(createdAt).toISOString().slice(0, 10),
          ],
          sparkSubmitParameters: `--conf spark.executor.instances=${executors} --conf spark.executor.cores=4 --conf spark.executor.memory=14g`,
        },
      },
      configurationOverrides: {
        applicationConfiguration: [
          {
            classification: 'spark-defaults',
            properties: { 'spark.dynamicAllocation.enabled': 'false' },
          },
        ],
        monitoringConfiguration: {
          s3MonitoringConfiguration: { logUri: demo.logUri },
        },
      },
      executionTimeoutMinutes: 720,
      retryPolicy: retries > 1 ? { maxAttempts: retries } : undefined,
      tags: { team: demo.team, job },
      plan,
    };
  }
}

function withDefaults(settings: Record<string, unknown>): ApplicationSettings {
  const given = settings as Partial<ApplicationSettings>;
  return {
    ...settings,
    autoStartConfiguration: {
      enabled: given.autoStartConfiguration?.enabled ?? true,
    },
    autoStopConfiguration: {
      enabled: given.autoStopConfiguration?.enabled ?? true,
      idleTimeoutMinutes:
        given.autoStopConfiguration?.idleTimeoutMinutes ??
        DEFAULT_IDLE_TIMEOUT_MINUTES,
    },
  };
}

function newestFirst<T extends { id: string }>(at: (item: T) => number) {
  return (a: T, b: T) => at(b) - at(a) || (a.id < b.id ? 1 : -1);
}

export function sortKey(createdAt: number, id: string): string {
  return `${String(createdAt).padStart(15, '0')}:${id}`;
}
