/*
 * Benchmarks of the EMR on EKS backend plugin against the local sandbox, measured in one run:
 *   1. proxy overhead: the backend's uncached job-run list vs a direct SDK call to the same sandbox;
 *   2. cache: a cached list vs an uncached one;
 *   3. upstream economy: 100 concurrent identical list requests → upstream ListJobRuns calls;
 *   4. the same overhead and cache figures for the EMR Serverless job-run list.
 * Run: yarn bench:emr-eks   (prints ratios; never fails on timing)
 */
import {
  EMRContainersClient,
  ListJobRunsCommand,
} from '@aws-sdk/client-emr-containers';
import {
  EMRServerlessClient,
  ListJobRunsCommand as ListServerlessJobRunsCommand,
} from '@aws-sdk/client-emr-serverless';
import { mockCredentials } from '@backstage/backend-test-utils';
import { DEMO, createSandbox } from '@emr-eks/sandbox';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import { startBackend } from '@emr-eks/plugin-emr-eks-backend/testing';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 200);
// An in-region emr-containers call takes tens of milliseconds; the sandbox answers in a few.
// Each scenario runs with no added latency and with this much, so both pictures are printed.
const AWS_LATENCY_MS = Number(process.env.BENCH_AWS_LATENCY_MS ?? 40);
const teamA = DEMO.virtualClusters['data-team-a'];
const path = '/api/emr-eks/v1/entity/default/resource/team-a-emr/job-runs';
const appA = DEMO.serverlessApplications['data-team-a'];
const serverlessPath =
  '/api/emr-eks/v1/entity/default/resource/team-a-serverless/serverless/job-runs';
const auth = {
  Authorization: mockCredentials.user.header('user:default/alice'),
};

function median(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function time(fn: (i: number) => Promise<unknown>, rounds = ROUNDS) {
  for (let i = 0; i < 20; i++) await fn(-1 - i); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const start = process.hrtime.bigint();
    await fn(i);
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(samples);
}

// A distinct createdBefore per round makes every request a cache miss, on both sides alike.
// Each pass takes its own times: a later pass must not find an earlier pass's pages cached.
let pass = 0;
const before = (i: number) =>
  new Date(Date.UTC(2030, 0, 1) + (pass * 1_000_000 + i) * 1000);

async function main() {
  const sandbox = createSandbox({ seed: 1 });
  const running = await sandbox.listen(0);
  const server = await startBackend({ endpoint: running.url, maxAttempts: 3 });
  // The test backend already listens; talk to it over keep-alive connections, as a browser does.
  const backendUrl = `http://127.0.0.1:${
    (server.address() as AddressInfo).port
  }`;
  const get = async (query: Record<string, string>, route = path) => {
    const res = await fetch(
      `${backendUrl}${route}?${new URLSearchParams(query)}`,
      {
        headers: auth,
      },
    );
    if (res.status !== 200) throw new Error(`backend answered ${res.status}`);
    return res.json();
  };
  const sdk = new EMRContainersClient({
    region: DEMO.region,
    endpoint: running.url,
    credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
  });

  console.log(
    `EMR on EKS proxy benchmark: medians of ${ROUNDS} rounds, 50 runs a page`,
  );
  for (const latencyMs of [0, AWS_LATENCY_MS]) {
    pass++;
    sandbox.faults.clear();
    if (latencyMs) sandbox.faults.set({ latencyMs });
    const direct = await time(i =>
      sdk.send(
        new ListJobRunsCommand({
          virtualClusterId: teamA.id,
          maxResults: 50,
          createdBefore: before(i),
        }),
      ),
    );
    const uncached = await time(i =>
      get({ maxResults: '50', createdBefore: before(i).toISOString() }),
    );
    const cached = await time(() => get({ maxResults: '50' }));
    print(latencyMs, 'EMR on EKS', direct, uncached, cached);
  }

  // EMR Serverless: the same three figures, its baseline measured here too.
  const serverlessSdk = new EMRServerlessClient({
    region: DEMO.region,
    endpoint: running.url,
    credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
  });
  for (const latencyMs of [0, AWS_LATENCY_MS]) {
    pass++;
    sandbox.faults.clear();
    if (latencyMs) sandbox.faults.set({ latencyMs });
    const direct = await time(i =>
      serverlessSdk.send(
        new ListServerlessJobRunsCommand({
          applicationId: appA.id,
          maxResults: 50,
          createdAtBefore: before(i),
        }),
      ),
    );
    const uncached = await time(i =>
      get(
        { maxResults: '50', createdBefore: before(i).toISOString() },
        serverlessPath,
      ),
    );
    const cached = await time(() => get({ maxResults: '50' }, serverlessPath));
    print(latencyMs, 'EMR Serverless', direct, uncached, cached);
  }

  function print(
    latencyMs: number,
    api: string,
    direct: number,
    uncached: number,
    cached: number,
  ) {
    console.log(`\n  ${api}, upstream latency added: ${latencyMs} ms`);
    const rows = [
      ['direct SDK ListJobRuns (baseline)', direct, ''],
      [
        'backend list, uncached',
        uncached,
        `${(uncached / direct).toFixed(2)}× baseline (target ≤ 1.15×)`,
      ],
      [
        'backend list, cached',
        cached,
        `${(uncached / cached).toFixed(
          1,
        )}× faster than uncached (target ≥ 20×)`,
      ],
    ] as const;
    for (const [what, ms, ratio] of rows) {
      console.log(
        `    ${what.padEnd(36)} ${ms.toFixed(2).padStart(8)} ms  ${ratio}`,
      );
    }
  }

  sandbox.faults.set({ latencyMs: AWS_LATENCY_MS });
  sandbox.stats.reset();
  await Promise.all(
    Array.from({ length: 100 }, () =>
      request(server)
        .get(path)
        .query({ maxResults: 50, states: 'RUNNING' })
        .set(auth)
        .expect(200),
    ),
  );
  console.log(
    `\n  100 concurrent identical lists → ${sandbox.stats.count(
      'ListJobRuns',
    )} upstream ListJobRuns call(s) (target 1)`,
  );
  server.close();
  await running.close();
  process.exit(0);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
