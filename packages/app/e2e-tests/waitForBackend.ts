const BACKEND = 'http://localhost:7007';
const DISCOVERED = 'resource/default/data-team-a-us-east-1';

async function poll<T>(what: string, attempt: () => Promise<T | undefined>) {
  const deadline = Date.now() + 240_000;
  while (Date.now() < deadline) {
    try {
      const value = await attempt();
      if (value !== undefined) return value;
    } catch {
      // not up yet
    }
    await new Promise(resolve => setTimeout(resolve, 1000));
  }
  throw new Error(`gave up waiting for ${what} after 4 minutes`);
}

/**
 * The backend compiles after the app is up; the entity provider discovers the virtual
 * clusters and the cost task ingests a few seconds after that. Wait for all of it.
 */
export default async function waitForBackend() {
  await poll('the backend', async () =>
    (await fetch(`${BACKEND}/api/emr-eks/health`)).ok ? true : undefined,
  );
  const token = await poll('a guest token', async () => {
    const res = await fetch(
      `${BACKEND}/api/auth/guest/refresh?env=development`,
      {
        headers: { 'x-requested-with': 'XMLHttpRequest' },
      },
    );
    return res.ok ? (await res.json()).backstageIdentity.token : undefined;
  });
  await poll('the discovered virtual clusters', async () => {
    const res = await fetch(
      `${BACKEND}/api/catalog/entities/by-name/${DISCOVERED}`,
      {
        headers: { authorization: `Bearer ${token}` },
      },
    );
    return res.ok ? true : undefined;
  });
}
