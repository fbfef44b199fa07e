import {
  ownerRefFromTags,
  ownerTagValue,
  virtualClusterEntityName,
} from '@emr-eks/plugin-emr-eks-common';
import type { ProvisioningConfig } from './config';

/** An account and region, as a virtual cluster or a configured cluster names them. */
export interface AccountRegion {
  accountId: string;
  region: string;
}

/**
 * The catalog namespace the catalog module puts an account and region's entities in: the
 * namespace of the `catalog.providers.emrEks` entry that discovers them, else
 * `emrEks.ownership.namespace`.
 */
export function catalogNamespace(
  config: ProvisioningConfig,
  target: AccountRegion,
): string {
  const provider = config.catalogProviders.find(
    p => p.accountId === target.accountId && p.regions.includes(target.region),
  );
  return provider?.namespace ?? config.ownership.namespace;
}

/** The catalog entity the catalog module makes of a virtual cluster. */
export function virtualClusterEntityRef(
  config: ProvisioningConfig,
  target: AccountRegion,
  name: string,
): string {
  return `resource:${catalogNamespace(
    config,
    target,
  )}/${virtualClusterEntityName(name, target.region)}`;
}

/**
 * The owner tag the actions write on AWS resources (`emrEks.ownership.tag`, `team` by
 * default): `{ team: 'data-team-a' }`. The value is the bare group name only where both
 * readers, the backend (`emrEks.ownership.namespace`) and the catalog (its discovery's
 * namespace), would read it back as the owner; the full ref otherwise.
 */
export function ownerTag(
  config: ProvisioningConfig,
  target: AccountRegion,
  owner: string,
): Record<string, string> {
  const { tag, namespace } = config.ownership;
  const bare = catalogNamespace(config, target) === namespace;
  return { [tag]: bare ? ownerTagValue(owner, namespace) : owner };
}

/** The owner an AWS resource's tags name, read as the backend reads them; undefined if untagged. */
export function taggedOwner(
  config: ProvisioningConfig,
  tags: Record<string, string> | undefined,
): string | undefined {
  return ownerRefFromTags(tags, config.ownership);
}
