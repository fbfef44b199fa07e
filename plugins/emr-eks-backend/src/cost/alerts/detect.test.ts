import { BudgetStatus, JobRunCost } from '@emr-eks/plugin-emr-eks-common';
import {
  anomalyAlerts,
  budgetAlerts,
  expensiveRunAlerts,
  median,
} from './detect';

function status(partial: Partial<BudgetStatus>): BudgetStatus {
  return {
    currency: 'USD',
    entityRef: 'group:default/data-team-a',
    month: '2026-12',
    budget: 1000,
    budgetSource: 'annotation',
    monthToDate: 100,
    forecast: { expected: 500, low: 400, high: 600, basisDays: 56 },
    thresholds: [0.8, 1],
    ...partial,
  };
}

describe('budgetAlerts', () => {
  it('says nothing below every threshold, or without a budget', () => {
    expect(budgetAlerts(status({}), 'Team A')).toEqual([]);
    expect(
      budgetAlerts(
        status({
          budget: null,
          forecast: { expected: 5e6, low: 0, high: 5e6, basisDays: 1 },
        }),
        'Team A',
      ),
    ).toEqual([]);
  });

  it('tells a forecast past 80 % and 100 % apart from spend past them, high at 100 %', () => {
    const alerts = budgetAlerts(
      status({
        monthToDate: 850,
        forecast: { expected: 1200, low: 1100, high: 1300, basisDays: 56 },
      }),
      'Team A',
    );
    expect(alerts).toEqual([
      expect.objectContaining({
        kind: 'budget-actual',
        subject: '0.8',
        period: '2026-12',
        severity: 'normal',
        title:
          'Team A: EMR on EKS spend has reached 80 % of the monthly budget',
      }),
      expect.objectContaining({
        kind: 'budget-forecast',
        subject: '1',
        period: '2026-12',
        severity: 'high',
      }),
    ]);
    expect(alerts[0].description).toBe(
      "$850.00 spent in 2026-12 against a budget of $1,000.00 (85 %); forecast to the month's end $1,200.00 ($1,100.00–$1,300.00).",
    );
    expect(alerts[1].description).toContain('$1,200.00');
  });
});

describe('anomalyAlerts', () => {
  const config = {
    anomalyFactor: 3,
    anomalyBaselineDays: 14,
    anomalyMinimumUsd: 50,
  };
  const daysBefore = (n: number) =>
    new Date(Date.parse('2026-12-10T00:00:00Z') - n * 86_400_000)
      .toISOString()
      .slice(0, 10);
  // Ordinary $40 days from 2026-11-25 to 2026-12-08, before yesterday and today.
  const ordinary = Array.from({ length: 14 }, (_, i) => ({
    date: daysBefore(i + 2),
    total: 40,
  }));

  it('alerts on a day above 3× the median of the 14 before it, once per day', () => {
    const daily = [
      ...ordinary,
      { date: '2026-12-09', total: 40 },
      { date: '2026-12-10', total: 130 },
    ];
    const alerts = anomalyAlerts({
      daily,
      today: '2026-12-10',
      config,
      team: 'Team A',
    });
    expect(alerts).toEqual([
      expect.objectContaining({
        kind: 'daily-anomaly',
        subject: '2026-12-10',
        period: '2026-12-10',
      }),
    ]);
    expect(alerts[0].description).toBe(
      '$130.00 on 2026-12-10 so far: 3.3× the median day of the 14 days before ($40.00).',
    );
  });

  it('stays quiet below the factor, below the floor, and without enough history', () => {
    const base = [...ordinary, { date: '2026-12-09', total: 40 }];
    const at = (total: number, extra = {}) =>
      anomalyAlerts({
        daily: [...base, { date: '2026-12-10', total }],
        today: '2026-12-10',
        config,
        team: 'Team A',
        ...extra,
      });
    expect(at(119)).toEqual([]);
    expect(at(49, { config: { ...config, anomalyFactor: 1 } })).toEqual([]);
    // History from 2026-12-05: four days before yesterday, five before today.
    expect(at(500, { historyStart: '2026-12-05' })).toEqual([]);
  });

  it('takes a missing day in the history as a day that cost nothing', () => {
    const alerts = anomalyAlerts({
      daily: [{ date: '2026-12-10', total: 60 }],
      today: '2026-12-10',
      historyStart: '2026-11-01',
      config,
      team: 'Team A',
    });
    expect(alerts.map(a => a.description)).toEqual([
      '$60.00 on 2026-12-10 so far; the median day of the 14 days before cost nothing.',
    ]);
  });

  it('takes the median, not the mean', () => {
    expect(median([1, 100, 2])).toBe(2);
    expect(median([1, 2, 3, 100])).toBe(2.5);
  });
});

describe('expensiveRunAlerts', () => {
  const run = (jobRunId: string, total: number | null): JobRunCost => ({
    jobRunId,
    virtualClusterId: 'vc1',
    compute: 80,
    uplift: total === null ? null : total - 80,
    total,
    upliftBasis: total === null ? 'unpriced' : 'estimated',
    cpuCoreHours: 1,
    ramGbHours: 1,
  });

  it('alerts on runs above the amount, keyed by virtual cluster and run', () => {
    const alerts = expensiveRunAlerts({
      runs: [run('big', 250), run('small', 90), run('unpriced', null)],
      config: { runAboveUsd: 75 },
      team: 'Team A',
    });
    expect(alerts.map(a => [a.subject, a.period])).toEqual([
      ['vc1/big', 'run'],
      ['vc1/small', 'run'],
      ['vc1/unpriced', 'run'],
    ]);
    expect(alerts[2].description).toContain('compute only');
  });

  it('says nothing when no amount is configured', () => {
    expect(
      expensiveRunAlerts({ runs: [run('big', 1e6)], config: {}, team: 'A' }),
    ).toEqual([]);
  });
});
