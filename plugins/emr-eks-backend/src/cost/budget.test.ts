import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { EMR_MONTHLY_BUDGET_ANNOTATION } from '@emr-eks/plugin-emr-eks-common';
import { budgetOf, budgetStatus, readBudgetsConfig } from './budget';
import { CostStore, HourlyCost } from './CostStore';
import { costDatabases } from '../testing/databases';

jest.setTimeout(60_000);
const databases = costDatabases();

const group = (annotations: Record<string, string> = {}) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'data-team-a', namespace: 'default', annotations },
  spec: { type: 'team', children: [] },
});

const budgets = (teams: object[] = [], thresholds?: number[]) =>
  readBudgetsConfig(
    new ConfigReader({ emrEks: { budgets: { teams, thresholds } } }),
  );

describe('budgets', () => {
  it('takes the platform config over the annotation, and the annotation otherwise', () => {
    const configured = budgets([
      { entityRef: 'Group:default/Data-Team-A', monthlyUsd: 900 },
    ]);
    expect(
      budgetOf(group({ [EMR_MONTHLY_BUDGET_ANNOTATION]: '500' }), configured),
    ).toEqual({ budget: 900, budgetSource: 'config' });
    expect(
      budgetOf(group({ [EMR_MONTHLY_BUDGET_ANNOTATION]: '500' }), budgets()),
    ).toEqual({ budget: 500, budgetSource: 'annotation' });
    expect(budgetOf(group(), budgets())).toEqual({
      budget: null,
      budgetSource: null,
    });
  });

  it('refuses a wrong budget or threshold at startup, naming the key', () => {
    expect(() =>
      budgets([{ entityRef: 'group:default/data-team-a', monthlyUsd: -1 }]),
    ).toThrow('emrEks.budgets.teams[0].monthlyUsd');
    expect(() => budgets([], [0.8, 0])).toThrow('emrEks.budgets.thresholds');
    expect(budgets().thresholds).toEqual([0.8, 1]);
    expect(budgets([], [1, 0.5]).thresholds).toEqual([0.5, 1]);
  });

  it.each(databases.eachSupportedId())(
    'forecasts the month from the stored days, weekday by weekday (%s)',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await CostStore.create(mockServices.database({ knex }));
      const key = {
        accountId: '123456789012',
        region: 'us-east-1',
        virtualClusterId: 'vc1',
      };
      const rows: HourlyCost[] = [];
      // Weekdays cost 100, weekends 10, from 2026-10-20 to 2026-12-13.
      for (
        let t = Date.parse('2026-10-20T12:00:00Z');
        t < Date.parse('2026-12-14T00:00:00Z');
        t += 86_400_000
      ) {
        const weekday = new Date(t).getUTCDay();
        const cost = weekday === 0 || weekday === 6 ? 10 : 100;
        rows.push({
          hour: new Date(t),
          ...key,
          jobRunId: `run${t}`,
          component: 'executor',
          capacityType: 'spot',
          cpuCost: cost,
          ramCost: 0,
          pvCost: 0,
          networkCost: 0,
          totalCost: cost,
          cpuRequestCoreHours: 1,
          ramRequestGbHours: 1,
          cpuUsageCoreHours: 1,
          ramUsageGbHours: 1,
          upliftEstimate: 0,
        });
      }
      await store.replaceHours(
        'analytics-shared',
        {
          start: new Date('2026-10-20T00:00:00Z'),
          end: new Date('2026-12-14T10:00:00Z'),
        },
        rows,
        [],
      );
      const status = await budgetStatus(store, {
        entity: group({ [EMR_MONTHLY_BUDGET_ANNOTATION]: '2000' }),
        virtualClusters: [{ entityRef: 'resource:default/vc1', ...key }],
        budgets: budgets(),
        now: Date.parse('2026-12-14T10:00:00Z'),
      });
      // December 1st-13th: nine weekdays and four weekend days.
      expect(status.monthToDate).toBeCloseTo(9 * 100 + 4 * 10);
      // 14th-31st: fourteen weekdays and four weekend days to come.
      expect(status.forecast.expected).toBeCloseTo(940 + 14 * 100 + 4 * 10);
      expect(status).toMatchObject({
        month: '2026-12',
        budget: 2000,
        budgetSource: 'annotation',
        thresholds: [0.8, 1],
        entityRef: 'group:default/data-team-a',
      });
      expect(status.forecast.basisDays).toBe(55);
    },
  );
});
