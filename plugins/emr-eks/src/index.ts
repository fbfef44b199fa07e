/**
 * Frontend plugin showing Amazon EMR on EKS job runs on catalog entity pages.
 *
 * @packageDocumentation
 */
export {
  emrEksPlugin,
  emrHomeRouteRef,
  EmrHomePage,
  EntityEmrCostContent,
  EntityEmrEndpointsContent,
  EntityEmrJobRunsContent,
  EntityEmrServerlessApplicationCard,
  EntityEmrServerlessContent,
  EntityEmrTeamCard,
} from './plugin';
export type { EmrHomePageProps } from './components/EmrHomePage';
export type { EntityEmrTeamCardProps } from './components/EntityEmrTeamCard';
export { isEmrCostAvailable } from './components/EntityEmrCostContent/isEmrCostAvailable';
export type { EntityEmrCostContentProps } from './components/EntityEmrCostContent';
export { emrEksApiRef, EmrEksClient } from './api';
export type {
  AcceptedChange,
  CostCsv,
  CostPeriod,
  CostQuery,
  CostWindowName,
  EmrEksApi,
  EndpointQuery,
} from './api';
export {
  EMR_SERVERLESS_APPLICATION_ARN_ANNOTATION,
  EMR_SERVERLESS_APPLICATION_RESOURCE_TYPE,
  isEmrServerlessApplicationAvailable,
  EMR_VIRTUAL_CLUSTER_ARN_ANNOTATION,
  EMR_VIRTUAL_CLUSTER_RESOURCE_TYPE,
  isEmrVirtualClusterAvailable,
} from '@emr-eks/plugin-emr-eks-common';
export type {
  CapacityType,
  CostBasis,
  CostReport,
  CostTotals,
  CostWindow,
  DailyCost,
  EndpointState,
  JobRunCost,
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
  SparkComponent,
  StartedJobRun,
  VirtualCluster,
  VirtualClusterSummary,
  ServerlessApplication,
  ServerlessJobDefinition,
  ServerlessJobDefinitionPage,
  ServerlessJobRunDetail,
  ServerlessJobRunPage,
  ServerlessJobRunQuery,
  ServerlessJobRunSummary,
  ServerlessStartedJobRun,
  StartServerlessJobRunRequest,
} from '@emr-eks/plugin-emr-eks-common';
