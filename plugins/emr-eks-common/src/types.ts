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

/** A Spark application configuration (classification and properties). @public */
export interface ApplicationConfiguration {
  classification: string;
  properties?: Record<string, string>;
  configurations?: ApplicationConfiguration[];
}

/** Where a job run's logs and UI go. @public */
export interface MonitoringConfiguration {
  persistentAppUI?: 'ENABLED' | 'DISABLED';
  cloudWatchMonitoringConfiguration?: {
    logGroupName: string;
    logStreamNamePrefix?: string;
  };
  s3MonitoringConfiguration?: { logUri: string };
}

/** @public */
export interface ConfigurationOverrides {
  applicationConfiguration?: ApplicationConfiguration[];
  monitoringConfiguration?: MonitoringConfiguration;
}

/** @public */
export interface JobDriver {
  sparkSubmitJobDriver?: {
    entryPoint: string;
    entryPointArguments?: string[];
    sparkSubmitParameters?: string;
  };
  sparkSqlJobDriver?: {
    entryPoint?: string;
    sparkSqlParameters?: string;
  };
}

/**
 * Everything DescribeJobRun tells about one run.
 *
 * @public
 */
export interface JobRunDetail extends JobRunSummary {
  jobDriver?: JobDriver;
  configurationOverrides?: ConfigurationOverrides;
  tags?: Record<string, string>;
  retryPolicyConfiguration?: { maxAttempts: number };
  retryPolicyExecution?: { currentAttemptCount: number };
}

/**
 * Says that an answer came from the last good copy because EMR on EKS could not be reached.
 *
 * @public
 */
export interface Staleness {
  /** When the copy was fetched from AWS. */
  asOf: string;
  ageSeconds: number;
  reason: string;
}

/**
 * A page of job runs. `nextToken` is present when there are more.
 *
 * @public
 */
export interface JobRunPage {
  items: JobRunSummary[];
  nextToken?: string;
  stale?: Staleness;
}

/**
 * Filters and paging of `GET /v1/entity/:namespace/:kind/:name/endpoints`, the
 * ListManagedEndpoints parameters of the emr-containers API.
 *
 * @public
 */
export interface EndpointQuery {
  states?: EndpointState[];
  maxResults?: number;
  nextToken?: string;
}

/**
 * Paging of a list without filters (`GET /v1/entity/:namespace/:kind/:name/job-templates`).
 *
 * @public
 */
export interface PageQuery {
  maxResults?: number;
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

/**
 * Body of `POST /v1/entity/:namespace/:kind/:name/job-runs`: start a run from a job template.
 *
 * @public
 */
export interface StartJobRunRequest {
  jobTemplateId: string;
  jobTemplateParameters?: Record<string, string>;
  /** Defaults to the template's name. */
  name?: string;
}

/** What starting or rerunning a job answers. @public */
export interface StartedJobRun {
  id: string;
  name?: string;
  arn?: string;
  virtualClusterId: string;
}

/** @public */
export const ENDPOINT_STATES = [
  'CREATING',
  'ACTIVE',
  'TERMINATING',
  'TERMINATED',
  'TERMINATED_WITH_ERRORS',
] as const;

/** @public */
export type EndpointState = (typeof ENDPOINT_STATES)[number];

/**
 * A managed (interactive) endpoint of a virtual cluster.
 *
 * @public
 */
export interface ManagedEndpoint {
  id: string;
  name?: string;
  arn?: string;
  virtualClusterId: string;
  type?: string;
  state?: EndpointState;
  releaseLabel?: string;
  executionRoleArn?: string;
  certificateArn?: string;
  serverUrl?: string;
  createdAt?: string;
  stateDetails?: string;
  failureReason?: FailureReason;
  configurationOverrides?: ConfigurationOverrides;
  tags?: Record<string, string>;
}

/** @public */
export interface ManagedEndpointPage {
  items: ManagedEndpoint[];
  nextToken?: string;
  stale?: Staleness;
}

/** @public */
export interface TemplateParameterConfiguration {
  type?: 'STRING' | 'NUMBER';
  defaultValue?: string;
}

/**
 * A job template: the configuration of runs started from it, with `${parameters}`.
 *
 * @public
 */
export interface JobTemplate {
  id: string;
  name?: string;
  arn?: string;
  createdAt?: string;
  createdBy?: string;
  tags?: Record<string, string>;
  jobTemplateData?: {
    executionRoleArn: string;
    releaseLabel: string;
    jobDriver: JobDriver;
    configurationOverrides?: ConfigurationOverrides;
    parameterConfiguration?: Record<string, TemplateParameterConfiguration>;
    jobTags?: Record<string, string>;
  };
  /** Present when this is the last good copy because AWS could not answer. */
  stale?: Staleness;
}

/**
 * The job templates offered on a virtual cluster. Without `maxResults` the page holds all
 * of them; `nextToken` is the backend's own token for the next page.
 *
 * @public
 */
export interface JobTemplatePage {
  items: JobTemplate[];
  nextToken?: string;
  stale?: Staleness;
}

/** @public */
export type VirtualClusterState =
  | 'RUNNING'
  | 'TERMINATING'
  | 'TERMINATED'
  | 'ARRESTED';

/** @public */
export interface VirtualCluster {
  id: string;
  name?: string;
  arn?: string;
  state?: VirtualClusterState;
  containerProvider?: {
    type: string;
    id: string;
    info?: { eksInfo?: { namespace?: string } };
  };
  createdAt?: string;
  tags?: Record<string, string>;
  /** Present when this is the last good copy because AWS could not answer. */
  stale?: Staleness;
}

/** A count of {@link VirtualClusterSummary}. @public */
export type SummaryCount = 'active' | 'running' | 'failedLast24h';

/**
 * Counts for a team's overview of one virtual cluster.
 *
 * @public
 */
export interface VirtualClusterSummary {
  virtualClusterId: string;
  /** Runs not yet terminal: PENDING, SUBMITTED, RUNNING, CANCEL_PENDING. */
  active: number;
  running: number;
  failedLast24h: number;
  /**
   * The counts that stopped at the backend's limit (10 pages of 100 runs): there are at
   * least that many. Absent when every count is exact.
   */
  truncated?: SummaryCount[];
  stale?: Staleness;
}
