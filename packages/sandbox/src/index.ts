/**
 * Local sandbox that speaks the AWS emr-containers REST-JSON API, so the
 * portal and end-to-end tests run without an AWS account.
 *
 * @packageDocumentation
 */
export {
  createSandbox,
  DEFAULT_ACCELERATE,
  DEFAULT_PORT,
  DEFAULT_SEED,
} from './sandbox';
export type { RunningSandbox, Sandbox, SandboxOptions } from './sandbox';
export { manualClock, systemClock } from './clock';
export type { Clock } from './clock';
export {
  DEMO,
  DEMO_TEAMS,
  jobRunArn,
  jobTemplateArn,
  managedEndpointArn,
  virtualClusterArn,
} from './demo';
export type { DemoTeam } from './demo';
export { Random } from './random';
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
