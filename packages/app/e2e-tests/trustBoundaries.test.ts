import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { guestToken, signIn } from './signIn';

const BACKEND = 'http://localhost:7007/api';
const SHADOW = 'resource/default/shadow-of-data-team-b';

test("a shadow entity's writes are refused, naming the virtual cluster's real owner", async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signIn(page);
  const token = await guestToken(page);
  const headers = { authorization: `Bearer ${token}` };

  // Anyone signed in may register a URL location: the guest (data-team-a) publishes an entity
  // that data-team-a owns, pointing at data-team-b's virtual cluster, and registers it
  // (app-config.yaml lets the catalog read 127.0.0.1:4520).
  const yaml = fs.readFileSync(
    path.resolve(__dirname, '../../../examples/security/shadow-entity.yaml'),
  );
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/yaml' });
    res.end(yaml);
  });
  await new Promise<void>(resolve => server.listen(4520, '127.0.0.1', resolve));
  try {
    const registered = await page.request.post(`${BACKEND}/catalog/locations`, {
      headers,
      data: {
        type: 'url',
        target: 'http://127.0.0.1:4520/shadow-entity.yaml',
      },
    });
    expect([201, 409], await registered.text()).toContain(registered.status());
    await expect(async () => {
      const res = await page.request.get(
        `${BACKEND}/catalog/entities/by-name/${SHADOW}`,
        { headers },
      );
      expect(res.status()).toBe(200);
    }).toPass({ timeout: 60_000 });
  } finally {
    server.close();
  }

  // The catalog says the guest owns it, so the page offers the action; the backend refuses.
  await page.goto('/catalog/default/resource/shadow-of-data-team-b/emr');
  const active = page
    .locator('tbody tr')
    .filter({
      has: page.locator('td:first-child', { hasText: /RUNNING|PENDING/ }),
    })
    .first();
  await active.locator('td').nth(1).getByRole('button').click();
  await page.getByRole('button', { name: 'Cancel run' }).click();
  await page
    .getByRole('dialog', { name: /^Cancel job run/ })
    .getByRole('button', { name: 'Confirm' })
    .click();
  await expect(
    page
      .getByText(
        /is tagged for group:default\/data-team-b, not this entity's owner group:default\/data-team-a/,
      )
      .first(),
  ).toBeVisible();
});

test('onboarding a team the user is not a member of, or a reserved namespace, fails naming why', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await signIn(page);

  const attempt = async (teamName: RegExp, namespace: string) => {
    await page.goto('/create/templates/default/onboard-emr-eks-data-team');
    const team = page
      .getByRole('combobox', { name: /Team/ })
      .or(page.getByLabel(/Team/))
      .first();
    await team.click();
    await team.fill(teamName.source.split('|')[0]);
    await page.getByRole('option', { name: teamName }).first().click();
    await page.getByLabel(/Namespace/).fill(namespace);
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('button', { name: 'Review' }).click();
    await page.getByRole('button', { name: 'Create' }).click();
  };

  // The owner picker offers every group; the action checks membership on the server.
  await attempt(/Data Team B|data-team-b/, `e2e-${Date.now().toString(36)}`);
  await expect(
    page.getByText('you are not a member of group:default/data-team-b').first(),
  ).toBeVisible({ timeout: 90_000 });

  // A namespace of the system is never taken over.
  await attempt(/Data Team A|data-team-a/, 'kube-system');
  await expect(
    page.getByText('namespace kube-system is reserved').first(),
  ).toBeVisible({ timeout: 90_000 });
});
