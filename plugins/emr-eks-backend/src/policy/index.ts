/**
 * The owner-writes permission policy for EMR on EKS: install it in place of your permission
 * policy with `backend.add(import('@emr-eks/plugin-emr-eks-backend/policy'))`, or use
 * `EmrEksOwnerWritesPolicy` inside your own policy.
 *
 * @packageDocumentation
 */
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { EmrEksOwnerWritesPolicy } from './EmrEksOwnerWritesPolicy';

export {
  ADMIN_GROUPS_KEY,
  EmrEksOwnerWritesPolicy,
} from './EmrEksOwnerWritesPolicy';

/**
 * Installs {@link EmrEksOwnerWritesPolicy} as the permission backend's policy.
 *
 * @public
 */
const emrEksOwnerWritesPolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'emr-eks-owner-writes-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint, config: coreServices.rootConfig },
      async init({ policy, config }) {
        policy.setPolicy(EmrEksOwnerWritesPolicy.fromConfig(config));
      },
    });
  },
});
export default emrEksOwnerWritesPolicyModule;
