import type { Staleness } from './types';

/*
 * Wire types of the backend's EMR Serverless routes, under
 * `/v1/entity/:namespace/:kind/:name/serverless/...` for an entity annotated with
 * `aws.amazon.com/emr-serverless-application-arn`. Times are ISO 8601 strings; members
 * AWS leaves out are left out. Documented in the backend's openapi.yaml.
 */

/** The states of an EMR Serverless application. @public */
export const SERVERLESS_APPLICATION_STATES = [
  'CREATING',
  'CREATED',
  'STARTING',
  'STARTED',
  'STOPPING',
  'STOPPED',
  'TERMINATED',
] as const;

/** @public */
export type ServerlessApplicationState =
  (typeof SERVERLESS_APPLICATION_STATES)[number];

/** The states of an EMR Serverless job run (QUEUED: waiting under a job concurrency limit). @public */
export const SERVERLESS_JOB_RUN_STATES = [
  'SUBMITTED',
  'PENDING',
  'SCHEDULED',
  'RUNNING',
  'SUCCESS',
  'FAILED',
  'CANCELLING',
  'CANCELLED',
  'QUEUED',
] as const;

/** @public */
export type ServerlessJobRunState = (typeof SERVERLESS_JOB_RUN_STATES)[number];

/** @public */
export const TERMINAL_SERVERLESS_JOB_RUN_STATES: ReadonlyArray<ServerlessJobRunState> =
  ['SUCCESS', 'FAILED', 'CANCELLED'];

/** @public */
export function isTerminalServerlessJobRunState(
  state: ServerlessJobRunState | undefined,
): boolean {
  return (
    state !== undefined && TERMINAL_SERVERLESS_JOB_RUN_STATES.includes(state)
  );
}

/** CPU, memory and disk as EMR Serverless spells them, e.g. `4 vCPU`, `16 GB`. @public */
export interface ServerlessWorkerResources {
  cpu: string;
  memory: string;
  disk?: string;
}

/**
 * `GET .../serverless/application`: the application's state, capacity and settings.
 *
 * @public
 */
export interface ServerlessApplication {
  applicationId: string;
  arn: string;
  name?: string;
  /** `Spark` or `Hive`. */
  type: string;
  releaseLabel: string;
  state: ServerlessApplicationState;
  stateDetails?: string;
  architecture?: string;
  createdAt: string;
  updatedAt: string;
  /** Pre-initialized workers per worker type (`Driver`, `Executor`, ...), kept warm while STARTED. */
  initialCapacity?: Record<
    string,
    { workerCount: number; workerConfiguration?: ServerlessWorkerResources }
  >;
  /** The most the application may use at once, over all its runs. */
  maximumCapacity?: ServerlessWorkerResources;
  autoStart: { enabled: boolean };
  /** Stops after `idleTimeoutMinutes` without runs or sessions when enabled. */
  autoStop: { enabled: boolean; idleTimeoutMinutes?: number };
  /** VPC access; absent when the application has none. */
  network?: { subnetIds: string[]; securityGroupIds: string[] };
  /** Interactive use: EMR Studio, Livy, sessions. */
  interactive?: {
    studioEnabled?: boolean;
    livyEndpointEnabled?: boolean;
    sessionEnabled?: boolean;
  };
  tags: Record<string, string>;
  stale?: Staleness;
}

/** Answer of starting or stopping an application (202): the state it was asked from. @public */
export interface ServerlessApplicationAction {
  id: string;
  action: 'start' | 'stop';
}

/**
 * Filters and paging of `GET .../serverless/job-runs` (ListJobRuns): `states` any of
 * {@link SERVERLESS_JOB_RUN_STATES}, `createdAfter`/`createdBefore` ISO 8601 times,
 * `maxResults` 1–50.
 *
 * @public
 */
export interface ServerlessJobRunQuery {
  states?: ServerlessJobRunState[];
  createdAfter?: string;
  createdBefore?: string;
  maxResults?: number;
  nextToken?: string;
}

/** A job run in a list. @public */
export interface ServerlessJobRunSummary {
  id: string;
  applicationId: string;
  name?: string;
  arn: string;
  state: ServerlessJobRunState;
  stateDetails?: string;
  /** `BATCH` or `STREAMING`. */
  mode?: string;
  releaseLabel: string;
  executionRole: string;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  /** The attempt the run is on (1 unless retried). */
  attempt?: number;
}

/** @public */
export interface ServerlessJobRunPage {
  items: ServerlessJobRunSummary[];
  nextToken?: string;
  stale?: Staleness;
}

/** vCPU-hours, memory GB-hours and storage GB-hours. @public */
export interface ServerlessResourceUtilization {
  vCPUHour?: number;
  memoryGBHour?: number;
  storageGBHour?: number;
}

/** One attempt of a run (ListJobRunAttempts). @public */
export interface ServerlessJobRunAttempt {
  attempt: number;
  state: ServerlessJobRunState;
  stateDetails?: string;
  createdAt: string;
  updatedAt: string;
}

