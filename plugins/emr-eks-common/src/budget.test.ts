import { Entity } from '@backstage/catalog-model';
import {
  EMR_MONTHLY_BUDGET_ANNOTATION,
  forecastMonth,
  readMonthlyBudget,
} from './budget';

/** Daily totals from `start` (inclusive) to `end` (exclusive), by weekday (0 = Sunday). */
function days(start: string, end: string, cost: (weekday: number) => number) {
  const out = [];
  for (
    let t = Date.parse(`${start}T00:00:00Z`);
    t < Date.parse(`${end}T00:00:00Z`);
    t += 86_400_000
  ) {
    const d = new Date(t);
    out.push({
      date: d.toISOString().slice(0, 10),
      total: cost(d.getUTCDay()),
    });
  }
  return out;
}

describe('readMonthlyBudget', () => {
  const entity = (value?: string): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: {
      name: 'data-team-a',
      annotations:
        value === undefined ? {} : { [EMR_MONTHLY_BUDGET_ANNOTATION]: value },
    },
  });

  it.each([
    ['2500', 2500],
    [' 1200.50 ', 1200.5],
    [undefined, undefined],
    ['0', undefined],
    ['-5', undefined],
    ['1e3', undefined],
    ['$100', undefined],
    ['', undefined],
  ])('reads %j as %j', (value, expected) => {
    expect(readMonthlyBudget(entity(value))).toBe(expected);
  });
});

describe('forecastMonth', () => {
  // Weekdays cost 100, weekends 10: a working-week batch pattern.
  const pattern = (weekday: number) =>
    weekday === 0 || weekday === 6 ? 10 : 100;

  it('expects each remaining day to cost what its weekday did', () => {
    // 2026-12-01 is a Tuesday; today is Monday the 14th.
    const daily = days('2026-10-01', '2026-12-14', pattern);
    const forecast = forecastMonth({ daily, today: '2026-12-14' });
    const spent = days('2026-12-01', '2026-12-14', pattern).reduce(
      (s, d) => s + d.total,
      0,
    );
    // 14th–31st: 14 weekdays and 4 weekend days.
    expect(forecast.expected).toBeCloseTo(spent + 14 * 100 + 4 * 10);
    // A steady pattern has no spread.
    expect(forecast.low).toBeCloseTo(forecast.expected);
    expect(forecast.high).toBeCloseTo(forecast.expected);
    expect(forecast.basisDays).toBe(56);
  });

  it('widens the range with the weekdays’ spread', () => {
    let n = 0;
    const daily = days(
      '2026-10-01',
      '2026-12-14',
      w => pattern(w) + (n++ % 2 ? 30 : -30),
    );
    const forecast = forecastMonth({ daily, today: '2026-12-14' });
    expect(forecast.low).toBeLessThan(forecast.expected);
    expect(forecast.high).toBeGreaterThan(forecast.expected);
    expect(forecast.high - forecast.expected).toBeCloseTo(
      forecast.expected - forecast.low,
    );
  });

  it('counts days before the history starts as unknown, not free', () => {
    const daily = days('2026-12-07', '2026-12-14', pattern);
    const forecast = forecastMonth({
      daily,
      today: '2026-12-14',
      historyStart: '2026-12-07',
    });
    expect(forecast.basisDays).toBe(7);
    expect(forecast.expected).toBeCloseTo(5 * 100 + 2 * 10 + 14 * 100 + 4 * 10);
  });

  it('counts today’s spend so far, and at least its weekday’s mean', () => {
    const history = days('2026-10-01', '2026-12-14', pattern);
    const base = forecastMonth({ daily: history, today: '2026-12-14' });
    const early = forecastMonth({
      daily: [...history, { date: '2026-12-14', total: 30 }],
      today: '2026-12-14',
    });
    expect(early.expected).toBeCloseTo(base.expected);
    const late = forecastMonth({
      daily: [...history, { date: '2026-12-14', total: 250 }],
      today: '2026-12-14',
    });
    expect(late.expected).toBeCloseTo(base.expected + 150);
  });

  it('is the spend so far when there is no history', () => {
    expect(
      forecastMonth({
        daily: [],
        today: '2026-12-01',
        historyStart: '2026-12-01',
      }),
    ).toEqual({ expected: 0, low: 0, high: 0, basisDays: 0 });
  });
});
