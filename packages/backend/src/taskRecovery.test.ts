import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createSandbox, DEMO } from '@emr-eks/sandbox';

/*
 * Crash safety end to end: a real backend process on PostgreSQL is SIGKILLed while the
 * onboarding template uploads pod templates (the sandbox holds the uploads so the kill lands
 * mid-step), started again on the same database, and the scaffolder's task recovery resumes
 * the same task to completed, without a duplicate of anything.
 */

const PG = process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
const REQUIRED = process.env.EMR_EKS_REQUIRE_POSTGRES === '1';
if (!PG && !REQUIRED) {
  // eslint-disable-next-line no-console
  console.warn(
    'taskRecovery.test.ts skipped: no PostgreSQL (BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING); source scripts/postgres.sh to run it',
  );
}
const withPostgres = PG || REQUIRED ? it : it.skip;

const TASK_ID_TAG = 'backstage.io/scaffolder-task-id';
const BUCKET = 'analytics-platform-pod-templates-123456789012';
const EKS = 'analytics-shared';
const TEAM = 'team-z';
const REPO = path.resolve(__dirname, '../../..');
const ENTRY = path.join(__dirname, '__testUtils__', 'recoveryBackend.ts');
/** Generous: two backend start-ups and a recovery round on a loaded 2-core machine. */
const DEADLINE_MS = 240_000;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function until<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  deadline: number,
  alive: () => boolean = () => true,
): Promise<T> {
  for (;;) {
    if (!alive())
      throw new Error(`the backend exited while waiting for ${what}`);
    const value = await Promise.resolve(probe()).catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise(resolve => setTimeout(resolve, 250));
  }
}

