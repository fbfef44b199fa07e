/*
 * Cost history at scale, on SQLite and on PostgreSQL, measured in one run:
 * ingest 1,000,000 pod-hour allocation rows (30 days of two teams' Spark jobs), then answer a
 * 30-day per-team rollup (the cost route's queries), against a naive recompute of the same
 * figures from the raw rows.
 * Run: yarn bench:cost   (PostgreSQL when BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING
 * is set, e.g. after `source scripts/postgres.sh`; prints figures, never fails on timing)
 */
import knexFactory, { Knex } from 'knex';
import {
  BUILT_IN_UPLIFT_PRICES,
  CostStore,
  costReport,
  toHourlyCosts,
} from '@emr-eks/plugin-emr-eks-backend/testing';
import type { AttributedRow } from '@emr-eks/plugin-emr-eks-backend/testing';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const END = Date.UTC(2026, 10, 1);
const START = END - 30 * DAY;
const TEAMS = ['vcteamaaaaaaaaaaaaaaaaaaa', 'vcteambbbbbbbbbbbbbbbbbbb'];
const cluster = {
  name: 'bench',
  baseUrl: 'http://x',
  flavor: 'kubecost' as const,
  accountId: '123456789012',
  region: 'us-east-1',
  eksClusterName: 'bench',
};
const INSTANCE_TYPES = ['m5.xlarge', 'r5.2xlarge', 'c5.4xlarge'];

/** Deterministic pods: each job runs 3 hours with a driver and 9 executors. */
function* allocations(): Generator<AttributedRow[]> {
  const podsPerHour = Math.ceil(ROWS / ((END - START) / HOUR));
  const jobsPerHour = Math.ceil(podsPerHour / 10 / 3);
  let made = 0;
  for (let t = START; t < END && made < ROWS; t += DAY) {
    const day: AttributedRow[] = [];
    for (let h = t; h < t + DAY && made < ROWS; h += HOUR) {
      for (let j = 0; j < jobsPerHour * 3 && made < ROWS; j++) {
        const job = `j${Math.floor((h - START) / HOUR / 3)}x${j % jobsPerHour}`;
        for (let p = 0; p < 10 && made < ROWS; p++, made++) {
          const driver = p === 0;
          day.push({
            windowStart: new Date(h).toISOString(),
            windowEnd: new Date(h + HOUR).toISOString(),
            pod: `${job}-${p}`,
            jobRunId: job,
            virtualClusterId: TEAMS[j % 2],
            component: driver ? 'driver' : 'executor',
            capacityType: driver || p % 4 === 0 ? 'on-demand' : 'spot',
            instanceType: INSTANCE_TYPES[p % 3],
            minutes: 60,
            cpuCoreHours: 4,
            cpuCoreRequestAverage: 4,
            cpuCoreUsageAverage: 2.5,
            ramByteHours: 16 * 2 ** 30,
            ramByteRequestAverage: 16 * 2 ** 30,
            ramByteUsageAverage: 9 * 2 ** 30,
            cpuCoreRequestHours: 4,
            ramGbRequestHours: 16,
            cpuCost: 0.08,
            ramCost: 0.03,
            pvCost: 0,
            networkCost: 0.001,
            totalCost: 0.111,
          });
        }
      }
    }
    yield day;
  }
}

function median(values: number[]) {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
}

