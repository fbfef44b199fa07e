import { expect, Page, test } from '@playwright/test';
import { signIn } from './signIn';

const TEMPLATE = 'Onboard a data team to EMR on EKS';
const SANDBOX = 'http://127.0.0.1:4510';
const STEPS = [
  'Prepare the namespace',
  'Create the job execution role',
  'Create the virtual cluster',
  'Publish pod templates',
  'Create a starter job template',
];

async function onboard(page: Page, namespace: string) {
  await page.goto('/create/templates/default/onboard-emr-eks-data-team');
  await expect(page.getByText(TEMPLATE).first()).toBeVisible();

  // Team and cluster
  const team = page
    .getByRole('combobox', { name: /Team/ })
    .or(page.getByLabel(/Team/))
    .first();
  await team.click();
  await team.fill('Data Team A');
  await page
    .getByRole('option', { name: /Data Team A|data-team-a/ })
    .first()
    .click();
  await page.getByLabel(/Namespace/).fill(namespace);
  await page.getByRole('button', { name: 'Next' }).click();
  // Quotas and limits: the seed's defaults
  await page.getByRole('button', { name: 'Next' }).click();
  // Data and identity: defaults (IRSA, Glue, no extra buckets)
  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Create' }).click();

  for (const step of STEPS) {
    await expect(page.getByText(step).first()).toBeVisible();
  }
  await expect(
    page.getByRole('link', { name: 'Virtual cluster in the catalog' }),
  ).toBeVisible({
    timeout: 90_000,
  });
}

test('a team lead onboards a tenant from the template, then running it again reuses it', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await signIn(page);

  const namespace = `e2e-${Date.now().toString(36)}`;
  await onboard(page, namespace);
  await expect(page.getByText(/failed/i)).toHaveCount(0);

  // The entity provider picks the new virtual cluster up on its next run.
  const entityPage = `/catalog/default/resource/${namespace}-us-east-1`;
  await expect(async () => {
    await page.goto(entityPage);
    await expect(
      page.getByRole('link', { name: 'EMR', exact: true }),
    ).toBeVisible({
      timeout: 5_000,
    });
  }).toPass({ timeout: 120_000 });
  await page.getByRole('link', { name: 'EMR', exact: true }).click();
  await expect(
    page.getByRole('heading', { name: 'No job runs' }),
  ).toBeVisible();

  // Same form again: every step succeeds and no create call reaches AWS.
  const creates = async () => {
    const stats = await (await fetch(`${SANDBOX}/_sandbox/stats`)).json();
    return ['CreateRole', 'CreateVirtualCluster', 'CreateJobTemplate'].map(
      operation => stats.operations[operation] ?? 0,
    );
  };
  const before = await creates();
  await onboard(page, namespace);
  await expect(page.getByText(/Reusing virtual cluster/).first()).toBeVisible();
  expect(await creates()).toEqual(before);
});
