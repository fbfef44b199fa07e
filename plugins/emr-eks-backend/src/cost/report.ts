import {
  CapacityType,
  CostBasis,
  CostReport,
  CostTotals,
  CostWindow,
  DailyCost,
  JobRunCost,
  SparkComponent,
  VirtualClusterCost,
  VirtualClusterKey,
} from '@emr-eks/plugin-emr-eks-common';
import { JobDay, ServerlessDay, SparkAppDay } from './CostStore';

const DAY_MS = 86_400_000;

/**
 * The uplift of one job-day: the billed amount replaces the estimate where the CUR has it;
 * without either it is unknown (`unpriced`: the region has no price).
 */
export function upliftOf(day: JobDay): {
  uplift: number | null;
  basis: 'estimated' | 'billed' | 'unpriced';
} {
  if (day.upliftBilled !== null) {
    return { uplift: day.upliftBilled, basis: 'billed' };
  }
  return day.upliftEstimate === null
    ? { uplift: null, basis: 'unpriced' }
    : { uplift: day.upliftEstimate, basis: 'estimated' };
}

function combine(a: CostBasis | undefined, b: CostBasis): CostBasis {
  return a === undefined || a === b ? b : 'mixed';
}

const ratio = (used: number, requested: number) =>
  requested > 0 ? used / requested : undefined;

/**
 * Sums job-days into totals; `upliftBasis` says whether they hold estimates, bills, or both.
 * One unpriced job-day makes the uplift (and total) unknown, with its region named.
 */
export function totalsOf(days: JobDay[]): CostTotals {
  let compute = 0;
  let uplift = 0;
  let basis: CostBasis | undefined;
  const unpriced = new Set<string>();
  let cpuRequest = 0;
  let ramRequest = 0;
  let cpuUsage = 0;
  let ramUsage = 0;
  for (const day of days) {
    const u = upliftOf(day);
    compute += day.compute;
    if (u.uplift === null) {
      unpriced.add(day.region);
    } else {
      uplift += u.uplift;
    }
    basis = combine(basis, u.basis);
    cpuRequest += day.cpuRequestCoreHours;
    ramRequest += day.ramRequestGbHours;
    cpuUsage += day.cpuUsageCoreHours;
    ramUsage += day.ramUsageGbHours;
  }
  const known = unpriced.size === 0;
  return {
    compute,
    uplift: known ? uplift : null,
    total: known ? compute + uplift : null,
    upliftBasis: basis ?? 'estimated',
    ...(known ? {} : { upliftUnpricedRegions: [...unpriced].sort() }),
    cpuCoreHours: cpuRequest,
    ramGbHours: ramRequest,
    cpuEfficiency: ratio(cpuUsage, cpuRequest),
    ramEfficiency: ratio(ramUsage, ramRequest),
  };
}

