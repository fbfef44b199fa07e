import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { normalizeOwnerRef } from '@emr-eks/plugin-emr-eks-common';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type {
  BasicPermission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import type { AccountOverride } from '../config';
import { assertConfiguredTarget } from './targets';
import { EntityRequest } from './types';

/** What resolving an entity's AWS resource needs. */
export interface TargetDeps {
  catalog: CatalogService;
  permissions: PermissionsService;
  accounts: AccountOverride[];
}

/** An AWS resource named by an entity the caller may act on. */
export type ResolvedTarget<P> = P & {
  arn: string;
  /** The entity that names it. */
  entityRef: string;
  /** The entity's `spec.owner`, normalized; writes require it to own the resource. */
  entityOwner?: string;
};

/** How an entity names one kind of AWS resource. */
export interface EntityTargetKind<
  P extends { accountId: string; region: string },
> {
  annotation: string;
  read: (entity: Entity) => string | undefined;
  parse: (arn: string) => P | undefined;
  /** What the ARN should look like, for the refusal: "a virtual cluster ARN (arn:…)". */
  expected: string;
  /** The resource's name in the configured-target refusal. */
  what?: string;
}

/**
 * Finds the AWS resource an entity stands for, as the caller: an entity the caller cannot
 * see is "not found", then the permission on that entity, then the ARN must be in a
 * configured account and region — all before any AWS call or cache. One order for virtual
 * clusters and EMR Serverless applications.
 */
export async function resolveEntityTarget<
  P extends { accountId: string; region: string },
>(
  deps: TargetDeps,
  { entityRef, credentials }: EntityRequest,
  permission: ResourcePermission<'catalog-entity'> | BasicPermission,
  kind: EntityTargetKind<P>,
): Promise<ResolvedTarget<P>> {
  const ref = stringifyEntityRef(entityRef);
  const entity = await deps.catalog.getEntityByRef(entityRef, { credentials });
  if (!entity) {
    throw new NotFoundError(`No entity ${ref}`);
  }
  await authorize(deps.permissions, credentials, permission, ref);

  const value = kind.read(entity);
  if (!value) {
    throw new InputError(`Entity ${ref} has no ${kind.annotation} annotation`);
  }
  const parsed = kind.parse(value);
  if (!parsed) {
    throw new InputError(
      `Entity ${ref} has an invalid ${kind.annotation} annotation: '${value}' is not ${kind.expected}`,
    );
  }
  const arn = value.trim();
  assertConfiguredTarget(deps.accounts, arn, parsed, kind.what);
  const owner = entity.spec?.owner;
  return {
    ...parsed,
    arn,
    entityRef: ref,
    // The catalog reads a relative owner in the entity's own namespace.
    entityOwner:
      typeof owner === 'string' && owner.trim()
        ? normalizeOwnerRef(owner, entity.metadata.namespace ?? 'default')
        : undefined,
  };
}

/** The resolver of one kind of AWS resource, as {@link resolveEntityTarget} with `kind`. */
export function entityTargetResolver<
  P extends { accountId: string; region: string },
>(kind: EntityTargetKind<P>) {
  return (
    deps: TargetDeps,
    request: EntityRequest,
    permission: ResourcePermission<'catalog-entity'> | BasicPermission,
  ): Promise<ResolvedTarget<P>> =>
    resolveEntityTarget(deps, request, permission, kind);
}

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
