import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { emrEksPermissions } from '@emr-eks/plugin-emr-eks-common';
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
      },
      async init({
        httpRouter,
        httpAuth,
        auditor,
        permissionsRegistry,
        service,
      }) {
        permissionsRegistry.addPermissions(emrEksPermissions);
        httpRouter.use(await createRouter({ httpAuth, auditor, service }));
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
