import { z } from 'zod';
import { AwsError, describeIssues } from './errors';
import { Random } from './random';

/*
 * What happens to API traffic on its way in: request counters, and faults
 * (throttling, server errors, latency) injected at run time, for tests and
 * benchmarks of the callers' retry, caching and error paths.
 */

/** One fault rule. Every field is optional; rates are probabilities. */
export interface FaultRule {
  /** Share of matching requests answered as throttled (0..1). */
  throttleRate?: number;
  /** Status of a throttled answer: 429 (default) or 400. */
  throttleStatus?: 429 | 400;
  /** Share of matching requests answered with a server error (0..1). */
  errorRate?: number;
  /** 500 InternalServerException (default) or 503 ServiceUnavailableException. */
  errorStatus?: 500 | 503;
  /** Delay before every matching request is answered, in milliseconds. */
  latencyMs?: number;
  /** Operation names the rule applies to, e.g. ['ListJobRuns']; all when left out. */
  operations?: string[];
  /** Apply to the next `count` matching requests only, then drop the rule. */
  count?: number;
}

/** A rule as it is active now: `remaining` counts down from `count`. */
export interface ActiveFaultRule extends FaultRule {
  remaining?: number;
}

/** Body of `POST /_sandbox/faults`: one rule, or several. */
export type FaultConfig = FaultRule | { rules: FaultRule[] };

export interface FaultsView {
  rules: ActiveFaultRule[];
}

export const THROTTLING_ERROR = 'ThrottlingException';
export const THROTTLING_MESSAGE = 'Rate exceeded';
export const MAX_FAULT_LATENCY_MS = 120_000;

const rate = z.number().min(0).max(1);
const oneOf = <T extends number>(values: readonly T[], name: string) =>
  z.number().refine((v): v is T => (values as readonly number[]).includes(v), {
    message: `${name} must be one of ${values.join(', ')}`,
  });

const ruleSchema = z
  .object({
    throttleRate: rate.optional(),
    throttleStatus: oneOf([429, 400] as const, 'throttleStatus').optional(),
    errorRate: rate.optional(),
    errorStatus: oneOf([500, 503] as const, 'errorStatus').optional(),
    latencyMs: z.number().int().min(0).max(MAX_FAULT_LATENCY_MS).optional(),
    operations: z.array(z.string().min(1)).min(1).optional(),
    count: z.number().int().min(1).optional(),
  })
  .strict()
  .refine(r => (r.throttleRate ?? 0) + (r.errorRate ?? 0) <= 1, {
    message: 'throttleRate + errorRate must not exceed 1',
  })
  .refine(r => !!(r.throttleRate || r.errorRate || r.latencyMs), {
    message: 'a fault rule needs throttleRate, errorRate or latencyMs',
  });

const rulesSchema = z.object({ rules: z.array(ruleSchema).max(20) }).strict();

/** Thrown for a fault configuration that does not parse. */
export class FaultConfigError extends Error {}

/** What the injector decided for one request. */
export interface FaultDecision {
  delayMs: number;
  error?: AwsError;
}

/**
 * Decides, per request, whether to delay it and whether to answer it with a
 * fault. The dice are a seeded PRNG, restarted whenever the rules are set, so
 * the same rules and the same sequence of requests give the same faults.
 */
export class FaultInjector {
  private rules: ActiveFaultRule[] = [];
  private random: Random;

  constructor(
    private readonly seed: number,
    private readonly knownOperations: readonly string[] = [],
  ) {
    this.random = this.freshRandom();
  }

  private freshRandom(): Random {
    return new Random(this.seed ^ 0xfa017);
  }

  /** Replaces the active rules; throws FaultConfigError when `config` is invalid. */
  set(config: FaultConfig): FaultsView {
    const several =
      config !== null && typeof config === 'object' && 'rules' in config;
    const parsed = several
      ? rulesSchema.safeParse(config)
      : ruleSchema.safeParse(config);
    if (!parsed.success) {
      throw new FaultConfigError(describeIssues(parsed.error));
    }
    const rules: FaultRule[] =
      'rules' in parsed.data ? parsed.data.rules : [parsed.data as FaultRule];
    if (this.knownOperations.length > 0) {
      for (const rule of rules) {
        for (const operation of rule.operations ?? []) {
          if (!this.knownOperations.includes(operation)) {
            throw new FaultConfigError(
              `operations: ${operation} is not an operation of any served API`,
            );
          }
        }
      }
    }
    this.rules = rules.map(rule => ({
      ...rule,
      ...(rule.count !== undefined ? { remaining: rule.count } : {}),
    }));
    this.random = this.freshRandom();
    return this.get();
  }

