/*
 * Load on the built portal (scripts/build-production.sh, NODE_ENV=production), measured in one run:
 * mixed reads (job-run pages, run details, summaries, endpoints, cost) offered at fixed rates
 * (open loop) through the round-robin proxy to one and to two replicas on one PostgreSQL and
 * one Redis, the sandbox for AWS; then two replicas under sandbox throttling, 5xx answers and
 * an outage. Prints one table, ratios against the first row (the baseline), and the machine's
 * load average. Never fails on timing.
 *
 *   source scripts/postgres.sh; source scripts/redis.sh; yarn bench:load
 *
 * LOAD_DURATION_S   seconds per level (60)          LOAD_RATES     offered req/s ("50,100,200")
 * LOAD_REPLICAS     replica counts ("1,2")           LOAD_IDLE_S    idle before the last RSS (120)
 * LOAD_FAULT_RATE   req/s under faults (100)         LOAD_OUTAGE_S  outage length (120)
 * LOAD_FAULTS=0     skips the fault scenarios
 */
import os from 'node:os';
import { Cluster, ENTITY, startCluster } from './replicas/cluster';

const DURATION_S = Number(process.env.LOAD_DURATION_S ?? 60);
const RATES = (process.env.LOAD_RATES ?? '50,100,200').split(',').map(Number);
const REPLICAS = (process.env.LOAD_REPLICAS ?? '1,2').split(',').map(Number);
const IDLE_S = Number(process.env.LOAD_IDLE_S ?? 120);
const FAULT_RATE = Number(process.env.LOAD_FAULT_RATE ?? 100);
const OUTAGE_S = Number(process.env.LOAD_OUTAGE_S ?? 120);
const FAULTS = process.env.LOAD_FAULTS !== '0';

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

interface Level {
  name: string;
  offered: number;
  sent: number;
  achieved: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  stale: number;
  upstreamPer100: number;
  rss: string;
  recoverS?: number;
}

/** A path without its entity and ids: `job-runs/:id`, `cost`, ... */
function routeOf(path: string): string {
  const route = path
    .split('?')[0]
    .replace(/^.*\/entity\/[^/]+\/[^/]+\/[^/]+\//, '')
    .split('/');
  return route.map((part, i) => (i > 0 ? ':id' : part)).join('/');
}

/** The error message of a Backstage error body, else the start of the body. */
function messageOf(body: string): string {
  try {
    return JSON.parse(body)?.error?.message ?? body.slice(0, 120);
  } catch {
    return body.slice(0, 120);
  }
}

/** The reads a team's pages make, weighted as people use them. */
function mix(runIds: Record<string, string[]>) {
  const teams = [ENTITY.teamA, ENTITY.teamB];
  const states = ['', '&states=RUNNING', '&states=FAILED', '&states=COMPLETED'];
  let i = 0;
  return () => {
    const n = i++;
    const team = teams[n % 2];
    const ids = runIds[team];
    const r = n % 20;
    if (r < 6) return `${team}/job-runs?maxResults=25${states[(n >> 1) % 4]}`;
    if (r < 12) return `${team}/job-runs/${ids[(n * 7) % ids.length]}`;
    if (r < 15) return `${team}/summary`;
    if (r < 17) return `${team}/endpoints`;
    return `${team}/cost?window=${['7d', '30d'][(n >> 1) % 2]}`;
  };
}

function percentile(sorted: number[], p: number) {
  if (!sorted.length) return NaN;
  return sorted[
    Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))
  ];
}

async function totalUpstream(cluster: Cluster) {
  const ops = await cluster.upstreamCalls();
  return Object.values(ops).reduce((a, b) => a + b, 0);
}

/**
 * Offers `rate` req/s for `seconds` (open loop: a request leaves on schedule whether or not
 * earlier ones are answered). `during` runs alongside (fault changes); after it, responses
 * are watched for `recoverFrom` to measure when answers are fresh again.
 */
