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
export { DEMO, DEMO_TEAMS, virtualClusterArn } from './demo';
export type { DemoTeam } from './demo';
export { Random } from './random';
export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './paging';
export {
  EmrContainersStore,
  FAILURE_REASON_TAG,
  NEW_RUN_SECONDS,
  OUTCOME_TAG,
  statusAt,
} from './services/emrContainers';
export type * from './services/emrContainers';