function groupBy<T>(items: T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

/** Every UTC day that `window` touches, `YYYY-MM-DD`. */
export function daysOf(window: CostWindow): string[] {
  const days: string[] = [];
  const end = Date.parse(window.end);
  for (let t = Date.parse(window.start.slice(0, 10)); t < end; t += DAY_MS) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}

/** A daily series over the whole window, zero on days without cost. */
export function dailySeries(days: JobDay[], window: CostWindow): DailyCost[] {
  const byDay = groupBy(days, day => day.day);
  return daysOf(window).map(date => {
    const totals = totalsOf(byDay.get(date) ?? []);
    return {
      date,
      compute: totals.compute,
      uplift: totals.uplift,
      upliftBasis: totals.upliftBasis,
      ...(totals.upliftUnpricedRegions && {
        upliftUnpricedRegions: totals.upliftUnpricedRegions,
      }),
    };
  });
}

/** One string for a virtual cluster's account, region and id. */
export const keyOf = (v: VirtualClusterKey) =>
  `${v.accountId}/${v.region}/${v.virtualClusterId}`;

/** What a run is ranked by: its total, or what is known of it when the uplift is not. */
const rankOf = (t: CostTotals) => t.total ?? t.compute + (t.uplift ?? 0);

/** The most expensive job runs over the window, highest total first. */
export function topJobRuns(
  days: JobDay[],
  limit: number,
  entityRefOf: (virtualCluster: VirtualClusterKey) => string | undefined,
): JobRunCost[] {
  const byRun = groupBy(days, day => `${keyOf(day)}/${day.jobRunId}`);
  return [...byRun.values()]
    .map(runDays => ({
      jobRunId: runDays[0].jobRunId,
      virtualClusterId: runDays[0].virtualClusterId,
      accountId: runDays[0].accountId,
      region: runDays[0].region,
      entityRef: entityRefOf(runDays[0]),
      ...totalsOf(runDays),
    }))
    .sort((a, b) => rankOf(b) - rankOf(a))
    .slice(0, limit);
}

/** Each virtual cluster's totals and daily totals over the window, highest total first. */
export function byVirtualCluster(
  days: JobDay[],
  window: CostWindow,
  virtualClusters: Array<{ entityRef: string } & VirtualClusterKey>,
): VirtualClusterCost[] {
  const byCluster = groupBy(days, keyOf);
  return virtualClusters
    .map(v => {
      const clusterDays = byCluster.get(keyOf(v)) ?? [];
      return {
        entityRef: v.entityRef,
        virtualClusterId: v.virtualClusterId,
        accountId: v.accountId,
        region: v.region,
        totals: totalsOf(clusterDays),
        daily: dailySeries(clusterDays, window).map(d => ({
          date: d.date,
          total: d.uplift === null ? null : d.compute + d.uplift,
        })),
      };
    })
    .sort((a, b) => rankOf(b.totals) - rankOf(a.totals));
}

/** Assembles the wire report from what the store returned. */
export function buildReport(input: {
  window: CostWindow;
  previousWindow: CostWindow;
  days: JobDay[];
  previousDays: JobDay[];
  byComponent: Array<{ key: string; compute: number }>;
  byCapacityType: Array<{ key: string; compute: number }>;
  completeUntil?: Date;
  /** The earliest hour the store holds; undefined when it holds nothing. */
  historyStart?: Date;
  virtualClusters: Array<{ entityRef: string } & VirtualClusterKey>;
  topLimit?: number;
}): CostReport {
  // Comparing with a window the history does not reach compares with nothing.
  const covered =
    input.historyStart !== undefined &&
    input.historyStart.getTime() <= Date.parse(input.previousWindow.start);
  const refs = new Map(input.virtualClusters.map(v => [keyOf(v), v.entityRef]));
  return {
    currency: 'USD',
    window: input.window,
    totals: totalsOf(input.days),
    previous: {
      window: input.previousWindow,
      totals: totalsOf(input.previousDays),
      covered,
    },
    daily: dailySeries(input.days, input.window),
    byComponent: input.byComponent.map(b => ({
      component: b.key as SparkComponent,
      compute: b.compute,
    })),
    byCapacityType: input.byCapacityType.map(b => ({
      capacityType: b.key as CapacityType,
      compute: b.compute,
    })),
    topJobRuns: topJobRuns(input.days, input.topLimit ?? 10, v =>
      refs.get(keyOf(v)),
    ),
    byVirtualCluster: byVirtualCluster(
      input.days,
      input.window,
      input.virtualClusters,
    ),
    completeUntil: input.completeUntil?.toISOString(),
    historyStart: input.historyStart?.toISOString(),
    virtualClusters: input.virtualClusters,
  };
}

/** One row of the CSV download; unknown amounts are empty cells, never a number. */
interface CsvRow {
  day: string;
  kind: 'emr-containers' | 'spark-operator' | 'spark-submit' | 'emr-serverless';
  virtualClusterId?: string;
  jobRunId?: string;
  application?: string;
  compute: number | null;
  uplift: number | null;
  basis: 'estimated' | 'billed' | 'unpriced' | 'none';
}

const CSV_HEADER =
  'date,virtual_cluster_id,job_run_id,compute_usd,uplift_usd,uplift_basis,total_usd,kind,application';

const amount = (value: number | null) =>
  value === null ? '' : value.toFixed(6);

/**
 * What the CSV download holds: a row per EMR job run and day, Spark Operator or spark-submit
 * application and day, and EMR Serverless application and day, so that its sum is the Cost
 * tab's (names and ids are Kubernetes label values and AWS ids: no commas). The first seven columns are those of the job-run-only file before; `kind` and
 * `application` come last so readers by position keep working. An unpriced uplift, and so
 * the total, are empty cells with the basis `unpriced`; `none` is a cost with no EMR uplift
 * (pods off the EMR runtime, EMR Serverless, whose price is all-in).
 */
export function toCsv(
  days: JobDay[],
  sparkDays: SparkAppDay[] = [],
  serverlessDays: ServerlessDay[] = [],
): string {
  const rows: CsvRow[] = [
    ...days.map((day): CsvRow => {
      const { uplift, basis } = upliftOf(day);
      return {
        day: day.day,
        kind: 'emr-containers',
        virtualClusterId: day.virtualClusterId,
        jobRunId: day.jobRunId,
        compute: day.compute,
        uplift,
        basis,
      };
    }),
    ...sparkDays.map(
      (day): CsvRow => ({
        day: day.day,
        kind: day.kind,
        virtualClusterId: day.virtualClusterId,
        application: day.application,
        compute: day.compute,
        uplift: day.upliftEstimate,
        basis: !day.emrRuntime
          ? 'none'
          : day.upliftEstimate === null
          ? 'unpriced'
          : 'estimated',
      }),
    ),
    ...serverlessDays.map(
      (day): CsvRow => ({
        day: day.day,
        kind: 'emr-serverless',
        application: day.applicationId,
        compute: day.cost,
        uplift: day.cost === null ? null : 0,
        basis: day.cost === null ? 'unpriced' : 'none',
      }),
    ),
  ];
  const lines = rows
    .sort(
      (a, b) =>
        a.day.localeCompare(b.day) ||
        a.kind.localeCompare(b.kind) ||
        (a.jobRunId ?? a.application ?? '').localeCompare(
          b.jobRunId ?? b.application ?? '',
        ),
    )
    .map(row => {
      const total =
        row.compute === null || row.uplift === null
          ? null
          : row.compute + row.uplift;
      return [
        row.day,
        row.virtualClusterId ?? '',
        row.jobRunId ?? '',
        amount(row.compute),
        amount(row.uplift),
        row.basis,
        amount(total),
        row.kind,
        row.application ?? '',
      ].join(',');
    });
  return `${[CSV_HEADER, ...lines].join('\n')}\n`;
}
