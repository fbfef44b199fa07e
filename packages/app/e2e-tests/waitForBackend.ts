const BACKEND_HEALTH = 'http://localhost:7007/api/emr-eks/health';

export default async function waitForBackend() {
  const deadline = Date.now() + 240_000;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(BACKEND_HEALTH);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise(resolve => setTimeout(resolve, 1000));
  }
  throw new Error(`backend did not answer ${BACKEND_HEALTH} within 4 minutes`);
}