/**
 * `GET .../serverless/job-runs/:jobRunId`: the run with its driver, configuration, what it
 * used (`totalResourceUtilization`, growing while it runs) and what is billed
 * (`billedResourceUtilization`, once finished: at least one minute per worker, storage above
 * the free 20 GB per worker), and its attempts.
 *
 * @public
 */
export interface ServerlessJobRunDetail extends ServerlessJobRunSummary {
  jobDriver: {
    sparkSubmit?: {
      entryPoint: string;
      entryPointArguments?: string[];
      sparkSubmitParameters?: string;
    };
    hive?: { query: string; initQueryFile?: string; parameters?: string };
  };
  configurationOverrides?: {
    applicationConfiguration?: Array<{
      classification: string;
      properties?: Record<string, string>;
      configurations?: unknown[];
    }>;
    monitoringConfiguration?: Record<string, unknown>;
  };
  tags: Record<string, string>;
  startedAt?: string;
  endedAt?: string;
  totalExecutionDurationSeconds?: number;
  executionTimeoutMinutes?: number;
  queuedDurationMilliseconds?: number;
  totalResourceUtilization?: ServerlessResourceUtilization;
  billedResourceUtilization?: ServerlessResourceUtilization;
  retryPolicy?: { maxAttempts?: number; maxFailedAttemptsPerHour?: number };
  attempts: ServerlessJobRunAttempt[];
}

/** `GET .../serverless/job-runs/:jobRunId/dashboard`: a short-lived Spark UI link. @public */
export interface ServerlessDashboard {
  url: string;
}

/** Answer of a cancel (202). @public */
export interface ServerlessCancelledJobRun {
  id: string;
  applicationId: string;
}

/** Interactive session states, as EMR Serverless reports them. @public */
export const SERVERLESS_SESSION_STATES = [
  'SUBMITTED',
  'STARTING',
  'STARTED',
  'IDLE',
  'BUSY',
  'FAILED',
  'TERMINATING',
  'TERMINATED',
] as const;

/** @public */
export type ServerlessSessionState = (typeof SERVERLESS_SESSION_STATES)[number];

/** Session states with a live endpoint. @public */
export const LIVE_SERVERLESS_SESSION_STATES: ReadonlyArray<ServerlessSessionState> =
  ['STARTED', 'IDLE', 'BUSY'];

/** Filters and paging of `GET .../serverless/sessions` (ListSessions). @public */
export interface ServerlessSessionQuery {
  states?: ServerlessSessionState[];
  maxResults?: number;
  nextToken?: string;
}

/** An interactive session in a list. @public */
export interface ServerlessSessionSummary {
  id: string;
  applicationId: string;
  name?: string;
  arn: string;
  state: ServerlessSessionState;
  stateDetails?: string;
  releaseLabel: string;
  executionRoleArn: string;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

/** @public */
export interface ServerlessSessionPage {
  items: ServerlessSessionSummary[];
  nextToken?: string;
  stale?: Staleness;
}

/**
 * `GET .../serverless/sessions/:sessionId`: the session, and its endpoint URL while it is
 * live (STARTED, IDLE or BUSY). The endpoint's auth token is never passed on: it would let
 * anyone who may read the entity act in the session.
 *
 * @public
 */
export interface ServerlessSessionDetail extends ServerlessSessionSummary {
  startedAt?: string;
  endedAt?: string;
  idleSince?: string;
  idleTimeoutMinutes?: number;
  totalExecutionDurationSeconds?: number;
  totalResourceUtilization?: ServerlessResourceUtilization;
  billedResourceUtilization?: ServerlessResourceUtilization;
  tags: Record<string, string>;
  endpoint?: string;
}

/** Answer of a terminate (202). @public */
export interface ServerlessTerminatedSession {
  id: string;
  applicationId: string;
}

/** What a run of an EMR Serverless job submits: Spark or Hive. @public */
export type ServerlessJobDriver = ServerlessJobRunDetail['jobDriver'];

/**
 * A job definition a team saved for its EMR Serverless application (EMR Serverless has no
 * job templates): what a run started from it submits. Body of
 * `POST .../serverless/job-definitions`.
 *
 * @public
 */
export interface ServerlessJobDefinitionRequest {
  name: string;
  executionRoleArn: string;
  jobDriver: ServerlessJobDriver;
  configurationOverrides?: ServerlessJobRunDetail['configurationOverrides'];
  executionTimeoutMinutes?: number;
  tags?: Record<string, string>;
}

/** A saved job definition, with who saved it and when. @public */
export interface ServerlessJobDefinition
  extends ServerlessJobDefinitionRequest {
  createdBy: string;
  createdAt: string;
}

/** `GET .../serverless/job-definitions`. @public */
export interface ServerlessJobDefinitionPage {
  items: ServerlessJobDefinition[];
}

/** Body of `POST .../serverless/job-runs`: a run of a saved job definition. @public */
export interface StartServerlessJobRunRequest {
  jobDefinition: string;
  /** The run's name; the job definition's name when left out. */
  name?: string;
}

/** Answer of a start or rerun (202). @public */
export interface ServerlessStartedJobRun {
  id: string;
  name?: string;
  arn: string;
  applicationId: string;
}
