/*
 * Replica tests on real components (run by scripts/test.sh after the production smoke test,
 * on its build): two built backend replicas (NODE_ENV=production) on one PostgreSQL and one
 * Redis, behind a round-robin proxy, the sandbox for AWS and Kubecost.
 *
 *   node -r @backstage/cli/config/nodeTransform.cjs bench/replicas/replicas.ts [results.json]
 *
 * Writes {"passed":N,"failed":N} to the file given; missing prerequisites (build, PostgreSQL,
 * Redis) fail every case rather than skip it.
 */
import fs from 'node:fs';
import { Cluster, ENTITY, startCluster } from './cluster';

const CASES = [
  'a cached answer made by one replica is served by the other (no upstream call)',
  '100 concurrent identical views over both replicas make at most 2 upstream calls',
  'cost ingestion (a scheduled task) runs once across the replicas',
  'a budget alert is sent once, whichever replica checks and however often',
  'killing a replica mid-load loses only the requests it had in flight',
] as const;

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

async function delta(cluster: Cluster, fn: () => Promise<void>) {
  const before = await cluster.upstreamCalls();
  await fn();
  const after = await cluster.upstreamCalls();
  const diff: Record<string, number> = {};
  for (const [op, n] of Object.entries(after)) {
    if (n - (before[op] ?? 0) > 0) diff[op] = n - (before[op] ?? 0);
  }
  return diff;
}

async function cachedAcrossReplicas(cluster: Cluster) {
  const route = `${ENTITY.teamA}/job-runs?maxResults=7`;
  const headers = { authorization: `Bearer ${cluster.token}` };
  let first: unknown;
  const made = await delta(cluster, async () => {
    const res = await fetch(`${cluster.replicas[0].url}${route}`, { headers });
    assert(res.status === 200, `replica 0 answered ${res.status}`);
    first = await res.json();
  });
  assert(
    made.ListJobRuns === 1,
    `replica 0 should have asked AWS once, asked ${made.ListJobRuns ?? 0}`,
  );
  let second: unknown;
  const served = await delta(cluster, async () => {
    const res = await fetch(`${cluster.replicas[1].url}${route}`, { headers });
    assert(res.status === 200, `replica 1 answered ${res.status}`);
    second = await res.json();
  });
  assert(
    Object.keys(served).length === 0,
    `replica 1 called upstream: ${JSON.stringify(served)}`,
  );
  assert(
    JSON.stringify(first) === JSON.stringify(second),
    'replica 1 answered differently from replica 0',
  );
}

async function concurrentViews(cluster: Cluster) {
  // Upstream answers take 300 ms, so all 100 views arrive while the first call is in flight.
  await cluster.control('POST', 'faults', {
    latencyMs: 300,
    operations: ['ListJobRuns'],
  });
  const replicas = new Map<string, number>();
  try {
    const made = await delta(cluster, async () => {
      const answers = await Promise.all(
        Array.from({ length: 100 }, () =>
          cluster.get(`${ENTITY.teamA}/job-runs?maxResults=13`),
        ),
      );
      for (const res of answers) {
        assert(res.status === 200, `a view answered ${res.status}`);
        const replica = res.headers.get('x-replica') ?? '?';
        replicas.set(replica, (replicas.get(replica) ?? 0) + 1);
        await res.arrayBuffer();
      }
    });
    assert(
      replicas.size === 2,
      `views should spread over both replicas: ${JSON.stringify([
        ...replicas,
      ])}`,
    );
    const calls = made.ListJobRuns ?? 0;
    assert(calls >= 1 && calls <= 2, `${calls} upstream ListJobRuns calls`);
    console.log(
      `    ${calls} upstream ListJobRuns call(s) for 100 views (${[...replicas]
        .map(([r, n]) => `replica ${r}: ${n}`)
        .join(', ')})`,
    );
  } finally {
    await cluster.control('DELETE', 'faults');
  }
}

