/*
 * The production smoke test: the built bundle (scripts/build-production.sh) run as a deployment
 * runs it — NODE_ENV=production, app-config.yaml + app-config.production.yaml, settings from
 * environment variables — plus app-config.smoke.yaml, which only points AWS and Kubecost at the
 * sandbox, discovery and the demo org into the catalog, and the database at the test's PostgreSQL.
 * Sign-in goes through a real OpenID Connect provider (oidc-provider) along the browser's redirects.
 *
 *   node -r @backstage/cli/config/nodeTransform.cjs scripts/production-smoke/smoke.ts
 *
 * Needs BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING (scripts/postgres.sh exports it).
 * PRODUCTION_DIR is the build (default .cache/production); SMOKE_RESULTS, when set, receives
 * {"passed":N,"failed":N}. Every check prints one line; a failure says what came back.
 */
import http from 'node:http';
import { createSandbox } from '@emr-eks/sandbox';
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import knexFactory from 'knex';
import { TestBrowser } from '../../packages/backend/src/__testUtils__/browser';
import { startOidcProvider } from '../../packages/backend/src/__testUtils__/startOidcProvider';

const repo = path.resolve(__dirname, '../..');
const productionDir = path.resolve(
  process.env.PRODUCTION_DIR ?? path.join(repo, '.cache/production'),
);
const DATABASE_PREFIX = 'production_smoke_'; // backend.database.prefix in the overlay
const CLIENT = { id: 'backstage-portal', secret: 'smoke-client-secret' };
const USER = { email: 'alice@example.com', ref: 'user:default/alice' };
const TEAM = 'group:default/data-team-a';
// data-team-a's virtual cluster in us-east-1, as discovery names its entity.
const ENTITY = 'default/resource/data-team-a-us-east-1';
// How long the backend may take to start, discovery and ingestion to run, on a loaded machine.
const WAIT_MS = Number(process.env.SMOKE_WAIT_SECONDS ?? 240) * 1000;

let passed = 0;
let failed = 0;

/** Runs one check; a thrown error is its failure, printed with what came back. */
async function check(name: string, fn: () => Promise<void>) {
  try {
    await fn();
    passed++;
    console.log(`ok      ${name}`);
  } catch (error) {
    failed++;
    console.log(`FAILED  ${name}: ${(error as Error).message}`);
  }
}

interface Answer {
  status: number;
  type: string;
  body: string;
}

async function get(url: string, token?: string): Promise<Answer> {
  const res = await fetch(url, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return {
    status: res.status,
    type: res.headers.get('content-type') ?? '',
    body: await res.text(),
  };
}

function excerpt(answer: Answer) {
  return `${answer.status} ${answer.body.replace(/\s+/g, ' ').slice(0, 300)}`;
}

function expectStatus(answer: Answer, status: number) {
  if (answer.status !== status) {
    throw new Error(`expected ${status}, got ${excerpt(answer)}`);
  }
}

/** Asks `attempt` again until it answers something, while the backend lives and time is left. */
async function eventually<T>(
  what: string,
  attempt: () => Promise<T | undefined>,
  backend: ChildProcess,
): Promise<T> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const result = await attempt().catch(() => undefined);
    if (result !== undefined) return result;
    if (backend.exitCode !== null) {
      throw new Error(`the backend exited (${backend.exitCode}) ${what}`);
    }
    if (Date.now() > deadline) {
      throw new Error(`no answer in ${WAIT_MS / 1000} s ${what}`);
    }
    await new Promise(resolve => setTimeout(resolve, 1000));
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Drops the databases an earlier run left, so each run starts as a fresh deployment. */
async function dropSmokeDatabases(connectionString: string) {
  const db = knexFactory({
    client: 'pg',
    connection: { connectionString, database: 'postgres' },
  });
  try {
    const { rows } = await db.raw(
      'SELECT datname FROM pg_database WHERE datname LIKE ?',
      [`${DATABASE_PREFIX}%`],
    );
    for (const { datname } of rows) {
      await db.raw('DROP DATABASE ?? WITH (FORCE)', [datname]);
    }
  } finally {
    await db.destroy();
  }
}

/** The JSON the backend's sign-in callback page posts to the app's window. */
function popupResult(page: { url: string; body: string }) {
  const encoded = /var authResponse = decodeURIComponent\('([^']*)'\)/.exec(
    page.body,
  );
  if (!encoded) {
    throw new Error(
      `not the sign-in result page: ${page.url} ${page.body.slice(0, 300)}`,
    );
  }
  return JSON.parse(decodeURIComponent(encoded[1]));
}

