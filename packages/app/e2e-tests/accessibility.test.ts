import AxeBuilder from '@axe-core/playwright';
import { expect, Page, test } from '@playwright/test';
import { signIn } from './signIn';

const CLUSTER = '/catalog/default/resource/data-team-a-us-east-1';

/** WCAG 2 A and AA violations inside the tab's content (the plugin's part of the page). */
async function violations(page: Page) {
  const results = await new AxeBuilder({ page })
    .include('main')
    .withTags(['wcag2a', 'wcag2aa'])
    .analyze();
  return results.violations.map(v => ({
    rule: v.id,
    nodes: v.nodes.map(n => `${n.target.join(' ')}: ${n.failureSummary}`),
  }));
}

test("the plugin's tabs pass axe's WCAG 2 AA checks", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page);

  await page.goto(`${CLUSTER}/emr`);
  await expect(page.locator('tbody tr').first()).toBeVisible();
  expect(await violations(page)).toEqual([]);

  await page.goto(`${CLUSTER}/emr-endpoints`);
  await expect(page.locator('tbody tr').first()).toBeVisible();
  expect(await violations(page)).toEqual([]);

  await page.goto(`${CLUSTER}/emr-cost`);
  await expect(page.getByText('Daily cost').first()).toBeVisible();
  expect(await violations(page)).toEqual([]);
});
