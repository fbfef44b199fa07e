import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { emrEksPermissions } from '@emr-eks/plugin-emr-eks-common';
import { emrEksCostServiceRef } from './cost/costServiceRef';
import { registerEmrEksActions } from './actions';
import { scheduleBudgetAlerts } from './cost/alerts/scheduleBudgetAlerts';
import { createRouter } from './router';
import { emrEksServiceRef } from './services/emrEksServiceRef';
import { emrServerlessServiceRef } from './serverless/serviceRef';
import { sparkApplicationsServiceRef } from './spark/serviceRef';
import { sparkConnectServiceRef } from './spark/connectService';

/**
 * The EMR on EKS backend plugin. Two services behind one router, each replaceable through
 * its service ref:
 *
 * - `emrEksServiceRef`: job runs, job templates, endpoints and the virtual cluster of an
 *   entity, read and written through emr-containers as the caller is allowed;
 * - `sparkApplicationsServiceRef`: the Spark Operator and spark-submit runs in the entity's
 *   namespace, read from its cluster's Kubernetes API (the portal's `kubernetes` config);
 * - `emrEksCostServiceRef`: per-team cost from the plugin's database, which scheduled tasks
 *   fill from Kubecost or OpenCost (compute) and the CUR through Athena (billed uplift).
 *
 * With cost configured, a scheduled task tells teams about their budgets through Backstage
 * notifications (`notificationService` sends to the notifications backend when installed).
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
        actionsRegistry: actionsRegistryServiceRef,
        service: emrEksServiceRef,
        cost: emrEksCostServiceRef,
        serverless: emrServerlessServiceRef,
        spark: sparkApplicationsServiceRef,
        sparkConnect: sparkConnectServiceRef,
        config: coreServices.rootConfig,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        logger: coreServices.logger,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        notifications: notificationService,
      },
      async init({
        httpRouter,
        httpAuth,
        auditor,
        permissionsRegistry,
        actionsRegistry,
        service,
        cost,
        serverless,
        spark,
        sparkConnect,
        ...alertDeps
      }) {
        permissionsRegistry.addPermissions(emrEksPermissions);
        // The same service methods as the routes, for AI assistants (MCP).
        registerEmrEksActions({ actionsRegistry, auditor, service, cost });
        await scheduleBudgetAlerts({ ...alertDeps, cost });
        httpRouter.use(
          await createRouter({
            httpAuth,
            auditor,
            service,
            cost,
            serverless,
            spark,
            sparkConnect,
          }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
