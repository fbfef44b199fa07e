import { Config } from '@backstage/config';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  BudgetStatus,
  DEFAULT_BUDGET_THRESHOLDS,
  forecastMonth,
  hasUnpricedPart,
  knownDailyTotal,
  readMonthlyBudget,
} from '@emr-eks/plugin-emr-eks-common';
import { CostStore } from './CostStore';
import { CostScope, costReport } from './DefaultCostService';

const DAY_MS = 86_400_000;
/** History the forecast learns from: eight weeks before today. */
const HISTORY_DAYS = 56;

/** Budgets set by the platform (`emrEks.budgets`), which win over the entities' annotations. */
export interface BudgetsConfig {
  /** Monthly USD by entity ref (lower case, as the catalog compares refs). */
  monthly: Map<string, number>;
  thresholds: number[];
}

/** Reads `emrEks.budgets`; a wrong entry stops the backend with a message naming the key. */
export function readBudgetsConfig(root: Config): BudgetsConfig {
  const config = root.getOptionalConfig('emrEks.budgets');
  const monthly = new Map<string, number>();
  for (const [i, entry] of (
    config?.getOptionalConfigArray('teams') ?? []
  ).entries()) {
    const key = `emrEks.budgets.teams[${i}]`;
    const ref = entry.getString('entityRef');
    const usd = entry.getNumber('monthlyUsd');
    if (!(usd > 0)) {
      throw new Error(`${key}.monthlyUsd must be a positive number of dollars`);
    }
    monthly.set(ref.toLocaleLowerCase('en-US'), usd);
  }
  const thresholds =
    config?.getOptional<number[]>('thresholds') ?? DEFAULT_BUDGET_THRESHOLDS;
  if (
    !Array.isArray(thresholds) ||
    thresholds.some(t => typeof t !== 'number' || !(t > 0))
  ) {
    throw new Error(
      'emrEks.budgets.thresholds must be positive fractions of the budget, e.g. [0.8, 1]',
    );
  }
  return { monthly, thresholds: [...thresholds].sort((a, b) => a - b) };
}

/** The entity's budget: the platform's, else its annotation's. */
export function budgetOf(
  entity: Entity,
  budgets: BudgetsConfig,
): Pick<BudgetStatus, 'budget' | 'budgetSource'> {
  const configured = budgets.monthly.get(
    stringifyEntityRef(entity).toLocaleLowerCase('en-US'),
  );
  if (configured !== undefined) {
    return { budget: configured, budgetSource: 'config' };
  }
  const annotated = readMonthlyBudget(entity);
  return annotated === undefined
    ? { budget: null, budgetSource: null }
    : { budget: annotated, budgetSource: 'annotation' };
}

/**
 * This month's spend of some virtual clusters (their job runs and Spark Operator / spark-submit
 * applications) and EMR Serverless applications, the forecast to its end from the stored
 * daily totals (eight weeks of history, weekday by weekday), and the budget.
 */
export async function budgetStatus(
  store: CostStore,
  options: {
    entity: Entity;
    budgets: BudgetsConfig;
    now: number;
  } & Pick<CostScope, 'virtualClusters'> &
    Partial<Pick<CostScope, 'serverlessApplications'>>,
): Promise<BudgetStatus> {
  const { entity, virtualClusters, serverlessApplications, budgets, now } =
    options;
  const todayMs = Math.floor(now / DAY_MS) * DAY_MS;
  const today = new Date(todayMs).toISOString().slice(0, 10);
  const monthStartMs = Date.parse(`${today.slice(0, 7)}-01T00:00:00Z`);
  const startMs = Math.min(monthStartMs, todayMs - HISTORY_DAYS * DAY_MS);
  const window = {
    start: new Date(startMs).toISOString(),
    end: new Date(todayMs + DAY_MS).toISOString(),
  };
  // The report's queries and sums (uplift basis, unpriced regions), over one window.
  const report = await costReport(store, {
    window,
    previous: window,
    virtualClusters,
    serverlessApplications,
  });
  // What is known of each day: an unpriced part is flagged below, not guessed.
  const daily = report.daily.map(d => ({
    date: d.date,
    total: knownDailyTotal(d),
  }));
  const forecast = forecastMonth({
    daily,
    today,
    historyStart: report.historyStart?.slice(0, 10),
  });
  const monthToDate = daily
    .filter(d => d.date >= today.slice(0, 8) + '01' && d.date <= today)
    .reduce((sum, d) => sum + d.total, 0);
  return {
    currency: 'USD',
    entityRef: stringifyEntityRef(entity),
    month: today.slice(0, 7),
    ...budgetOf(entity, budgets),
    monthToDate,
    forecast,
    thresholds: budgets.thresholds,
    ...(report.daily.some(hasUnpricedPart) ? { upliftUnpriced: true } : {}),
    completeUntil: report.completeUntil,
  };
}