async function offer(
  cluster: Cluster,
  name: string,
  rate: number,
  seconds: number,
  next: () => string,
  options: { recoverFrom?: () => number | undefined } = {},
): Promise<Level> {
  const rssBefore = cluster.rssMb();
  const upstreamBefore = await totalUpstream(cluster);
  const latencies: number[] = [];
  /** Per route too, so that a level's tail can be traced to the reads that make it. */
  const byRoute = new Map<string, number[]>();
  let errors = 0;
  /** What the failed requests answered, counted (printed, so a figure can be explained). */
  const failures = new Map<string, number>();
  const failed = (what: string) =>
    failures.set(what, (failures.get(what) ?? 0) + 1);
  let stale = 0;
  let sent = 0;
  let lastBad = 0;
  const pending: Promise<void>[] = [];
  const start = performance.now();
  const interval = 1000 / rate;
  const total = Math.round(rate * seconds);
  for (let k = 0; k < total; k++) {
    const due = start + k * interval;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    sent++;
    const sentAt = performance.now();
    const path = next();
    pending.push(
      cluster
        .get(path)
        .then(async res => {
          const body = await res.text();
          const at = performance.now();
          latencies.push(at - sentAt);
          const route = routeOf(path);
          if (!byRoute.has(route)) byRoute.set(route, []);
          byRoute.get(route)!.push(at - sentAt);
          if (res.status !== 200) {
            errors++;
            failed(`${res.status} ${routeOf(path)}: ${messageOf(body)}`);
            lastBad = at;
          } else if (body.includes('"stale":{')) {
            stale++;
            lastBad = at;
          }
        })
        .catch(error => {
          errors++;
          failed(
            `no answer ${routeOf(path)}: ${String(
              error?.cause?.code ?? error,
            )}`,
          );
          lastBad = performance.now();
        }),
    );
  }
  await Promise.all(pending);
  for (const [what, count] of failures) {
    console.error(`  ${name}: ${count} × ${what}`);
  }
  console.error(
    `  ${name}: p50/p99 ms by route: ${[...byRoute]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([route, ms]) => {
        const inOrder = ms.sort((a, b) => a - b);
        return `${route} ${fmt(percentile(inOrder, 50), 1)}/${fmt(
          percentile(inOrder, 99),
          1,
        )}`;
      })
      .join(', ')}`,
  );
  const elapsed = (performance.now() - start) / 1000;
  const upstream = (await totalUpstream(cluster)) - upstreamBefore;
  const sorted = latencies.sort((a, b) => a - b);
  const recoverFrom = options.recoverFrom?.();
  return {
    name,
    offered: rate,
    sent,
    achieved: (sent - errors) / elapsed,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    errors,
    stale,
    upstreamPer100: (upstream / sent) * 100,
    rss: `${rssBefore.map(Math.round).join('+')}→${cluster
      .rssMb()
      .map(Math.round)
      .join('+')}`,
    ...(recoverFrom !== undefined && {
      recoverS: Math.max(0, (lastBad - recoverFrom) / 1000),
    }),
  };
}

async function prepare(cluster: Cluster) {
  // The first cost ingestion (due 2 s after the first replica started) has been stored.
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const res = await cluster.get(`${ENTITY.teamA}/cost?window=7d`);
    const body = await res.json();
    if (res.ok && body.totals?.total) break;
    await sleep(1000);
  }
  const runIds: Record<string, string[]> = {};
  for (const team of [ENTITY.teamA, ENTITY.teamB]) {
    const res = await cluster.get(`${team}/job-runs?maxResults=100`);
    runIds[team] = (await res.json()).items.map((r: { id: string }) => r.id);
  }
  return mix(runIds);
}

function fmt(n: number | undefined, digits = 0) {
  return n === undefined || Number.isNaN(n) ? '' : n.toFixed(digits);
}

