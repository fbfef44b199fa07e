import {
  AuthService,
  DatabaseService,
  LoggerService,
  RootConfigService,
  SchedulerService,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { readBudgetsConfig } from '../budget';
import { CostService } from '../types';
import { AlertLog } from './AlertLog';
import { BudgetAlerter } from './BudgetAlerter';
import { readAlertsConfig } from './config';

/** The scheduler task that checks the budgets; `POST .../tasks/<id>/trigger` runs it now. */
export const BUDGET_ALERTS_TASK_ID = 'emr-eks-budget-alerts';

/**
 * Schedules the budget and anomaly alerts when cost is configured (`emrEks.cost`) and alerts
 * are not turned off: by default every 30 minutes, on one replica at a time.
 */
export async function scheduleBudgetAlerts(deps: {
  config: RootConfigService;
  database: DatabaseService;
  scheduler: SchedulerService;
  logger: LoggerService;
  catalog: CatalogService;
  auth: AuthService;
  notifications: NotificationService;
  cost: CostService;
}): Promise<void> {
  const config = readAlertsConfig(deps.config);
  if (!deps.config.has('emrEks.cost') || !config.enabled) {
    return;
  }
  const alerter = new BudgetAlerter({
    cost: deps.cost,
    catalog: deps.catalog,
    auth: deps.auth,
    notifications: deps.notifications,
    log: await AlertLog.create(deps.database),
    budgets: readBudgetsConfig(deps.config),
    config,
    logger: deps.logger,
  });
  const schedule = deps.config.has('emrEks.budgets.alerts.schedule')
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
        deps.config.getConfig('emrEks.budgets.alerts.schedule'),
      )
    : {
        frequency: { minutes: 30 },
        timeout: { minutes: 10 },
        // After the first cost ingestion has had time to fill the history.
        initialDelay: { minutes: 2 },
      };
  await deps.scheduler.scheduleTask({
    id: BUDGET_ALERTS_TASK_ID,
    ...schedule,
    fn: async () => {
      const { sent, teams } = await alerter.run();
      deps.logger.info(
        `EMR on EKS budget alerts: checked ${teams} teams with a budget, sent ${sent}`,
      );
    },
  });
}
