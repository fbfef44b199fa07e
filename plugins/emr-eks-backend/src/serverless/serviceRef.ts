import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { DefaultEmrServerlessService } from './DefaultEmrServerlessService';
import { withReadReuse } from '../services/readCache';
import { EmrServerlessService } from './types';

/**
 * The plugin's EMR Serverless service; adopters can replace it with their own factory.
 *
 * @public
 */
export const emrServerlessServiceRef = createServiceRef<EmrServerlessService>({
  id: 'emr-eks.serverless',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: {
        config: coreServices.rootConfig,
        catalog: catalogServiceRef,
        permissions: coreServices.permissions,
        logger: coreServices.logger,
        cache: coreServices.cache,
        // Saved job definitions.
        database: coreServices.database,
      },
      factory: deps => DefaultEmrServerlessService.create(withReadReuse(deps)),
    }),
});
