// Takes the README's screenshots from a running portal (`yarn dev`): node scripts/screenshot.js
const { chromium } = require('@playwright/test');

async function main() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto('http://localhost:3000/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await page.getByRole('heading', { name: /Catalog/ }).first().waitFor();
  await page.goto('http://localhost:3000/catalog/default/resource/data-team-a-us-east-1/emr');
  await page.locator('tbody tr').first().waitFor();
  await page.screenshot({ path: 'docs/images/job-runs.png' });
  await browser.close();
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
