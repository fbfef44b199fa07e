/**
 * Frontend plugin showing Amazon EMR on EKS job runs on catalog entity pages.
 *
 * @packageDocumentation
 */
export {
  emrEksPlugin,
  EntityEmrEndpointsContent,
  EntityEmrJobRunsContent,
  EntityEmrTeamCard,
} from './plugin';
export type { EntityEmrTeamCardProps } from './components/EntityEmrTeamCard';
export { emrEksApiRef, EmrEksClient } from './api';
export type { AcceptedChange, EmrEksApi, EndpointQuery } from './api';
export {
  EMR_VIRTUAL_CLUSTER_ARN_ANNOTATION,
  EMR_VIRTUAL_CLUSTER_RESOURCE_TYPE,
  isEmrVirtualClusterAvailable,
} from '@emr-eks/plugin-emr-eks-common';
export type {
  EndpointState,
  JobRunDetail,
  JobRunPage,
  JobRunQuery,
  JobRunState,
  JobRunSummary,
  JobTemplate,
  JobTemplatePage,
  ManagedEndpoint,
  ManagedEndpointPage,
  StartJobRunRequest,
  StartedJobRun,
  VirtualCluster,
  VirtualClusterSummary,
} from '@emr-eks/plugin-emr-eks-common';
