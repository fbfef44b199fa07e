import type { Config } from '@backstage/config';
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
import {
  emrEksEndpointDeletePermission,
  emrEksJobRunCancelPermission,
  emrEksJobRunStartPermission,
  emrEksTenantAdminPermission,
  normalizeOwnerRef,
} from '@emr-eks/plugin-emr-eks-common';

/** The permissions only the owners of a virtual cluster's catalog entity are granted. */
export const OWNER_ONLY_PERMISSIONS = [
  emrEksJobRunStartPermission,
  emrEksJobRunCancelPermission,
  emrEksEndpointDeletePermission,
];

/**
 * The config key listing the groups whose members are EMR on EKS tenant admins.
 *
 * @public
 */
export const ADMIN_GROUPS_KEY = 'emrEks.adminGroups';

/**
 * The catalog's `IS_ENTITY_OWNER` rule for these claims, as the catalog's own
 * `createCatalogConditionalDecision(permission, catalogConditions.isEntityOwner({ claims }))`
 * builds it (`@backstage/plugin-catalog-backend/alpha`), written out so this plugin does not
 * depend on the catalog backend. The catalog evaluates it against the entity.
 */
export const entityOwnerDecision = (claims: string[]): PolicyDecision => ({
  result: AuthorizeResult.CONDITIONAL,
  pluginId: 'catalog',
  resourceType: 'catalog-entity',
  conditions: {
    rule: 'IS_ENTITY_OWNER',
    resourceType: 'catalog-entity',
    params: { claims },
  },
});

/**
 * The suite's permission policy: everyone signed in may read; starting, cancelling and
 * deleting on an EMR virtual cluster is for the owners of its catalog entity (the owning
 * group's members), decided by the catalog's own `IS_ENTITY_OWNER` rule against the entity.
 * Tenant administration (`emr-eks.tenant.admin`) is for direct members of the groups in
 * `emrEks.adminGroups`, as the user's token states them; nobody when unset. Every other
 * permission is allowed: merge these rules into your policy if you have one.
 *
 * @public
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
    if (OWNER_ONLY_PERMISSIONS.some(p => isPermission(permission, p))) {
      if (!user || !isResourcePermission(permission, 'catalog-entity')) {
        return { result: AuthorizeResult.DENY };
      }
      return entityOwnerDecision(user.info.ownershipEntityRefs);
    }
    return { result: AuthorizeResult.ALLOW };
  }
}
