import type { CapacityType } from './cluster';
import { allocatable, INSTANCE_TYPES, onDemandPrice } from './pricing';

/*
 * Where the simulated cluster's pods run: the node pools (a managed On-Demand group for
 * drivers, Karpenter or a Spot group for executors, a Karpenter fallback for pods too large),
 * the instance type Karpenter picks, and how long nodes take to start and stay up empty.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;

/** Where a pod wants to run. */
export interface Placement {
  pool: string;
  poolKind: 'managed' | 'karpenter';
  capacityType: CapacityType;
  instanceType: string;
}

/** How long a new node takes to become ready, and stays up once empty. */
export const POOL_TIMING = {
  managed: { bootMs: 150 * SECOND, emptyMs: 10 * MINUTE },
  karpenter: { bootMs: 60 * SECOND, emptyMs: MINUTE },
} as const;

/** Drivers and job submitters: On-Demand, as the seeds' pod templates ask. */
export const DRIVER_POOL: Placement = {
  pool: 'spark-on-demand',
  poolKind: 'managed',
  capacityType: 'on-demand',
  instanceType: 'm5.xlarge',
};

/** Executors of the eu-west-1 cluster: a Spot managed node group. */
export const SPOT_GROUP: Placement = {
  pool: 'spark-spot',
  poolKind: 'managed',
  capacityType: 'spot',
  instanceType: 'r5.2xlarge',
};

/** What Karpenter may launch for executors (the cheapest per executor wins). */
const KARPENTER_TYPES = [
  'c5.4xlarge',
  'm5.4xlarge',
  'r5.2xlarge',
  'r5.4xlarge',
];
export const EXECUTOR_NODEPOOL = 'spark-executors';
/** For pods too large for their pool: Karpenter, On-Demand, any type. */
const FALLBACK_NODEPOOL = 'spark-large';

/** Karpenter's choice: the instance type with the lowest price per pod slot. */
function cheapestType(
  region: string,
  cores: number,
  bytes: number,
  candidates: string[],
): string | undefined {
  let best: { type: string; perSlot: number } | undefined;
  for (const type of candidates) {
    const room = allocatable(INSTANCE_TYPES[type]);
    const slots = Math.floor(
      Math.min(room.cores / cores, room.ramBytes / bytes),
    );
    if (slots < 1) continue;
    const perSlot = onDemandPrice(region, type) / slots;
    if (!best || perSlot < best.perSlot) best = { type, perSlot };
  }
  return best?.type;
}

function fits(type: string, cores: number, bytes: number): boolean {
  const room = allocatable(INSTANCE_TYPES[type]);
  return cores <= room.cores && bytes <= room.ramBytes;
}

const placements = new Map<string, Placement | undefined>();

/** The pool a pod goes to, or undefined when no node could ever hold it. */
export function placementFor(
  want: Placement,
  region: string,
  cores: number,
  bytes: number,
): Placement | undefined {
  const key = `${region}|${want.pool}|${want.capacityType}|${want.instanceType}|${cores}|${bytes}`;
  if (!placements.has(key)) {
    if (placements.size > 5000) placements.clear();
    placements.set(key, choosePlacement(want, region, cores, bytes));
  }
  return placements.get(key);
}

function choosePlacement(
  want: Placement,
  region: string,
  cores: number,
  bytes: number,
): Placement | undefined {
  if (want.poolKind === 'karpenter') {
    const type = cheapestType(region, cores, bytes, KARPENTER_TYPES);
    if (type) return { ...want, instanceType: type };
  } else if (fits(want.instanceType, cores, bytes)) {
    return want;
  }
  const type = cheapestType(region, cores, bytes, Object.keys(INSTANCE_TYPES));
  return type
    ? {
        pool: FALLBACK_NODEPOOL,
        poolKind: 'karpenter',
        capacityType: 'on-demand',
        instanceType: type,
      }
    : undefined;
}
