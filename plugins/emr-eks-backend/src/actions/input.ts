import { CompoundEntityRef, parseEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { entityRefParams, parseInput } from '../schema';

/**
 * An action's `entityRef` input (`resource:default/team-a-emr`, or a bare name with the
 * default kind), checked by the same rules as a route's path: a malformed one is an
 * `InputError` naming it before the catalog is asked.
 */
export function entityRefInput(
  ref: string,
  defaultKind: 'resource' | 'group',
): CompoundEntityRef {
  let parsed: CompoundEntityRef;
  try {
    parsed = parseEntityRef(ref, { defaultKind, defaultNamespace: 'default' });
  } catch (error) {
    throw new InputError(
      `Invalid input 'entityRef': ${(error as Error).message}`,
    );
  }
  return parseInput(entityRefParams, parsed, 'input');
}

/** Drops undefined values, so that the routes' strict schemas see only what was given. */
export function defined<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined),
  ) as T;
}
