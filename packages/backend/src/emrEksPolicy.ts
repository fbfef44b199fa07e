import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  AuthorizeResult,
  PolicyDecision,
  isPermission,
  isResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  emrEksEndpointDeletePermission,
  emrEksJobRunCancelPermission,
  emrEksJobRunStartPermission,
} from '@emr-eks/plugin-emr-eks-common';

const OWNER_ONLY = [
  emrEksJobRunStartPermission,
  emrEksJobRunCancelPermission,
  emrEksEndpointDeletePermission,
];

/**
 * The local portal's policy: everyone signed in may read; starting, cancelling and deleting
 * on an EMR virtual cluster is for the owners of its catalog entity (the owning group's
 * members). The condition is the catalog's own `IS_ENTITY_OWNER` rule, evaluated by the
 * catalog against the entity.
 */
export class EmrEksOwnerWritesPolicy implements PermissionPolicy {
  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const { permission } = request;
    if (OWNER_ONLY.some(p => isPermission(permission, p))) {
      if (!user || !isResourcePermission(permission, 'catalog-entity')) {
        return { result: AuthorizeResult.DENY };
      }
      return createCatalogConditionalDecision(
        permission,
        catalogConditions.isEntityOwner({
          claims: user.info.ownershipEntityRefs,
        }),
      );
    }
    return { result: AuthorizeResult.ALLOW };
  }
}

/** Installs {@link EmrEksOwnerWritesPolicy} as the permission backend's policy. */
export default createBackendModule({
  pluginId: 'permission',
  moduleId: 'emr-eks-owner-writes-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy(new EmrEksOwnerWritesPolicy());
      },
    });
  },
});