  get(): FaultsView {
    return { rules: this.rules.map(rule => ({ ...rule })) };
  }

  clear(): FaultsView {
    this.rules = [];
    this.random = this.freshRandom();
    return this.get();
  }

  /**
   * Every rule that matches `operation` adds its latency and uses up one of
   * its `count`; the first one whose dice say so answers the request with a
   * fault (throttling is checked before server errors).
   */
  decide(operation: string): FaultDecision {
    const decision: FaultDecision = { delayMs: 0 };
    for (const rule of this.rules) {
      if (rule.operations && !rule.operations.includes(operation)) continue;
      decision.delayMs += rule.latencyMs ?? 0;
      const throttle = rule.throttleRate ?? 0;
      const error = rule.errorRate ?? 0;
      if (!decision.error && throttle + error > 0) {
        const roll = this.random.next();
        if (roll < throttle) decision.error = throttlingError(rule);
        else if (roll < throttle + error) decision.error = serverError(rule);
      }
      if (rule.remaining !== undefined) rule.remaining -= 1;
    }
    this.rules = this.rules.filter(
      r => r.remaining === undefined || r.remaining > 0,
    );
    return decision;
  }
}

/** How AWS throttles a REST-JSON API: ThrottlingException, "Rate exceeded". */
function throttlingError(rule: FaultRule): AwsError {
  return new AwsError(
    THROTTLING_ERROR,
    THROTTLING_MESSAGE,
    rule.throttleStatus ?? 429,
  );
}

function serverError(rule: FaultRule): AwsError {
  return rule.errorStatus === 503
    ? new AwsError(
        'ServiceUnavailableException',
        'Service is unavailable. Please try again later.',
        503,
      )
    : new AwsError(
        'InternalServerException',
        'We encountered an internal error. Please try again.',
        500,
      );
}

export type FaultKind = 'throttled' | 'errors' | 'delayed';

export interface StatsSnapshot {
  /** Requests received that matched an operation, faulted ones included. */
  total: number;
  /** Requests received per operation name. */
  operations: Record<string, number>;
  /** Injected faults per operation name (only operations that had some). */
  faults: Record<string, Record<FaultKind, number>>;
}

/** Counts the API requests the sandbox receives, per operation. */
export class RequestStats {
  private operations = new Map<string, number>();
  private faults = new Map<string, Record<FaultKind, number>>();

  record(operation: string, decision?: FaultDecision): void {
    this.operations.set(operation, (this.operations.get(operation) ?? 0) + 1);
    if (!decision || (!decision.error && decision.delayMs === 0)) return;
    const counts = this.faults.get(operation) ?? {
      throttled: 0,
      errors: 0,
      delayed: 0,
    };
    if (decision.delayMs > 0) counts.delayed += 1;
    if (decision.error?.code === THROTTLING_ERROR) counts.throttled += 1;
    else if (decision.error) counts.errors += 1;
    this.faults.set(operation, counts);
  }

  /** Requests received for `operation` since the last reset. */
  count(operation: string): number {
    return this.operations.get(operation) ?? 0;
  }

  snapshot(): StatsSnapshot {
    const sorted = <T>(map: Map<string, T>) =>
      Object.fromEntries(
        [...map.entries()].sort(([a], [b]) => a.localeCompare(b)),
      );
    let total = 0;
    for (const n of this.operations.values()) total += n;
    return {
      total,
      operations: sorted(this.operations),
      faults: sorted(
        new Map([...this.faults].map(([op, c]) => [op, { ...c }] as const)),
      ),
    };
  }

  reset(): StatsSnapshot {
    this.operations.clear();
    this.faults.clear();
    return this.snapshot();
  }
}

/**
 * The hook the protocol routers call once they know which operation a
 * request is for: counts it, then delays it and/or answers it with a fault.
 */
export function trafficInterceptor(
  stats: RequestStats,
  faults: FaultInjector,
): (operation: string) => Promise<void> {
  return async operation => {
    const decision = faults.decide(operation);
    stats.record(operation, decision);
    if (decision.delayMs > 0) {
      await new Promise(resolve => setTimeout(resolve, decision.delayMs));
    }
    if (decision.error) throw decision.error;
  };
}
