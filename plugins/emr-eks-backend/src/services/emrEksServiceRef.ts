import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { DefaultEmrEksService } from './DefaultEmrEksService';
import { withReadReuse } from './readCache';
import { EmrEksService } from './types';

/**
 * The plugin's service; adopters can replace it with their own factory.
 *
 * @public
 */
export const emrEksServiceRef = createServiceRef<EmrEksService>({
  id: 'emr-eks.service',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: {
        config: coreServices.rootConfig,
        catalog: catalogServiceRef,
        permissions: coreServices.permissions,
        logger: coreServices.logger,
        cache: coreServices.cache,
      },
      factory: deps => DefaultEmrEksService.create(withReadReuse(deps)),
    }),
});
