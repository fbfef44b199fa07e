import { PermissionsService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  EMR_SERVERLESS_APPLICATION_ARN_ANNOTATION,
  ServerlessApplicationArn,
  getServerlessApplicationArn,
  normalizeOwnerRef,
  ownerRefFromTags,
  parseServerlessApplicationArn,
} from '@emr-eks/plugin-emr-eks-common';
import type {
  BasicPermission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import type { AccountOverride, OwnershipConfig } from '../config';
import { assertConfiguredTarget } from '../services/targets';
import { EntityRequest } from '../services/types';
import { authorize } from '../services/virtualClusters';

/** The EMR Serverless application of an entity the caller may act on. */
export type ResolvedApplication = ServerlessApplicationArn & {
  arn: string;
  /** The entity that names it. */
  entityRef: string;
  /** The entity's `spec.owner`, normalized; writes require it to own the application. */
  entityOwner?: string;
};

/**
 * Finds the application an entity stands for, as the caller, in the same order as for
 * virtual clusters: an entity the caller cannot see is "not found", then the permission on
 * that entity, then the ARN must be in a configured account and region — all before any
 * AWS call or cache.
 */
export async function resolveApplication(
  deps: {
    catalog: CatalogService;
    permissions: PermissionsService;
    accounts: AccountOverride[];
  },
  { entityRef, credentials }: EntityRequest,
  permission: ResourcePermission<'catalog-entity'> | BasicPermission,
): Promise<ResolvedApplication> {
  const ref = stringifyEntityRef(entityRef);
  const entity = await deps.catalog.getEntityByRef(entityRef, { credentials });
  if (!entity) {
    throw new NotFoundError(`No entity ${ref}`);
  }
  await authorize(deps.permissions, credentials, permission, ref);
  const arn = getServerlessApplicationArn(entity)?.trim();
  if (!arn) {
    throw new InputError(
      `Entity ${ref} has no ${EMR_SERVERLESS_APPLICATION_ARN_ANNOTATION} annotation`,
    );
  }
  const parsed = parseServerlessApplicationArn(arn);
  if (!parsed) {
    throw new InputError(
      `Entity ${ref} has an invalid ${EMR_SERVERLESS_APPLICATION_ARN_ANNOTATION} annotation: '${arn}' is not an EMR Serverless application ARN (arn:aws:emr-serverless:<region>:<account>:/applications/<id>)`,
    );
  }
  assertConfiguredTarget(
    deps.accounts,
    arn,
    parsed,
    'EMR Serverless application',
  );
  const owner = entity.spec?.owner;
  return {
    ...parsed,
    arn,
    entityRef: ref,
    entityOwner:
      typeof owner === 'string' && owner.trim()
        ? normalizeOwnerRef(owner, entity.metadata.namespace ?? 'default')
        : undefined,
  };
}

/**
 * Refuses a write through an entity whose owner is not the application's owner as AWS
 * records it (its owner tag, `emrEks.ownership.tag`): the entity is whatever someone
 * registered, the tag is what the platform wrote. See SECURITY.md.
 */
export function assertEntityOwnsApplication(
  app: ResolvedApplication,
  tags: Record<string, string> | undefined,
  ownership: OwnershipConfig,
): void {
  const id = app.applicationId;
  const owner = ownerRefFromTags(tags, ownership);
  if (!owner) {
    throw new NotAllowedError(
      `EMR Serverless application ${id} has no '${ownership.tag}' tag; writes are refused`,
    );
  }
  if (!app.entityOwner) {
    throw new NotAllowedError(
      `entity ${app.entityRef} has no spec.owner; writes on EMR Serverless application ${id} are refused`,
    );
  }
  if (owner !== app.entityOwner) {
    throw new NotAllowedError(
      `EMR Serverless application ${id} is tagged for ${owner}, not this entity's owner ${app.entityOwner}`,
    );
  }
}
