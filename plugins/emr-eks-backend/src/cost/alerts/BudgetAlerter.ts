import {
  AuthService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  Entity,
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { knownDailyTotal } from '@emr-eks/plugin-emr-eks-common';
import { BudgetsConfig, budgetOf } from '../budget';
import { CostService } from '../types';
import { AlertLog } from './AlertLog';
import { AlertsConfig } from './config';
import {
  CostAlert,
  anomalyAlerts,
  budgetAlerts,
  expensiveRunAlerts,
} from './detect';

const DAY_MS = 86_400_000;
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The topic the portal's notifications page groups these under. */
export const COST_ALERT_TOPIC = 'EMR on EKS cost';

/** Where a team's members read the figures: the team's Cost tab. */
export function costTabPath(entity: Entity): string {
  const { kind, namespace, name } = getCompoundEntityRef(entity);
  return `/catalog/${encodeURIComponent(namespace)}/${encodeURIComponent(
    kind.toLocaleLowerCase('en-US'),
  )}/${encodeURIComponent(name)}/emr-cost`;
}

/**
 * Checks every team (Group) with a budget and tells its members, through Backstage
 * notifications, when its spend or forecast crosses a threshold, a day is far above normal
 * or a job run costs more than allowed. Each alert is claimed in the alert log before it is
 * sent, so it goes out once whichever replica checks, and again never after a restart.
 * The figures come from the cost service, asked as the plugin itself.
 */
export class BudgetAlerter {
  constructor(
    private readonly deps: {
      cost: CostService;
      catalog: CatalogService;
      auth: AuthService;
      notifications: NotificationService;
      log: AlertLog;
      budgets: BudgetsConfig;
      config: AlertsConfig;
      logger: LoggerService;
      now?: () => number;
    },
  ) {}

  /** One check of every team; a team that fails is logged and the others still checked. */
  async run(): Promise<{ sent: number; teams: number }> {
    const { catalog, auth, budgets, logger } = this.deps;
    const credentials = await auth.getOwnServiceCredentials();
    const { items } = await catalog.getEntities(
      { filter: { kind: 'Group' } },
      { credentials },
    );
    const teams = items.filter(group => budgetOf(group, budgets).budget);
    let sent = 0;
    for (const team of teams) {
      try {
        sent += await this.checkTeam(team, credentials);
      } catch (error) {
        logger.warn(
          `EMR on EKS budget alerts: could not check ${stringifyEntityRef(
            team,
          )}`,
          error as Error,
        );
      }
    }
    return { sent, teams: teams.length };
  }

  private async checkTeam(
    team: Entity,
    credentials: BackstageCredentials,
  ): Promise<number> {
    const { cost, config } = this.deps;
    const now = (this.deps.now ?? Date.now)();
    const entityRef = getCompoundEntityRef(team);
    const today = dayOf(now);
    // The month so far, and the days the anomaly check compares yesterday with.
    const start = dayOf(
      Math.min(
        Date.parse(`${today.slice(0, 7)}-01T00:00:00Z`),
        now - (config.anomalyBaselineDays + 1) * DAY_MS,
      ),
    );
    const [status, report] = await Promise.all([
      cost.budget({ entityRef, credentials }),
      cost.report({ entityRef, credentials, query: { start, end: today } }),
    ]);
    const name =
      (team.spec?.profile as { displayName?: string } | undefined)
        ?.displayName ??
      team.metadata.title ??
      team.metadata.name;
    const alerts = [
      ...budgetAlerts(status, name),
      ...anomalyAlerts({
        // As the budget counts a day (unpriced parts as 0).
        daily: report.daily.map(d => ({
          date: d.date,
          total: knownDailyTotal(d),
        })),
        today,
        historyStart: report.historyStart?.slice(0, 10),
        config,
        team: name,
      }),
      ...expensiveRunAlerts({ runs: report.topJobRuns, config, team: name }),
    ];
    let sent = 0;
    for (const alert of alerts) {
      if (await this.send(team, alert)) sent++;
    }
    return sent;
  }

  /** Sends an alert unless it was claimed before; a failed send gives the claim back. */
  private async send(team: Entity, alert: CostAlert): Promise<boolean> {
    const { log, notifications, logger } = this.deps;
    const teamRef = stringifyEntityRef(team);
    const key = {
      teamRef,
      kind: alert.kind,
      subject: alert.subject,
      period: alert.period,
    };
    const claim = await log.claim(key);
    if (!claim) {
      return false;
    }
    try {
      await notifications.send({
        recipients: { type: 'entity', entityRef: teamRef },
        payload: {
          title: alert.title,
          description: alert.description,
          link: costTabPath(team),
          severity: alert.severity,
          topic: COST_ALERT_TOPIC,
          scope: `emr-eks-cost:${alert.kind}:${alert.subject}:${alert.period}`,
        },
      });
      logger.info(`EMR on EKS cost alert sent to ${teamRef}: ${alert.title}`);
      return true;
    } catch (error) {
      await log.release(key, claim);
      logger.warn(
        `EMR on EKS cost alert to ${teamRef} not sent (is @backstage/plugin-notifications-backend installed?); it is tried again at the next check`,
        error as Error,
      );
      return false;
    }
  }
}
