import express, { Request, Response } from 'express';
import { z } from 'zod';
import { Clock } from '../../clock';
import { AwsError, describeIssues } from '../../errors';
import { SandboxService } from '../types';
import {
  allocationData,
  allocationFilter,
  computeAllocations,
  LEGACY_ALLOCATION_FILTERS,
} from './allocation';
import {
  assetFilter,
  assetSetJson,
  computeAssets,
  LEGACY_ASSET_FILTERS,
  parseAssetAggregate,
} from './assets';
import { simulate, Simulation, SimulationSource } from './cluster';
import { sendData, sendFailure } from './format';
import type { SparkRunRecord } from '../kubernetes/sparkOperator';
import {
  bothFilters,
  dailySets,
  Flavor,
  KubecostError,
  legacyFilter,
  parseAccumulate,
  parseAggregate,
  parseBool,
  parseFilter,
  parseStep,
  parseWindow,
  splitWindow,
} from './query';

/*
 * Kubecost's and OpenCost's cost allocation and assets APIs, computed from
 * the sandbox's own EMR on EKS job runs (see cluster.ts). Routed by path:
 * Kubecost under /model, OpenCost under /opencost; no SigV4 here.
 */

export const KUBECOST = 'kubecost';
/** Where the Kubecost API answers (as on the cost-analyzer's port 9090). */
export const KUBECOST_PATH_PREFIX = '/model';
/** Where the OpenCost API answers (OpenCost's own paths, under this prefix). */
export const OPENCOST_PATH_PREFIX = '/opencost';

/** Operation names of the Kubecost and OpenCost APIs, for fault rules and stats. */
export const KUBECOST_OPERATIONS = {
  allocation: 'KubecostAllocation',
  allocationCompute: 'KubecostAllocationCompute',
  assets: 'KubecostAssets',
  openCostAllocation: 'OpenCostAllocation',
  openCostAssets: 'OpenCostAssets',
} as const;

/**
 * How a "down" Kubecost answers: `unavailable` is HTTP 503 (what a proxy or
 * load balancer in front of it says), `reset` closes the connection unanswered.
 */
export type KubecostOutage = 'unavailable' | 'reset';

export interface KubecostService extends SandboxService {
  /** Takes Kubecost and OpenCost down (or back up, with undefined). */
  setOutage(mode: KubecostOutage | undefined): void;
  /** The current outage, undefined while they answer. */
  outage(): KubecostOutage | undefined;
  /** The simulated pods and nodes at the clock's time (for tests). */
  simulation(): Simulation;
}

export interface KubecostServiceOptions {
  clock: Clock;
  seed: number;
  /** The emr-containers data to derive pods from: every region with data. */
  sources: () => SimulationSource[];
  /** The Spark Operator and spark-submit runs to derive pods from (none when absent). */
  sparkRuns?: () => SparkRunRecord[];
  /** Counts the request, and may delay it or throw a fault (AwsError). */
  intercept?: (operation: string, req: Request) => void | Promise<void>;
}

const outageBody = z
  .object({ mode: z.enum(['unavailable', 'reset']).optional() })
  .strict();

const UNAVAILABLE_PAGE =
  '<html>\r\n<head><title>503 Service Temporarily Unavailable</title></head>\r\n<body>\r\n<center><h1>503 Service Temporarily Unavailable</h1></center>\r\n</body>\r\n</html>\r\n';

/** What the simulation depends on besides the seed: the time and the runs' plans. */
function fingerprint(
  sources: SimulationSource[],
  sparkRuns: SparkRunRecord[],
  now: number,
): string {
  const parts = [String(now)];
  for (const run of sparkRuns) {
    parts.push(`${run.cluster}/${run.uid}:${run.plan.endsAt}`);
  }
  for (const { region, store } of sources) {
    for (const vc of store.listVirtualClusters()) {
      parts.push(`${region}/${vc.id}/${vc.createdAt}`);
      for (const { run } of store.listJobRuns(vc.id)) {
        const p = run.plan;
        parts.push(
          `${run.id}:${p.createdAt}:${p.endsAt}:${p.cancelRequestedAt}:${p.cancelledAt}`,
        );
      }
    }
  }
  return parts.join('|');
}

