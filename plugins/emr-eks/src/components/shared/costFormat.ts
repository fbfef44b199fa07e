import {
  CapacityType,
  CostBasis,
  CostWindow,
  DailyCost,
  SparkComponent,
  knownDailyTotal,
} from '@emr-eks/plugin-emr-eks-common';

const DAY_MS = 24 * 60 * 60 * 1000;

const usd = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
});
const usdAxis = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  notation: 'compact',
  maximumFractionDigits: 1,
});
const percentChange = new Intl.NumberFormat('en-US', {
  style: 'percent',
  signDisplay: 'exceptZero',
  maximumFractionDigits: 0,
});
const percent = new Intl.NumberFormat('en-US', {
  style: 'percent',
  maximumFractionDigits: 0,
});
const hours = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

/** `$1,234.56`; `<$0.01` for a cost that rounds to nothing but is not zero. */
export function formatUsd(amount: number): string {
  if (amount > 0 && amount < 0.005) {
    return '<$0.01';
  }
  return usd.format(amount);
}

/** `$1.2K`, for the ticks of a chart's axis. */
export function formatUsdShort(amount: number): string {
  return usdAxis.format(amount);
}

/** `43%` for 0.43. */
export function formatPercent(fraction: number): string {
  return percent.format(fraction);
}

/** `1,234.5`, for core-hours and GB-hours. */
export function formatHours(value: number): string {
  return hours.format(value);
}

/** How many days a window spans (end exclusive), at least 1. */
export function windowDays(window: CostWindow): number {
  const days = Math.round(
    (Date.parse(window.end) - Date.parse(window.start)) / DAY_MS,
  );
  return Number.isFinite(days) && days > 0 ? days : 1;
}

function describeDays(days: number): string {
  return days === 1 ? 'previous day' : `previous ${days} days`;
}

/**
 * `+12% vs previous 30 days`, `-5% vs previous 7 days`, `same as previous 30
 * days`, or `no cost in the previous 30 days` when there is nothing to compare
 * with.
 */
export function describeChange(
  current: number,
  previous: number,
  previousWindow: CostWindow,
): string {
  const period = describeDays(windowDays(previousWindow));
  if (previous <= 0) {
    return `no cost in the ${period}`;
  }
  const change = (current - previous) / previous;
  if (Math.abs(change) < 0.005) {
    return `same as ${period}`;
  }
  return `${percentChange.format(change)} vs ${period}`;
}

/** How an uplift figure was arrived at, in one or two words. */
export function describeBasis(basis: CostBasis): string {
  switch (basis) {
    case 'billed':
      return 'billed';
    case 'mixed':
      return 'partly estimated';
    case 'unpriced':
      return 'not priced';
    default:
      return 'estimated';
  }
}

/**
 * `uplift not priced for eu-west-1`: what stands in place of an uplift figure whose region
 * has no known EMR on EKS price (the backend never borrows another region's).
 */
export function describeUnpriced(regions: string[] | undefined): string {
  const names = regions?.length ? regions.join(', ') : 'some regions';
  return `uplift not priced for ${names}`;
}

/** What the basis of an uplift figure means, for a tooltip or a note. */
export function explainBasis(basis: CostBasis): string {
  switch (basis) {
    case 'billed':
      return 'Billed: the EMR on EKS charge from the AWS Cost and Usage Report.';
    case 'mixed':
      return 'Partly estimated: billed figures from the AWS Cost and Usage Report where it has them, estimates from requested vCPU and GB-hours at published EMR on EKS rates for the rest.';
    case 'unpriced':
      return 'Not priced: the AWS Cost and Usage Report has no figures for these hours yet, and the EMR on EKS price of their region is not known, so there is no estimate.';
    default:
      return 'Estimated: requested vCPU and GB-hours at published EMR on EKS rates; the AWS Cost and Usage Report has no figures for these hours yet.';
  }
}

const COMPONENT_LABELS: Record<SparkComponent, string> = {
  driver: 'Driver',
  executor: 'Executors',
  submitter: 'Job submitter',
  unknown: 'Not attributed',
};

