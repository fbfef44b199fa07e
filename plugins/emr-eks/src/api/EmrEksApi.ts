import { CompoundEntityRef } from '@backstage/catalog-model';
import { createApiRef } from '@backstage/core-plugin-api';
import {
  BudgetStatus,
  CostReport,
  EndpointQuery,
  JobRunDetail,
  JobRunPage,
  JobRunQuery,
  JobTemplate,
  JobTemplatePage,
  ManagedEndpoint,
  ManagedEndpointPage,
  ServerlessApplication,
  ServerlessApplicationAction,
  ServerlessCancelledJobRun,
  ServerlessDashboard,
  ServerlessJobRunDetail,
  ServerlessJobDefinitionPage,
  ServerlessJobRunPage,
  ServerlessJobRunQuery,
  ServerlessStartedJobRun,
  DeletedSparkApplication,
  SparkApplicationDetail,
  SparkApplicationPage,
  SparkApplicationTemplate,
  SparkApplicationTemplatePage,
  SparkApplicationTemplateRequest,
  SparkConnectServer,
  SparkConnectServerList,
  SparkDriverLog,
  StartJobRunRequest,
  StartServerlessJobRunRequest,
  StartSparkApplicationRequest,
  StartedJobRun,
  StartedSparkApplication,
  VirtualCluster,
  VirtualClusterSummary,
} from '@emr-eks/plugin-emr-eks-common';

// The endpoint list's query is the wire contract, shared with the backend.
export type { EndpointQuery } from '@emr-eks/plugin-emr-eks-common';

/**
 * What the backend answers when it accepted to cancel a job run or delete an
 * endpoint; the change itself happens afterwards.
 *
 * @public
 */
export interface AcceptedChange {
  id: string;
  virtualClusterId: string;
}

/**
 * The windows the cost of an entity can be read for, ending now: 7, 30 or 90
 * days.
 *
 * @public
 */
export type CostWindowName = '7d' | '30d' | '90d';

/**
 * The days a cost report covers: a window ending now, or `start` and `end`
 * (`YYYY-MM-DD`, UTC).
 *
 * @public
 */
export type CostPeriod =
  | { window: CostWindowName }
  | { start: string; end: string };

/**
 * What cost to read: an entity's for a period, or one job run's (a report
 * restricted to that run), for a period or the default window of 30 days.
 *
 * @public
 */
export type CostQuery =
  | (CostPeriod & { jobRunId?: string })
  | { jobRunId: string };

/**
 * A cost report as CSV, one row per job run and day, with the file name the
 * backend suggests.
 *
 * @public
 */
export interface CostCsv {
  blob: Blob;
  filename: string;
}

/**
 * Reads and changes Amazon EMR on EKS data for catalog entities through the
 * emr-eks backend. Every method takes the entity that stands for the virtual
 * cluster.
 *
 * @public
 */
export interface EmrEksApi {
  /**
   * Lists one page of the job runs of the virtual cluster an entity stands for,
   * newest first. Pass the `nextToken` of a page to get the page after it.
   */
  listJobRuns(
    entityRef: CompoundEntityRef,
    query?: JobRunQuery,
  ): Promise<JobRunPage>;

  /** Everything about one job run. */
  getJobRun(
    entityRef: CompoundEntityRef,
    jobRunId: string,
  ): Promise<JobRunDetail>;

  /** Starts a job run from a job template. */
  startJobRun(
    entityRef: CompoundEntityRef,
    request: StartJobRunRequest,
  ): Promise<StartedJobRun>;

  /** Starts a new job run with the same configuration as an earlier one. */
  rerunJobRun(
    entityRef: CompoundEntityRef,
    jobRunId: string,
  ): Promise<StartedJobRun>;

  /** Asks EMR on EKS to cancel a job run that has not ended. */
  cancelJobRun(
    entityRef: CompoundEntityRef,
    jobRunId: string,
  ): Promise<AcceptedChange>;

  /** Lists one page of the managed endpoints of the virtual cluster. */
  listEndpoints(
    entityRef: CompoundEntityRef,
    query?: EndpointQuery,
  ): Promise<ManagedEndpointPage>;

  /** One managed endpoint. */
  getEndpoint(
    entityRef: CompoundEntityRef,
    endpointId: string,
  ): Promise<ManagedEndpoint>;

  /** Asks EMR on EKS to delete a managed endpoint. */
  deleteEndpoint(
    entityRef: CompoundEntityRef,
    endpointId: string,
  ): Promise<AcceptedChange>;

  /** The job templates runs can be started from. */
  listJobTemplates(entityRef: CompoundEntityRef): Promise<JobTemplatePage>;

  /** One job template, with its parameters. */
  getJobTemplate(
    entityRef: CompoundEntityRef,
    templateId: string,
  ): Promise<JobTemplate>;

  /** The virtual cluster itself. */
  getVirtualCluster(entityRef: CompoundEntityRef): Promise<VirtualCluster>;

