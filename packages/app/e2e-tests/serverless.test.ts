import { expect, test } from '@playwright/test';
import { signIn } from './signIn';

const APP = 'spark-data-team-a-us-east-1';

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
  await expect(
    card.getByRole('row', { name: /^Maximum capacity/ }),
  ).toHaveText(/200 vCPU/);
});
