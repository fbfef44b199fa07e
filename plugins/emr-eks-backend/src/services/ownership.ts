import { NotAllowedError } from '@backstage/errors';
import {
  ownerRefFromTags,
  parseVirtualClusterArn,
  VirtualClusterArn,
} from '@emr-eks/plugin-emr-eks-common';
import type { OwnershipConfig } from '../config';

/** Who owns a virtual cluster, and where that was read. */
export interface VirtualClusterOwner {
  owner: string;
  source: 'config' | 'tag';
}

/**
 * The owner of a virtual cluster: the platform's entry in `emrEks.ownership.virtualClusters`
 * if there is one, else its owner tag in AWS. Both are out of reach of whoever registers a
 * catalog entity, which is why a write trusts them and not the entity's annotation.
 */
export function virtualClusterOwner(
  target: VirtualClusterArn,
  tags: Record<string, string> | undefined,
  ownership: OwnershipConfig,
): VirtualClusterOwner | undefined {
  const configured = ownership.virtualClusters.find(entry => {
    const arn = parseVirtualClusterArn(entry.arn);
    return (
      arn?.accountId === target.accountId &&
      arn.region === target.region &&
      arn.virtualClusterId === target.virtualClusterId
    );
  });
  if (configured) {
    return { owner: configured.owner, source: 'config' };
  }
  const tagged = ownerRefFromTags(tags, ownership);
  return tagged ? { owner: tagged, source: 'tag' } : undefined;
}

/**
 * Refuses a write through an entity whose owner does not own the virtual cluster it names:
 * otherwise anyone could register an entity they own that points at another team's
 * cluster, and the owner-writes policy would let them act on it.
 */
export function assertEntityOwnsVirtualCluster(
  vc: VirtualClusterArn & { entityRef: string; entityOwner?: string },
  tags: Record<string, string> | undefined,
  ownership: OwnershipConfig,
): void {
  assertEntityOwnsTarget(
    vc,
    `virtual cluster ${vc.virtualClusterId}`,
    virtualClusterOwner(vc, tags, ownership),
    ownership.tag,
    'emrEks.ownership.virtualClusters',
  );
}

/**
 * The one ownership rule for writes, on any AWS resource an entity names: the resource's
 * owner (platform config, else its AWS tag) must be the entity's `spec.owner`.
 * `configKey` names the config list that can also say who owns it, when there is one.
 */
export function assertEntityOwnsTarget(
  target: { entityRef: string; entityOwner?: string },
  resource: string,
  found: VirtualClusterOwner | undefined,
  tag: string,
  configKey?: string,
): void {
  if (!found) {
    throw new NotAllowedError(
      `${resource} has no '${tag}' tag${
        configKey ? ` and no owner in ${configKey}` : ''
      }; writes are refused`,
    );
  }
  if (!target.entityOwner) {
    throw new NotAllowedError(
      `entity ${target.entityRef} has no spec.owner; writes on ${resource} are refused`,
    );
  }
  if (found.owner !== target.entityOwner) {
    const how =
      found.source === 'tag'
        ? `is tagged for ${found.owner}`
        : `is owned by ${found.owner} (${configKey})`;
    throw new NotAllowedError(
      `${resource} ${how}, not this entity's owner ${target.entityOwner}`,
    );
  }
}
