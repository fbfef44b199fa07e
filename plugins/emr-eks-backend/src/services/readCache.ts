import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizePermissionRequest,
  isResourcePermission,
} from '@backstage/plugin-permission-common';

/*
 * A team's page asks for the same entity and the same read permission several times a second,
 * and each ask is an HTTP round trip inside the backend (a signed token, its verification, a
 * database query; the catalog's read check is one more round trip to the permission backend).
 * Under load that is most of the backend's CPU (a profile at 80 req/s of mixed reads: token
 * signing and verification alone 17 %). These wrappers keep one user's answers for a few
 * seconds, and share an answer still in flight.
 *
 * What they never do: keep a decision on a permission whose action is not `read` (writes are
 * always decided fresh, and a write's ownership is read fresh from AWS), or share anything
 * between users or with a service caller.
 */

/** How long one user's entity lookups and read decisions are reused. */
export const READ_REUSE_MS = 10_000;
/** Entries kept at most (oldest dropped first), so memory stays bounded. */
export const READ_REUSE_MAX = 5_000;

/** A small time-limited, size-bounded memo of promises. */
export class ReuseMemo<T> {
  readonly #entries = new Map<string, { until: number; value: Promise<T> }>();

  constructor(
    private readonly ttlMs: number,
    private readonly max: number,
    private readonly now: () => number = Date.now,
  ) {}

  get size() {
    return this.#entries.size;
  }

  get(key: string, load: () => Promise<T>): Promise<T> {
    const now = this.now();
    const hit = this.#entries.get(key);
    if (hit && hit.until > now) {
      return hit.value;
    }
    this.#entries.delete(key);
    const value = load();
    this.#entries.set(key, { until: now + this.ttlMs, value });
    // A failure is not an answer: the next ask tries again.
    value.catch(() => {
      if (this.#entries.get(key)?.value === value) this.#entries.delete(key);
    });
    while (this.#entries.size > this.max) {
      this.#entries.delete(this.#entries.keys().next().value!);
    }
    return value;
  }
}

/** The user a request acts for, or undefined for services and unauthenticated callers. */
function userOf(credentials: BackstageCredentials): string | undefined {
  const principal = credentials.principal as {
    type?: string;
    userEntityRef?: string;
  };
  return principal.type === 'user' ? principal.userEntityRef : undefined;
}

function isRead(request: AuthorizePermissionRequest) {
  return request.permission.attributes.action === 'read';
}

/** PermissionsService that reuses a user's decisions on read permissions for a few seconds. */
export function reuseReadDecisions(
  permissions: PermissionsService,
  now?: () => number,
): PermissionsService {
  const memo = new ReuseMemo<
    Awaited<ReturnType<PermissionsService['authorize']>>[number]
  >(READ_REUSE_MS, READ_REUSE_MAX, now);
  return {
    authorizeConditional: (requests, options) =>
      permissions.authorizeConditional(requests, options),
    async authorize(requests, options) {
      const user = userOf(options.credentials);
      if (!user || !requests.every(isRead)) {
        return permissions.authorize(requests, options);
      }
      return Promise.all(
        requests.map(request =>
          memo.get(
            JSON.stringify([
              user,
              request.permission.name,
              isResourcePermission(request.permission)
                ? request.resourceRef
                : null,
            ]),
            async () => {
              const [decision] = await permissions.authorize(
                [request],
                options,
              );
              return decision;
            },
          ),
        ),
      ) as ReturnType<PermissionsService['authorize']>;
    },
  };
}

/** CatalogService that reuses a user's entity lookups by ref for a few seconds. */
export function reuseEntityLookups(
  catalog: CatalogService,
  now?: () => number,
): CatalogService {
  const memo = new ReuseMemo<
    Awaited<ReturnType<CatalogService['getEntityByRef']>>
  >(READ_REUSE_MS, READ_REUSE_MAX, now);
  const getEntityByRef: CatalogService['getEntityByRef'] = (ref, options) => {
    const user = userOf(options.credentials);
    if (!user) {
      return catalog.getEntityByRef(ref, options);
    }
    const key = typeof ref === 'string' ? ref : stringifyEntityRef(ref);
    return memo.get(
      JSON.stringify([user, key.toLocaleLowerCase('en-US')]),
      () => catalog.getEntityByRef(ref, options),
    );
  };
  return new Proxy(catalog, {
    get(target, property) {
      if (property === 'getEntityByRef') return getEntityByRef;
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

const shared = new WeakMap<object, object>();

/**
 * The plugin's catalog and permissions with reads reused — one pair per underlying service, so
 * the EMR on EKS, EMR Serverless and cost services share their answers.
 */
export function withReadReuse<
  D extends { catalog: CatalogService; permissions: PermissionsService },
>(deps: D): D {
  const once = <T extends object>(service: T, wrap: (s: T) => T): T => {
    let wrapped = shared.get(service) as T | undefined;
    if (!wrapped) {
      wrapped = wrap(service);
      shared.set(service, wrapped);
    }
    return wrapped;
  };
  return {
    ...deps,
    catalog: once(deps.catalog, c => reuseEntityLookups(c)),
    permissions: once(deps.permissions, p => reuseReadDecisions(p)),
  };
}
