import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { DEMO, KUBERNETES_RESOURCES, createSandbox } from '@emr-eks/sandbox';
import request from 'supertest';
import {
  ALICE,
  BOB,
  CAROL,
  SANDBOX_ACCOUNTS,
  startBackend,
  teamA,
  sandboxKubernetes,
} from './testing/backend';
import { spec } from './testing/openapi';

/**
 * Who gets what on every route, under the portal's policy (reads for everyone signed in,
 * services included; writes for the entity's owners; tenant administration for the platform
 * groups) and the backend's own write rules (a signed-in user, who owns the virtual cluster).
 * The first test fails when the router gains a route this table does not list.
 */
type Access = 'open' | 'read' | 'write' | 'admin';

const E = '/v1/entity/:namespace/:kind/:name';
const entity = '/v1/entity/default/resource/team-a-emr';
const teamATemplate = DEMO.jobTemplates['data-team-a']['daily-sales-etl'].id;
const endpointId = DEMO.managedEndpoints['data-team-a'].active.id;

const sandbox = createSandbox({ seed: 41 });
const runIn = (states: Array<'RUNNING' | 'PENDING' | 'SUBMITTED' | 'FAILED'>) =>
  sandbox.emrContainers.listJobRuns(teamA.id, { states })[0].run.id;

const serverlessEntity = '/v1/entity/default/resource/team-a-serverless';
const serverlessRun = (states: string[]) =>
  sandbox.emrServerless.listJobRuns(
    DEMO.serverlessApplications['data-team-a'].id,
    { states },
  )[0].id;

/** One session of team A's application, started when first asked for. */
let sessionId: string | undefined;
const serverlessSession = () => {
  const store = sandbox.emrServerless;
  sessionId ??= store.startSession(
    store.getApplication(DEMO.serverlessApplications['data-team-a'].id)!,
    {
      clientToken: 'authorization-matrix',
      executionRoleArn:
        DEMO.serverlessApplications['data-team-a'].executionRoleArn,
    },
  ).id;
  return sessionId;
};

const sparkTemplate = {
  name: 'nightly-zones',
  type: 'Scala',
  mainClass: 'ValueZones',
  mainApplicationFile: 's3://code/jars/zones.jar',
  driver: { cores: 1, memory: '4g' },
  executor: { cores: 1, memory: '4g', instances: 2 },
  releaseLabel: 'emr-6.10.0',
};

/** The first SparkApplication the portal created in team A's namespace (by the start above). */
const portalSparkApplication = () =>
  sandbox.kubernetes
    .cluster(DEMO.eksClusterName)!
    .list(
      KUBERNETES_RESOURCES.find(r => r.plural === 'sparkapplications')!,
      teamA.namespace,
      'app.kubernetes.io/managed-by=backstage',
    )[0]?.metadata.name ?? 'none-yet';

function startBody() {
  const template = sandbox.emrContainers.getJobTemplate(teamATemplate)!;
  const params = template.jobTemplateData.parameterConfiguration ?? {};
  return {
    jobTemplateId: teamATemplate,
    jobTemplateParameters: Object.fromEntries(
      Object.keys(params).map(name => [
        name,
        params[name].type === 'NUMBER' ? '3' : '2026-11-20',
      ]),
    ),
  };
}

interface Route {
  access: Access;
  /** The path to call; ids are looked up when the request is made. */
  path: () => string;
  body?: () => object;
  /** The status of an allowed call. */
  ok: number;
}