async function costOnce(cluster: Cluster) {
  const allocations = async () =>
    (await cluster.upstreamCalls()).KubecostAllocationCompute ?? 0;
  const deadline = Date.now() + 90_000;
  while ((await allocations()) === 0 && Date.now() < deadline) {
    await sleep(500);
  }
  // Both replicas poll the scheduler's table; give the other every chance to run it too.
  await sleep(10_000);
  const n = await allocations();
  assert(n === 1, `${n} Kubecost allocation requests; one ingestion makes 1`);
  // Either replica answers the stored cost.
  const headers = { authorization: `Bearer ${cluster.token}` };
  const totals = [];
  for (const replica of cluster.replicas) {
    const res = await fetch(`${replica.url}${ENTITY.teamA}/cost?window=7d`, {
      headers,
    });
    assert(
      res.status === 200,
      `cost on replica ${replica.index}: ${res.status}`,
    );
    totals.push(JSON.stringify((await res.json()).totals));
  }
  assert(totals[0] === totals[1], `the replicas disagree: ${totals}`);
}

/** Runs a scheduled task of the plugin now, through `replica`, and waits for that run to end. */
async function runTask(cluster: Cluster, replica: number, taskId: string) {
  const base = `${cluster.replicas[replica].url}/api/emr-eks/.backstage/scheduler/v1/tasks`;
  const headers = { authorization: `Bearer ${cluster.token}` };
  const lastEnd = async () => {
    const { tasks } = await (await fetch(base, { headers })).json();
    const task = tasks.find((t: { taskId: string }) => t.taskId === taskId);
    assert(task, `no scheduled task ${taskId}`);
    return task.taskState?.lastRunEndedAt as string | undefined;
  };
  const before = await lastEnd();
  const deadline = Date.now() + 90_000;
  // A task that is running now refuses the trigger (409); try again once it has ended.
  for (;;) {
    const res = await fetch(`${base}/${taskId}/trigger`, {
      method: 'POST',
      headers,
    });
    if (res.ok) break;
    assert(Date.now() < deadline, `trigger ${taskId}: ${res.status}`);
    await sleep(1000);
  }
  while ((await lastEnd()) === before) {
    assert(Date.now() < deadline, `${taskId} did not run within 90 s`);
    await sleep(500);
  }
}

/** The guest's notifications (a member of data-team-a), as the notifications backend keeps them. */
async function guestNotifications(cluster: Cluster) {
  const res = await cluster.get('/api/notifications/notifications?limit=100');
  assert(res.status === 200, `notifications: ${res.status}`);
  return (await res.json()).notifications as Array<{
    payload: { title: string; link?: string };
  }>;
}

async function alertsOnce(cluster: Cluster) {
  // data-team-a (a $1 budget in the test overlay, so that any ingested day is over it) gets a
  // runaway run, its cost is ingested, then each replica in turn checks the budgets: the
  // alerts go out once, by the first check that finds them.
  await cluster.control('POST', 'emr-containers/runaway-runs', {
    team: 'data-team-a',
  });
  await runTask(cluster, 0, 'emr-eks-cost-ingestion');
  await runTask(cluster, 0, 'emr-eks-budget-alerts');
  const first = await guestNotifications(cluster);
  assert(
    first.some(
      n => n.payload.link === '/catalog/default/group/data-team-a/emr-cost',
    ),
    `no budget alert reached the team after the first check: ${JSON.stringify(
      first.map(n => n.payload.title),
    )}`,
  );
  await runTask(cluster, 1, 'emr-eks-budget-alerts');
  await runTask(cluster, 0, 'emr-eks-budget-alerts');
  const after = await guestNotifications(cluster);
  // A scoped notification sent again would be updated in place (new `updated`, unread), not
  // added: so the whole of each one must be as it was.
  const seen = (list: typeof first) =>
    JSON.stringify(list.map(n => JSON.stringify(n)).sort());
  assert(
    seen(after) === seen(first),
    `the notifications changed after two more checks:\n${seen(first)}\n${seen(
      after,
    )}`,
  );
}

