import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { emrEksServiceRef } from '../services/emrEksServiceRef';
import { DefaultSparkApplicationsService } from './DefaultSparkApplicationsService';
import { SparkApplicationsService } from './types';

/**
 * The plugin's Spark applications service; adopters can replace it with their own factory.
 *
 * @public
 */
export const sparkApplicationsServiceRef =
  createServiceRef<SparkApplicationsService>({
    id: 'emr-eks.spark-applications',
    defaultFactory: async service =>
      createServiceFactory({
        service,
        deps: {
          config: coreServices.rootConfig,
          cache: coreServices.cache,
          emrEks: emrEksServiceRef,
          // Saved Spark application templates.
          database: coreServices.database,
        },
        factory: deps => DefaultSparkApplicationsService.create(deps),
      }),
  });