const MATRIX: Record<string, Route> = {
  'GET /health': { access: 'open', path: () => '/health', ok: 200 },
  [`GET ${E}/job-runs`]: {
    access: 'read',
    path: () => `${entity}/job-runs`,
    ok: 200,
  },
  [`POST ${E}/job-runs`]: {
    access: 'write',
    path: () => `${entity}/job-runs`,
    body: startBody,
    ok: 201,
  },
  [`GET ${E}/job-runs/:jobRunId`]: {
    access: 'read',
    path: () => `${entity}/job-runs/${runIn(['FAILED'])}`,
    ok: 200,
  },
  [`POST ${E}/job-runs/:jobRunId/rerun`]: {
    access: 'write',
    path: () => `${entity}/job-runs/${runIn(['FAILED'])}/rerun`,
    ok: 201,
  },
  [`POST ${E}/job-runs/:jobRunId/cancel`]: {
    access: 'write',
    path: () =>
      `${entity}/job-runs/${runIn(['PENDING', 'SUBMITTED', 'RUNNING'])}/cancel`,
    ok: 202,
  },
  [`GET ${E}/endpoints`]: {
    access: 'read',
    path: () => `${entity}/endpoints`,
    ok: 200,
  },
  [`GET ${E}/endpoints/:endpointId`]: {
    access: 'read',
    path: () => `${entity}/endpoints/${endpointId}`,
    ok: 200,
  },
  [`DELETE ${E}/endpoints/:endpointId`]: {
    access: 'write',
    path: () => `${entity}/endpoints/${endpointId}`,
    ok: 202,
  },
  [`GET ${E}/job-templates`]: {
    access: 'read',
    path: () => `${entity}/job-templates`,
    ok: 200,
  },
  [`GET ${E}/job-templates/:templateId`]: {
    access: 'read',
    path: () => `${entity}/job-templates/${teamATemplate}`,
    ok: 200,
  },
  [`GET ${E}/virtual-cluster`]: {
    access: 'read',
    path: () => `${entity}/virtual-cluster`,
    ok: 200,
  },
  [`GET ${E}/summary`]: {
    access: 'read',
    path: () => `${entity}/summary`,
    ok: 200,
  },
  [`GET ${E}/cost`]: {
    access: 'read',
    path: () => `${entity}/cost?window=7d`,
    ok: 200,
  },
  [`GET ${E}/cost.csv`]: {
    access: 'read',
    path: () => `${entity}/cost.csv?window=7d`,
    ok: 200,
  },
  [`GET ${E}/budget`]: {
    access: 'read',
    path: () => `${entity}/budget`,
    ok: 200,
  },
  [`GET ${E}/serverless/application`]: {
    access: 'read',
    path: () => `${serverlessEntity}/serverless/application`,
    ok: 200,
  },
  [`POST ${E}/serverless/application/start`]: {
    access: 'write',
    path: () => `${serverlessEntity}/serverless/application/start`,
    ok: 202,
  },
  [`GET ${E}/serverless/job-runs`]: {
    access: 'read',
    path: () => `${serverlessEntity}/serverless/job-runs`,
    ok: 200,
  },
  [`GET ${E}/serverless/job-runs/:jobRunId`]: {
    access: 'read',
    path: () =>
      `${serverlessEntity}/serverless/job-runs/${serverlessRun([
        'FAILED',
        'SUCCESS',
      ])}`,
    ok: 200,
  },
  [`GET ${E}/serverless/job-runs/:jobRunId/dashboard`]: {
    access: 'read',
    path: () =>
      `${serverlessEntity}/serverless/job-runs/${serverlessRun([
        'SUCCESS',
      ])}/dashboard`,
    ok: 200,
  },
  [`POST ${E}/serverless/job-runs/:jobRunId/cancel`]: {
    access: 'write',
    path: () =>
      `${serverlessEntity}/serverless/job-runs/${serverlessRun([
        'RUNNING',
      ])}/cancel`,
    ok: 202,
  },
  [`GET ${E}/serverless/job-definitions`]: {
    access: 'read',
    path: () => `${serverlessEntity}/serverless/job-definitions`,
    ok: 200,
  },
  [`POST ${E}/serverless/job-definitions`]: {
    access: 'write',
    path: () => `${serverlessEntity}/serverless/job-definitions`,
    body: () => ({
      name: 'nightly',
      executionRoleArn:
        DEMO.serverlessApplications['data-team-a'].executionRoleArn,
      jobDriver: { sparkSubmit: { entryPoint: 's3://code/nightly.py' } },
    }),
    ok: 201,
  },
  [`POST ${E}/serverless/job-runs`]: {
    access: 'write',
    path: () => `${serverlessEntity}/serverless/job-runs`,
    body: () => ({ jobDefinition: 'nightly' }),
    ok: 202,
  },
  [`POST ${E}/serverless/job-runs/:jobRunId/rerun`]: {
    access: 'write',
    path: () =>
      `${serverlessEntity}/serverless/job-runs/${serverlessRun([
        'SUCCESS',
      ])}/rerun`,
    ok: 202,
  },
  [`GET ${E}/spark-applications`]: {
    access: 'read',
    path: () => `${entity}/spark-applications`,
    ok: 200,
  },
  [`GET ${E}/spark-applications/:sparkApplicationId`]: {
    access: 'read',
    path: () => `${entity}/spark-applications/taxi-zones-nightly`,
    ok: 200,
  },
  [`GET ${E}/spark-applications/:sparkApplicationId/logs`]: {
    access: 'read',
    path: () => `${entity}/spark-applications/taxi-zones-nightly/logs`,
    ok: 200,
  },
  [`GET ${E}/spark-application-templates`]: {
    access: 'read',
    path: () => `${entity}/spark-application-templates`,
    ok: 200,
  },
  [`POST ${E}/spark-application-templates`]: {
    access: 'write',
    path: () => `${entity}/spark-application-templates`,
    body: () => sparkTemplate,
    ok: 201,
  },
  [`POST ${E}/spark-applications`]: {
    access: 'write',
    path: () => `${entity}/spark-applications`,
    body: () => ({ template: sparkTemplate.name }),
    ok: 201,
  },
  [`POST ${E}/spark-applications/:sparkApplicationId/rerun`]: {
    access: 'write',
    path: () =>
      `${entity}/spark-applications/${portalSparkApplication()}/rerun`,
    ok: 201,
  },
  [`DELETE ${E}/spark-applications/:sparkApplicationId`]: {
    access: 'write',
    path: () => `${entity}/spark-applications/oss-spark-pi`,
    ok: 202,
  },
  [`GET ${E}/serverless/sessions`]: {
    access: 'read',
    path: () => `${serverlessEntity}/serverless/sessions`,
    ok: 200,
  },
  [`GET ${E}/serverless/sessions/:sessionId`]: {
    access: 'read',
    path: () =>
      `${serverlessEntity}/serverless/sessions/${serverlessSession()}`,
    ok: 200,
  },
  [`POST ${E}/serverless/sessions/:sessionId/terminate`]: {
    access: 'write',
    path: () =>
      `${serverlessEntity}/serverless/sessions/${serverlessSession()}/terminate`,
    ok: 202,
  },
  // After the cancel above: an application with unfinished runs refuses to stop.
  [`POST ${E}/serverless/application/stop`]: {
    access: 'write',
    path: () => {
      sandbox.clock.advance(2 * 60_000);
      return `${serverlessEntity}/serverless/application/stop`;
    },
    ok: 202,
  },
  'GET /v1/cost/unattributed': {
    access: 'admin',
    path: () => '/v1/cost/unattributed?window=7d',
    ok: 200,
  },
  // data-team-a's seeded Spark Connect server: stopped, then started again.
  [`GET ${E}/spark-connect`]: {
    access: 'read',
    path: () => `${entity}/spark-connect`,
    ok: 200,
  },
  [`POST ${E}/spark-connect/:serverName/stop`]: {
    access: 'write',
    path: () => `${entity}/spark-connect/team-connect/stop`,
    ok: 202,
  },
  [`POST ${E}/spark-connect/:serverName/start`]: {
    access: 'write',
    path: () => `${entity}/spark-connect/team-connect/start`,
    ok: 202,
  },
};

