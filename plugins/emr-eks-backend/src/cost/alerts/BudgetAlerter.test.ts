import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  NotificationSendOptions,
  NotificationService,
} from '@backstage/plugin-notifications-node';
import {
  BudgetStatus,
  CostReport,
  DEFAULT_BUDGET_THRESHOLDS,
  EMR_MONTHLY_BUDGET_ANNOTATION,
} from '@emr-eks/plugin-emr-eks-common';
import knexFactory, { Knex } from 'knex';
import { costDatabases } from '../../testing/databases';
import { CostRequest, CostService } from '../types';
import { AlertLog } from './AlertLog';
import { BudgetAlerter } from './BudgetAlerter';

jest.setTimeout(60_000);
const databases = costDatabases();

const group = (name: string, budget?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: {
    name,
    namespace: 'default',
    ...(budget
      ? { annotations: { [EMR_MONTHLY_BUDGET_ANNOTATION]: budget } }
      : {}),
  },
  spec: { type: 'team', profile: { displayName: `Team ${name}` } },
});

const NOW = Date.parse('2026-12-10T15:00:00Z');

/** Team a is past 80 % and forecast past 100 %; team b has no budget. */
function fakeCost(): jest.Mocked<CostService> {
  const status: BudgetStatus = {
    currency: 'USD',
    entityRef: 'group:default/a',
    month: '2026-12',
    budget: 1000,
    budgetSource: 'annotation',
    monthToDate: 850,
    forecast: { expected: 2400, low: 2000, high: 2800, basisDays: 56 },
    thresholds: DEFAULT_BUDGET_THRESHOLDS,
  };
  return {
    budget: jest.fn(async (_request: Omit<CostRequest, 'query'>) => status),
    report: jest.fn(
      async (_request: CostRequest) =>
        ({
          daily: [],
          topJobRuns: [],
          historyStart: '2026-10-01T00:00:00.000Z',
        } as unknown as CostReport),
    ),
    csv: jest.fn(),
    unattributed: jest.fn(),
  };
}

/** Records what is sent; fails while `failing` is set, as with no notifications backend. */
class FakeNotifications implements NotificationService {
  sent: NotificationSendOptions[] = [];
  failing = false;
  async send(options: NotificationSendOptions) {
    if (this.failing) throw new Error('Request failed with status 404');
    this.sent.push(options);
  }
}

function replica(
  db: Knex,
  notifications: NotificationService,
  cost = fakeCost(),
) {
  return new BudgetAlerter({
    cost,
    catalog: catalogServiceMock({
      entities: [group('a', '1000'), group('b')],
    }),
    auth: mockServices.auth(),
    notifications,
    log: new AlertLog(db),
    budgets: { monthly: new Map(), thresholds: DEFAULT_BUDGET_THRESHOLDS },
    config: {
      enabled: true,
      anomalyFactor: 3,
      anomalyBaselineDays: 14,
      anomalyMinimumUsd: 50,
    },
    logger: mockServices.logger.mock(),
    now: () => NOW,
  });
}

async function migrated(id: Parameters<typeof databases.init>[0]) {
  const knex = await databases.init(id);
  await AlertLog.create(mockServices.database({ knex }));
  return knex;
}

describe.each(databases.eachSupportedId())('BudgetAlerter on %s', id => {
  it('sends each alert once with two replicas checking at the same time, and not again after a restart', async () => {
    const knex = await migrated(id);
    // Replicas reach PostgreSQL through pools of their own; SQLite in memory is one pool.
    const second = id.startsWith('POSTGRES')
      ? knexFactory(knex.client.config)
      : knex;
    try {
      const notifications = new FakeNotifications();
      const results = await Promise.all([
        replica(knex, notifications).run(),
        replica(second, notifications).run(),
      ]);
      expect(results.map(r => r.teams)).toEqual([1, 1]);
      expect(results[0].sent + results[1].sent).toBe(2);

      const restarted = replica(knex, notifications);
      expect(await restarted.run()).toEqual({ sent: 0, teams: 1 });

      expect(notifications.sent).toHaveLength(2);
      expect(
        notifications.sent.map(n => [n.payload.title, n.payload.severity]),
      ).toEqual(
        expect.arrayContaining([
          [
            'Team a: EMR on EKS spend has reached 80 % of the monthly budget',
            'normal',
          ],
          [
            'Team a: EMR on EKS spend is forecast to reach 100 % of the monthly budget',
            'high',
          ],
        ]),
      );
      for (const n of notifications.sent) {
        expect(n.recipients).toEqual({
          type: 'entity',
          entityRef: 'group:default/a',
        });
        expect(n.payload.link).toBe('/catalog/default/group/a/emr-cost');
        expect(n.payload.topic).toBe('EMR on EKS cost');
      }
      const rows = await knex('emr_eks_budget_alerts').orderBy('kind');
      expect(rows.map(r => [r.team_ref, r.kind, r.subject, r.period])).toEqual([
        ['group:default/a', 'budget-actual', '0.8', '2026-12'],
        ['group:default/a', 'budget-forecast', '1', '2026-12'],
      ]);
    } finally {
      if (second !== knex) await second.destroy();
    }
  });

  it('gives a claim back when sending fails, so the next check sends it', async () => {
    const knex = await migrated(id);
    const notifications = new FakeNotifications();
    notifications.failing = true;
    expect(await replica(knex, notifications).run()).toEqual({
      sent: 0,
      teams: 1,
    });
    notifications.failing = false;
    expect(await replica(knex, notifications).run()).toEqual({
      sent: 2,
      teams: 1,
    });
  });

  it('checks only teams with a budget, asking the cost service as the plugin', async () => {
    const knex = await migrated(id);
    const cost = fakeCost();
    await replica(knex, new FakeNotifications(), cost).run();
    expect(cost.budget).toHaveBeenCalledTimes(1);
    const [request] = cost.budget.mock.calls[0];
    expect(request.entityRef).toEqual({
      kind: 'Group',
      namespace: 'default',
      name: 'a',
    });
    expect(request.credentials.principal).toEqual(
      expect.objectContaining({ type: 'service' }),
    );
    // The month so far and the anomaly baseline: from 14 days before yesterday.
    expect(cost.report.mock.calls[0][0].query).toEqual({
      start: '2026-11-25',
      end: '2026-12-10',
    });
  });
});
