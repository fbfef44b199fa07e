import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { BudgetStatus } from '@emr-eks/plugin-emr-eks-common';
import { screen } from '@testing-library/react';
import { emrEksApiRef } from '../../api';
import { responseError } from '../../__testUtils__/cost';
import { mockEmrEksApi } from '../../__testUtils__/mockEmrEksApi';
import { TeamBudget } from './TeamBudget';

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

async function renderSpend(getBudget: () => Promise<BudgetStatus>) {
  const api = mockEmrEksApi({ getBudget });
  await renderInTestApp(
    <TestApiProvider apis={[[emrEksApiRef, api]]}>
      <TeamBudget entityRef={ref} costTabPath="emr-cost" />
    </TestApiProvider>,
  );
  return api;
}

describe('TeamBudget', () => {
  it('shows month-to-date spend against the budget and the forecast, over it', async () => {
    const api = await renderSpend(async () => status());
    const spend = await screen.findByRole('group', {
      name: 'Spend in 2026-12',
    });
    expect(api.getBudget).toHaveBeenCalledWith(ref);
    expect(spend).toHaveTextContent(
      'Spent in 2026-12: $450.00 of a $1,000.00 budget (45%) · forecast $1,150.00 (115%) · Cost',
    );
    expect(screen.getByRole('status')).toHaveTextContent(
      'The forecast is over the budget.',
    );
    expect(screen.getByRole('link', { name: 'Cost' })).toHaveAttribute(
      'href',
      expect.stringMatching(/emr-cost$/),
    );
  });

  it('says when no budget is set, and does not warn under the budget', async () => {
    await renderSpend(async () => status({ budget: null, budgetSource: null }));
    expect(
      await screen.findByRole('group', { name: 'Spend in 2026-12' }),
    ).toHaveTextContent('$450.00 · forecast $1,150.00 · no monthly budget set');
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
  });

  it('shows nothing when cost is not configured, and names other failures', async () => {
    await renderSpend(async () => {
      throw await responseError(404, 'CostNotConfiguredError', 'not set up');
    });
    expect(screen.queryByRole('group')).not.toBeInTheDocument();

    await renderSpend(async () => {
      throw await responseError(503, 'ServiceUnavailableError', 'store down');
    });
    expect(
      await screen.findByText(
        "The team's budget could not be read: store down",
      ),
    ).toBeInTheDocument();
  });
});
