import { Entity } from '@backstage/catalog-model';

/**
 * Annotation on a Group (or a virtual-cluster Resource) holding its monthly EMR on EKS
 * budget in US dollars, e.g. `"2500"`. Platform config (`emrEks.budgets`) overrides it.
 *
 * @public
 */
export const EMR_MONTHLY_BUDGET_ANNOTATION = 'emr-eks.io/monthly-budget-usd';

/**
 * The entity's monthly budget from its annotation; undefined when absent or not a positive
 * number of dollars.
 *
 * @public
 */
export function readMonthlyBudget(entity: Entity): number | undefined {
  const raw = entity.metadata.annotations?.[EMR_MONTHLY_BUDGET_ANNOTATION];
  if (raw === undefined || !/^\s*\d+(\.\d+)?\s*$/.test(raw)) {
    return undefined;
  }
  const value = Number(raw);
  return value > 0 ? value : undefined;
}

/** Where the rest of a month is expected to land, with an 80 % range. @public */
export interface MonthForecast {
  /** Month-to-date spend plus the expected spend of the remaining days. */
  expected: number;
  low: number;
  high: number;
  /** The past days the forecast learned from (0: no history, the forecast is the spend so far). */
  basisDays: number;
}

const DAY_MS = 86_400_000;
/** Weeks of history each weekday's mean is taken over. */
const HISTORY_WEEKS = 8;
/** z for a two-sided 80 % range. */
const Z80 = 1.2816;

/**
 * Forecasts a month's end from daily totals: each remaining day is expected to cost the mean
 * of the same weekday over the last eight weeks (Spark batch work follows the working week),
 * and the range adds the weekdays' spread, taken as independent days.
 *
 * `daily` holds days' totals (`YYYY-MM-DD`, UTC; a missing day cost nothing once history has
 * started), today's so far included; `today` is the day not yet complete: it is expected to
 * cost at least its weekday's mean.
 *
 * @public
 */
export function forecastMonth(options: {
  daily: Array<{ date: string; total: number }>;
  today: string;
  /** The earliest date with stored history; days before it are unknown, not zero. */
  historyStart?: string;
}): MonthForecast {
  const { today } = options;
  const todayMs = Date.parse(`${today}T00:00:00Z`);
  const monthStart = `${today.slice(0, 7)}-01`;
  const next = new Date(todayMs);
  next.setUTCMonth(next.getUTCMonth() + 1, 1);
  const monthEndMs = next.getTime();

  const byDate = new Map(options.daily.map(d => [d.date, d.total]));
  const spent = options.daily
    .filter(d => d.date >= monthStart && d.date <= today)
    .reduce((sum, d) => sum + d.total, 0);
  const todaySoFar = byDate.get(today) ?? 0;

  // Each weekday's totals over the history window (zero where nothing ran).
  const historyStartMs = Math.max(
    todayMs - HISTORY_WEEKS * 7 * DAY_MS,
    options.historyStart
      ? Date.parse(`${options.historyStart}T00:00:00Z`)
      : -Infinity,
  );
  const samples: number[][] = [[], [], [], [], [], [], []];
  for (let t = todayMs - DAY_MS; t >= historyStartMs; t -= DAY_MS) {
    const date = new Date(t).toISOString().slice(0, 10);
    samples[new Date(t).getUTCDay()].push(byDate.get(date) ?? 0);
  }
  const basisDays = samples.reduce((n, s) => n + s.length, 0);
  if (basisDays === 0) {
    return { expected: spent, low: spent, high: spent, basisDays };
  }
  // A weekday not seen yet borrows the mean and spread of all days.
  const all = samples.flat();
  const stats = samples.map(s => meanAndVariance(s.length ? s : all));

  let expected = 0;
  let variance = 0;
  for (let t = todayMs; t < monthEndMs; t += DAY_MS) {
    const { mean, variance: v } = stats[new Date(t).getUTCDay()];
    expected += t === todayMs ? Math.max(0, mean - todaySoFar) : mean;
    variance += v;
  }
  const spread = Z80 * Math.sqrt(variance);
  return {
    expected: spent + expected,
    low: spent + Math.max(0, expected - spread),
    high: spent + expected + spread,
    basisDays,
  };
}

function meanAndVariance(values: number[]) {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance =
    values.length > 1
      ? values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1)
      : 0;
  return { mean, variance };
}

/** The alert thresholds when none are configured: 80 % and 100 % of the budget. @public */
export const DEFAULT_BUDGET_THRESHOLDS = [0.8, 1];

/**
 * `GET /v1/entity/:namespace/:kind/:name/budget`: a team's (or a virtual cluster's) spend this
 * month against its monthly budget, with the forecast to the month's end.
 *
 * @public
 */
export interface BudgetStatus {
  currency: 'USD';
  entityRef: string;
  /** `YYYY-MM`, UTC. */
  month: string;
  /** The monthly budget; null when none is set. */
  budget: number | null;
  /** Where the budget comes from: platform config (`emrEks.budgets`) wins over the annotation. */
  budgetSource: 'config' | 'annotation' | null;
  /** Spend from the 1st to now: compute plus uplift (an unpriced uplift counts as 0). */
  monthToDate: number;
  forecast: MonthForecast;
  /** Fractions of the budget that alert, ascending. */
  thresholds: number[];
  /** Set when some uplift or EMR Serverless cost is unpriced, so the figures are low. */
  upliftUnpriced?: boolean;
  /** Stored history is complete up to this hour. */
  completeUntil?: string;
}