/** Callers, the entity's owner last so that refused calls come before its writes. */
const PRINCIPALS = {
  'signed out': undefined,
  service: mockCredentials.service.header(),
  'member of another team': mockCredentials.user.header(BOB),
  'platform admin': mockCredentials.user.header(CAROL),
  owner: mockCredentials.user.header(ALICE),
};
type Principal = keyof typeof PRINCIPALS;

function expected(route: Route, who: Principal): number {
  if (route.access === 'open') return route.ok;
  if (who === 'signed out') return 401;
  switch (route.access) {
    case 'read':
      return route.ok;
    case 'write':
      return who === 'owner' ? route.ok : 403;
    case 'admin':
      return who === 'platform admin' ? route.ok : 403;
  }
  throw new Error(`unknown access ${route.access}`);
}

// router.test.ts proves the router serves exactly the documented operations.
it('lists every documented route, and only those', () => {
  const documented = Object.entries<Record<string, unknown>>(
    spec.paths,
  ).flatMap(([route, item]) =>
    Object.keys(item)
      .filter(method => method !== 'parameters')
      .map(
        method =>
          `${method.toUpperCase()} ${route.replace(/\{(\w+)\}/g, ':$1')}`,
      ),
  );
  expect(Object.keys(MATRIX).sort()).toEqual(documented.sort());
});

