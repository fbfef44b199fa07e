import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-proxy-backend'));

backend.add(import('@backstage/plugin-auth-backend'));
// Production sign-in: any OpenID Connect provider (app-config.production.yaml).
backend.add(import('@backstage/plugin-auth-backend-module-oidc-provider'));
// Guest sign-in, only where auth.providers.guest is configured (the local portal).
backend.add(import('./guestSignIn'));

backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
backend.add(import('@emr-eks/plugin-catalog-backend-module-emr-eks'));

backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@emr-eks/plugin-scaffolder-backend-module-emr-eks'));

backend.add(import('@backstage/plugin-permission-backend'));
// Reads for everyone signed in; EMR writes only for owners of the virtual cluster entity.
backend.add(import('@emr-eks/plugin-emr-eks-backend/policy'));

backend.add(import('@backstage/plugin-user-settings-backend'));
backend.add(import('@backstage/plugin-events-backend'));
backend.add(import('@backstage/plugin-signals-backend'));
// Budget and anomaly alerts from the EMR on EKS plugin reach teams here (bell, page, live
// through signals); email or Slack delivery is a notifications module's choice.
backend.add(import('@backstage/plugin-notifications-backend'));

backend.add(import('@emr-eks/plugin-emr-eks-backend'));
// The actions registered by the plugins in backend.actions.pluginSources, as MCP tools.
backend.add(import('@backstage/plugin-mcp-actions-backend'));

backend.start();
