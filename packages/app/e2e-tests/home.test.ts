import { expect, test } from '@playwright/test';
import { signIn } from './signIn';

const EMR_TAB = '/catalog/default/resource/data-team-a-us-east-1/emr';

test('the first screen lists the guest’s team’s virtual cluster with its counts and cost, one click from its EMR tab', async ({
  page,
}) => {
  await signIn(page);
  expect(new URL(page.url()).pathname).toBe('/emr');

  const table = page.getByRole('table', {
    name: "Your teams' virtual clusters",
  });
  const link = table.locator(`a[href="${EMR_TAB}"]`);
  await expect(link).toBeVisible();
  const cells = table
    .getByRole('row')
    .filter({ has: page.locator(`a[href="${EMR_TAB}"]`) })
    .getByRole('cell');
  // The cluster is the row's header; then team, active, failed (24h), cost this month.
  await expect(cells.nth(0)).toContainText('Data Team A');
  await expect(cells.nth(1)).toHaveText(/^\d[\d,]*\+?$/);
  await expect(cells.nth(2)).toHaveText(/\d/);
  await expect(cells.nth(3)).toHaveText(/\$\d/);
  // Another team's cluster is not on the guest's home.
  await expect(table.locator('a[href*="/resource/data-team-b-"]')).toHaveCount(
    0,
  );

  await link.click();
  await expect(page).toHaveURL(new RegExp(`${EMR_TAB}$`));
  await expect(page.getByRole('heading', { name: 'Job runs' })).toBeVisible();
});
