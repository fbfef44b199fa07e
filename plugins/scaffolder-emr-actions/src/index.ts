/**
 * Scaffolder backend module with actions that provision an Amazon EMR on EKS tenant.
 *
 * @packageDocumentation
 */
export { scaffolderModuleEmrEks as default } from './module';
export {
  createEmrEksActions,
  createEndpointAction,
  createJobTemplateAction,
  createPrepareNamespaceAction,
  createRoleAction,
  createServerlessApplicationAction,
  createSparkConnectAction,
  createVirtualClusterAction,
  publishPodTemplatesAction,
} from './actions';
export type { EmrActionOptions } from './lib/options';
export type { Caller, TenantAuthorizer } from './lib/authorize';
export { DefaultTenantAuthorizer } from './lib/authorize';
export type { ClientFactory, AwsTarget } from './lib/clients';
export { DefaultClientFactory } from './lib/clients';
export type {
  CatalogProvider,
  KubernetesCluster,
  ProvisioningCluster,
  ProvisioningConfig,
  ServerlessTarget,
  SparkConnectConfig,
} from './lib/config';
export type { TaskRuns, TaskRunStatus } from './lib/taskRuns';
export { readProvisioningConfig } from './lib/config';
export { base36Encode } from './lib/base36';
export {
  irsaTrustPolicy,
  podIdentityTrustPolicy,
  serverlessTrustPolicy,
} from './lib/trustPolicy';
export type {
  IrsaTrustPolicyOptions,
  PodIdentityTrustPolicyOptions,
  ServerlessTrustPolicyOptions,
} from './lib/trustPolicy';
