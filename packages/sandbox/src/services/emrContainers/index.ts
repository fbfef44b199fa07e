import { Clock } from '../../clock';
import { modelError } from '../../errors';
import { loadModel } from '../../model/loader';
import { Pager } from '../../paging';
import { restJsonRouter } from '../../protocols/restJson';
import { SandboxService } from '../types';
import { emrContainersControl } from './control';
import { emrContainersHandlers } from './handlers';
import { EmrContainersStore } from './store';

export const EMR_CONTAINERS = 'emr-containers';

export interface EmrContainersService extends SandboxService {
  store: EmrContainersStore;
}

export function createEmrContainersService(options: {
  clock: Clock;
  seed: number;
  accelerate: number;
  demoData: boolean;
}): EmrContainersService {
  const { service: model } = loadModel(EMR_CONTAINERS);
  const store = new EmrContainersStore(options);
  // Derived from the seed so identical sandboxes issue identical tokens.
  const pager = new Pager(`${EMR_CONTAINERS}:${options.seed}`, message =>
    modelError(model, 'ValidationException', message),
  );
  return {
    name: EMR_CONTAINERS,
    store,
    router: restJsonRouter(model, emrContainersHandlers(model, store, pager)),
    control: emrContainersControl(store),
    reset: () => store.reset(),
  };
}

export { EmrContainersStore } from './store';
export type {
  JobRunFilter,
  JobRunView,
  StartJobRunRequest,
  VirtualClusterFilter,
} from './store';
export { OUTCOME_TAG, FAILURE_REASON_TAG, NEW_RUN_SECONDS } from './store';
export { statusAt } from './lifecycle';
export type { JobRunStatus } from './lifecycle';
export type * from './types';
