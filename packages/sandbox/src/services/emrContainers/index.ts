import { Clock } from '../../clock';
import { DEMO } from '../../demo';
import { modelError } from '../../errors';
import { loadModel } from '../../model/loader';
import { Pager } from '../../paging';
import {
  restJsonRouter,
  RestJsonRouterOptions,
} from '../../protocols/restJson';
import { regionOf } from '../../sigv4';
import { SandboxService } from '../types';
import { emrContainersControl } from './control';
import { emrContainersHandlers, NamespaceAccessCheck } from './handlers';
import { EmrContainersStore, OutcomeQueue } from './store';

export const EMR_CONTAINERS = 'emr-containers';

export interface EmrContainersService extends SandboxService {
  /** The us-east-1 data (where the demo teams live). */
  store: EmrContainersStore;
  /** The data of any region, created (empty, or seeded) on first use. */
  storeFor(region: string): EmrContainersStore;
  /** The regions whose data exists (was seeded or used), in creation order. */
  regions(): string[];
}

export function createEmrContainersService(options: {
  clock: Clock;
  seed: number;
  accelerate: number;
  demoData: boolean;
  intercept?: RestJsonRouterOptions['intercept'];
  /** Whether EMR may use an EKS namespace (CreateVirtualCluster). */
  checkAccess?: NamespaceAccessCheck;
}): EmrContainersService {
  const { service: model } = loadModel(EMR_CONTAINERS);
  const { intercept, checkAccess, ...storeOptions } = options;
  // One queue of forced outcomes for every region.
  const outcomes = new OutcomeQueue();
  const stores = new Map<string, EmrContainersStore>();
  const storeFor = (region: string) => {
    let store = stores.get(region);
    if (!store) {
      store = new EmrContainersStore({ ...storeOptions, region, outcomes });
      stores.set(region, store);
    }
    return store;
  };
  const store = storeFor(DEMO.region);
  // Derived from the seed so identical sandboxes issue identical tokens.
  const pager = new Pager(`${EMR_CONTAINERS}:${options.seed}`, message =>
    modelError(model, 'ValidationException', message),
  );
  return {
    name: EMR_CONTAINERS,
    store,
    storeFor,
    regions: () => [...stores.keys()],
    router: restJsonRouter(
      model,
      emrContainersHandlers(
        model,
        ({ req }) => storeFor(regionOf(req)),
        pager,
        checkAccess,
      ),
      { intercept },
    ),
    control: emrContainersControl(store),
    operations: Object.keys(model.operations),
    reset: () => stores.forEach(s => s.reset()),
  };
}

export { EmrContainersStore, OutcomeQueue } from './store';
export type {
  CreateEndpointRequest,
  CreateJobTemplateRequest,
  EndpointFilter,
  EndpointView,
  JobRunFilter,
  JobRunView,
  JobTemplateFilter,
  StartJobRunRequest,
  VirtualClusterFilter,
} from './store';
export {
  OUTCOME_TAG,
  FAILURE_REASON_TAG,
  NEW_RUN_SECONDS,
  VIRTUAL_CLUSTER_TERMINATING_MS,
} from './store';
export type { CreateVirtualClusterRequest } from './store';
export type { NamespaceAccessCheck } from './handlers';
export { statusAt } from './lifecycle';
export type { JobRunStatus } from './lifecycle';
export { endpointStatusAt, NEW_ENDPOINT_SECONDS } from './endpoints';
export type { EndpointStatus } from './endpoints';
export type * from './types';
