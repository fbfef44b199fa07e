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
import { emrServerlessControl } from './control';
import { emrServerlessHandlers } from './handlers';
import { RunOutcome } from './lifecycle';
import { EmrServerlessStore } from './store';

export const EMR_SERVERLESS = 'emr-serverless';

/**
 * How emr-serverless operations are named in fault rules and request counts:
 * `emr-serverless:ListJobRuns`, since several operations share their names
 * with emr-containers' (ListJobRuns, StartJobRun, CancelJobRun, tags).
 */
export const serverlessOperation = (name: string) =>
  `${EMR_SERVERLESS}:${name}`;

export interface EmrServerlessService extends SandboxService {
  /** The us-east-1 data (where the demo teams' applications live). */
  store: EmrServerlessStore;
  /** The data of any region, created (empty, or seeded) on first use. */
  storeFor(region: string): EmrServerlessStore;
}

export function createEmrServerlessService(options: {
  clock: Clock;
  seed: number;
  accelerate: number;
  demoData: boolean;
  intercept?: RestJsonRouterOptions['intercept'];
}): EmrServerlessService {
  const { service: model } = loadModel(EMR_SERVERLESS);
  const { intercept, ...storeOptions } = options;
  // One queue of forced outcomes for every region.
  const outcomes: RunOutcome[] = [];
  const stores = new Map<string, EmrServerlessStore>();
  const storeFor = (region: string) => {
    let store = stores.get(region);
    if (!store) {
      store = new EmrServerlessStore({ ...storeOptions, region, outcomes });
      stores.set(region, store);
    }
    return store;
  };
  const store = storeFor(DEMO.region);
  const pager = new Pager(`${EMR_SERVERLESS}:${options.seed}`, message =>
    modelError(model, 'ValidationException', message),
  );
  return {
    name: EMR_SERVERLESS,
    store,
    storeFor,
    router: restJsonRouter(
      model,
      emrServerlessHandlers(
        model,
        ({ req }) => storeFor(regionOf(req)),
        pager,
        () => options.clock.now(),
      ),
      {
        intercept: intercept
          ? (operation, req) => intercept(serverlessOperation(operation), req)
          : undefined,
      },
    ),
    control: emrServerlessControl(outcomes),
    operations: Object.keys(model.operations).map(serverlessOperation),
    reset: () => {
      outcomes.splice(0, outcomes.length);
      stores.forEach(s => s.reset());
    },
  };
}

export {
  EmrServerlessStore,
  SERVERLESS_SECONDS,
  AUTO_STOPPED_DETAILS,
} from './store';
export type {
  ApplicationRecord,
  JobRunRecord,
  SessionRecord,
  StartRunRequest,
} from './store';
export {
  runStatusAt,
  sessionStateAt,
  totalUtilization,
  billedUtilization,
  CANCELLED_DETAILS,
  FREE_STORAGE_GB,
} from './lifecycle';
export type {
  ApplicationState,
  JobRunState as ServerlessJobRunState,
  SessionState,
  RunOutcome,
  Utilization,
} from './lifecycle';
