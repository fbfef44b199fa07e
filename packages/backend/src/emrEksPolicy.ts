import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
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
  emrEksTenantAdminPermission,
  normalizeOwnerRef,
} from '@emr-eks/plugin-emr-eks-common';

const OWNER_ONLY = [
  emrEksJobRunStartPermission,
  emrEksJobRunCancelPermission,
  emrEksEndpointDeletePermission,
];

/** The config key listing the groups whose members are EMR on EKS tenant admins. */
export const ADMIN_GROUPS_KEY = 'emrEks.adminGroups';

/**
 * The portal's policy: everyone signed in may read; starting, cancelling and deleting on an
 * EMR virtual cluster is for the owners of its catalog entity (the owning group's members).
 * The condition is the catalog's own `IS_ENTITY_OWNER` rule, evaluated by the catalog against
 * the entity. Tenant administration (`emr-eks.tenant.admin`) is for direct members of the
 * groups in `emrEks.adminGroups`, as the user's token states them; nobody when unset.
 */
export class EmrEksOwnerWritesPolicy implements PermissionPolicy {
  static fromConfig(config: Config): EmrEksOwnerWritesPolicy {
    return new EmrEksOwnerWritesPolicy(
      config.getOptionalStringArray(ADMIN_GROUPS_KEY) ?? [],
    );
  }

  readonly #adminGroups: ReadonlySet<string>;

  constructor(adminGroups: string[]) {
    // Bare names are groups in the default namespace, compared in the catalog's lower case.
    this.#adminGroups = new Set(adminGroups.map(ref => normalizeOwnerRef(ref)));
  }

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const { permission } = request;
    if (isPermission(permission, emrEksTenantAdminPermission)) {
      const isAdmin = (user?.info.ownershipEntityRefs ?? []).some(ref =>
        this.#adminGroups.has(ref.toLocaleLowerCase('en-US')),
      );
      return { result: isAdmin ? AuthorizeResult.ALLOW : AuthorizeResult.DENY };
    }
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
      deps: { policy: policyExtensionPoint, config: coreServices.rootConfig },
      async init({ policy, config }) {
        policy.setPolicy(EmrEksOwnerWritesPolicy.fromConfig(config));
      },
    });
  },
});
