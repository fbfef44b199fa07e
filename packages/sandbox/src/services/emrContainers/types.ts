/*
 * TypeScript views of the emr-containers shapes the sandbox handles. The
 * model stays the source of truth: these only type what handlers read and
 * write after model validation.
 */

export type JobRunState =
  | 'PENDING'
  | 'SUBMITTED'
  | 'RUNNING'
  | 'FAILED'
  | 'CANCELLED'
  | 'CANCEL_PENDING'
  | 'COMPLETED';

export const TERMINAL_STATES: readonly JobRunState[] = [
  'COMPLETED',
  'FAILED',
  'CANCELLED',
];

export type FailureReason =
  | 'INTERNAL_ERROR'
  | 'USER_ERROR'
  | 'VALIDATION_ERROR'
  | 'CLUSTER_UNAVAILABLE';

export type VirtualClusterState =
  | 'RUNNING'
  | 'TERMINATING'
  | 'TERMINATED'
  | 'ARRESTED';

export interface SparkSubmitJobDriver {
  entryPoint: string;
  entryPointArguments?: string[];
  sparkSubmitParameters?: string;
}

export interface JobDriver {
  sparkSubmitJobDriver?: SparkSubmitJobDriver;
  sparkSqlJobDriver?: { entryPoint?: string; sparkSqlParameters?: string };
}

export interface Configuration {
  classification: string;
  properties?: Record<string, string>;
  configurations?: Configuration[];
}

export interface MonitoringConfiguration {
  persistentAppUI?: 'ENABLED' | 'DISABLED';
  cloudWatchMonitoringConfiguration?: {
    logGroupName: string;
    logStreamNamePrefix?: string;
  };
  s3MonitoringConfiguration?: { logUri: string };
  [member: string]: unknown;
}

export interface ConfigurationOverrides {
  applicationConfiguration?: Configuration[];
  monitoringConfiguration?: MonitoringConfiguration;
}

/** How a run will end when nobody cancels it. */
export interface Outcome {
  outcome: 'COMPLETED' | 'FAILED';
  failureReason?: FailureReason;
  stateDetails?: string;
}

/**
 * A run's whole life, decided when it is created. Its state at any moment is
 * read from this plan and the clock, so moving the clock moves the run.
 */
export interface JobRunPlan extends Outcome {
  createdAt: number;
  submittedAt: number;
  runningAt: number;
  /** When the run reaches `outcome`. */
  endsAt: number;
  cancelRequestedAt?: number;
  cancelledAt?: number;
}

export interface JobRunRecord {
  id: string;
  name?: string;
  virtualClusterId: string;
  arn: string;
  clientToken: string;
  executionRoleArn?: string;
  releaseLabel?: string;
  jobDriver?: JobDriver;
  configurationOverrides?: ConfigurationOverrides;
  createdBy: string;
  tags?: Record<string, string>;
  retryPolicyConfiguration?: { maxAttempts: number };
  plan: JobRunPlan;
}

export interface VirtualClusterRecord {
  id: string;
  name: string;
  arn: string;
  state: VirtualClusterState;
  eksClusterName: string;
  namespace: string;
  createdAt: number;
  tags: Record<string, string>;
  eksAccessEntryIntegrated: boolean;
  /** Set by CreateVirtualCluster (idempotency). */
  clientToken?: string;
  /** When DeleteVirtualCluster was called (TERMINATING, then TERMINATED). */
  deletedAt?: number;
}

export type EndpointState =
  | 'CREATING'
  | 'ACTIVE'
  | 'TERMINATING'
  | 'TERMINATED'
  | 'TERMINATED_WITH_ERRORS';

/** The only managed endpoint type EMR on EKS offers. */
export const JUPYTER_ENTERPRISE_GATEWAY = 'JUPYTER_ENTERPRISE_GATEWAY';

/** How a new endpoint's creation ends. */
export interface EndpointOutcome {
  outcome: 'ACTIVE' | 'TERMINATED_WITH_ERRORS';
  failureReason?: FailureReason;
  stateDetails?: string;
}

/**
 * A managed endpoint's life, planned when it is created, like a job run's:
 * CREATING until `readyAt`, then `outcome`; once a delete was requested,
 * TERMINATING until `terminatedAt`, then TERMINATED.
 */
export interface EndpointPlan extends EndpointOutcome {
  createdAt: number;
  readyAt: number;
  deleteRequestedAt?: number;
  terminatedAt?: number;
}

export interface EndpointRecord {
  id: string;
  name: string;
  virtualClusterId: string;
  arn: string;
  type: string;
  clientToken: string;
  releaseLabel: string;
  executionRoleArn: string;
  certificateArn?: string;
  configurationOverrides?: ConfigurationOverrides;
  /** Host of serverUrl (shown once the endpoint is ACTIVE). */
  serverHost: string;
  securityGroup: string;
  subnetIds: string[];
  tags: Record<string, string>;
  plan: EndpointPlan;
}

export type TemplateParameterDataType = 'NUMBER' | 'STRING';

export interface TemplateParameterConfiguration {
  type?: TemplateParameterDataType;
  defaultValue?: string;
}

/** StartJobRun values with `${Name}` placeholders. */
export interface JobTemplateData {
  executionRoleArn: string;
  releaseLabel: string;
  jobDriver: JobDriver;
  configurationOverrides?: ConfigurationOverrides;
  parameterConfiguration?: Record<string, TemplateParameterConfiguration>;
  jobTags?: Record<string, string>;
}

export interface JobTemplateRecord {
  id: string;
  name: string;
  arn: string;
  clientToken: string;
  createdAt: number;
  createdBy: string;
  tags: Record<string, string>;
  jobTemplateData: JobTemplateData;
  kmsKeyArn?: string;
}
