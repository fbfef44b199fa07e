/**
 * Job run states of the emr-containers API, in lifecycle order.
 *
 * @public
 */
export const JOB_RUN_STATES = [
  'PENDING',
  'SUBMITTED',
  'RUNNING',
  'CANCEL_PENDING',
  'COMPLETED',
  'FAILED',
  'CANCELLED',
] as const;

/** @public */
export type JobRunState = (typeof JOB_RUN_STATES)[number];

/** States after which a job run never changes again. @public */
export const TERMINAL_JOB_RUN_STATES: ReadonlyArray<JobRunState> = [
  'COMPLETED',
  'FAILED',
  'CANCELLED',
];

/** @public */
export function isTerminalJobRunState(state: JobRunState | undefined) {
  return state !== undefined && TERMINAL_JOB_RUN_STATES.includes(state);
}

/** @public */
export type FailureReason =
  | 'INTERNAL_ERROR'
  | 'USER_ERROR'
  | 'VALIDATION_ERROR'
  | 'CLUSTER_UNAVAILABLE';

/**
 * One job run as the backend returns it in lists. Timestamps are ISO 8601 strings.
 *
 * @public
 */
export interface JobRunSummary {
  id: string;
  name?: string;
  arn?: string;
  virtualClusterId: string;
  state: JobRunState;
  releaseLabel?: string;
  executionRoleArn?: string;
  createdAt?: string;
  createdBy?: string;
  finishedAt?: string;
  failureReason?: FailureReason;
  stateDetails?: string;
}

/**
 * A page of job runs. `nextToken` is present when there are more.
 *
 * @public
 */
export interface JobRunPage {
  items: JobRunSummary[];
  nextToken?: string;
}

/**
 * Filters and paging of `GET /v1/entity/:namespace/:kind/:name/job-runs`,
 * the ListJobRuns parameters of the emr-containers API.
 *
 * @public
 */
export interface JobRunQuery {
  states?: JobRunState[];
  createdAfter?: string;
  createdBefore?: string;
  name?: string;
  maxResults?: number;
  nextToken?: string;
}
