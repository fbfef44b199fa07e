import type { ServerlessPrice } from '@emr-eks/plugin-emr-eks-common';

/** EMR Serverless prices of one region, USD. */
export type ServerlessRate = Omit<ServerlessPrice, 'region' | 'source'>;

const TABLE_SOURCE =
  'AWS Price List, x86, as tabulated by PerfKitBenchmarker (aws_dpb_emr_serverless_prices.py)';

const rate = (
  vcpuHour: number,
  memoryGbHour: number,
  storageGbHour: number,
): ServerlessRate => ({ vcpuHour, memoryGbHour, storageGbHour });

/**
 * The published on-demand x86 prices of EMR Serverless: per vCPU-hour, per GB-hour of memory
 * and per GB-hour of storage beyond the free 20 GB per worker. Copied from the AWS price list
 * as a public benchmarking project tabulated it (see the README's cost section); a region not
 * listed here has no price unless `emrEks.cost.serverless.prices` sets one.
 */
export const BUILT_IN_SERVERLESS_PRICES: Readonly<
  Record<string, ServerlessRate>
> = {
  'us-east-1': rate(0.052624, 0.0057785, 0.000111),
  'us-east-2': rate(0.052624, 0.0057785, 0.000111),
  'us-west-1': rate(0.060528, 0.006643, 0.000133),
  'us-west-2': rate(0.052624, 0.0057785, 0.000111),
  'ca-central-1': rate(0.057928, 0.0063245, 0.000122),
  'sa-east-1': rate(0.09048, 0.00988, 0.000211),
  'eu-west-1': rate(0.052624, 0.0057785, 0.000122),
  'eu-west-2': rate(0.060528, 0.006643, 0.000129),
  'eu-west-3': rate(0.06318, 0.00689, 0.000129),
  'eu-central-1': rate(0.060528, 0.006643, 0.000132),
  'eu-north-1': rate(0.05785, 0.00637, 0.000116),
  'ap-northeast-1': rate(0.065728, 0.007189, 0.000133),
  'ap-northeast-2': rate(0.060528, 0.006643, 0.000127),
  'ap-south-1': rate(0.055328, 0.0060515, 0.000127),
  'ap-southeast-1': rate(0.065728, 0.007189, 0.000133),
  'ap-southeast-2': rate(0.063128, 0.006916, 0.000133),
};

/** What a run used, as `GetJobRun`'s `billedResourceUtilization` says. */
export interface BilledUtilization {
  vcpuHours: number;
  memoryGbHours: number;
  storageGbHours: number;
}

/** A price, or why there is none. */
export type ServerlessPriceAnswer =
  | { price: ServerlessPrice }
  | { unpriced: string };

/**
 * The EMR Serverless price of each region and architecture: `emrEks.cost.serverless.prices`
 * first (the operator said so, for any architecture the application runs on), then the
 * built-in x86 table. Anything else is unpriced with the reason — never another region's or
 * architecture's price.
 */
export class ServerlessPrices {
  constructor(private readonly configured: Record<string, ServerlessRate>) {}

  priceFor(region: string, architecture?: string): ServerlessPriceAnswer {
    const configured = this.configured[region];
    if (configured) {
      return { price: { region, ...configured, source: 'config' } };
    }
    if (architecture && architecture !== 'X86_64') {
      return {
        unpriced: `${architecture} workers in ${region}: the built-in prices are x86 only; set emrEks.cost.serverless.prices.${region}`,
      };
    }
    const builtIn = BUILT_IN_SERVERLESS_PRICES[region];
    if (!builtIn) {
      return {
        unpriced: `${region} is not in the built-in EMR Serverless price table; set emrEks.cost.serverless.prices.${region}`,
      };
    }
    return { price: { region, ...builtIn, source: TABLE_SOURCE } };
  }
}

/** A run's cost: each billed quantity times its price. */
export function serverlessCost(
  used: BilledUtilization,
  price: ServerlessRate,
): number {
  return (
    used.vcpuHours * price.vcpuHour +
    used.memoryGbHours * price.memoryGbHour +
    used.storageGbHours * price.storageGbHour
  );
}
