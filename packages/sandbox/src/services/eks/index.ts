import { Clock } from '../../clock';
import { loadModel } from '../../model/loader';
import {
  restJsonRouter,
  RestJsonRouterOptions,
} from '../../protocols/restJson';
import { SandboxService } from '../types';
import { eksHandlers } from './handlers';
import { EksStore } from './store';

/*
 * Amazon EKS (rest-json), on the same model-driven layer as emr-containers: routes, input
 * binding and types from `model/eks-service-2.json` (our subset, not the official model).
 * DescribeCluster of the sandbox's clusters, access entries and their access policies, pod
 * identity associations. Timestamps are epoch seconds, as EKS sends them. Each cluster's
 * `endpoint` is the sandbox's own Kubernetes API for it (http://<host>/k8s/<cluster>).
 */

export const EKS = 'eks';

const model = loadModel(EKS).service;

/** The EKS operations the sandbox serves: every operation of its model. */
export const EKS_OPERATIONS = Object.keys(model.operations);

export interface EksService extends SandboxService {
  store: EksStore;
}

export function createEksService(options: {
  clock: Clock;
  seed: number;
  demoData: boolean;
  intercept?: RestJsonRouterOptions['intercept'];
}): EksService {
  const store = new EksStore(options.clock, options.seed, options.demoData);
  return {
    name: EKS,
    store,
    router: restJsonRouter(model, eksHandlers(store), {
      intercept: options.intercept,
      errors: {
        validation: 'InvalidParameterException',
        internal: 'ServerException',
      },
    }),
    operations: EKS_OPERATIONS,
    reset: () => store.reset(),
  };
}

export { EksStore } from './store';
export {
  EKS_ACCESS_POLICIES,
  EMR_JOB_POLICY_ARN,
  EMR_SERVICE_LINKED_ROLE_ARN,
} from './accessEntries';
export type { AccessEntry, AccessScope } from './accessEntries';
export { EKS_CLUSTERS, oidcIssuer } from './clusters';
export type { EksClusterInfo } from './clusters';
export type { PodIdentityAssociation } from './podIdentity';
