import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { guestToken, signIn } from './signIn';

const CLUSTER = 'data-team-a-us-east-1';
const BACKEND = 'http://localhost:7007/api';
const SANDBOX = 'http://127.0.0.1:4510';
const TASKS = `${BACKEND}/emr-eks/.backstage/scheduler/v1/tasks`;
const HOUR = 3_600_000;

test('a newcomer starts a Spark application from the team’s template, follows it to COMPLETED, reads its driver log and finds its cost', async ({
  page,
  request,
}) => {
  await signIn(page);
  const headers = { authorization: `Bearer ${await guestToken(page)}` };

  // A new name each run, so a retry starts its own.
  const template = `e2e-${Date.now().toString(36)}`;
  // The simulated operator's next application completes, so the test can watch it do so.
  const queued = await request.post(
    `${SANDBOX}/_sandbox/kubernetes/next-outcomes`,
    { data: { outcome: 'COMPLETED' } },
  );
  expect(queued.ok()).toBe(true);
  const setClock = async (data: { set?: string; advanceMs?: number }) => {
    const res = await request.post(`${SANDBOX}/_sandbox/clock`, { data });
    expect(res.ok()).toBe(true);
    return Date.parse(((await res.json()) as { now: string }).now);
  };

  // The team's Spark Operator applications, below its EMR job runs.
  await page.goto(`/catalog/default/resource/${CLUSTER}/emr`);
  await expect(page.getByRole('heading', { name: 'Job runs' })).toBeVisible();
  await expect(page.locator('tbody tr').first()).toBeVisible();
  await page.getByRole('button', { name: /^Spark applications/ }).click();
  const section = page.getByRole('region', { name: /^Spark applications/ });
  await expect(
    section.locator('tbody tr', { hasText: 'Spark Operator' }).first(),
  ).toBeVisible();

  // The newcomer saves the demo's Spark application template (examples/, which scripts/start.sh
  // also saves as `taxi-zones` on the local portal) under a new name, through the form.
  const demo = JSON.parse(
    fs.readFileSync(
      path.resolve(
        __dirname,
        '../../../examples/spark-application-template.json',
      ),
      'utf8',
    ),
  );
  await section
    .getByRole('button', { name: 'Save Spark application template' })
    .click();
  const form = page.getByRole('dialog', {
    name: 'Save a Spark application template',
  });
  const field = (name: string) =>
    form.getByRole('textbox', { name: new RegExp(`^${name}`) });
  await field('Name').fill(template);
  await field('Main application file').fill(demo.mainApplicationFile);
  await field('Main class').fill(demo.mainClass);
  await field('Arguments').fill(demo.arguments.join('\n'));
  await field('Spark configuration').fill(
    Object.entries(demo.sparkConf)
      .map(([key, value]) => `${key}=${value}`)
      .join('\n'),
  );
  // Its sizes and release are the form's defaults.
  await expect(field('Driver memory')).toHaveValue(demo.driver.memory);
  await expect(field('EMR release')).toHaveValue(demo.releaseLabel);
  await form.getByRole('button', { name: 'Save template' }).click();
  await expect(section.getByText(`Saved template ${template}`)).toBeVisible();

  // The cost ingestion takes whole hours (Kubecost still revises the current one), so the run
  // is started an hour and a quarter ago by the sandbox's clock: its pods' hour is complete when
  // the ingestion runs below. (The backend keeps real time; the sandbox's clock goes back.)
  const now = await setClock({});
  await setClock({ set: new Date(now - 1.25 * HOUR).toISOString() });
  await section
    .getByRole('button', { name: 'Start Spark application' })
    .click();
  const dialog = page.getByRole('dialog', {
    name: 'Start a Spark application',
  });
  await dialog
    .getByRole('combobox', { name: 'Template' })
    .selectOption({ label: template });
  await dialog.getByRole('button', { name: 'Start' }).click();
  await expect(
    section.getByText(`Started Spark application ${template}-`),
  ).toBeVisible();

  // The list follows the run. Its phases take minutes of the sandbox's accelerated time: the
  // clock goes back to where it was, and a minute on, rather than the test waiting.
  const row = section.locator('tbody tr', { hasText: template });
  await expect(row).toBeVisible();
  await setClock({ set: new Date(now + 60_000).toISOString() });
  await expect(row.locator('td').first()).toHaveText('COMPLETED');

  // Its drawer: the driver's log tail up to its end.
  // Its name is the template's and a suffix of its own.
  const id = new RegExp(`^${template}-[0-9a-f]{8}$`);
  await row.getByRole('button', { name: id }).click();
  const drawer = page.getByRole('dialog', { name: id });
  const log = drawer.getByLabel('Driver log', { exact: true });
  await expect(log).toContainText(`Submitted application: ${template}-`);
  await expect(log).toContainText('Successfully stopped SparkContext');
  await drawer.getByRole('button', { name: 'Close details' }).click();

  // Its cost: the Spark cost ingestion, triggered through the scheduler (a task already running
  // answers the trigger with an error, and one in its initial delay is not yet triggerable;
  // try until it takes), then the team's Cost tab lists the run under Spark Operator.
  await expect
    .poll(
      async () =>
        (
          await request.post(`${TASKS}/emr-eks-spark-cost-ingestion/trigger`, {
            headers,
          })
        ).status(),
      { timeout: 60_000 },
    )
    .toBe(200);
  const costs = page.getByRole('table', { name: 'Cost by Spark application' });
  const runRow = costs.getByRole('row').filter({ hasText: template });
  await expect(async () => {
    await page.goto('/catalog/default/group/data-team-a/emr-cost');
    await expect(runRow).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 60_000 });
  // Kind, virtual cluster, vCPU-hours, memory, compute, EMR uplift, total: a run of a minute or
  // two of the sandbox's accelerated time costs cents or less, but never nothing.
  await expect(runRow).toContainText('Spark Operator');
  await expect(runRow).toContainText(CLUSTER);
  await expect(runRow.locator('td').nth(6)).toHaveText(
    /^(<\$0\.01|\$(?!0\.00$)\d[\d,]*\.\d\d)$/,
  );
});
