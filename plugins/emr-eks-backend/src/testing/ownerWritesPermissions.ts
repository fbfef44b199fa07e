import {
  PermissionsService,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  AuthorizeResult,
  isPermission,
} from '@backstage/plugin-permission-common';
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

/**
 * The decisions of the portal's policy (packages/backend/src/emrEksPolicy.ts), made here
 * without the permission backend: everything is allowed except starting, cancelling and
 * deleting, which need a signed-in user whose ownership claims (`membership`) include the
 * entity's owner, as the catalog's IS_ENTITY_OWNER rule decides, and tenant administration,
 * which needs membership of one of `adminGroups`. Services get neither.
 */
export function ownerWritesPermissions(
  entities: Entity[],
  membership: Record<string, string[]>,
  adminGroups: string[] = [],
) {
  const owners = new Map(
    entities.map(e => [
      stringifyEntityRef(e),
      normalizeOwnerRef(String(e.spec?.owner ?? ''), e.metadata.namespace),
    ]),
  );
  const decide = (
    permission: Parameters<typeof isPermission>[0],
    resourceRef: string | undefined,
    principal: { type: string; userEntityRef?: string },
  ) => {
    const claims =
      principal.type === 'user'
        ? membership[principal.userEntityRef ?? ''] ?? []
        : [];
    if (isPermission(permission, emrEksTenantAdminPermission)) {
      return claims.some(ref => adminGroups.includes(ref))
        ? AuthorizeResult.ALLOW
        : AuthorizeResult.DENY;
    }
    if (!OWNER_ONLY.some(p => isPermission(permission, p))) {
      return AuthorizeResult.ALLOW;
    }
    const owner = resourceRef ? owners.get(resourceRef) : undefined;
    return owner && claims.includes(owner)
      ? AuthorizeResult.ALLOW
      : AuthorizeResult.DENY;
  };
  const service: PermissionsService = {
    async authorize(requests, { credentials }) {
      return requests.map(r => ({
        result: decide(
          r.permission,
          'resourceRef' in r ? r.resourceRef : undefined,
          credentials.principal as { type: string; userEntityRef?: string },
        ),
      })) as any;
    },
    async authorizeConditional(requests) {
      // This plugin asks with resource refs only; no conditional queries.
      return requests.map(() => ({ result: AuthorizeResult.DENY }));
    },
  };
  return createServiceFactory({
    service: coreServices.permissions,
    deps: {},
    factory: () => service,
  });
}
