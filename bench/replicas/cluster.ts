/*
 * Runs the built portal as a deployment does, on real components: N replicas of the built
 * backend (scripts/build-production.sh, NODE_ENV=production, app-config.yaml +
 * app-config.production.yaml + the test overlay next to this file) on one PostgreSQL and one
 * Redis, behind the round-robin proxy, with the sandbox (its own process) for AWS and Kubecost.
 * Used by the replica tests (bench/replicas/replicas.ts) and the load bench (bench/load.ts).
 *
 * Needs: $PRODUCTION_DIR (default .cache/production) built; PostgreSQL from
 * `source scripts/postgres.sh` (BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING); Redis from
 * `source scripts/redis.sh` (REDIS_URL). Missing ones are an error, never a skip.
 */
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startProxy, RoundRobinProxy } from './proxy';

const repo = path.resolve(__dirname, '../..');

export const ENTITY = {
  teamA: '/api/emr-eks/v1/entity/default/resource/data-team-a-us-east-1',
  teamB: '/api/emr-eks/v1/entity/default/resource/data-team-b-us-east-1',
};

export interface Replica {
  index: number;
  url: string;
  child: ChildProcess;
  log: string;
}

export interface Cluster {
  proxy: RoundRobinProxy;
  sandboxUrl: string;
  replicas: Replica[];
  token: string;
  /** GET through the proxy as the signed-in guest. */
  get(pathAndQuery: string): Promise<Response>;
  /** The sandbox's control API (`/_sandbox/...`). */
  control(method: string, route: string, body?: unknown): Promise<any>;
  /** Upstream API calls counted by the sandbox, by operation. */
  upstreamCalls(): Promise<Record<string, number>>;
  /** Resident set size of each replica, in MB. */
  rssMb(): number[];
  /** SIGKILL one replica; `onExit` runs when the process is gone (before its sockets' errors reach the proxy). */
  kill(index: number, onExit?: () => void): void;
  stop(): Promise<void>;
}

export function requirePrerequisites() {
  const production =
    process.env.PRODUCTION_DIR ?? path.join(repo, '.cache/production');
  const missing: string[] = [];
  if (!fs.existsSync(path.join(production, 'packages/backend/package.json'))) {
    missing.push(
      `the production build in ${production} (run scripts/build-production.sh)`,
    );
  }
  const pg = process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
  if (!pg) missing.push('PostgreSQL (source scripts/postgres.sh)');
  if (!process.env.REDIS_URL) missing.push('Redis (source scripts/redis.sh)');
  if (missing.length) {
    throw new Error(`missing prerequisites: ${missing.join('; ')}`);
  }
  return { production, pg: new URL(pg!), redisUrl: process.env.REDIS_URL! };
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise(resolve => server.close(resolve));
  return port;
}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
  onTimeout?: () => string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      if ((error as { fatal?: boolean }).fatal) {
        throw new Error(
          `${what}: ${(error as Error).message}${
            onTimeout ? `\n${onTimeout()}` : ''
          }`,
        );
      }
      // not yet
    }
    if (Date.now() > deadline) {
      throw new Error(
        `timed out waiting for ${what}${onTimeout ? `\n${onTimeout()}` : ''}`,
      );
    }
    await sleep(250);
  }
}

function tail(file: string, lines = 30) {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

async function startSandbox(dir: string) {
  const log = path.join(dir, 'sandbox.log');
  const child = spawn(
    process.execPath,
    [path.join(repo, 'packages/sandbox/bin/sandbox.js')],
    {
      env: { ...process.env, SANDBOX_PORT: '0' },
      stdio: ['ignore', 'pipe', fs.openSync(log, 'a')],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', chunk => {
      out += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) resolve(match[1]);
    });
    child.once('exit', code =>
      reject(new Error(`the sandbox exited (${code}): ${tail(log)}`)),
    );
  });
  child.stdout!.resume();
  return { child, url };
}

