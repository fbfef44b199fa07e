import { expect, Page } from '@playwright/test';

const BACKEND = 'http://localhost:7007/api';

/**
 * Signs in as the local portal's guest (a member of data-team-a) and waits for the first
 * screen: the EMR home at /emr, where `/` redirects.
 */
export async function signIn(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(
    page.getByRole('heading', { name: 'EMR on EKS', exact: true }),
  ).toBeVisible();
}

/** A Backstage token of the guest, for calling the backend's API directly. */
export async function guestToken(page: Page): Promise<string> {
  const res = await page.request.get(
    `${BACKEND}/auth/guest/refresh?env=development`,
    { headers: { 'x-requested-with': 'XMLHttpRequest' } },
  );
  return (await res.json()).backstageIdentity.token;
}
