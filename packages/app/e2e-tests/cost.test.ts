import { expect, test } from '@playwright/test';
import { signIn } from './signIn';

test('a team’s Cost tab shows a non-empty chart and its top job links to the run', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signIn(page);

  await page.goto('/catalog/default/resource/data-team-a-us-east-1');
  await page.getByRole('link', { name: 'Cost', exact: true }).click();
  await expect(
    page.getByRole('heading', { name: 'Cost' }).first(),
  ).toBeVisible();

  const chart = page.getByRole('img', { name: /^Daily cost/ });
  await expect(chart).toBeVisible();
  // Rendered bars, not an empty frame.
  await expect(
    chart.locator('.recharts-bar-rectangle path').first(),
  ).toBeVisible();
  await expect(page.getByText(/\$\d+\.\d\d/).first()).toBeVisible();

  const top = page.getByRole('table', { name: 'Most expensive job runs' });
  const firstRun = top.getByRole('link').first();
  const jobRunId = (await firstRun.innerText()).trim();
  expect(jobRunId).toMatch(/^[0-9a-z]{19}$/);
  await firstRun.click();

  await expect(page).toHaveURL(new RegExp(`/emr\\?jobRun=${jobRunId}`));
  const drawer = page.getByRole('dialog');
  await expect(drawer.getByText(`Job run ${jobRunId}`)).toBeVisible();
  await expect(drawer.getByText(/in all: compute \$/)).toBeVisible();
});
