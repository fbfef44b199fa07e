import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  scaffolderActionsExtensionPoint,
  scaffolderServiceRef,
} from '@backstage/plugin-scaffolder-node';
import { createEmrEksActions } from './actions';
import { DefaultTenantAuthorizer } from './lib/authorize';
import { DefaultClientFactory } from './lib/clients';
import { readProvisioningConfig } from './lib/config';
import { ScaffolderTaskRuns } from './lib/taskRuns';

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
        auth: coreServices.auth,
        userInfo: coreServices.userInfo,
        permissions: coreServices.permissions,
        scaffolderService: scaffolderServiceRef,
      },
      async init({
        scaffolder,
        rootConfig,
        auth,
        userInfo,
        permissions,
        scaffolderService,
      }) {
        const config = readProvisioningConfig(rootConfig);
        const clients = DefaultClientFactory.fromConfig(rootConfig, config);
        const authorizer = DefaultTenantAuthorizer.create({
          auth,
          userInfo,
          permissions,
        });
        scaffolder.addActions(
          ...createEmrEksActions({
            config,
            clients,
            authorizer,
            tasks: ScaffolderTaskRuns.create({
              scaffolder: scaffolderService,
              auth,
            }),
          }),
        );
      },
    });
  },
});
