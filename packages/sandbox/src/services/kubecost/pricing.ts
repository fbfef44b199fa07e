/*
 * EC2 prices of the simulated nodes, and how Kubecost (and OpenCost) split a
 * node's hourly price into a CPU and a RAM price.
 */

const GIB = 2 ** 30;

export interface InstanceType {
  name: string;
  vcpu: number;
  memoryGiB: number;
  /** Kubelet's pod limit on EKS (VPC CNI), which sets the memory reserve. */
  maxPods: number;
}

/** The instance types the simulated clusters run on. */
export const INSTANCE_TYPES: Record<string, InstanceType> = Object.fromEntries(
  (
    [
      ['m5.large', 2, 8, 29],
      ['m5.xlarge', 4, 16, 58],
      ['m5.2xlarge', 8, 32, 58],
      ['m5.4xlarge', 16, 64, 234],
      ['c5.2xlarge', 8, 16, 58],
      ['c5.4xlarge', 16, 32, 234],
      ['r5.2xlarge', 8, 64, 58],
      ['r5.4xlarge', 16, 128, 234],
    ] as const
  ).map(([name, vcpu, memoryGiB, maxPods]) => [
    name,
    { name, vcpu, memoryGiB, maxPods },
  ]),
);

/**
 * Linux On-Demand prices in USD per hour. Regions not listed use the
 * us-east-1 prices.
 */
export const ON_DEMAND_USD_PER_HOUR: Record<string, Record<string, number>> = {
  'us-east-1': {
    'm5.large': 0.096,
    'm5.xlarge': 0.192,
    'm5.2xlarge': 0.384,
    'm5.4xlarge': 0.768,
    'c5.2xlarge': 0.34,
    'c5.4xlarge': 0.68,
    'r5.2xlarge': 0.504,
    'r5.4xlarge': 1.008,
  },
  'eu-west-1': {
    'm5.large': 0.107,
    'm5.xlarge': 0.214,
    'm5.2xlarge': 0.428,
    'm5.4xlarge': 0.856,
    'c5.2xlarge': 0.384,
    'c5.4xlarge': 0.768,
    'r5.2xlarge': 0.564,
    'r5.4xlarge': 1.128,
  },
};

/** A Spot node costs this share of the On-Demand price (drawn per node). */
export const SPOT_PRICE_RANGE: readonly [number, number] = [0.3, 0.4];

export function onDemandPrice(region: string, instanceType: string): number {
  const prices =
    ON_DEMAND_USD_PER_HOUR[region] ?? ON_DEMAND_USD_PER_HOUR['us-east-1'];
  const price = prices[instanceType];
  if (price === undefined) {
    throw new Error(`No price for ${instanceType}`);
  }
  return price;
}

/**
 * OpenCost's default CPU and RAM prices (its `configs/default.json`). Only
 * their ratio matters: it is how a node's total price is split.
 */
export const DEFAULT_CPU_PRICE_PER_CORE_HOUR = 0.031611;
export const DEFAULT_RAM_PRICE_PER_GIB_HOUR = 0.004237;

/**
 * The per-core-hour CPU price and per-GiB-hour RAM price of a node whose
 * total hourly price is known, as the cost model derives them
 * (`costmodel.go`): ramPrice = nodePrice / (cores * cpuToRAMRatio + GiB),
 * cpuPrice = ramPrice * cpuToRAMRatio. So cores * cpuPrice + GiB * ramPrice
 * is the node price again.
 */
export function splitNodePrice(
  hourlyPrice: number,
  cores: number,
  ramBytes: number,
): { cpuPerCoreHour: number; ramPerGiBHour: number } {
  const ratio =
    DEFAULT_CPU_PRICE_PER_CORE_HOUR / DEFAULT_RAM_PRICE_PER_GIB_HOUR;
  const ramPerGiBHour = hourlyPrice / (cores * ratio + ramBytes / GIB);
  return { cpuPerCoreHour: ramPerGiBHour * ratio, ramPerGiBHour };
}

/**
 * What kubelet leaves to pods on EKS: CPU minus the EKS AMI's reserve (6% of
 * the first core, 1% of the second, 0.5% of the next two, 0.25% of the rest),
 * memory minus 255 MiB + 11 MiB per pod of kube-reserved and 100 MiB eviction
 * threshold.
 */
export function allocatable(type: InstanceType): {
  cores: number;
  ramBytes: number;
} {
  const v = type.vcpu;
  const reserved =
    0.06 +
    (v > 1 ? 0.01 : 0) +
    0.005 * Math.max(0, Math.min(v, 4) - 2) +
    0.0025 * Math.max(0, v - 4);
  const reservedMiB = 255 + 11 * type.maxPods + 100;
  return {
    cores: v - reserved,
    ramBytes: type.memoryGiB * GIB - reservedMiB * 2 ** 20,
  };
}
