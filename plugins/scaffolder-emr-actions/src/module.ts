import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createEmrEksActions } from './actions';
import { DefaultClientFactory } from './lib/clients';
import { readProvisioningConfig } from './lib/config';

/**
 * Scaffolder actions that provision EMR on EKS tenants: namespace, job execution role,
 * virtual cluster, pod templates, interactive endpoints and job templates.
 *
 * @public
 */
export const scaffolderModuleEmrEks = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'emr-eks',
  register({ registerInit }) {
    registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        rootConfig: coreServices.rootConfig,
      },
      async init({ scaffolder, rootConfig }) {
        const config = readProvisioningConfig(rootConfig);
        const clients = DefaultClientFactory.fromConfig(rootConfig, config);
        scaffolder.addActions(...createEmrEksActions({ config, clients }));
      },
    });
  },
});
