import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import type { ResourcePermission } from '@backstage/plugin-permission-common';
import {
  EndpointQuery,
  JobRunDetail,
  JobRunPage,
  JobRunQuery,
  JobTemplate,
  JobTemplatePage,
  ManagedEndpoint,
  ManagedEndpointPage,
  PageQuery,
  StartJobRunRequest,
  StartedJobRun,
  VirtualCluster,
  VirtualClusterSummary,
} from '@emr-eks/plugin-emr-eks-common';

/** What every entity-scoped request carries. @public */
export interface EntityRequest {
  entityRef: CompoundEntityRef;
  credentials: BackstageCredentials;
}

// The list queries are the wire contract, shared with the frontend; re-exported here for callers of the service.
export type { EndpointQuery, PageQuery } from '@emr-eks/plugin-emr-eks-common';

/** What a write did, for the audit log. @public */
export interface WriteResult<T> {
  result: T;
  /** The AWS resources the write touched. */
  target: { accountId: string; region: string; virtualClusterId: string };
}

/**
 * EMR on EKS data and actions for catalog entities, served only to callers who may see
 * the entity and hold the permission for the action.
 *
 * @public
 */
export interface EmrEksService {
  listJobRuns(
    request: EntityRequest & { query: JobRunQuery },
  ): Promise<JobRunPage>;
  describeJobRun(
    request: EntityRequest & { jobRunId: string },
  ): Promise<JobRunDetail>;
  startJobRun(
    request: EntityRequest & { body: StartJobRunRequest },
  ): Promise<WriteResult<StartedJobRun>>;
  rerunJobRun(
    request: EntityRequest & { jobRunId: string },
  ): Promise<WriteResult<StartedJobRun>>;
  cancelJobRun(
    request: EntityRequest & { jobRunId: string },
  ): Promise<WriteResult<{ id: string; virtualClusterId: string }>>;
  listEndpoints(
    request: EntityRequest & { query: EndpointQuery },
  ): Promise<ManagedEndpointPage>;
  describeEndpoint(
    request: EntityRequest & { endpointId: string },
  ): Promise<ManagedEndpoint>;
  deleteEndpoint(
    request: EntityRequest & { endpointId: string },
  ): Promise<WriteResult<{ id: string; virtualClusterId: string }>>;
  listJobTemplates(
    request: EntityRequest & { query: PageQuery },
  ): Promise<JobTemplatePage>;
  describeJobTemplate(
    request: EntityRequest & { templateId: string },
  ): Promise<JobTemplate>;
  describeVirtualCluster(request: EntityRequest): Promise<VirtualCluster>;
  summarize(request: EntityRequest): Promise<VirtualClusterSummary>;
  /**
   * The entity's virtual cluster for a write that is not an emr-containers call (the Spark
   * Operator actions), checked as every write is: `permission` on the entity, a signed-in
   * user, a fresh copy from AWS, and its owner (platform config, else AWS tag) the entity's.
   */
  virtualClusterForWrite(
    request: EntityRequest & {
      permission: ResourcePermission<'catalog-entity'>;
    },
  ): Promise<VirtualClusterForWrite>;
}

/** What {@link EmrEksService.virtualClusterForWrite} found. @public */
export interface VirtualClusterForWrite {
  cluster: VirtualCluster;
  target: WriteResult<unknown>['target'];
  /** The entity's owner, which owns the virtual cluster. */
  owner: string;
  /** The signed-in user who asked. */
  user: string;
}
