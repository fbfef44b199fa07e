import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { BudgetStatus } from '@emr-eks/plugin-emr-eks-common';
import { screen } from '@testing-library/react';
import { emrEksApiRef } from '../../api';
import { mockEmrEksApi } from '../../__testUtils__/mockEmrEksApi';
import { responseError } from '../../__testUtils__/cost';
import { BudgetBar, budgetLevel } from './BudgetBar';

const ref = { kind: 'Group', namespace: 'default', name: 'data-team-a' };

function status(partial: Partial<BudgetStatus> = {}): BudgetStatus {
  return {
    currency: 'USD',
    entityRef: 'group:default/data-team-a',
    month: '2026-12',
    budget: 1000,
    budgetSource: 'annotation',
    monthToDate: 450,
    forecast: { expected: 1150, low: 1050, high: 1250, basisDays: 56 },
    thresholds: [0.8, 1],
    ...partial,
  };
}

async function renderBar(getBudget: () => Promise<BudgetStatus>) {
  const api = mockEmrEksApi({ getBudget });
  await renderInTestApp(
    <TestApiProvider apis={[[emrEksApiRef, api]]}>
      <BudgetBar entityRef={ref} />
    </TestApiProvider>,
  );
  return api;
}

describe('BudgetBar', () => {
  it('shows the spend, the forecast with its range, and says it is over', async () => {
    const api = await renderBar(async () => status());
    expect(await screen.findByText('Budget, 2026-12')).toBeInTheDocument();
    expect(api.getBudget).toHaveBeenCalledWith(ref);
    expect(screen.getByRole('progressbar')).toHaveAttribute(
      'aria-valuenow',
      '450',
    );
    expect(screen.getByText(/\$1,050\.00–\$1,250\.00/)).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent(
      'The forecast is over the budget.',
    );
  });

  it('warns past the first threshold only', async () => {
    await renderBar(async () =>
      status({
        forecast: { expected: 850, low: 800, high: 900, basisDays: 56 },
      }),
    );
    expect(await screen.findByRole('status')).toHaveTextContent(
      'past an alert threshold',
    );
  });

  it('tells how to set a budget when there is none', async () => {
    await renderBar(async () => status({ budget: null, budgetSource: null }));
    expect(
      await screen.findByText('emr-eks.io/monthly-budget-usd'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
  });

  it('shows nothing when cost is not configured', async () => {
    const api = await renderBar(async () => {
      throw await responseError(404, 'CostNotConfiguredError', 'not set up');
    });
    expect(api.getBudget).toHaveBeenCalled();
    expect(screen.queryByText(/Budget/)).not.toBeInTheDocument();
  });

  it('says when the budget cannot be read', async () => {
    await renderBar(async () => {
      throw await responseError(503, 'ServiceUnavailableError', 'store down');
    });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The budget could not be read',
    );
  });
});

describe('budgetLevel', () => {
  it.each([
    [700, 'ok'],
    [800, 'warning'],
    [1000, 'over'],
  ])('%d of 1000 is %s', (amount, level) => {
    expect(budgetLevel(amount, { budget: 1000, thresholds: [0.8, 1] })).toBe(
      level,
    );
  });
});
