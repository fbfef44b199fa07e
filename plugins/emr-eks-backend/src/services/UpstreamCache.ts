import { CacheService } from '@backstage/backend-plugin-api';
import { ServiceUnavailableError } from '@backstage/errors';
import type { JsonValue } from '@backstage/types';
import type { Staleness } from '@emr-eks/plugin-emr-eks-common';
import { isUpstreamOutage } from '@emr-eks/plugin-emr-eks-node';

interface LastGood<T> {
  value: T;
  at: number;
}

/** A recent outage of a scope, remembered so that views do not retry it on every request. */
interface Outage {
  reason: string;
}

/**
 * How long an outage of a scope (one virtual cluster, or one account and region's
 * templates) is remembered: within it, reads answer their last good copy at once instead
 * of spending the SDK's retries, and every page of a walk, again on every view.
 */
export const OUTAGE_HOLD_MS = 30_000;

/**
 * Reuses emr-containers answers through Backstage's CacheService. Callers use it only
 * after the authorization check, and keys name the account, region and resource, never
 * a URL. Identical concurrent fetches share one upstream request.
 */
export class UpstreamCache {
  readonly #inFlight = new Map<string, Promise<unknown>>();

  constructor(
    private readonly cache: CacheService,
    private readonly staleTtlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** One upstream request per key at a time; later callers wait for the first. */
  coalesce<T>(key: string, fetch: () => Promise<T>): Promise<T> {
    const running = this.#inFlight.get(key) as Promise<T> | undefined;
    if (running) {
      return running;
    }
    const request = fetch().finally(() => this.#inFlight.delete(key));
    this.#inFlight.set(key, request);
    return request;
  }

  /** The cached value, if any. */
  async peek<T>(key: string): Promise<T | undefined> {
    return (await this.cache.get(key)) as T | undefined;
  }

  /** Keeps `value` under `key` for `ttlMs`. */
  async keep<T>(key: string, value: T, ttlMs: number): Promise<void> {
    await this.cache.set(key, value as JsonValue, { ttl: ttlMs });
  }

  /** The cached value, or a fetched one kept for `ttlMs(value)`. */
  async read<T>(
    key: string,
    fetch: () => Promise<T>,
    ttlMs: (value: T) => number,
  ): Promise<T> {
    const cached = (await this.cache.get(key)) as T | undefined;
    if (cached !== undefined) {
      return cached;
    }
    return this.coalesce(key, async () => {
      const value = await fetch();
      await this.cache.set(key, value as JsonValue, { ttl: ttlMs(value) });
      return value;
    });
  }

  /**
   * A read under `scope` (e.g. one virtual cluster): cached under the scope's current
   * generation, so a write in the scope is seen at once. The last good answer is also
   * kept; when AWS cannot answer, that copy is returned with a `stale` marker, and for
   * {@link OUTAGE_HOLD_MS} the scope's reads answer from their copies without asking AWS.
   * Never for a write's checks: those read with {@link UpstreamCache.read}.
   */
  async readWithFallback<T extends object>(
    scope: string,
    query: string,
    fetch: () => Promise<T>,
    ttlMs: (value: T) => number,
  ): Promise<T & { stale?: Staleness }> {
    const key = await this.scoped(scope, query);
    const lastGoodKey = `last-good:${scope}:${query}`;
    const outageKey = `outage:${scope}`;
    const outage = (await this.cache.get(outageKey)) as Outage | undefined;
    if (outage) {
      const cached = (await this.cache.get(key)) as T | undefined;
      if (cached !== undefined) {
        return cached;
      }
      return this.lastGood(
        lastGoodKey,
        new ServiceUnavailableError(outage.reason),
      );
    }
    try {
      return await this.read<T>(
        key,
        async () => {
          const value = await fetch();
          const lastGood: LastGood<T> = { value, at: this.now() };
          await this.cache.set(lastGoodKey, lastGood as unknown as JsonValue, {
            ttl: this.staleTtlMs,
          });
          return value;
        },
        ttlMs,
      );
    } catch (error) {
      if (!isUpstreamOutage(error)) {
        throw error;
      }
      const remembered: Outage = { reason: (error as Error).message };
      await this.cache.set(outageKey, remembered as unknown as JsonValue, {
        ttl: OUTAGE_HOLD_MS,
      });
      return this.lastGood(lastGoodKey, error as Error);
    }
  }

  /** The last good copy under `key`, marked stale by `error`; else `error` is thrown. */
  private async lastGood<T extends object>(
    key: string,
    error: Error,
  ): Promise<T & { stale: Staleness }> {
    const lastGood = (await this.cache.get(key)) as LastGood<T> | undefined;
    if (!lastGood) {
      throw error;
    }
    return {
      ...(lastGood.value as object),
      stale: {
        asOf: new Date(lastGood.at).toISOString(),
        ageSeconds: Math.round((this.now() - lastGood.at) / 1000),
        reason: error.message,
      },
    } as T & { stale: Staleness };
  }

  /** `key` within the current generation of `scope`: a write in the scope retires it. */
  async scoped(scope: string, key: string): Promise<string> {
    return `${scope}:${await this.generation(scope)}:${key}`;
  }

  /** Makes the cached lists of `scope` unreachable, e.g. after a write. */
  async bump(scope: string): Promise<void> {
    await this.cache.set(`generation:${scope}`, this.now(), {
      ttl: this.staleTtlMs,
    });
  }

  private async generation(scope: string): Promise<number> {
    return ((await this.cache.get(`generation:${scope}`)) as number) ?? 0;
  }
}