function print(levels: Level[], memory: string[]) {
  const base = levels[0];
  const header = [
    'scenario',
    'offered/s',
    'achieved/s',
    'p50 ms',
    'p95 ms',
    'p99 ms',
    'p99 × base',
    'errors',
    'stale',
    'AWS calls/100',
    'recover s',
    'RSS MB before→after',
  ];
  const rows = levels.map(l => [
    l.name,
    fmt(l.offered),
    fmt(l.achieved, 1),
    fmt(l.p50, 1),
    fmt(l.p95, 1),
    fmt(l.p99, 1),
    fmt(l.p99 / base.p99, 2),
    `${l.errors}/${l.sent}`,
    String(l.stale),
    fmt(l.upstreamPer100, 2),
    fmt(l.recoverS, 1),
    l.rss,
  ]);
  console.log(`\n| ${header.join(' | ')} |`);
  console.log(`|${header.map(() => '---').join('|')}|`);
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
  console.log(`\nbaseline: ${base.name}`);
  for (const line of memory) console.log(line);
  const [one, five, fifteen] = os.loadavg();
  console.log(
    `load average ${one.toFixed(2)} ${five.toFixed(2)} ${fifteen.toFixed(
      2,
    )} on ${os.cpus().length} CPUs; ${DURATION_S} s per level`,
  );
}

async function main() {
  const levels: Level[] = [];
  const memory: string[] = [];
  console.log(
    `load average at start: ${os
      .loadavg()
      .map(n => n.toFixed(2))
      .join(' ')}`,
  );
  for (const n of REPLICAS) {
    const cluster = await startCluster({ replicas: n, costDelay: '2s' });
    try {
      const next = await prepare(cluster);
      await sleep(5_000);
      const start = cluster.rssMb();
      for (const rate of RATES) {
        const level = await offer(
          cluster,
          `${n} replica${n > 1 ? 's' : ''}, ${rate}/s`,
          rate,
          DURATION_S,
          next,
        );
        levels.push(level);
        console.log(JSON.stringify(level));
      }
      const loaded = cluster.rssMb();
      if (n === REPLICAS[REPLICAS.length - 1] && FAULTS) {
        const faults: Array<[string, object]> = [
          ['throttled (30 %)', { throttleRate: 0.3 }],
          ['5xx (30 %)', { errorRate: 0.3, errorStatus: 500 }],
        ];
        for (const [label, rule] of faults) {
          await cluster.control('POST', 'faults', rule);
          let clearedAt: number | undefined;
          const clear = sleep((DURATION_S * 1000) / 2).then(async () => {
            await cluster.control('DELETE', 'faults');
            clearedAt = performance.now();
          });
          const level = await offer(
            cluster,
            `${n} replicas, ${FAULT_RATE}/s, ${label} for ${DURATION_S / 2} s`,
            FAULT_RATE,
            DURATION_S,
            next,
            { recoverFrom: () => clearedAt },
          );
          await clear;
          levels.push(level);
          console.log(JSON.stringify(level));
        }
        // An outage: every AWS call fails (503) for OUTAGE_S, then answers again.
        await cluster.control('POST', 'faults', {
          errorRate: 1,
          errorStatus: 503,
        });
        let clearedAt: number | undefined;
        const clear = sleep(OUTAGE_S * 1000).then(async () => {
          await cluster.control('DELETE', 'faults');
          clearedAt = performance.now();
        });
        const level = await offer(
          cluster,
          `${n} replicas, ${FAULT_RATE}/s, AWS down ${OUTAGE_S} s`,
          FAULT_RATE,
          OUTAGE_S + 45,
          next,
          { recoverFrom: () => clearedAt },
        );
        await clear;
        levels.push(level);
        console.log(JSON.stringify(level));
      }
      await sleep(IDLE_S * 1000);
      const idle = cluster.rssMb();
      memory.push(
        `RSS of ${n} replica(s), MB: start ${start
          .map(Math.round)
          .join('+')}, after the load ${loaded
          .map(Math.round)
          .join('+')}, after ${IDLE_S} s idle ${idle
          .map(Math.round)
          .join('+')} (${idle
          .map((v, i) => `${Math.round((v / start[i] - 1) * 100)} %`)
          .join(', ')} vs start)`,
      );
      console.log(memory[memory.length - 1]);
    } finally {
      await cluster.stop();
    }
  }
  print(levels, memory);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
