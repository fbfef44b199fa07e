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
  const id = vc.virtualClusterId;
  const found = virtualClusterOwner(vc, tags, ownership);
  if (!found) {
    throw new NotAllowedError(
      `virtual cluster ${id} has no '${ownership.tag}' tag and no owner in emrEks.ownership.virtualClusters; writes are refused`,
    );
  }
  if (!vc.entityOwner) {
    throw new NotAllowedError(
      `entity ${vc.entityRef} has no spec.owner; writes on virtual cluster ${id} are refused`,
    );
  }
  if (found.owner !== vc.entityOwner) {
    const how =
      found.source === 'tag'
        ? `is tagged for ${found.owner}`
        : `is owned by ${found.owner} (emrEks.ownership.virtualClusters)`;
    throw new NotAllowedError(
      `virtual cluster ${id} ${how}, not this entity's owner ${vc.entityOwner}`,
    );
  }
}