async function killMidLoad(cluster: Cluster) {
  // Every request is a distinct list (a name filter), so each one calls upstream and takes
  // the added 300 ms: the replica to be killed always has some in flight.
  await cluster.control('POST', 'faults', {
    latencyMs: 300,
    operations: ['ListJobRuns'],
  });
  const victim = cluster.proxy.backends[1];
  const survivor = cluster.proxy.backends[0];
  let counter = 0;
  let failures = 0;
  let ok = 0;
  let failedLate = 0;
  let killedAt = 0;
  let running = true;
  const worker = async () => {
    while (running) {
      const started = Date.now();
      const res = await cluster
        .get(`${ENTITY.teamA}/job-runs?name=load-${counter++}`)
        .catch(() => undefined);
      if (res?.status === 200) ok++;
      else {
        failures++;
        // Requests sent a second after the kill must all reach the survivor.
        if (killedAt && started > killedAt + 1000) failedLate++;
      }
      await res?.arrayBuffer().catch(() => undefined);
    }
  };
  try {
    const workers = Array.from({ length: 16 }, worker);
    await sleep(2_000);
    const answeredAtKill = victim.answered;
    // What the replica held when it died: the kill is a signal, and until the process
    // is gone the proxy keeps sending to it, so count at its exit (requests it had
    // accepted and not answered, including any whose failure the proxy already saw).
    let inFlightAtKill = Number.POSITIVE_INFINITY;
    killedAt = Date.now();
    cluster.kill(1, () => {
      inFlightAtKill = victim.inFlight + victim.lost;
    });
    await sleep(4_000);
    running = false;
    await Promise.all(workers);
    console.log(
      `    ${ok} answered, ${failures} failed; the killed replica had ${inFlightAtKill} in flight, lost ${victim.lost}; ` +
        `the survivor lost ${survivor.lost}`,
    );
    assert(answeredAtKill > 0, 'the killed replica answered nothing before');
    assert(
      failures === victim.lost,
      `${failures} failures, but the proxy lost ${victim.lost} at the killed replica`,
    );
    assert(Number.isFinite(inFlightAtKill), 'the killed replica did not exit');
    assert(
      failures <= inFlightAtKill,
      `${failures} failures, more than the ${inFlightAtKill} in flight at the kill`,
    );
    assert(survivor.lost === 0, `the survivor lost ${survivor.lost}`);
    assert(
      failedLate === 0,
      `${failedLate} requests failed after the proxy had seen the replica go`,
    );
    assert(!victim.alive, 'the proxy still routes to the killed replica');
  } finally {
    running = false;
    await cluster.control('DELETE', 'faults');
  }
}

async function main() {
  const output = process.argv[2];
  let passed = 0;
  let failed = 0;
  let cluster: Cluster | undefined;
  try {
    cluster = await startCluster({ replicas: 2, costDelay: '25s' });
  } catch (error) {
    console.error(
      `✗ could not start two replicas: ${(error as Error).message}`,
    );
    failed = CASES.length;
  }
  if (cluster) {
    const run: Record<(typeof CASES)[number], (c: Cluster) => Promise<void>> = {
      [CASES[0]]: cachedAcrossReplicas,
      [CASES[1]]: concurrentViews,
      [CASES[2]]: costOnce,
      [CASES[3]]: alertsOnce,
      [CASES[4]]: killMidLoad,
    };
    for (const name of CASES) {
      try {
        await run[name](cluster);
        passed++;
        console.log(`✓ ${name}`);
      } catch (error) {
        failed++;
        console.log(`✗ ${name}\n    ${(error as Error).message}`);
      }
    }
    await cluster.stop();
  }
  console.log(`replicas: ${passed} passed, ${failed} failed`);
  if (output) {
    fs.writeFileSync(output, JSON.stringify({ passed, failed }));
  }
  process.exit(failed ? 1 : 0);
}

main();
