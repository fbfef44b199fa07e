/*
 * Onboarding a tenant with the scaffolder actions against the sandbox, measured in one run:
 * wall time and API calls of a first onboarding, of a retry of the same task (its
 * checkpoints replay), and of a new task for the same tenant (everything is reused).
 * Run: yarn bench:onboarding   (prints figures; never fails on timing)
 */
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { JsonObject, JsonValue } from '@backstage/types';
import { createSandbox } from '@emr-eks/sandbox';
import {
  DefaultClientFactory,
  createEmrEksActions,
  DefaultTenantAuthorizer,
  readProvisioningConfig,
} from '@emr-eks/plugin-scaffolder-backend-module-emr-eks';

// Calls that make a new resource; pod templates are overwritten in place (PutObject), and
// Kubernetes objects are applied server-side, which is idempotent.
const CREATES = [
  'CreateRole',
  'CreateVirtualCluster',
  'CreateJobTemplate',
  'CreateManagedEndpoint',
  'CreatePodIdentityAssociation',
  'CreateAccessEntry',
  'k8s:create',
];

/** The parts of a scaffolder action context the actions use, with a task's checkpoint store. */
const BENCH_USER = 'user:default/bench-lead';

function context(
  input: JsonObject,
  taskId: string,
  checkpoints: Map<string, JsonValue>,
) {
  const quiet = {
    info() {},
    warn() {},
    error() {},
    debug() {},
    child: () => quiet,
  };
  const outputs: Record<string, unknown> = {};
  const ctx = {
    input,
    // A member of the tenant's team starts the task, as the actions check on every run.
    getInitiatorCredentials: async () => mockCredentials.user(BENCH_USER),
    logger: quiet,
    task: { id: taskId },
    isDryRun: false,
    output: (name: string, value: unknown) => void (outputs[name] = value),
    checkpoint: async (opts: {
      key: string;
      fn: () => Promise<JsonValue | void>;
    }) => {
      if (checkpoints.has(opts.key)) return checkpoints.get(opts.key);
      const value = await opts.fn();
      checkpoints.set(opts.key, (value ?? {}) as JsonValue);
      return value;
    },
  };
  return { ctx, outputs };
}

async function main() {
  const sandbox = createSandbox({ seed: 3 });
  const running = await sandbox.listen(0);
  const root = new ConfigReader({
    aws: {
      accounts: [
        {
          accountId: '123456789012',
          accessKeyId: 'bench',
          secretAccessKey: 'bench',
        },
      ],
    },
    kubernetes: {
      clusterLocatorMethods: [
        {
          type: 'config',
          clusters: [
            {
              name: 'analytics-shared',
              url: `${running.url}/k8s/analytics-shared`,
              authProvider: 'serviceAccount',
              serviceAccountToken: 'bench',
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
            name: 'analytics-shared',
            accountId: '123456789012',
            region: 'us-east-1',
            podTemplateBucket: 'analytics-platform-pod-templates-123456789012',
          },
        ],
        endpoints: Object.fromEntries(
          ['iam', 'eks', 's3', 'sts', 'emrContainers'].map(k => [
            k,
            running.url,
          ]),
        ),
      },
    },
  });
  const config = readProvisioningConfig(root);
  const actions = Object.fromEntries(
    createEmrEksActions({
      config,
      clients: DefaultClientFactory.fromConfig(root, config),
      authorizer: DefaultTenantAuthorizer.create({
        auth: mockServices.auth(),
        userInfo: mockServices.userInfo({
          userEntityRef: BENCH_USER,
          ownershipEntityRefs: [BENCH_USER, 'group:default/bench-team'],
        }),
        // Not a platform admin: the membership rule lets the team's lead through.
        permissions: mockServices.permissions({ result: AuthorizeResult.DENY }),
      }),
    }).map(a => [a.id, a]),
  );
  const tenant = {
    cluster: 'analytics-shared',
    namespace: 'bench-team',
    owner: 'group:default/bench-team',
  };

  async function onboard(taskId: string, checkpoints: Map<string, JsonValue>) {
    const run = async (id: string, input: JsonObject) => {
      const { ctx, outputs } = context(input, taskId, checkpoints);
      await (actions[id].handler as (c: unknown) => Promise<void>)(ctx);
      return outputs;
    };
    await run('emr:namespace:prepare', tenant);
    const role = await run('emr:role:create', {
      ...tenant,
      roleName: 'emr-eks-bench-team-job-execution',
    });
    const vc = await run('emr:virtualCluster:create', {
      ...tenant,
      name: 'bench-team',
    });
    const pods = await run('emr:podTemplates:publish', tenant);
    await run('emr:jobTemplate:create', {
      virtualClusterArn: vc.virtualClusterArn as string,
      name: 'bench-team-spark-pi',
      releaseLabel: 'emr-7.5.0-latest',
      executionRoleArn: role.roleArn as string,
      entryPoint: 'local:///usr/lib/spark/examples/src/main/python/pi.py',
      driverPodTemplateUri: pods.nonCriticalDriverUri as string,
      executorPodTemplateUri: pods.nonCriticalExecutorUri as string,
      owner: tenant.owner,
    });
  }

  async function measure(
    label: string,
    taskId: string,
    checkpoints: Map<string, JsonValue>,
  ) {
    sandbox.stats.reset();
    const start = process.hrtime.bigint();
    await onboard(taskId, checkpoints);
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    const snapshot = sandbox.stats.snapshot();
    const creates = CREATES.reduce(
      (n, op) => n + (snapshot.operations[op] ?? 0),
      0,
    );
    console.log(
      `  ${label.padEnd(44)} ${ms
        .toFixed(0)
        .padStart(5)} ms (target ≤ 2000 ms), ${String(snapshot.total).padStart(
        3,
      )} API calls, ${creates} creates`,
    );
  }

  console.log(
    'Onboarding a tenant (namespace, role, virtual cluster, pod templates, job template) against the sandbox',
  );
  const checkpoints = new Map<string, JsonValue>();
  await measure('first onboarding', 'task-1', checkpoints);
  await measure(
    'retry of the same task (checkpoints replay)',
    'task-1',
    checkpoints,
  );
  await measure('a new task for the same tenant', 'task-2', new Map());
  await running.close();
  process.exit(0);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
