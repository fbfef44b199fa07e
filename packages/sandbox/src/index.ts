/**
 * Local sandbox that speaks the AWS emr-containers and emr-serverless REST-JSON APIs, and the
 * Kubecost and OpenCost cost APIs derived from its job runs, so the portal
 * and end-to-end tests run without an AWS account or a cluster.
 *
 * @packageDocumentation
 */
export {
  createSandbox,
  DEFAULT_ACCELERATE,
  DEFAULT_PORT,
  DEFAULT_SEED,
  EMR_CONTAINERS_RBAC_NAME,
} from './sandbox';
export type {
  KubecostControls,
  RunningSandbox,
  Sandbox,
  SandboxOptions,
} from './sandbox';
export { manualClock, systemClock } from './clock';
export type { Clock } from './clock';
export {
  DEMO,
  DEMO_TEAMS,
  jobRunArn,
  jobTemplateArn,
  managedEndpointArn,
  serverlessApplicationArn,
  virtualClusterArn,
} from './demo';
export type { DemoTeam } from './demo';
export { Random } from './random';
export {
  PUBLISHED_COST_RESPONSES_DIR,
  publishedCostResponse,
} from './fixtures';
export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './paging';
export { DEFAULT_REGION } from './sigv4';
export {
  FaultInjector,
  MAX_FAULT_LATENCY_MS,
  RequestStats,
  THROTTLING_ERROR,
  THROTTLING_MESSAGE,
} from './traffic';
export type {
  ActiveFaultRule,
  FaultConfig,
  FaultKind,
  FaultRule,
  FaultsView,
  StatsSnapshot,
} from './traffic';
export {
  EmrContainersStore,
  endpointStatusAt,
  FAILURE_REASON_TAG,
  NEW_ENDPOINT_SECONDS,
  NEW_RUN_SECONDS,
  OUTCOME_TAG,
  OutcomeQueue,
  statusAt,
} from './services/emrContainers';
export type * from './services/emrContainers';
export {
  AUTO_STOPPED_DETAILS,
  EMR_SERVERLESS,
  EmrServerlessStore,
  SERVERLESS_SECONDS,
  serverlessOperation,
} from './services/emrServerless';
export type {
  ApplicationRecord as ServerlessApplicationRecord,
  ApplicationState as ServerlessApplicationState,
  JobRunRecord as ServerlessJobRunRecord,
  RunOutcome as ServerlessRunOutcome,
  ServerlessJobRunState,
  SessionState as ServerlessSessionState,
} from './services/emrServerless';
export {
  EKS_CLUSTER_USD_PER_HOUR,
  EMR_LABELS,
  INSTANCE_TYPES,
  KUBECOST_OPERATIONS,
  KUBECOST_PATH_PREFIX,
  ON_DEMAND_USD_PER_HOUR,
  OPENCOST_PATH_PREFIX,
  SPOT_EXECUTOR_SHARE,
  SPOT_PRICE_RANGE,
  splitNodePrice,
  SUBMITTER_SHARE,
} from './services/kubecost';
export type {
  CapacityType,
  KubecostOutage,
  PodRole,
  SimCluster,
  SimNode,
  SimPod,
  Simulation,
} from './services/kubecost';
export {
  checkPolicyDocument,
  IAM_OPERATIONS,
  IamStore,
  MAX_ROLE_TAGS,
  policySize,
  ROLE_INLINE_POLICIES_MAX_SIZE,
  TRUST_POLICY_MAX_SIZE,
} from './services/iam';
export type { IamRole } from './services/iam';
export { STS_OPERATIONS, StsStore } from './services/sts';
export type { RoleSession } from './services/sts';
export {
  decodeAwsChunked,
  MAX_BODY_BYTES as S3_MAX_OBJECT_BYTES,
  S3_OPERATIONS,
  S3Store,
} from './services/s3';
export type { S3Object } from './services/s3';
export {
  EKS_ACCESS_POLICIES,
  EKS_CLUSTERS,
  EKS_OPERATIONS,
  EksStore,
  EMR_JOB_POLICY_ARN,
  EMR_SERVICE_LINKED_ROLE_ARN,
  oidcIssuer,
} from './services/eks';
export type {
  AccessEntry,
  AccessScope,
  EksClusterInfo,
  PodIdentityAssociation,
} from './services/eks';
export {
  invalidName as kubernetesNameError,
  KUBERNETES_OPERATIONS,
  KUBERNETES_PATH_PREFIX,
  KUBERNETES_RESOURCES,
  KUBERNETES_VERSION,
  KubernetesCluster,
  KubernetesStore,
  KubeStatusError,
} from './services/kubernetes';
export type { KubeObject, ResourceKind } from './services/kubernetes';
