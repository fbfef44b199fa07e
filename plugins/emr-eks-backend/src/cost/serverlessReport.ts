import {
  CostTotals,
  CostWindow,
  DailyCost,
  ServerlessApplicationCost,
  ServerlessApplicationKey,
  ServerlessPrice,
} from '@emr-eks/plugin-emr-eks-common';
import { ServerlessDay } from './CostStore';
import { daysOf } from './report';

/** One string for an application's account, region and id. */
export const applicationKeyOf = (a: ServerlessApplicationKey) =>
  `${a.accountId}/${a.region}/${a.applicationId}`;

/** The cost of some application-days; unknown (null) when one of them is unpriced. */
export function serverlessTotal(days: ServerlessDay[]): number | null {
  let sum = 0;
  for (const day of days) {
    if (day.cost === null) return null;
    sum += day.cost;
  }
  return sum;
}

/** Adds the EMR Serverless cost to EMR on EKS totals: `total` holds both. */
export function withServerlessTotals(
  totals: CostTotals,
  days: ServerlessDay[],
): CostTotals {
  const serverless = serverlessTotal(days);
  return {
    ...totals,
    serverless,
    total:
      totals.total === null || serverless === null
        ? null
        : totals.total + serverless,
  };
}

/** Adds each day's EMR Serverless cost to the daily series. */
export function withServerlessDaily(
  daily: DailyCost[],
  days: ServerlessDay[],
): DailyCost[] {
  const byDay = new Map<string, ServerlessDay[]>();
  for (const day of days) {
    byDay.set(day.day, [...(byDay.get(day.day) ?? []), day]);
  }
  return daily.map(d => ({
    ...d,
    serverless: serverlessTotal(byDay.get(d.date) ?? []),
  }));
}

/** Each application's cost over the window, the prices used and daily totals; highest first. */
export function byServerlessApplication(
  days: ServerlessDay[],
  window: CostWindow,
  applications: Array<{ entityRef: string } & ServerlessApplicationKey>,
): ServerlessApplicationCost[] {
  const rank = (a: ServerlessApplicationCost) => a.total ?? -1;
  return applications
    .map(app => {
      const own = days.filter(
        d => applicationKeyOf(d) === applicationKeyOf(app),
      );
      const prices = new Map<string, ServerlessPrice>();
      const unpriced = new Set<string>();
      for (const day of own) {
        if (day.price) {
          const price = { region: day.region, ...day.price };
          prices.set(JSON.stringify(price), price);
        }
        if (day.unpricedReason) unpriced.add(day.unpricedReason);
      }
      const sum = (pick: (d: ServerlessDay) => number) =>
        own.reduce((total, d) => total + pick(d), 0);
      return {
        entityRef: app.entityRef,
        accountId: app.accountId,
        region: app.region,
        applicationId: app.applicationId,
        total: serverlessTotal(own),
        jobRuns: sum(d => d.jobRuns),
        vcpuHours: sum(d => d.vcpuHours),
        memoryGbHours: sum(d => d.memoryGbHours),
        storageGbHours: sum(d => d.storageGbHours),
        prices: [...prices.values()],
        ...(unpriced.size > 0 && { unpriced: [...unpriced].sort() }),
        daily: daysOf(window).map(date => ({
          date,
          total: serverlessTotal(own.filter(d => d.day === date)),
        })),
      };
    })
    .sort((a, b) => rank(b) - rank(a));
}
