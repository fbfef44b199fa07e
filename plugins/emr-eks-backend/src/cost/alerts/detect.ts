import { BudgetStatus, JobRunCost } from '@emr-eks/plugin-emr-eks-common';
import { AlertsConfig } from './config';

/** What an alert is about; with the subject and period, what makes it unique. */
export type AlertKind =
  | 'budget-actual'
  | 'budget-forecast'
  | 'daily-anomaly'
  | 'expensive-run';

/** One alert for one team, before it is sent. */
export interface CostAlert {
  kind: AlertKind;
  /** The threshold (`0.8`), the day (`2026-12-02`) or `<virtual cluster id>/<job run id>`. */
  subject: string;
  /** `YYYY-MM` for budget alerts, `YYYY-MM-DD` for a day's anomaly, `run` for a run. */
  period: string;
  severity: 'high' | 'normal';
  title: string;
  description: string;
}

const usd = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
});
const percent = (fraction: number) => `${Math.round(fraction * 100)} %`;

/**
 * For each threshold, the month-to-date spend past it, or else the forecast past it. An
 * actual crossing implies the forecast one, so only the actual is told.
 */
export function budgetAlerts(status: BudgetStatus, team: string): CostAlert[] {
  const { budget, monthToDate, forecast, month } = status;
  if (budget === null) {
    return [];
  }
  const range = `${usd.format(forecast.low)}–${usd.format(forecast.high)}`;
  return status.thresholds.flatMap((threshold): CostAlert[] => {
    const limit = threshold * budget;
    const common = {
      subject: String(threshold),
      period: month,
      severity: threshold >= 1 ? ('high' as const) : ('normal' as const),
    };
    if (monthToDate >= limit) {
      return [
        {
          ...common,
          kind: 'budget-actual',
          title: `${team}: EMR on EKS spend has reached ${percent(
            threshold,
          )} of the monthly budget`,
          description: `${usd.format(
            monthToDate,
          )} spent in ${month} against a budget of ${usd.format(
            budget,
          )} (${percent(
            monthToDate / budget,
          )}); forecast to the month's end ${usd.format(
            forecast.expected,
          )} (${range}).`,
        },
      ];
    }
    if (forecast.expected >= limit) {
      return [
        {
          ...common,
          kind: 'budget-forecast',
          title: `${team}: EMR on EKS spend is forecast to reach ${percent(
            threshold,
          )} of the monthly budget`,
          description: `Forecast to the end of ${month}: ${usd.format(
            forecast.expected,
          )} (${range}) against a budget of ${usd.format(budget)} (${percent(
            forecast.expected / budget,
          )}); ${usd.format(monthToDate)} spent so far.`,
        },
      ];
    }
    return [];
  });
}

/** The middle value (the mean of the two middle ones for an even count). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const DAY_MS = 86_400_000;
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Yesterday and today (so far) against the median of the `baselineDays` days before each: an
 * alert when a day costs more than `anomalyFactor` times that median and more than
 * `anomalyMinimumUsd`. A day with fewer than half its baseline days in the stored history is
 * not judged: a team's first days have no normal to be far from.
 */
export function anomalyAlerts(options: {
  daily: Array<{ date: string; total: number }>;
  today: string;
  historyStart?: string;
  config: Pick<
    AlertsConfig,
    'anomalyFactor' | 'anomalyBaselineDays' | 'anomalyMinimumUsd'
  >;
  team: string;
}): CostAlert[] {
  const { daily, today, historyStart, config, team } = options;
  const byDate = new Map(daily.map(d => [d.date, d.total]));
  const todayMs = Date.parse(`${today}T00:00:00Z`);
  const alerts: CostAlert[] = [];
  for (const dayMs of [todayMs - DAY_MS, todayMs]) {
    const date = dayOf(dayMs);
    const total = byDate.get(date) ?? 0;
    const baseline: number[] = [];
    for (let i = 1; i <= config.anomalyBaselineDays; i++) {
      const before = dayOf(dayMs - i * DAY_MS);
      if (historyStart && before < historyStart) break;
      baseline.push(byDate.get(before) ?? 0);
    }
    if (baseline.length * 2 < config.anomalyBaselineDays) continue;
    const normal = median(baseline);
    if (
      total > config.anomalyMinimumUsd &&
      total > config.anomalyFactor * normal
    ) {
      alerts.push({
        kind: 'daily-anomaly',
        subject: date,
        period: date,
        severity: 'normal',
        title: `${team}: EMR on EKS spend on ${date} is far above normal`,
        description: `${usd.format(total)} on ${date}${
          date === today ? ' so far' : ''
        }${
          normal > 0
            ? `: ${(total / normal).toFixed(1)}× the median day of the ${
                baseline.length
              } days before (${usd.format(normal)}).`
            : `; the median day of the ${baseline.length} days before cost nothing.`
        }`,
      });
    }
  }
  return alerts;
}

/**
 * Each job run among the window's most expensive that has cost more than `runAboveUsd` (none
 * when unset); once per run, whatever month it runs into.
 */
export function expensiveRunAlerts(options: {
  runs: JobRunCost[];
  config: Pick<AlertsConfig, 'runAboveUsd'>;
  team: string;
}): CostAlert[] {
  const { runs, config, team } = options;
  const limit = config.runAboveUsd;
  if (limit === undefined) {
    return [];
  }
  return runs
    .filter(run => (run.total ?? run.compute) > limit)
    .map(run => ({
      kind: 'expensive-run' as const,
      subject: `${run.virtualClusterId}/${run.jobRunId}`,
      period: 'run',
      severity: 'normal' as const,
      title: `${team}: job run ${run.jobRunId} has cost more than ${usd.format(
        limit,
      )}`,
      description: `Job run ${run.jobRunId} of virtual cluster ${
        run.virtualClusterId
      } has cost ${usd.format(run.total ?? run.compute)}${
        run.total === null ? ' (compute only: its uplift is unpriced)' : ''
      }.`,
    }));
}