describe('scaffolder task recovery', () => {
  const sandbox = createSandbox({ seed: 17 });
  let running: Awaited<ReturnType<typeof sandbox.listen>>;
  let dir: string;
  let child: ChildProcess | undefined;
  const logs: string[] = [];

  beforeAll(async () => {
    running = await sandbox.listen(0);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emr-recovery-'));
  });
  afterAll(async () => {
    child?.kill('SIGKILL');
    await running?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const isRunning = () =>
    child !== undefined && child.exitCode === null && child.signalCode === null;

  function startBackend(configFile: string, log: string) {
    const out = fs.openSync(path.join(dir, log), 'w');
    logs.push(path.join(dir, log));
    const proc = spawn(
      process.execPath,
      [
        '--require',
        require.resolve('@backstage/cli/config/nodeTransform.cjs'),
        ENTRY,
        '--config',
        configFile,
      ],
      {
        cwd: path.join(REPO, 'packages/backend'),
        env: {
          ...process.env,
          NODE_ENV: 'development',
          RECOVERY_TEST_USER: 'user:default/operator',
          RECOVERY_TEST_GROUPS: `group:default/${TEAM}`,
        },
        stdio: ['ignore', out, out],
      },
    );
    child = proc;
    return proc;
  }

  withPostgres(
    'resumes a task whose backend was killed mid-step to completed, with one of everything',
    () =>
      runTest().catch(error => {
        for (const file of logs) {
          // eslint-disable-next-line no-console
          console.log(
            `--- ${file}\n${fs.readFileSync(file, 'utf8').slice(-8000)}`,
          );
        }
        throw error;
      }),
    DEADLINE_MS + 30_000,
  );

  async function runTest() {
    if (!PG)
      throw new Error('EMR_EKS_REQUIRE_POSTGRES is set but PostgreSQL is not');
    const deadline = Date.now() + DEADLINE_MS;
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    sandbox.s3.createBucket(BUCKET);
    const config = {
      app: { baseUrl: base },
      backend: {
        baseUrl: base,
        listen: { port, host: '127.0.0.1' },
        database: {
          client: 'pg',
          connection: PG,
          // A fresh set of databases per run of this test.
          prefix: `recovery_${Date.now().toString(36)}_`,
        },
      },
      aws: {
        accounts: [
          {
            accountId: DEMO.accountId,
            accessKeyId: 'sandbox',
            secretAccessKey: 'sandbox',
          },
        ],
      },
      kubernetes: {
        clusterLocatorMethods: [
          {
            type: 'config',
            clusters: [
              {
                name: EKS,
                url: `${running.url}/k8s/${EKS}`,
                authProvider: 'serviceAccount',
                serviceAccountToken: 'sandbox',
                skipTLSVerify: true,
              },
            ],
          },
        ],
      },
      emrEks: {
        provisioning: {
          clusters: [
            {
              name: EKS,
              accountId: DEMO.accountId,
              region: 'us-east-1',
              emrAccess: 'accessEntry',
              podTemplateBucket: BUCKET,
            },
          ],
          buckets: [],
          endpoints: Object.fromEntries(
            ['iam', 'eks', 's3', 'sts', 'emrContainers'].map(k => [
              k,
              running.url,
            ]),
          ),
          maxAttempts: 1,
        },
      },
      catalog: {
        rules: [{ allow: ['Template'] }],
        locations: [
          {
            type: 'file',
            target: path.join(
              REPO,
              'templates/onboard-data-team/template.yaml',
            ),
          },
        ],
      },
      scaffolder: {
        taskRecovery: { enabled: true, staleTimeout: { seconds: 2 } },
      },
      permission: { enabled: true },
    };
    const configFile = path.join(dir, 'app-config.yaml');
    fs.writeFileSync(configFile, JSON.stringify(config)); // JSON is YAML

    const ready = async () => {
      const res = await fetch(
        `${base}/api/catalog/entities/by-name/template/default/onboard-emr-eks-data-team`,
      );
      return res.ok ? true : undefined;
    };

    // Run 1: the uploads are held, and the backend dies during the second one.
    const first = startBackend(configFile, 'first.log');
    await until(
      'the first backend and the template',
      ready,
      deadline,
      isRunning,
    );
    sandbox.faults.set({ latencyMs: 5_000, operations: ['PutObject'] });
    const created = await fetch(`${base}/api/scaffolder/v2/tasks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        templateRef: 'template:default/onboard-emr-eks-data-team',
        values: {
          owner: `group:default/${TEAM}`,
          cluster: EKS,
          namespace: TEAM,
          identity: 'podIdentity',
          releaseLabel: 'emr-7.5.0-latest',
        },
      }),
    });
    expect(created.status).toBe(201);
    const { id: taskId } = (await created.json()) as { id: string };
    await until(
      'the second pod template upload',
      () => (sandbox.stats.count('PutObject') >= 2 ? true : undefined),
      deadline,
    );
    const exited = new Promise(resolve => first.once('exit', resolve));
    first.kill('SIGKILL');
    await exited;
    sandbox.faults.clear();
    // Killed mid-step: the template's last resource does not exist yet.
    const jobTemplates = () =>
      sandbox.emrContainers
        .listJobTemplates()
        .filter(t => t.name === `${TEAM}-spark-pi`);
    expect(jobTemplates()).toHaveLength(0);

    // Run 2: a new backend on the same database picks the task up again.
    startBackend(configFile, 'second.log');
    const task = await until(
      'the task to finish after the restart',
      async () => {
        const res = await fetch(`${base}/api/scaffolder/v2/tasks/${taskId}`);
        const body = (await res.json()) as { status: string };
        return ['completed', 'failed', 'cancelled'].includes(body.status)
          ? body
          : undefined;
      },
      deadline,
      isRunning,
    );
    const events = (await (
      await fetch(`${base}/api/scaffolder/v2/tasks/${taskId}/events`)
    ).json()) as Array<{ type: string; body: { message?: string } }>;
    const messages = events.map(e => e.body.message ?? '').join('\n');
    expect({ status: task.status, messages }).toMatchObject({
      status: 'completed',
    });
    expect(messages).toContain('Task recovered');

    const roles = sandbox.iam
      .listRoles()
      .filter(r => r.roleName === `emr-eks-${TEAM}-job-execution`);
    expect(roles).toHaveLength(1);
    expect(roles[0].tags).toContainEqual({ Key: TASK_ID_TAG, Value: taskId });
    const clusters = sandbox.emrContainers
      .listVirtualClusters()
      .filter(c => c.name === TEAM && c.state === 'RUNNING');
    expect(clusters).toHaveLength(1);
    expect(clusters[0].tags[TASK_ID_TAG]).toBe(taskId);
    expect(jobTemplates()).toHaveLength(1);
    expect(jobTemplates()[0].tags?.[TASK_ID_TAG]).toBe(taskId);
    const podTemplates = sandbox.s3
      .listObjects(BUCKET)
      .filter(o => o.key.startsWith(`pod-templates/${TEAM}/`));
    expect(podTemplates).toHaveLength(4);
    for (const o of podTemplates) {
      expect(o.metadata['backstage-task-id']).toBe(taskId);
    }
    const associations = sandbox.eks.listPodIdentityAssociations(
      'us-east-1',
      EKS,
      { namespace: TEAM },
    );
    expect(associations).toHaveLength(3);
  }
});
