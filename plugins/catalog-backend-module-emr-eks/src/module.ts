import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { DefaultAwsCredentialsManager } from '@backstage/integration-aws-node';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { readProviderConfigs } from './config';
import { EmrEksEntityProvider } from './EmrEksEntityProvider';

/**
 * Catalog module that discovers EMR on EKS virtual clusters and managed endpoints,
 * configured under `catalog.providers.emrEks`.
 *
 * @public
 */
export const catalogModuleEmrEks = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'emr-eks',
  register(reg) {
    reg.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
      },
      async init({ catalog, config, logger, scheduler }) {
        const credentialsManager =
          DefaultAwsCredentialsManager.fromConfig(config);
        catalog.addEntityProvider(
          readProviderConfigs(config).map(
            provider =>
              new EmrEksEntityProvider(
                provider,
                credentialsManager,
                scheduler.createScheduledTaskRunner(provider.schedule),
                logger.child({ provider: provider.id }),
              ),
          ),
        );
      },
    });
  },
});
