import {
  EMR_SERVERLESS_APPLICATION_ARN_ANNOTATION,
  ServerlessApplicationArn,
  getServerlessApplicationArn,
  ownerRefFromTags,
  parseServerlessApplicationArn,
} from '@emr-eks/plugin-emr-eks-common';
import type { OwnershipConfig } from '../config';
import {
  ResolvedTarget,
  entityTargetResolver,
} from '../services/entityTargets';
import { assertEntityOwnsTarget } from '../services/ownership';

/** The EMR Serverless application of an entity the caller may act on. */
export type ResolvedApplication = ResolvedTarget<ServerlessApplicationArn>;

/** Finds the application an entity stands for, as the caller, in the same order as for virtual clusters. */
export const resolveApplication = entityTargetResolver({
  annotation: EMR_SERVERLESS_APPLICATION_ARN_ANNOTATION,
  read: entity => getServerlessApplicationArn(entity)?.trim(),
  parse: parseServerlessApplicationArn,
  expected:
    'an EMR Serverless application ARN (arn:aws:emr-serverless:<region>:<account>:/applications/<id>)',
  what: 'EMR Serverless application',
});

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
  const owner = ownerRefFromTags(tags, ownership);
  assertEntityOwnsTarget(
    app,
    `EMR Serverless application ${app.applicationId}`,
    owner ? { owner, source: 'tag' } : undefined,
    ownership.tag,
  );
}
