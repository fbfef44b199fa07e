import { expect, test } from '@playwright/test';
import { signIn } from './signIn';

test.beforeEach(async ({ page }) => {
  await signIn(page);
});

test('a team sees its virtual cluster’s job runs and filters to FAILED', async ({
  page,
}) => {
  await page.goto('/catalog/default/resource/data-team-a-us-east-1');
  await page.getByRole('link', { name: 'EMR', exact: true }).click();

  await expect(page.getByRole('heading', { name: 'Job runs' })).toBeVisible();
  const rows = page.locator('tbody tr');
  await expect(rows.first()).toBeVisible();
  // Seeded runs in several states before filtering.
  const statesBefore = await rows.locator('td:first-child').allInnerTexts();
  expect(new Set(statesBefore.map(s => s.trim())).size).toBeGreaterThan(1);

  await page.getByLabel('State').click();
  await page.getByRole('option', { name: 'FAILED' }).click();
  await page.keyboard.press('Escape');

  await expect(rows.first().locator('td').first()).toHaveText('FAILED');
  await expect(async () => {
    const states = await rows.locator('td:first-child').allInnerTexts();
    expect(states.length).toBeGreaterThan(0);
    expect(states.map(s => s.trim())).toEqual(states.map(() => 'FAILED'));
  }).toPass();
  expect(new URL(page.url()).pathname).toBe(
    '/catalog/default/resource/data-team-a-us-east-1/emr',
  );
});

test('a virtual cluster without the ARN annotation explains what is missing', async ({
  page,
}) => {
  await page.goto('/catalog/default/resource/legacy-spark-cluster/emr');
  await expect(page.getByText('Missing Annotation')).toBeVisible();
  await expect(
    page.getByText('aws.amazon.com/emr-virtual-cluster-arn').first(),
  ).toBeVisible();
});
