import { Config } from '@backstage/config';

/** `emrEks.budgets.alerts`: when a team's spend is told to its members. */
export interface AlertsConfig {
  enabled: boolean;
  /** A day alerts above this many times the median day before it. */
  anomalyFactor: number;
  /** How many days before a day make its median. */
  anomalyBaselineDays: number;
  /** A day costing no more than this never alerts, however quiet the days before. */
  anomalyMinimumUsd: number;
  /** A job run costing more than this alerts; unset: no run alerts. */
  runAboveUsd?: number;
}

const positive = (
  config: Config | undefined,
  key: string,
  fallback: number,
): number => {
  const value = config?.getOptionalNumber(key) ?? fallback;
  if (!(value > 0)) {
    throw new Error(`emrEks.budgets.alerts.${key} must be a positive number`);
  }
  return value;
};

/** Reads `emrEks.budgets.alerts`; a wrong value stops the backend naming the key. */
export function readAlertsConfig(root: Config): AlertsConfig {
  const config = root.getOptionalConfig('emrEks.budgets.alerts');
  const baselineDays = positive(config, 'anomalyBaselineDays', 14);
  if (!Number.isInteger(baselineDays)) {
    throw new Error(
      'emrEks.budgets.alerts.anomalyBaselineDays must be a whole number of days',
    );
  }
  const runAbove = config?.getOptionalNumber('runAboveUsd');
  return {
    enabled: config?.getOptionalBoolean('enabled') ?? true,
    anomalyFactor: positive(config, 'anomalyFactor', 3),
    anomalyBaselineDays: baselineDays,
    anomalyMinimumUsd: positive(config, 'anomalyMinimumUsd', 50),
    ...(runAbove === undefined
      ? {}
      : { runAboveUsd: positive(config, 'runAboveUsd', runAbove) }),
  };
}