export function createKubecostService(
  options: KubecostServiceOptions,
): KubecostService {
  const { clock, seed, sources, intercept } = options;
  const sparkRuns = options.sparkRuns ?? (() => []);
  let outage: KubecostOutage | undefined;
  // The last simulation, reused while the clock and the runs stay the same.
  let cached: { key: string; value: Simulation } | undefined;
  const simulation = () => {
    const now = clock.now();
    const current = sources();
    const runs = sparkRuns();
    const key = fingerprint(current, runs, now);
    if (cached?.key !== key) {
      cached = { key, value: simulate(current, seed, now, runs) };
    }
    return cached.value;
  };

  const allocation =
    (flavor: Flavor, api: 'etl' | 'compute') =>
    (query: URLSearchParams, now: number) => {
      const window = parseWindow(query.get('window') ?? '', now, flavor);
      const aggregate = parseAggregate(query.get('aggregate'));
      const step = parseStep(query.get('step'));
      const filter = bothFilters(
        parseFilter(query.get('filter') ?? ''),
        legacyFilter(query, LEGACY_ALLOCATION_FILTERS),
      );
      allocationFilter(filter);
      // Kubecost's `idle` is on by default; OpenCost's `includeIdle` is not.
      const names =
        flavor === 'kubecost'
          ? ['idle', 'includeIdle']
          : ['includeIdle', 'idle'];
      const given = names.find(name => query.has(name));
      const idleDefault = flavor === 'kubecost';
      const sets = computeAllocations(simulation(), {
        // The ETL API keeps one set per day, whatever the step.
        sets: api === 'etl' ? dailySets(window) : splitWindow(window, step),
        aggregate,
        accumulate: parseAccumulate(query.get('accumulate')),
        filter,
        idle: given ? parseBool(query.get(given), idleDefault) : idleDefault,
        shareIdle: parseBool(query.get('shareIdle'), false),
        splitIdle: parseBool(query.get('splitIdle'), false),
        idleByNode: parseBool(query.get('idleByNode'), false),
      });
      return allocationData(sets, flavor);
    };

  const assets = (flavor: Flavor) => (query: URLSearchParams, now: number) => {
    const window = parseWindow(query.get('window') ?? '', now, flavor);
    const filter = parseFilter(query.get('filter') ?? '');
    if (flavor === 'opencost') {
      assetFilter(filter);
      const [set] = computeAssets(simulation(), {
        sets: [window],
        aggregate: [],
        accumulate: 'none',
        filter,
      });
      // OpenCost answers one AssetSet, not an array of sets.
      return assetSetJson(set, flavor);
    }
    const aggregate = parseAssetAggregate(query.get('aggregate'));
    const all = bothFilters(filter, legacyFilter(query, LEGACY_ASSET_FILTERS));
    assetFilter(all);
    return computeAssets(simulation(), {
      sets: dailySets(window),
      aggregate,
      accumulate: parseAccumulate(query.get('accumulate')),
      filter: all,
    }).map(set => assetSetJson(set, flavor));
  };

  const routes: Array<{
    path: string;
    flavor: Flavor;
    operation: string;
    answer: (query: URLSearchParams, now: number) => unknown;
  }> = [
    {
      path: `${KUBECOST_PATH_PREFIX}/allocation`,
      flavor: 'kubecost',
      operation: KUBECOST_OPERATIONS.allocation,
      answer: allocation('kubecost', 'etl'),
    },
    {
      path: `${KUBECOST_PATH_PREFIX}/allocation/compute`,
      flavor: 'kubecost',
      operation: KUBECOST_OPERATIONS.allocationCompute,
      answer: allocation('kubecost', 'compute'),
    },
    {
      path: `${KUBECOST_PATH_PREFIX}/assets`,
      flavor: 'kubecost',
      operation: KUBECOST_OPERATIONS.assets,
      answer: assets('kubecost'),
    },
    // OpenCost serves /allocation/compute under /allocation as well.
    ...['/allocation', '/allocation/compute'].map(path => ({
      path: `${OPENCOST_PATH_PREFIX}${path}`,
      flavor: 'opencost' as const,
      operation: KUBECOST_OPERATIONS.openCostAllocation,
      answer: allocation('opencost', 'compute'),
    })),
    {
      path: `${OPENCOST_PATH_PREFIX}/assets`,
      flavor: 'opencost',
      operation: KUBECOST_OPERATIONS.openCostAssets,
      answer: assets('opencost'),
    },
  ];

  const handle =
    (route: (typeof routes)[number]) => async (req: Request, res: Response) => {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.status(405).type('text/plain').send('Method Not Allowed\n');
        return;
      }
      try {
        await intercept?.(route.operation, req);
        if (outage === 'reset') {
          req.socket.destroy();
          return;
        }
        if (outage === 'unavailable') {
          res.status(503).type('text/html').send(UNAVAILABLE_PAGE);
          return;
        }
        const query = new URL(req.originalUrl, 'http://sandbox').searchParams;
        sendData(res, route.flavor, route.answer(query, clock.now()));
      } catch (error) {
        if (error instanceof KubecostError) {
          sendFailure(res, error);
        } else if (error instanceof AwsError) {
          // An injected fault: throttled (429/400) or a server error (500/503).
          sendFailure(res, new KubecostError(error.message, error.status));
        } else {
          // eslint-disable-next-line no-console
          console.error('sandbox: unexpected error', error);
          sendFailure(res, new KubecostError('internal error', 500));
        }
      }
    };

  const router = express.Router();
  for (const route of routes) router.all(route.path, handle(route));
  router.use((_req, res) => {
    res.status(404).type('text/plain').send('404 page not found\n');
  });

  const control = express.Router();
  control.use(express.json());
  const state = () => (outage ? { down: true, mode: outage } : { down: false });
  control.get('/down', (_req, res) => {
    res.json(state());
  });
  control.post('/down', (req, res) => {
    const parsed = outageBody.safeParse(req.body ?? {});
    if (!parsed.success) {
      res.status(400).json({ message: describeIssues(parsed.error) });
      return;
    }
    outage = parsed.data.mode ?? 'unavailable';
    res.json(state());
  });
  control.delete('/down', (_req, res) => {
    outage = undefined;
    res.json(state());
  });

  return {
    name: KUBECOST,
    paths: [KUBECOST_PATH_PREFIX, OPENCOST_PATH_PREFIX],
    router,
    control,
    operations: [...new Set(Object.values(KUBECOST_OPERATIONS))],
    reset: () => {
      outage = undefined;
    },
    setOutage: mode => {
      outage = mode;
    },
    outage: () => outage,
    simulation,
  };
}

export { EMR_LABELS, SPOT_EXECUTOR_SHARE, SUBMITTER_SHARE } from './cluster';
export type {
  CapacityType,
  PodRole,
  SimCluster,
  SimNode,
  SimPod,
  Simulation,
  SimulationSource,
} from './cluster';
export {
  DEFAULT_CPU_PRICE_PER_CORE_HOUR,
  DEFAULT_RAM_PRICE_PER_GIB_HOUR,
  INSTANCE_TYPES,
  ON_DEMAND_USD_PER_HOUR,
  SPOT_PRICE_RANGE,
  splitNodePrice,
} from './pricing';
export { EKS_CLUSTER_USD_PER_HOUR } from './assets';
