// Takes the README's screenshots from a running portal (`bash scripts/start.sh`): node scripts/screenshot.js
const { chromium } = require('@playwright/test');

const APP = 'http://localhost:3000';

async function main() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const page = await browser.newPage({
    viewport: { width: 1440, height: 900 },
  });
  await page.goto(`${APP}/`);
  await page.getByRole('button', { name: 'Enter' }).click();
  // Signed in: the portal opens on the EMR home, with the sidebar.
  await page.getByRole('link', { name: 'Catalog' }).first().waitFor();

  await page.goto(`${APP}/catalog/default/resource/data-team-a-us-east-1/emr`);
  await page.locator('tbody tr').first().waitFor();
  await page.screenshot({ path: 'docs/images/job-runs.png' });

  const failed = page.locator('tbody tr', { hasText: 'FAILED' }).first();
  await failed.locator('td').nth(1).getByRole('button').click();
  await page.getByRole('button', { name: 'Close details' }).waitFor();
  await page.waitForTimeout(1500);
  await page.screenshot({ path: 'docs/images/job-run-detail.png' });
  await page.getByRole('button', { name: 'Close details' }).click();

  await page.getByRole('button', { name: 'Start job' }).click();
  const dialog = page.getByRole('dialog', { name: 'Start job' });
  await dialog
    .getByRole('combobox', { name: 'Job template' })
    .selectOption({ label: 'daily-sales-etl' });
  await dialog.getByRole('textbox', { name: 'RunDate' }).fill('2026-11-20');
  await page.waitForTimeout(1000);
  await page.screenshot({ path: 'docs/images/start-job.png' });
  await dialog.getByRole('button', { name: 'Close' }).click();

  await page.goto(`${APP}/catalog/default/resource/data-team-a-us-east-1/emr-endpoints`);
  await page.locator('tbody tr').first().waitFor();
  await page.waitForTimeout(1000);
  await page.screenshot({ path: 'docs/images/endpoints.png' });

  await page.goto(`${APP}/catalog/default/resource/data-team-a-us-east-1/emr-cost`);
  await page.getByRole('img', { name: /^Daily cost/ }).waitFor();
  await page.waitForTimeout(1500);
  await page.screenshot({ path: 'docs/images/cost.png', fullPage: true });

  // A team with two virtual clusters: the chart stacks them, the table breaks them down.
  await page.goto(`${APP}/catalog/default/group/data-team-b/emr-cost`);
  await page.getByRole('img', { name: /^Daily cost/ }).waitFor();
  await page.waitForTimeout(1500);
  await page.screenshot({ path: 'docs/images/cost-group.png', fullPage: true });

  await page.goto(`${APP}/catalog/default/group/data-team-a`);
  await page.getByText('EMR on EKS', { exact: true }).waitFor();
  await page
    .getByRole('link', { name: /EMR on EKS, us-east-1/ })
    .last()
    .waitFor();
  await page.waitForTimeout(1500);
  await page.screenshot({ path: 'docs/images/team-card.png', fullPage: true });
  await browser.close();
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
