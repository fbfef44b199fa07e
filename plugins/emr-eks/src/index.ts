/**
 * Frontend plugin showing Amazon EMR on EKS job runs on catalog entity pages.
 *
 * @packageDocumentation
 */
export { emrEksPlugin, EntityEmrJobRunsContent } from './plugin';
export { emrEksApiRef, EmrEksClient } from './api';
export type { EmrEksApi } from './api';
export {
  EMR_VIRTUAL_CLUSTER_ARN_ANNOTATION,
  EMR_VIRTUAL_CLUSTER_RESOURCE_TYPE,
  isEmrVirtualClusterAvailable,
} from '@emr-eks/plugin-emr-eks-common';
export type {
  JobRunPage,
  JobRunQuery,
  JobRunState,
  JobRunSummary,
} from '@emr-eks/plugin-emr-eks-common';
