/**
 * EMR on EKS price per vCPU-hour and per GB-hour of memory requested by a job's pods.
 * A GB here is AWS's billing GB, 2^30 bytes (a GiB): see "Memory" in the README's cost section.
 */
export interface UpliftRate {
  vcpuHour: number;
  gbHour: number;
}

/**
 * The published us-east-1 prices, the only ones known without asking AWS: the worked example
 * on the AWS EMR pricing page (https://aws.amazon.com/emr/pricing/, "Amazon EMR on Amazon
 * EKS"), $0.01012 per vCPU-hour and $0.00111125 per GB-hour. Every other region's price comes
 * from `emrEks.cost.upliftPrices` or the AWS Price List; none is ever borrowed from here.
 */
export const BUILT_IN_UPLIFT_PRICES: Readonly<Record<string, UpliftRate>> = {
  'us-east-1': { vcpuHour: 0.01012, gbHour: 0.00111125 },
};

/**
 * The EMR uplift estimate: requested vCPU-hours and GB-hours times the region's prices, or
 * null (unknown) when the region has no known price.
 * EMR on EKS charges the vCPU and memory the job's pods request, per second.
 */
export function estimateUplift(
  request: { cpuCoreHours: number; ramGbHours: number },
  rate: UpliftRate | undefined,
): number | null {
  if (!rate) {
    return null;
  }
  return (
    request.cpuCoreHours * rate.vcpuHour + request.ramGbHours * rate.gbHour
  );
}