async function measure(name: string, knex: Knex) {
  const store = await CostStore.create({
    getClient: async () => knex,
    migrations: { skip: false },
  } as any);
  // The baseline keeps every raw pod-hour, as a system without the rollups would.
  await knex.schema.createTable('bench_raw_pod_hours', table => {
    table.string('virtual_cluster_id');
    table.string('job_run_id');
    table.string('day');
    table.double('total_cost');
    table.index(['virtual_cluster_id', 'day']);
  });
  let ingestNs = 0n;
  let count = 0;
  let t = START;
  for (const day of allocations()) {
    const started = process.hrtime.bigint();
    await store.replaceHours(
      cluster.name,
      { start: new Date(t), end: new Date(t + DAY) },
      toHourlyCosts(day, cluster, BUILT_IN_UPLIFT_PRICES['us-east-1']),
    );
    ingestNs += process.hrtime.bigint() - started;
    const records = day.map(r => ({
      virtual_cluster_id: r.virtualClusterId,
      job_run_id: r.jobRunId,
      day: r.windowStart.slice(0, 10),
      total_cost: r.totalCost,
    }));
    for (let i = 0; i < records.length; i += 400) {
      await knex('bench_raw_pod_hours').insert(records.slice(i, i + 400));
    }
    count += day.length;
    t += DAY;
  }
  const ingestSeconds = Number(ingestNs) / 1e9;

  const window = {
    start: new Date(START).toISOString(),
    end: new Date(END).toISOString(),
  };
  const previous = {
    start: new Date(START - 30 * DAY).toISOString(),
    end: window.start,
  };
  const virtualClusters = [
    {
      entityRef: 'resource:default/team-a',
      accountId: cluster.accountId,
      region: cluster.region,
      virtualClusterId: TEAMS[0],
    },
  ];
  // The cost route's own queries and assembly.
  const rollup = () => costReport(store, { window, previous, virtualClusters });
  const naive = async () => {
    // The same totals and top runs, recomputed from every raw pod-hour of the team.
    const rows = await knex('bench_raw_pod_hours')
      .where('virtual_cluster_id', TEAMS[0])
      .andWhere('day', '>=', window.start.slice(0, 10))
      .andWhere('day', '<', window.end.slice(0, 10));
    let compute = 0;
    const byJob = new Map<string, number>();
    for (const row of rows) {
      compute += Number(row.total_cost);
      byJob.set(
        row.job_run_id,
        (byJob.get(row.job_run_id) ?? 0) + Number(row.total_cost),
      );
    }
    return {
      compute,
      top: [...byJob.entries()].sort((a, b) => b[1] - a[1]).slice(0, 10),
    };
  };
  const report = await rollup();
  const check = await naive();
  if (Math.abs(report.totals.compute - check.compute) > 1e-6 * check.compute) {
    throw new Error(
      `rollup ${report.totals.compute} != naive ${check.compute}`,
    );
  }
  const rollupMs: number[] = [];
  const naiveMs: number[] = [];
  for (let i = 0; i < 15; i++) {
    let s = process.hrtime.bigint();
    await rollup();
    rollupMs.push(Number(process.hrtime.bigint() - s) / 1e6);
    s = process.hrtime.bigint();
    await naive();
    naiveMs.push(Number(process.hrtime.bigint() - s) / 1e6);
  }
  const stored = Number(
    (await knex('emr_eks_cost_hourly').count({ n: '*' }))[0].n,
  );
  const r = median(rollupMs);
  const n = median(naiveMs);
  console.log(`  ${name}`);
  console.log(
    `    ingest ${count.toLocaleString(
      'en',
    )} pod-hours → ${stored.toLocaleString(
      'en',
    )} hourly rows: ${ingestSeconds.toFixed(1)} s (target ≤ 20 s)`,
  );
  console.log(
    `    30-day team rollup, median of 15: ${r.toFixed(
      1,
    )} ms (target ≤ 100 ms)`,
  );
  console.log(
    `    naive recompute from raw rows:    ${n.toFixed(1)} ms → rollup ${(
      n / r
    ).toFixed(1)}× faster`,
  );
  await knex.destroy();
}

async function main() {
  console.log(
    `Cost history benchmark: ${ROWS.toLocaleString(
      'en',
    )} pod-hour allocation rows over 30 days`,
  );
  await measure(
    'SQLite',
    knexFactory({
      client: 'better-sqlite3',
      connection: { filename: ':memory:' },
      useNullAsDefault: true,
    }),
  );
  const pg = process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
  if (pg) {
    const admin = knexFactory({ client: 'pg', connection: pg });
    await admin.raw('DROP DATABASE IF EXISTS emr_eks_bench');
    await admin.raw('CREATE DATABASE emr_eks_bench');
    await admin.destroy();
    await measure(
      'PostgreSQL',
      knexFactory({ client: 'pg', connection: `${pg}/emr_eks_bench` }),
    );
  } else {
    console.log(
      '  PostgreSQL   skipped: set BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING (source scripts/postgres.sh)',
    );
  }
  process.exit(0);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
