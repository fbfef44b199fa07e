/**
 * A catalog entity name from AWS names: the parts joined with dashes, lower case, anything
 * outside `[a-z0-9-]` a dash, at most 63 characters, no edge dashes.
 *
 * @public
 */
export function catalogEntityName(...parts: string[]): string {
  return parts
    .join('-')
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .slice(0, 63)
    .replace(/^-|-$/g, '');
}

/**
 * The name of a virtual cluster's catalog entity, as discovery writes it: `<name>-<region>`,
 * so the same name in two regions makes two entities.
 *
 * @public
 */
export function virtualClusterEntityName(name: string, region: string): string {
  return catalogEntityName(name, region);
}

/**
 * The name of an EMR Serverless application's catalog entity, as discovery writes it:
 * `<name>-<region>` (the id when the application has no name), so the same name in two
 * regions makes two entities.
 *
 * @public
 */
export function serverlessApplicationEntityName(
  name: string | undefined,
  applicationId: string,
  region: string,
): string {
  return catalogEntityName(name || applicationId, region);
}