export function describeComponent(component: SparkComponent): string {
  return COMPONENT_LABELS[component] ?? component;
}

const CAPACITY_LABELS: Record<CapacityType, string> = {
  spot: 'Spot',
  'on-demand': 'On-demand',
  unknown: 'Unknown',
};

export function describeCapacityType(capacityType: CapacityType): string {
  return CAPACITY_LABELS[capacityType] ?? capacityType;
}

/** After this long without newer history, the report says how far it goes. */
export const HISTORY_LAG_NOTE_MS = 2 * 60 * 60 * 1000;

/** Whether stored history ends long enough ago that the report should say so. */
export function isHistoryBehind(
  completeUntil: string | undefined,
  now: number = Date.now(),
): boolean {
  const until = completeUntil ? Date.parse(completeUntil) : NaN;
  return Number.isFinite(until) && now - until > HISTORY_LAG_NOTE_MS;
}

/**
 * A day of a chart: compute, uplift and their total. An unpriced uplift is drawn as 0
 * (`upliftUnpricedRegions` says so in the tooltip) and the total is what is known.
 */
export interface ChartDay
  extends Omit<DailyCost, 'uplift' | 'serverless' | 'sparkApplications'> {
  uplift: number;
  upliftKnown: boolean;
  /** EMR Serverless cost, 0 where unknown (see `serverlessKnown`) or absent. */
  serverless: number;
  serverlessKnown: boolean;
  /** Spark Operator and spark-submit cost, 0 where unknown (see `sparkApplicationsKnown`) or absent. */
  sparkApplications: number;
  sparkApplicationsKnown: boolean;
  /** What is known of the day: compute, uplift, EMR Serverless and Spark Operator. */
  total: number;
}

function isoDate(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

/**
 * Every day of the window (UTC, end exclusive) in order, days without cost as
 * zero, so that a chart's axis has no holes. Days outside the window are kept.
 */
export function fillDays(daily: DailyCost[], window: CostWindow): ChartDay[] {
  const byDate = new Map(daily.map(day => [day.date, day]));
  const start = Date.parse(`${window.start.slice(0, 10)}T00:00:00Z`);
  const end = Date.parse(window.end);
  if (Number.isFinite(start) && Number.isFinite(end)) {
    for (let time = start; time < end; time += DAY_MS) {
      const date = isoDate(time);
      if (!byDate.has(date)) {
        byDate.set(date, {
          date,
          compute: 0,
          uplift: 0,
          upliftBasis: 'estimated',
        });
      }
    }
  }
  return [...byDate.values()]
    .sort((a, b) => a.date.localeCompare(b.date))
    .map(day => ({
      ...day,
      uplift: day.uplift ?? 0,
      upliftKnown: day.uplift !== null,
      serverless: day.serverless ?? 0,
      serverlessKnown: day.serverless !== null,
      sparkApplications:
        day.sparkApplications ?? day.sparkApplicationsCompute ?? 0,
      sparkApplicationsKnown: day.sparkApplications !== null,
      total: knownDailyTotal(day),
    }));
}

const dayFormat = new Intl.DateTimeFormat('en-US', {
  month: 'short',
  day: 'numeric',
  timeZone: 'UTC',
});

/** `May 3` for `2024-05-03` (a UTC day). */
export function formatDay(date: string): string {
  const time = Date.parse(`${date}T00:00:00Z`);
  return Number.isFinite(time) ? dayFormat.format(time) : date;
}

const dateFormat = new Intl.DateTimeFormat('en-US', {
  dateStyle: 'medium',
  timeZone: 'UTC',
});

/** `May 1, 2024 to May 30, 2024` for a window (UTC days, end exclusive). */
export function formatPeriod(window: CostWindow): string {
  const start = Date.parse(window.start);
  const end = Date.parse(window.end);
  if (!Number.isFinite(start) || !Number.isFinite(end)) {
    return `${window.start} to ${window.end}`;
  }
  const last = Math.max(start, end - 1);
  return `${dateFormat.format(start)} to ${dateFormat.format(last)}`;
}