describe('the authorization matrix', () => {
  let running: Awaited<ReturnType<typeof sandbox.listen>>;
  let server: Awaited<ReturnType<typeof startBackend>>;

  beforeAll(async () => {
    running = await sandbox.listen(0);
    server = await startBackend({
      endpoint: running.url,
      permission: 'owner-writes',
      visibleTo: 'everyone',
      // A request without credentials is nobody (the test backend's default is a user).
      features: [
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
      ],
      // The Spark routes read the sandbox's cluster through the portal's kubernetes config.
      rootConfig: sandboxKubernetes(running.url),
      config: {
        accounts: SANDBOX_ACCOUNTS,
        // The sandbox's region, beyond the documented EMR runtime image accounts.
        sparkApplications: {
          imageAccounts: [{ region: DEMO.region, accountId: '755674844232' }],
        },
        cost: {
          clusters: [
            {
              name: DEMO.eksClusterName,
              baseUrl: running.url,
              accountId: DEMO.accountId,
              region: DEMO.region,
            },
          ],
          // No ingestion during the test; the routes answer from the (empty) store.
          schedule: {
            frequency: { hours: 1 },
            timeout: { minutes: 1 },
            initialDelay: { hours: 1 },
          },
        },
      },
    });
    sandbox.stats.reset();
  });
  afterAll(() => running.close());

  const cases = Object.entries(MATRIX).flatMap(([route, spec]) =>
    (Object.keys(PRINCIPALS) as Principal[]).map(
      who => [route, who, expected(spec, who)] as const,
    ),
  );

  it.each(cases)('%s as %s → %i', async (route, who, status) => {
    const spec = MATRIX[route];
    const [method] = route.split(' ');
    let call = (request(server) as any)[method.toLowerCase()](
      `/api/emr-eks${spec.path()}`,
    ) as request.Test;
    const header = PRINCIPALS[who];
    if (header) call = call.set('Authorization', header);
    const res = await (spec.body ? call.send(spec.body()) : call);
    expect({ status: res.status, error: res.body?.error?.message }).toEqual({
      status,
      error: status < 400 ? undefined : expect.any(String),
    });
  });

  it('sent AWS only the owner’s writes', () => {
    expect(sandbox.stats.count('StartJobRun')).toBe(2);
    expect(sandbox.stats.count('CancelJobRun')).toBe(1);
    expect(sandbox.stats.count('DeleteManagedEndpoint')).toBe(1);
    expect(sandbox.stats.count('emr-serverless:StartApplication')).toBe(1);
    expect(sandbox.stats.count('emr-serverless:StopApplication')).toBe(1);
    expect(sandbox.stats.count('emr-serverless:CancelJobRun')).toBe(1);
    expect(sandbox.stats.count('emr-serverless:StartJobRun')).toBe(2);
    expect(sandbox.stats.count('emr-serverless:TerminateSession')).toBe(1);
    // A start and a rerun, and the Spark Connect server's start; one delete, and its stop.
    expect(sandbox.stats.count('k8s:create')).toBe(3);
    expect(sandbox.stats.count('k8s:delete')).toBe(2);
  });
});
