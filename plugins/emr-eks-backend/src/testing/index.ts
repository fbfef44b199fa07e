/**
 * For this suite's tests and benchmarks (bench/), not for adopters: a test backend wired to
 * the sandbox with its users and entities, and the cost engine's pieces the cost benchmark
 * measures. It needs the package's dev dependencies (backend-test-utils, the sandbox).
 *
 * @packageDocumentation
 */
export {
  ADMIN_GROUPS,
  ALICE,
  BOB,
  CAROL,
  MALLORY,
  MEMBERSHIP,
  SANDBOX_ACCOUNTS,
  startBackend,
  teamA,
  teamB,
} from './backend';
export { CostStore } from '../cost/CostStore';
export { toHourlyCosts } from '../cost/CostIngestor';
export { BUILT_IN_UPLIFT_PRICES } from '../cost/uplift';
export type { AttributedRow } from '../cost/attribution';
export { costReport } from '../cost/DefaultCostService';
export type { CostScope } from '../cost/DefaultCostService';
