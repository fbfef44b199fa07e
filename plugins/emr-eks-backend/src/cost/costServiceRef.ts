import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { CustomErrorBase } from '@backstage/errors';
import { COST_NOT_CONFIGURED_ERROR } from '@emr-eks/plugin-emr-eks-common';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { withReadReuse } from '../services/readCache';
import { createCost } from './createCost';
import { CostService } from './types';

/**
 * What every cost route answers without `emrEks.cost`: a 404 named
 * `CostNotConfiguredError`, naming the key to set. A portal without Kubecost yet is a state
 * the Cost tab explains, not a failure to log at error level on every view (as a 5xx is).
 */
export class CostNotConfiguredError extends CustomErrorBase {
  name = COST_NOT_CONFIGURED_ERROR;

  // Read by Backstage's error handler; a getter, so the error body stays the documented one.
  get statusCode() {
    return 404;
  }
}

function notConfigured(): never {
  throw new CostNotConfiguredError(
    'EMR on EKS cost is not configured for this Backstage instance (emrEks.cost)',
  );
}

/** The cost service of an instance without `emrEks.cost`. */
export const unconfiguredCostService: CostService = {
  report: async () => notConfigured(),
  csv: async () => notConfigured(),
  budget: async () => notConfigured(),
  unattributed: async () => notConfigured(),
};

/**
 * The plugin's cost service: by default the stored history fed by Kubecost or OpenCost and
 * the CUR (see `createCost`); adopters can replace it with their own factory.
 *
 * @public
 */
export const emrEksCostServiceRef = createServiceRef<CostService>({
  id: 'emr-eks.cost',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: {
        config: coreServices.rootConfig,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        logger: coreServices.logger,
        catalog: catalogServiceRef,
        permissions: coreServices.permissions,
      },
      factory: async deps => {
        const cost = await createCost(withReadReuse(deps));
        if (cost) return cost;
        deps.logger.info(
          'EMR on EKS cost is not configured (emrEks.cost): the cost routes answer 404 CostNotConfiguredError and the Cost tab explains how to set it up',
        );
        return unconfiguredCostService;
      },
    }),
});
