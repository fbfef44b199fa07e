/** EMR on EKS price per vCPU-hour and per GB-hour of memory requested by a job's pods. */
export interface UpliftRate {
  vcpuHour: number;
  gbHour: number;
}

/** The published us-east-1 rates, used where a region has no configured rate. */
export const DEFAULT_UPLIFT_RATE: UpliftRate = {
  vcpuHour: 0.01012,
  gbHour: 0.00111125,
};

/**
 * The EMR uplift estimate: requested vCPU-hours and GB-hours times the region's rates.
 * EMR on EKS charges the vCPU and memory the job's pods request, per second.
 */
export function estimateUplift(
  request: { cpuCoreHours: number; ramGbHours: number },
  rate: UpliftRate,
): number {
  return (
    request.cpuCoreHours * rate.vcpuHour + request.ramGbHours * rate.gbHour
  );
}
