import {
  CostTotals,
  CostWindow,
  DailyCost,
  SparkApplicationCost,
  VirtualClusterKey,
} from '@emr-eks/plugin-emr-eks-common';
import { SparkAppDay } from './CostStore';
import { daysOf, keyOf } from './report';

/** Compute plus uplift of some application-days; unknown (null) when an uplift is unpriced. */
export function sparkTotal(days: SparkAppDay[]): number | null {
  let sum = 0;
  for (const day of days) {
    if (day.upliftEstimate === null) return null;
    sum += day.compute + day.upliftEstimate;
  }
  return sum;
}

/** Adds the Spark applications' cost to the totals: `total` holds it too. */
export function withSparkTotals(
  totals: CostTotals,
  days: SparkAppDay[],
): CostTotals {
  const spark = sparkTotal(days);
  return {
    ...totals,
    sparkApplications: spark,
    total:
      totals.total === null || spark === null ? null : totals.total + spark,
  };
}

/** Adds each day's Spark applications' cost to the daily series. */
export function withSparkDaily(
  daily: DailyCost[],
  days: SparkAppDay[],
): DailyCost[] {
  const byDay = new Map<string, SparkAppDay[]>();
  for (const day of days) {
    byDay.set(day.day, [...(byDay.get(day.day) ?? []), day]);
  }
  return daily.map(d => {
    const own = byDay.get(d.date) ?? [];
    const total = sparkTotal(own);
    return {
      ...d,
      sparkApplications: total,
      // What is known of an unpriced day, so that the budget still counts it.
      ...(total === null && {
        sparkApplicationsCompute: own.reduce((sum, a) => sum + a.compute, 0),
      }),
    };
  });
}

/** Each Spark application's cost over the window with daily totals; highest first. */
export function bySparkApplication(
  days: SparkAppDay[],
  window: CostWindow,
  virtualClusters: Array<{ entityRef: string } & VirtualClusterKey>,
): SparkApplicationCost[] {
  const refs = new Map(virtualClusters.map(v => [keyOf(v), v.entityRef]));
  const groups = new Map<string, SparkAppDay[]>();
  for (const day of days) {
    const key = JSON.stringify([
      keyOf(day),
      day.namespace,
      day.kind,
      day.application,
      day.emrRuntime,
    ]);
    groups.set(key, [...(groups.get(key) ?? []), day]);
  }
  const rank = (a: SparkApplicationCost) => a.total ?? a.compute;
  return [...groups.values()]
    .map(own => {
      const first = own[0];
      const compute = own.reduce((sum, d) => sum + d.compute, 0);
      const uplift = own.some(d => d.upliftEstimate === null)
        ? null
        : own.reduce((sum, d) => sum + (d.upliftEstimate ?? 0), 0);
      return {
        entityRef: refs.get(keyOf(first)),
        accountId: first.accountId,
        region: first.region,
        virtualClusterId: first.virtualClusterId,
        namespace: first.namespace,
        application: first.application,
        kind: first.kind,
        emrRuntime: first.emrRuntime,
        compute,
        uplift,
        total: uplift === null ? null : compute + uplift,
        cpuCoreHours: own.reduce((sum, d) => sum + d.cpuRequestCoreHours, 0),
        ramGbHours: own.reduce((sum, d) => sum + d.ramRequestGbHours, 0),
        daily: daysOf(window).map(date => ({
          date,
          total: sparkTotal(own.filter(d => d.day === date)),
        })),
      };
    })
    .sort((a, b) => rank(b) - rank(a));
}