  /** Counts of running and recently failed job runs of the virtual cluster. */
  getVirtualClusterSummary(
    entityRef: CompoundEntityRef,
  ): Promise<VirtualClusterSummary>;
  /**
   * The cost of a virtual-cluster Resource, or of every virtual cluster a Group
   * owns, for a period and the period before it; or the cost of one job run.
   */
  getCost(entityRef: CompoundEntityRef, query: CostQuery): Promise<CostReport>;
  /**
   * The same cost as CSV (one row per job run and day), fetched with the
   * user's credentials, for saving as a file.
   */
  getCostCsv(
    entityRef: CompoundEntityRef,
    period: CostPeriod,
  ): Promise<CostCsv>;
  /**
   * This month's spend of a Group's virtual clusters (or of one) against its
   * monthly budget, with the forecast to the month's end.
   */
  getBudget(entityRef: CompoundEntityRef): Promise<BudgetStatus>;

  /*
   * EMR Serverless: every method takes the entity that stands for the
   * application (annotated with its ARN).
   */

  /** The application: state, capacity, auto-start and auto-stop. */
  getServerlessApplication(
    entityRef: CompoundEntityRef,
  ): Promise<ServerlessApplication>;

  /** Asks EMR Serverless to start the application (its pre-initialized capacity). */
  startServerlessApplication(
    entityRef: CompoundEntityRef,
  ): Promise<ServerlessApplicationAction>;

  /** Asks EMR Serverless to stop the application. */
  stopServerlessApplication(
    entityRef: CompoundEntityRef,
  ): Promise<ServerlessApplicationAction>;

  /** One page of the application's job runs, newest first. */
  listServerlessJobRuns(
    entityRef: CompoundEntityRef,
    query?: ServerlessJobRunQuery,
  ): Promise<ServerlessJobRunPage>;

  /** Everything about one job run, with its attempts and utilisation. */
  getServerlessJobRun(
    entityRef: CompoundEntityRef,
    jobRunId: string,
  ): Promise<ServerlessJobRunDetail>;

  /** A short-lived link to the run's Spark UI (live or history server). */
  getServerlessDashboard(
    entityRef: CompoundEntityRef,
    jobRunId: string,
  ): Promise<ServerlessDashboard>;

  /** Asks EMR Serverless to cancel a job run that has not ended. */
  cancelServerlessJobRun(
    entityRef: CompoundEntityRef,
    jobRunId: string,
  ): Promise<ServerlessCancelledJobRun>;

  /** The job definitions the team saved for the application. */
  listServerlessJobDefinitions(
    entityRef: CompoundEntityRef,
  ): Promise<ServerlessJobDefinitionPage>;

  /** Starts a job run from a saved job definition. */
  startServerlessJobRun(
    entityRef: CompoundEntityRef,
    request: StartServerlessJobRunRequest,
  ): Promise<ServerlessStartedJobRun>;

  /** Starts a new job run configured like an earlier one. */
  rerunServerlessJobRun(
    entityRef: CompoundEntityRef,
    jobRunId: string,
  ): Promise<ServerlessStartedJobRun>;
  /** The Spark Operator and spark-submit runs in the entity's namespace. */
  listSparkApplications(
    entityRef: CompoundEntityRef,
  ): Promise<SparkApplicationPage>;
  /** One of them by its id (a SparkApplication's or driver pod's name). */
  getSparkApplication(
    entityRef: CompoundEntityRef,
    id: string,
  ): Promise<SparkApplicationDetail>;
  /** The last `tailLines` lines of its driver's log (1–1000). */
  getSparkDriverLog(
    entityRef: CompoundEntityRef,
    id: string,
    tailLines?: number,
  ): Promise<SparkDriverLog>;
  /** The Spark application templates the team saved for the entity's virtual cluster. */
  listSparkApplicationTemplates(
    entityRef: CompoundEntityRef,
  ): Promise<SparkApplicationTemplatePage>;
  /** Saves a template (the same name again replaces it). */
  saveSparkApplicationTemplate(
    entityRef: CompoundEntityRef,
    template: SparkApplicationTemplateRequest,
  ): Promise<SparkApplicationTemplate>;
  /** Creates a SparkApplication from a saved template in the entity's namespace. */
  startSparkApplication(
    entityRef: CompoundEntityRef,
    request: StartSparkApplicationRequest,
  ): Promise<StartedSparkApplication>;
  /** Creates a portal-made SparkApplication again, under a new name. */
  rerunSparkApplication(
    entityRef: CompoundEntityRef,
    id: string,
  ): Promise<StartedSparkApplication>;
  /** Deletes a SparkApplication (a cancel while it runs). */
  deleteSparkApplication(
    entityRef: CompoundEntityRef,
    id: string,
  ): Promise<DeletedSparkApplication>;
  /** The Spark Connect servers the template made in the entity's namespace. */
  listSparkConnectServers(
    entityRef: CompoundEntityRef,
  ): Promise<SparkConnectServerList>;
  /** Stops one (its SparkApplication goes; its address stays). */
  stopSparkConnectServer(
    entityRef: CompoundEntityRef,
    name: string,
  ): Promise<SparkConnectServer>;
  /** Starts a stopped one again, as it was. */
  startSparkConnectServer(
    entityRef: CompoundEntityRef,
    name: string,
  ): Promise<SparkConnectServer>;
}

/** @public */
export const emrEksApiRef = createApiRef<EmrEksApi>({
  id: 'plugin.emr-eks.service',
});
