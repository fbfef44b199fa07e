import { expect, test } from '@playwright/test';
import { guestToken, signIn } from './signIn';

const APP = 'spark-data-team-a-us-east-1';
const BACKEND = 'http://localhost:7007/api';
const SANDBOX = 'http://127.0.0.1:4510';

test.beforeEach(async ({ page }) => {
  await signIn(page);
});

test('a newcomer opens their team’s EMR Serverless application, its runs and a run’s Spark UI', async ({
  page,
  context,
}) => {
  // The dashboard link points at AWS; the test answers it instead.
  await context.route(/emrappui-prod\..*amazonaws\.com/, route =>
    route.fulfill({ contentType: 'text/html', body: '<h1>Spark UI</h1>' }),
  );

  // From the team's page to its application, as a newcomer finds it.
  await page.goto('/catalog/default/group/data-team-a');
  await page
    .getByRole('table', { name: 'EMR Serverless applications' })
    .getByRole('link', { name: /^spark-data-team-a / })
    .click();
  await expect(page).toHaveURL(
    new RegExp(`/catalog/default/resource/${APP}/emr-serverless$`),
  );

  await expect(page.getByRole('heading', { name: 'Job runs' })).toBeVisible();
  const rows = page.locator('tbody tr');
  await expect(rows.first()).toBeVisible();

  // Only finished, successful runs: one has a history-server dashboard and billed use.
  await page.getByLabel('State').click();
  await page.getByRole('option', { name: 'SUCCESS' }).click();
  await page.keyboard.press('Escape');
  await expect(rows.first().locator('td').first()).toHaveText('SUCCESS');

  await rows.first().locator('td').nth(1).getByRole('button').click();
  const drawer = page.getByRole('dialog');
  const resources = drawer.getByRole('table', {
    name: 'Resource utilisation',
  });
  await expect(
    resources.getByRole('row', { name: /vCPU/ }).locator('td').nth(1),
  ).toHaveText(/vCPU-hours/);
  await expect(
    drawer.getByRole('row', { name: /^Execution time \d+[smhd]/ }),
  ).toBeVisible();

  const popup = page.waitForEvent('popup');
  await drawer.getByRole('button', { name: 'Open Spark UI' }).click();
  const dashboard = await popup;
  await dashboard.waitForURL(/emrappui-prod\..*\/shs\//);
  await expect(
    dashboard.getByRole('heading', { name: 'Spark UI' }),
  ).toBeVisible();
  await dashboard.close();

  // The application card on the overview: state and capacity.
  await page.keyboard.press('Escape');
  await page.getByRole('link', { name: 'Overview', exact: true }).click();
  const card = page.getByRole('table', { name: 'EMR Serverless application' });
  await expect(card.getByRole('row', { name: /^Release label/ })).toHaveText(
    /emr-7\.5\.0/,
  );
  await expect(card.getByRole('row', { name: /^Maximum capacity/ })).toHaveText(
    /200 vCPU/,
  );

  // The team's Cost tab: the application's billed runs beside its virtual cluster's cost.
  await page.goto('/catalog/default/group/data-team-a/emr-cost');
  const applications = page.getByRole('table', {
    name: 'Cost by EMR Serverless application',
  });
  const appRow = applications.getByRole('row', {
    name: /^spark-data-team-a-us-east-1 /,
  });
  await expect(appRow.locator('td').nth(4)).toHaveText(/^\$\d[\d,]*\.\d\d$/);
  await expect(appRow).toContainText('us-east-1');
  await expect(
    page
      .getByRole('table', { name: 'Cost by virtual cluster' })
      .getByRole('row', { name: /data-team-a/ })
      .first(),
  ).toContainText('$');
});

test('an owner starts a run from a saved job definition and watches it finish', async ({
  page,
  request,
}) => {
  // Submitted, scheduled and 10–30 sandbox minutes of running at the sandbox's 30x clock.
  test.setTimeout(180_000);
  const token = await guestToken(page);
  const headers = { authorization: `Bearer ${token}` };
  const api = `${BACKEND}/emr-eks/v1/entity/default/resource/${APP}/serverless`;

  // The team saves a job definition with the role its runs use.
  const runs = await request.get(`${api}/job-runs?maxResults=1`, { headers });
  expect(runs.ok()).toBe(true);
  const executionRoleArn = (await runs.json()).items[0].executionRole;
  const definition = `e2e-${Date.now()}`;
  const saved = await request.post(`${api}/job-definitions`, {
    headers,
    data: {
      name: definition,
      executionRoleArn,
      jobDriver: { sparkSubmit: { entryPoint: 's3://code/e2e.py' } },
    },
  });
  expect(saved.status()).toBe(201);
  // The next run succeeds, so the test can watch it end as SUCCESS.
  await request.post(`${SANDBOX}/_sandbox/emr-serverless/next-outcomes`, {
    data: { outcome: 'SUCCESS' },
  });

  await page.goto(`/catalog/default/resource/${APP}/emr-serverless`);
  await expect(page.getByRole('heading', { name: 'Job runs' })).toBeVisible();
  await page.getByRole('button', { name: 'Start job run' }).click();
  const dialog = page.getByRole('dialog', { name: 'Start job run' });
  await dialog
    .getByRole('combobox', { name: 'Job definition' })
    .selectOption({ label: definition });
  await dialog.getByRole('button', { name: 'Start run' }).click();
  await expect(page.getByText(`Started job run ${definition}`)).toBeVisible();

  // The table follows the run until it ends.
  const started = page.locator('tbody tr', { hasText: definition });
  await expect(started.locator('td').first()).toHaveText('SUCCESS', {
    timeout: 150_000,
  });
  await started.getByRole('button', { name: definition }).click();
  const billed = page
    .getByRole('dialog', { name: definition })
    .getByRole('table', { name: 'Resource utilisation' })
    .getByRole('row', { name: /vCPU/ })
    // Used, then billed: the resource's name is the row header.
    .locator('td')
    .nth(1);
  await expect(billed).toHaveText(/vCPU-hours/);
});
