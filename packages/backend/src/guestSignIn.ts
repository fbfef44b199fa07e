import {
  coreServices,
  createBackendFeatureLoader,
} from '@backstage/backend-plugin-api';
import guestProvider from '@backstage/plugin-auth-backend-module-guest-provider';

/**
 * The guest sign-in provider, installed only when `auth.providers.guest` is configured:
 * the local portal sets it, app-config.production.yaml removes it, so a deployment has no
 * guest route at all (404). The guest module would also fail to start without its config.
 * Where it is installed, it still refuses to sign anyone in unless NODE_ENV is
 * `development` (the upstream module's own rule).
 */
export default createBackendFeatureLoader({
  deps: { config: coreServices.rootConfig },
  *loader({ config }) {
    if (config.has('auth.providers.guest')) {
      yield guestProvider;
    }
  },
});
