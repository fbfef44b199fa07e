import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { NotImplementedError } from '@backstage/errors';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { createCost } from './createCost';
import { CostService } from './types';

/** Every cost route answers 501 naming the key to set. */
function notConfigured(): never {
  throw new NotImplementedError(
    'EMR on EKS cost is not configured for this Backstage instance (emrEks.cost)',
  );
}

/** The cost service of an instance without `emrEks.cost`. */
export const unconfiguredCostService: CostService = {
  report: async () => notConfigured(),
  csv: async () => notConfigured(),
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
      factory: async deps =>
        (await createCost(deps)) ?? unconfiguredCostService,
    }),
});
