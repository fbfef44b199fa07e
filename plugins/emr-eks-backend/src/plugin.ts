import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { emrEksPermissions } from '@emr-eks/plugin-emr-eks-common';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { createCost } from './cost/createCost';
import { createRouter } from './router';
import { emrEksServiceRef } from './services/emrEksServiceRef';

/**
 * The EMR on EKS backend plugin: job runs of virtual-cluster entities, from emr-containers.
 *
 * @public
 */
export const emrEksPlugin = createBackendPlugin({
  pluginId: 'emr-eks',
  register(env) {
    env.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auditor: coreServices.auditor,
        permissionsRegistry: coreServices.permissionsRegistry,
        service: emrEksServiceRef,
        config: coreServices.rootConfig,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        logger: coreServices.logger,
        catalog: catalogServiceRef,
        permissions: coreServices.permissions,
      },
      async init({
        httpRouter,
        httpAuth,
        auditor,
        permissionsRegistry,
        service,
        ...costDeps
      }) {
        permissionsRegistry.addPermissions(emrEksPermissions);
        const cost = await createCost(costDeps);
        httpRouter.use(
          await createRouter({ httpAuth, auditor, service, cost }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