/**
 * The app's sign-in popup, as a browser follows it: the backend's start, the provider's login
 * and consent pages, the backend's callback; answers the Backstage identity it posts.
 */
async function signIn(backend: string, issuer: string, email: string) {
  const browser = new TestBrowser();
  const start = new URL(`${backend}/api/auth/oidc/start`);
  start.searchParams.set('scope', 'openid profile email');
  start.searchParams.set('origin', backend);
  start.searchParams.set('env', 'production');
  const login = await browser.open(start.toString());
  if (!login.url.startsWith(`${issuer}/interaction/`)) {
    throw new Error(
      `start did not lead to the provider's login page but to ${login.url}: ${
        login.status
      } ${login.body.slice(0, 300)}`,
    );
  }
  const loginForm = TestBrowser.form(login);
  const consent = await browser.open(loginForm.action, {
    form: { ...loginForm.fields, login: email, password: 'any' },
  });
  const consentForm = TestBrowser.form(consent);
  const callback = await browser.open(consentForm.action, {
    form: consentForm.fields,
  });
  const result = popupResult(callback);
  if (result.type !== 'authorization_response' || result.error) {
    throw new Error(
      `the callback posted an error: ${JSON.stringify(result.error ?? result)}`,
    );
  }
  return result.response.backstageIdentity as {
    token: string;
    identity: { userEntityRef: string; ownershipEntityRefs: string[] };
  };
}

async function main() {
  const connectionString =
    process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
  if (!connectionString) {
    throw new Error(
      'set BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING (source scripts/postgres.sh)',
    );
  }
  const entry = path.join(productionDir, 'packages/backend/dist/index.cjs.js');
  if (!fs.existsSync(entry)) {
    throw new Error(
      `no build in ${productionDir}: run scripts/build-production.sh first`,
    );
  }
  const pg = new URL(connectionString);
  await dropSmokeDatabases(connectionString);

  const sandbox = await createSandbox().listen(0);
  const idp = await startOidcProvider();
  const port = await freePort();
  const backend = `http://127.0.0.1:${port}`;
  await idp.registerClient({
    client_id: CLIENT.id,
    client_secret: CLIENT.secret,
    redirect_uris: [`${backend}/api/auth/oidc/handler/frame`],
  });

  const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'production-smoke-'));
  const logFile = path.join(logDir, 'backend.log');
  const log = fs.openSync(logFile, 'w');
  // What a deployment sets (README "Deploy"), pointed at the stand-ins.
  const child = spawn(
    process.execPath,
    [
      'packages/backend',
      ...['--config', path.join(repo, 'app-config.yaml')],
      ...['--config', path.join(repo, 'app-config.production.yaml')],
      ...['--config', path.join(__dirname, 'app-config.smoke.yaml')],
    ],
    {
      cwd: productionDir,
      stdio: ['ignore', log, log],
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        NODE_ENV: 'production',
        APP_BASE_URL: backend,
        BACKEND_BASE_URL: backend,
        POSTGRES_HOST: pg.hostname,
        POSTGRES_PORT: pg.port || '5432',
        POSTGRES_USER: decodeURIComponent(pg.username) || 'postgres',
        POSTGRES_PASSWORD: decodeURIComponent(pg.password) || 'unused',
        AUTH_SESSION_SECRET: 'a-session-secret-for-the-smoke-test',
        AUTH_OIDC_METADATA_URL: idp.metadataUrl,
        AUTH_OIDC_CLIENT_ID: CLIENT.id,
        AUTH_OIDC_CLIENT_SECRET: CLIENT.secret,
        // The default AWS credential chain reads these, as it reads IRSA's on EKS.
        AWS_ACCESS_KEY_ID: 'sandbox',
        AWS_SECRET_ACCESS_KEY: 'sandbox',
        // The chain's STS (GetCallerIdentity tells the main account): the SDK's own endpoint variable.
        AWS_ENDPOINT_URL_STS: sandbox.url,
        SMOKE_BACKEND_PORT: String(port),
        SANDBOX_PORT: String(sandbox.port),
        SMOKE_EXAMPLES_DIR: path.join(repo, 'examples'),
      },
    },
  );
  const stopBackend = () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
    }
  };
  process.on('exit', stopBackend);

  try {
    await runChecks(backend, idp.issuer, child);
  } finally {
    if (failed > 0) {
      // Its warnings and errors, without the access log.
      const lines = fs
        .readFileSync(logFile, 'utf8')
        .split('\n')
        .filter(line => !line.includes('"type":"incomingRequest"'))
        .filter(line => !line.includes('"level":"info"'))
        .map(line => line.slice(0, 600));
      console.log(`--- the backend's last warnings and errors (${logFile}):`);
      console.log(lines.slice(-20).join('\n'));
    }
    if (child.exitCode === null) {
      const exited = new Promise(resolve => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(stopBackend, 10_000);
      await exited;
      clearTimeout(timer);
    }
    await idp.stop();
    await sandbox.close();
    await dropSmokeDatabases(connectionString).catch(() => undefined);
    if (failed === 0) fs.rmSync(logDir, { recursive: true, force: true });
  }
}