export async function startCluster(options: {
  replicas: number;
  /** When the first cost ingestion is due after the first replica starts. */
  costDelay?: string;
}): Promise<Cluster> {
  const { production, pg, redisUrl } = requirePrerequisites();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emr-eks-replicas-'));
  const sandbox = await startSandbox(dir);
  const ports = await Promise.all(
    Array.from({ length: options.replicas }, freePort),
  );
  const proxyPort = await freePort();
  const proxyUrl = `http://127.0.0.1:${proxyPort}`;
  const prefix = `emr_replicas_${Date.now().toString(36)}_`;
  const replicas: Replica[] = [];

  const startReplica = (index: number): Replica => {
    const log = path.join(dir, `replica-${index}.log`);
    const child = spawn(
      process.execPath,
      [
        path.join(production, 'packages/backend'),
        '--config',
        path.join(repo, 'app-config.yaml'),
        '--config',
        path.join(repo, 'app-config.production.yaml'),
        '--config',
        path.join(__dirname, 'app-config.test-replicas.yaml'),
      ],
      {
        // The catalog's file locations are relative to packages/backend.
        cwd: path.join(repo, 'packages/backend'),
        env: {
          ...process.env,
          NODE_ENV: 'production',
          REPLICA_PORT: String(ports[index]),
          APP_BASE_URL: proxyUrl,
          BACKEND_BASE_URL: proxyUrl,
          POSTGRES_HOST: pg.hostname,
          POSTGRES_PORT: pg.port || '5432',
          POSTGRES_USER: decodeURIComponent(pg.username) || 'postgres',
          POSTGRES_PASSWORD: decodeURIComponent(pg.password) || 'postgres',
          REPLICAS_DB_PREFIX: prefix,
          REPLICAS_COST_DELAY: options.costDelay ?? '30s',
          CACHE_STORE: 'redis',
          REDIS_URL: redisUrl,
          SANDBOX_URL: sandbox.url,
          AUTH_SESSION_SECRET: 'replica-test-session-secret',
        },
        stdio: ['ignore', fs.openSync(log, 'a'), fs.openSync(log, 'a')],
      },
    );
    return {
      index,
      url: `http://127.0.0.1:${ports[index]}`,
      child,
      log,
    };
  };

  const stopAll = async () => {
    await Promise.all(
      [...replicas.map(r => r.child), sandbox.child].map(
        child =>
          new Promise<void>(resolve => {
            if (child.exitCode !== null || child.signalCode !== null) {
              resolve();
              return;
            }
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
            setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
          }),
      ),
    );
  };

  let proxy: RoundRobinProxy | undefined;
  try {
    // A rolling start: each replica is ready before the next starts (the first creates the
    // databases and runs the migrations).
    for (let i = 0; i < options.replicas; i++) {
      const replica = startReplica(i);
      replicas.push(replica);
      await waitFor(
        `replica ${i} to be ready`,
        async () => {
          if (replica.child.exitCode !== null) {
            throw Object.assign(
              new Error(`replica ${i} exited (${replica.child.exitCode})`),
              { fatal: true },
            );
          }
          const res = await fetch(
            `${replica.url}/.backstage/health/v1/readiness`,
          );
          return res.ok ? true : undefined;
        },
        180_000,
        () => tail(replica.log),
      );
    }
    proxy = await startProxy(
      replicas.map(r => r.url),
      proxyPort,
    );
    const proxyAt = proxy.url;
    const token = await waitFor(
      'a guest token',
      async () => {
        const res = await fetch(
          `${proxyAt}/api/auth/guest/refresh?env=production`,
          { headers: { 'x-requested-with': 'XMLHttpRequest' } },
        );
        if (!res.ok) return undefined;
        return (await res.json()).backstageIdentity.token as string;
      },
      60_000,
    );
    const auth = { authorization: `Bearer ${token}` };
    // Discovery has made the virtual clusters' entities on every replica's catalog.
    for (const replica of replicas) {
      await waitFor(
        `data-team-a's entity on replica ${replica.index}`,
        async () => {
          const res = await fetch(
            `${replica.url}/api/catalog/entities/by-name/resource/default/data-team-a-us-east-1`,
            { headers: auth },
          );
          return res.ok ? true : undefined;
        },
        120_000,
        () => tail(replica.log),
      );
    }
    const control = async (method: string, route: string, body?: unknown) => {
      const res = await fetch(`${sandbox.url}/_sandbox/${route}`, {
        method,
        headers: body ? { 'content-type': 'application/json' } : {},
        body: body ? JSON.stringify(body) : undefined,
      });
      if (!res.ok) {
        throw new Error(
          `sandbox ${method} ${route}: ${res.status} ${await res.text()}`,
        );
      }
      return res.json();
    };
    const running = proxy;
    return {
      proxy: running,
      sandboxUrl: sandbox.url,
      replicas,
      token,
      get: pathAndQuery =>
        fetch(`${proxyAt}${pathAndQuery}`, { headers: auth }),
      control,
      upstreamCalls: async () => (await control('GET', 'stats')).operations,
      rssMb: () =>
        replicas.map(r => {
          try {
            const status = fs.readFileSync(
              `/proc/${r.child.pid}/status`,
              'utf8',
            );
            return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
          } catch {
            return 0;
          }
        }),
      kill: (index, onExit) => {
        if (onExit) replicas[index].child.once('exit', onExit);
        replicas[index].child.kill('SIGKILL');
      },
      stop: async () => {
        await running.close();
        await stopAll();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await proxy?.close();
    await stopAll();
    throw error;
  }
}
