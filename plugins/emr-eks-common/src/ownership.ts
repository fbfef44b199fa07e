import { JOB_TEMPLATE_VIRTUAL_CLUSTER_TAG } from './annotations';

/**
 * The AWS tag that names the team owning a virtual cluster, job template, role or endpoint,
 * unless configured otherwise. The scaffolder actions write it; discovery, the backend's
 * write checks and cost read it. Only principals allowed to tag in the platform's AWS
 * accounts can set it, which is why ownership is read from it and not from the catalog.
 *
 * @public
 */
export const DEFAULT_OWNER_TAG = 'team';

/**
 * The catalog namespace of a bare group name in an owner tag, unless configured otherwise.
 *
 * @public
 */
export const DEFAULT_OWNER_NAMESPACE = 'default';

/** How owner tags are read: the tag key, and the namespace of bare group names. @public */
export interface OwnerTagOptions {
  tag?: string;
  namespace?: string;
}

/**
 * The owner entity ref a tag value names: `data-team-a` → `group:default/data-team-a`; a
 * full ref (`group:analytics/data-team-a`) is kept, lower-cased as the catalog compares refs.
 * Undefined for an empty value.
 *
 * @public
 */
export function ownerRefFromTagValue(
  value: string | undefined,
  namespace: string = DEFAULT_OWNER_NAMESPACE,
): string | undefined {
  const trimmed = value?.trim();
  if (!trimmed) {
    return undefined;
  }
  return normalizeOwnerRef(trimmed, namespace);
}

/**
 * The owner a resource's tags name, per {@link OwnerTagOptions}; undefined when untagged.
 *
 * @public
 */
export function ownerRefFromTags(
  tags: Record<string, string> | undefined,
  options: OwnerTagOptions = {},
): string | undefined {
  return ownerRefFromTagValue(
    tags?.[options.tag ?? DEFAULT_OWNER_TAG],
    options.namespace,
  );
}

/**
 * An owner ref in the catalog's full, lower-case form: `data-team-a` and
 * `Group:default/Data-Team-A` both become `group:default/data-team-a`; a ref without a
 * kind is a group, one without a namespace is in `namespace`.
 *
 * @public
 */
export function normalizeOwnerRef(
  ref: string,
  namespace: string = DEFAULT_OWNER_NAMESPACE,
): string {
  const match = /^(?:([^:/]+):)?(?:([^:/]+)\/)?([^:/]+)$/.exec(ref.trim());
  if (!match) {
    return ref.trim().toLocaleLowerCase('en-US');
  }
  const [, kind = 'group', ns = namespace, name] = match;
  return `${kind}:${ns}/${name}`.toLocaleLowerCase('en-US');
}

/**
 * The tag value that names `ownerRef` so that {@link ownerRefFromTagValue} reads it back:
 * the bare group name for a group in `namespace`, the full ref otherwise.
 *
 * @public
 */
export function ownerTagValue(
  ownerRef: string,
  namespace: string = DEFAULT_OWNER_NAMESPACE,
): string {
  const normalized = normalizeOwnerRef(ownerRef, namespace);
  const prefix = `group:${namespace.toLocaleLowerCase('en-US')}/`;
  return normalized.startsWith(prefix)
    ? normalized.slice(prefix.length)
    : normalized;
}

/** The tags of a job template and of the virtual cluster it is offered on. @public */
export interface TaggedTemplate {
  tags?: Record<string, string>;
}

/** @public */
export interface TaggedVirtualCluster {
  id?: string;
  tags?: Record<string, string>;
}

/**
 * Whether a job template belongs to a virtual cluster. Job templates belong to an account
 * and region, not a virtual cluster: one tied to another virtual cluster, or tagged for
 * another team, is neither listed, described nor started there.
 *
 * @public
 */
export function isTemplateFor(
  template: TaggedTemplate,
  cluster: TaggedVirtualCluster,
  options: OwnerTagOptions = {},
): boolean {
  const tags = template.tags ?? {};
  const boundTo = tags[JOB_TEMPLATE_VIRTUAL_CLUSTER_TAG];
  if (boundTo && boundTo !== cluster.id) {
    return false;
  }
  const team = ownerRefFromTags(tags, options);
  const clusterTeam = ownerRefFromTags(cluster.tags, options);
  return !team || !clusterTeam || team === clusterTeam;
}