/** The backend's resident memory, where /proc tells it (Linux). */
function residentMb(pid: number | undefined) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    return Math.round(Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1]) / 1024);
  } catch {
    return undefined;
  }
}

async function runChecks(backend: string, issuer: string, child: ChildProcess) {
  const started = Date.now();
  let ready = false;
  await check(
    'readiness: /.backstage/health/v1/readiness answers 200',
    async () => {
      await eventually(
        'from /.backstage/health/v1/readiness',
        async () => {
          const answer = await get(`${backend}/.backstage/health/v1/readiness`);
          return answer.status === 200 ? answer : undefined;
        },
        child,
      );
      ready = true;
      console.log(
        `        (ready ${((Date.now() - started) / 1000).toFixed(
          1,
        )} s after start)`,
      );
    },
  );
  if (!ready) return;

  await check(
    'liveness: /.backstage/health/v1/liveness answers 200',
    async () => {
      expectStatus(await get(`${backend}/.backstage/health/v1/liveness`), 200);
    },
  );

  await check(
    "keep-alive outlives an ALB's 60 s idle timeout (Keep-Alive: timeout=65), so pooled connections never race a close",
    async () => {
      const header = await new Promise<string | undefined>((resolve, reject) =>
        http
          .get(`${backend}/.backstage/health/v1/liveness`, res => {
            res.resume();
            resolve(String(res.headers['keep-alive'] ?? '') || undefined);
          })
          .on('error', reject),
      );
      const seconds = Number(/timeout=(\d+)/.exec(header ?? '')?.[1]);
      if (!(seconds > 60)) {
        throw new Error(
          `Keep-Alive: ${
            header ?? '(none)'
          }; set backend.server.keepAliveTimeout above 60s`,
        );
      }
    },
  );

  await check(
    "the backend serves the built app's index.html and its scripts",
    async () => {
      const index = await get(`${backend}/`);
      expectStatus(index, 200);
      if (
        !index.type.startsWith('text/html') ||
        !index.body.includes('<div id="root">')
      ) {
        throw new Error(
          `/ is not the app's index.html: ${index.type} ${excerpt(index)}`,
        );
      }
      const script = /<script[^>]+src="([^"]*\/static\/[^"]+\.js)"/.exec(
        index.body,
      )?.[1];
      if (!script)
        throw new Error(
          `index.html names no /static/ script: ${excerpt(index)}`,
        );
      const asset = await get(new URL(script, backend).toString());
      expectStatus(asset, 200);
      if (!asset.type.includes('javascript')) {
        throw new Error(`${script} is served as ${asset.type}`);
      }
    },
  );

  await check(
    'no guest sign-in: /api/auth/guest/refresh answers 404',
    async () => {
      const answer = await get(`${backend}/api/auth/guest/refresh`);
      expectStatus(answer, 404);
    },
  );

  await check(
    'an EMR route refuses a caller without a token (401)',
    async () => {
      expectStatus(
        await get(`${backend}/api/emr-eks/v1/entity/${ENTITY}/job-runs`),
        401,
      );
    },
  );

  // The catalog ingests the demo org in the background; until then the resolver refuses alice.
  let token: string | undefined;
  await check(
    `OpenID Connect sign-in as ${USER.email} yields ${USER.ref}, a member of ${TEAM}`,
    async () => {
      let lastError = '';
      const identity = await eventually(
        `signing in (last: ${lastError})`,
        async () => {
          try {
            return await signIn(backend, issuer, USER.email);
          } catch (error) {
            lastError = (error as Error).message;
            if (!lastError.includes('unable to resolve user identity'))
              throw error;
            return undefined;
          }
        },
        child,
      ).catch(error => {
        throw new Error(`${error.message}; last attempt: ${lastError}`);
      });
      if (identity.identity.userEntityRef !== USER.ref) {
        throw new Error(`signed in as ${identity.identity.userEntityRef}`);
      }
      if (!identity.identity.ownershipEntityRefs.includes(TEAM)) {
        throw new Error(
          `ownership is ${identity.identity.ownershipEntityRefs.join(', ')}`,
        );
      }
      token = identity.token;
    },
  );
  if (!token) return;
  const userToken = token;

  // Discovery creates the virtual cluster's entity in the background; until then the route says 404.
  let discovered = false;
  await check(`EMR: ${ENTITY}'s job runs answer 200 with runs`, async () => {
    const url = `${backend}/api/emr-eks/v1/entity/${ENTITY}/job-runs`;
    let last: Answer | undefined;
    await eventually(
      'while the entity is discovered',
      async () => {
        last = await get(url, userToken);
        return last.status === 404 ? undefined : last;
      },
      child,
    ).catch(error => {
      throw new Error(
        `${error.message}; last answer ${last ? excerpt(last) : 'none'}`,
      );
    });
    discovered = true;
    expectStatus(last!, 200);
    const page = JSON.parse(last!.body);
    if (!Array.isArray(page.items) || page.items.length === 0) {
      throw new Error(`no runs: ${excerpt(last!)}`);
    }
    console.log(
      `        (${page.items.length} runs, first ${page.items[0].id} ${page.items[0].state})`,
    );
  });

  await check(
    `cost: ${ENTITY}'s cost report answers 200 in USD from the ingested Kubecost history`,
    async () => {
      if (!discovered)
        throw new Error('not asked: the entity was never discovered');
      const url = `${backend}/api/emr-eks/v1/entity/${ENTITY}/cost?window=7d`;
      // Until the first ingestion has stored the sandbox's Kubecost history the report is empty.
      let last: Answer | undefined;
      await eventually(
        'with a cost after ingestion',
        async () => {
          last = await get(url, userToken);
          const ingested =
            last.status !== 200 || JSON.parse(last.body).totals?.compute > 0;
          return ingested ? last : undefined;
        },
        child,
      ).catch(error => {
        throw new Error(
          `${error.message}; last answer ${last ? excerpt(last) : 'none'}`,
        );
      });
      expectStatus(last!, 200);
      const report = JSON.parse(last!.body);
      if (report.currency !== 'USD')
        throw new Error(`currency ${report.currency}`);
      console.log(
        `        (7 days: compute ${report.totals.compute.toFixed(
          2,
        )} USD, total ${report.totals.total?.toFixed(2)} USD)`,
      );
    },
  );
  const rss = residentMb(child.pid);
  if (rss) console.log(`        (the backend's resident memory: ${rss} MB)`);
}

main()
  .catch(error => {
    failed++;
    console.log(`FAILED  ${error.message}`);
  })
  .then(() => {
    console.log(`production smoke test: ${passed} passed, ${failed} failed`);
    if (process.env.SMOKE_RESULTS) {
      fs.writeFileSync(
        process.env.SMOKE_RESULTS,
        JSON.stringify({ passed, failed }),
      );
    }
    process.exit(failed > 0 ? 1 : 0);
  });
