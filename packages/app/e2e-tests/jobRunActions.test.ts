import { expect, Page, test } from '@playwright/test';
import { signIn } from './signIn';

const BACKEND = 'http://localhost:7007/api';
const TEAM_A = '/catalog/default/resource/data-team-a-us-east-1/emr';
const TEAM_B = '/catalog/default/resource/data-team-b-us-east-1/emr';

function row(page: Page, name: string) {
  return page.locator('tbody tr', { hasText: name });
}

test('an owner starts a job from a template, sees it run, and cancels it', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signIn(page);
  await page.goto(TEAM_A);
  await expect(page.getByRole('heading', { name: 'Job runs' })).toBeVisible();

  const runName = `e2e-${Date.now()}`;
  await page.getByRole('button', { name: 'Start job' }).click();
  const dialog = page.getByRole('dialog', { name: 'Start job' });
  await dialog
    .getByRole('combobox', { name: 'Job template' })
    .selectOption({ label: 'daily-sales-etl' });
  await dialog.getByRole('textbox', { name: 'RunDate' }).fill('2026-11-20');
  await dialog.getByRole('textbox', { name: 'Run name' }).fill(runName);
  await dialog.getByRole('button', { name: 'Start run' }).click();
  await expect(page.getByText(`Started job run ${runName}`)).toBeVisible();

  // The table refreshes itself while the run is not finished.
  const started = row(page, runName);
  await expect(started).toBeVisible();
  await expect(started.locator('td').first()).toHaveText('RUNNING', {
    timeout: 60_000,
  });

  await started.getByRole('button', { name: runName }).click();
  const drawer = page.getByRole('dialog', { name: runName });
  await drawer.getByRole('button', { name: 'Cancel run' }).click();
  await page
    .getByRole('dialog', { name: `Cancel job run ${runName}?` })
    .getByRole('button', { name: 'Confirm' })
    .click();
  await drawer.getByRole('button', { name: 'Close details' }).click();

  await expect(started.locator('td').first()).toHaveText('CANCELLED', {
    timeout: 60_000,
  });
});

test('a non-owner sees the actions disabled, and the API refuses them', async ({
  page,
  request,
}) => {
  await signIn(page);
  await page.goto(TEAM_B);
  await expect(page.getByRole('heading', { name: 'Job runs' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Start job' })).toBeDisabled();

  const active = page
    .locator('tbody tr')
    .filter({
      has: page.locator('td:first-child', {
        hasText: /RUNNING|PENDING|SUBMITTED/,
      }),
    })
    .first();
  await active.locator('td').nth(1).getByRole('button').click();
  await expect(page.getByRole('button', { name: 'Cancel run' })).toBeDisabled();

  const refresh = await request.get(
    `${BACKEND}/auth/guest/refresh?env=development`,
    {
      headers: { 'x-requested-with': 'XMLHttpRequest' },
    },
  );
  const token = (await refresh.json()).backstageIdentity.token;
  const headers = { authorization: `Bearer ${token}` };
  const entity = `${BACKEND}/emr-eks/v1/entity/default/resource/data-team-b-us-east-1`;
  const templates = await request.get(`${entity}/job-templates`, { headers });
  expect(templates.status()).toBe(200);
  const [template] = (await templates.json()).items;
  const start = await request.post(`${entity}/job-runs`, {
    headers,
    data: { jobTemplateId: template.id },
  });
  expect(start.status()).toBe(403);
  expect((await start.json()).error.message).toContain('emr-eks.job-run.start');
});
