import { expect, test } from '@playwright/test';
import { guestToken, signIn } from './signIn';

const BACKEND = 'http://localhost:7007/api';
const SANDBOX = 'http://127.0.0.1:4510';

const BUDGET = `${BACKEND}/emr-eks/v1/entity/default/group/data-team-a/budget`;
const TASKS = `${BACKEND}/emr-eks/.backstage/scheduler/v1/tasks`;

// The guest is a member of data-team-a (budget $120 in examples/org.yaml). A runaway job run
// in the sandbox, then the cost ingestion and the budget check triggered through the
// scheduler: the team is over its forecast, and the guest is told in the portal.
test('a team over its forecast gets a notification linking to its Cost tab, which shows the budget bar', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signIn(page);
  const headers = { authorization: `Bearer ${await guestToken(page)}` };
  const budget = async () =>
    (await (await page.request.get(BUDGET, { headers })).json()) as {
      budget: number;
      monthToDate: number;
      forecast: { expected: number };
    };
  const before = await budget();
  expect(before.budget).toBe(120);

  const runaway = await page.request.post(
    `${SANDBOX}/_sandbox/emr-containers/runaway-runs`,
    { data: { team: 'data-team-a', hoursAgo: 3, hoursLeft: 0.25 } },
  );
  expect(runaway.status()).toBe(201);

  // A task already running answers the trigger with an error; try until it takes. A trigger
  // takes effect once the task's initial delay (30 s in app-config.yaml) is past.
  const trigger = async (task: string) =>
    expect
      .poll(
        async () =>
          (
            await page.request.post(`${TASKS}/${task}/trigger`, { headers })
          ).status(),
        { timeout: 60_000 },
      )
      .toBe(200);
  await trigger('emr-eks-cost-ingestion');
  // The runaway's complete hours (two to three, about $14 each) are in the month's spend.
  await expect
    .poll(async () => (await budget()).monthToDate, { timeout: 60_000 })
    .toBeGreaterThan(before.monthToDate + 20);
  const after = await budget();
  expect(after.forecast.expected).toBeGreaterThanOrEqual(120);
  test.info().annotations.push({
    type: 'budget',
    description: `before: spent ${before.monthToDate.toFixed(
      2,
    )}, forecast ${before.forecast.expected.toFixed(
      2,
    )}; after: spent ${after.monthToDate.toFixed(
      2,
    )}, forecast ${after.forecast.expected.toFixed(2)}`,
  });

  await trigger('emr-eks-budget-alerts');
  await expect
    .poll(
      async () => {
        const res = await page.request.get(
          `${BACKEND}/notifications/notifications?topic=${encodeURIComponent(
            'EMR on EKS cost',
          )}`,
          { headers },
        );
        const body = await res.json();
        return (body.notifications ?? []).map(
          (n: { payload: { title: string } }) => n.payload.title,
        );
      },
      { timeout: 60_000 },
    )
    .toContainEqual(expect.stringMatching(/^Data Team A: EMR on EKS spend/));

  // The bell shows it; the notifications page lists it with a link to the Cost tab.
  await page.goto('/notifications');
  const alert = page
    .getByRole('link', { name: /^Data Team A: EMR on EKS spend .* 100 %/ })
    .first();
  await expect(alert).toBeVisible();
  await alert.click();
  await expect(page).toHaveURL(
    /\/catalog\/default\/group\/data-team-a\/emr-cost$/,
  );
  await expect(
    page.getByRole('progressbar', { name: /^Budget used in / }),
  ).toBeVisible();
  await expect(
    page.getByText('The forecast is over the budget.'),
  ).toBeVisible();
});
