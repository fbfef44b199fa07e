import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  EMR_VIRTUAL_CLUSTER_ARN_ANNOTATION,
  VirtualClusterArn,
  getVirtualClusterArn,
  normalizeOwnerRef,
  parseVirtualClusterArn,
} from '@emr-eks/plugin-emr-eks-common';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type {
  BasicPermission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import type { AccountOverride } from '../config';
import { assertConfiguredTarget } from './targets';
import { EntityRequest } from './types';

/**
 * Finds the virtual cluster an entity stands for, as the caller: an entity the caller
 * cannot see is "not found", and the permission is checked against that entity. A virtual
 * cluster outside the configured accounts and regions is refused before anything else.
 */
export async function resolveVirtualCluster(
  deps: {
    catalog: CatalogService;
    permissions: PermissionsService;
    accounts: AccountOverride[];
  },
  { entityRef, credentials }: EntityRequest,
  permission: ResourcePermission<'catalog-entity'> | BasicPermission,
): Promise<ResolvedVirtualCluster> {
  const ref = stringifyEntityRef(entityRef);
  const entity = await deps.catalog.getEntityByRef(entityRef, { credentials });
  if (!entity) {
    throw new NotFoundError(`No entity ${ref}`);
  }
  await authorize(deps.permissions, credentials, permission, ref);

  const arn = getVirtualClusterArn(entity);
  if (!arn) {
    throw new InputError(
      `Entity ${ref} has no ${EMR_VIRTUAL_CLUSTER_ARN_ANNOTATION} annotation`,
    );
  }
  const parsed = parseVirtualClusterArn(arn);
  if (!parsed) {
    throw new InputError(
      `Entity ${ref} has an invalid ${EMR_VIRTUAL_CLUSTER_ARN_ANNOTATION} annotation: '${arn}' is not a virtual cluster ARN (arn:aws:emr-containers:<region>:<account>:/virtualclusters/<id>)`,
    );
  }
  assertConfiguredTarget(deps.accounts, arn.trim(), parsed);
  const owner = entity.spec?.owner;
  return {
    ...parsed,
    arn: arn.trim(),
    entityRef: ref,
    // The catalog reads a relative owner in the entity's own namespace.
    entityOwner:
      typeof owner === 'string' && owner.trim()
        ? normalizeOwnerRef(owner, entity.metadata.namespace ?? 'default')
        : undefined,
  };
}

/** The virtual cluster of an entity the caller may act on. */
export type ResolvedVirtualCluster = VirtualClusterArn & {
  arn: string;
  /** The entity that names it. */
  entityRef: string;
  /** The entity's `spec.owner`, normalized; writes require it to own the virtual cluster. */
  entityOwner?: string;
};

/** Throws NotAllowedError unless the caller holds `permission` (on the entity when it is a resource permission). */
export async function authorize(
  permissions: PermissionsService,
  credentials: BackstageCredentials,
  permission: ResourcePermission<'catalog-entity'> | BasicPermission,
  resourceRef: string,
) {
  const [decision] =
    permission.type === 'resource'
      ? await permissions.authorize([{ permission, resourceRef }], {
          credentials,
        })
      : await permissions.authorize([{ permission }], { credentials });
  if (decision.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(
      `Not allowed: ${permission.name} on ${resourceRef}`,
    );
  }
}
