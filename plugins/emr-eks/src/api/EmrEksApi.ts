import { CompoundEntityRef } from '@backstage/catalog-model';
import { createApiRef } from '@backstage/core-plugin-api';
import {
  EndpointState,
  JobRunDetail,
  JobRunPage,
  JobRunQuery,
  JobTemplate,
  JobTemplatePage,
  ManagedEndpoint,
  ManagedEndpointPage,
  StartJobRunRequest,
  StartedJobRun,
  VirtualCluster,
  VirtualClusterSummary,
} from '@emr-eks/plugin-emr-eks-common';

/**
 * Filters and paging of the managed endpoints of a virtual cluster.
 *
 * @public
 */
export interface EndpointQuery {
  states?: EndpointState[];
  maxResults?: number;
  nextToken?: string;
}

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
}

/** @public */
export const emrEksApiRef = createApiRef<EmrEksApi>({
  id: 'plugin.emr-eks.service',
});
