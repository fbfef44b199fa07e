import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import { ALICE, startBackend, teamA } from './testing/backend';
import {
  StandInRequest,
  iamXml,
  json,
  startAwsStandIn,
} from '@emr-eks/plugin-emr-eks-node/testing';
import { compile, responseSchema, routeOf, spec } from './testing/openapi';
import { DEMO, createSandbox } from '@emr-eks/sandbox';

// Answers as another emr-containers implementation might: every documented member plus
// members the API description does not have, at every level the SDK passes on.
const EXTRA = { undocumentedMember: 'x' };
const run = (state: string) => ({
  id: 'run1',
  name: 'nightly',
  arn: `${teamA.arn}/jobruns/run1`,
  virtualClusterId: teamA.id,
  state,
  clientToken: 'client-token-not-documented',
  executionRoleArn: 'arn:aws:iam::123456789012:role/r',
  releaseLabel: 'emr-7.1.0-latest',
  jobDriver: { sparkSubmitJobDriver: { entryPoint: 's3://b/app.py' } },
  createdAt: '2026-01-01T00:00:00Z',
  createdBy: 'arn:aws:iam::123456789012:role/r',
  tags: { team: 'data-team-a' },
  ...EXTRA,
});
const endpoint = {
  id: 'ep1',
  name: 'notebooks',
  arn: `${teamA.arn}/endpoints/ep1`,
  virtualClusterId: teamA.id,
  type: 'JUPYTER_ENTERPRISE_GATEWAY',
  state: 'ACTIVE',
  certificateAuthority: { certificateArn: 'x', certificateData: 'secret-ish' },
  securityGroup: 'sg-1',
  subnetIds: ['subnet-1'],
  createdAt: '2026-01-01T00:00:00Z',
  ...EXTRA,
};
const template = {
  id: 'tpl1',
  name: 'nightly',
  arn: 'arn:aws:emr-containers:us-east-1:123456789012:/jobtemplates/tpl1',
  createdAt: '2026-01-01T00:00:00Z',
  kmsKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/k',
  decryptionError: 'none',
  jobTemplateData: {
    executionRoleArn: 'arn:aws:iam::123456789012:role/r',
    releaseLabel: 'emr-7.1.0-latest',
    jobDriver: { sparkSubmitJobDriver: { entryPoint: 's3://b/app.py' } },
  },
  ...EXTRA,
};

const app = DEMO.serverlessApplications['data-team-a'];
// emr-serverless bodies carry epoch seconds (its model's Date has no timestampFormat).
const serverlessRun = {
  applicationId: app.id,
  name: 'nightly',
  arn: `${app.arn}/jobruns/00frun1`,
  createdBy: 'arn:aws:iam::123456789012:role/r',
  createdAt: 1767225600,
  updatedAt: 1767226200,
  executionRole: 'arn:aws:iam::123456789012:role/r',
  state: 'RUNNING',
  stateDetails: '',
  releaseLabel: 'emr-7.5.0',
  mode: 'BATCH',
  attempt: 1,
  attemptCreatedAt: 1767225600,
  ...EXTRA,
};

/** emr-serverless, answered as another implementation might: with members undocumented here. */
function serverlessAnswer(r: StandInRequest) {
  const path = r.path.replace(`/applications/${app.id}`, '');
  if (path === '' && r.method === 'GET') {
    return json({
      application: {
        applicationId: app.id,
        arn: app.arn,
        name: app.name,
        type: 'Spark',
        releaseLabel: 'emr-7.5.0',
        state: 'STARTED',
        createdAt: 1767225600,
        updatedAt: 1767225600,
        tags: { team: 'data-team-a' },
        maximumCapacity: { cpu: '200 vCPU', memory: '800 GB', ...EXTRA },
        autoStopConfiguration: { enabled: true, idleTimeoutMinutes: 15 },
        networkConfiguration: { subnetIds: ['subnet-1'], ...EXTRA },
        imageConfiguration: { imageUri: 'x', ...EXTRA },
        ...EXTRA,
      },
      ...EXTRA,
    });
  }
  if (path === '/start' || path === '/stop') return json({ ...EXTRA });
  if (path === '/jobruns' && r.method === 'POST') {
    return json({
      applicationId: app.id,
      jobRunId: '00frun2',
      arn: `${app.arn}/jobruns/00frun2`,
      ...EXTRA,
    });
  }
  if (path === '/jobruns') {
    return json({
      jobRuns: [{ ...serverlessRun, id: '00frun1' }],
      nextToken: 'more',
      ...EXTRA,
    });
  }
  if (path.endsWith('/attempts')) {
    return json({
      jobRunAttempts: [
        {
          ...serverlessRun,
          id: '00frun1',
          jobCreatedAt: serverlessRun.createdAt,
        },
      ],
      ...EXTRA,
    });
  }
  if (path.endsWith('/dashboard')) return json({ url: 'https://x', ...EXTRA });
  if (path.startsWith('/sessions')) return sessionAnswer(r, path);
  if (r.method === 'DELETE') {
    return json({ applicationId: app.id, jobRunId: '00frun1', ...EXTRA });
  }
  return json({
    jobRun: {
      ...serverlessRun,
      jobRunId: '00frun1',
      jobDriver: { sparkSubmit: { entryPoint: 's3://b/app.py', ...EXTRA } },
      configurationOverrides: {
        applicationConfiguration: [
          {
            classification: 'spark-defaults',
            properties: { a: 'b' },
            ...EXTRA,
          },
        ],
        ...EXTRA,
      },
      tags: { team: 'data-team-a' },
      totalResourceUtilization: {
        vCPUHour: 1.5,
        memoryGBHour: 6,
        storageGBHour: 30,
        ...EXTRA,
      },
      networkConfiguration: { subnetIds: ['subnet-1'] },
      executionIamPolicy: { policy: '{}' },
    },
    ...EXTRA,
  });
}

const serverlessSession = {
  applicationId: app.id,
  sessionId: '00fses1',
  arn: `${app.arn}/sessions/00fses1`,
  name: 'notebook',
  state: 'IDLE',
  stateDetails: '',
  releaseLabel: 'emr-7.5.0',
  executionRoleArn: 'arn:aws:iam::123456789012:role/r',
  createdBy: 'arn:aws:iam::123456789012:role/r',
  createdAt: 1767225600,
  updatedAt: 1767226200,
  ...EXTRA,
};

function sessionAnswer(r: StandInRequest, path: string) {
  if (path === '/sessions') {
    return json({ sessions: [serverlessSession], nextToken: 'more', ...EXTRA });
  }
  if (path.endsWith('/endpoint')) {
    return json({
      applicationId: app.id,
      sessionId: '00fses1',
      endpoint:
        'https://00fses1.livy.emr-serverless-services.us-east-1.amazonaws.com',
      authToken: 'secret',
      authTokenExpiresAt: 1767229200,
      ...EXTRA,
    });
  }
  if (r.method === 'DELETE') {
    return json({ applicationId: app.id, sessionId: '00fses1', ...EXTRA });
  }
  return json({
    session: {
      ...serverlessSession,
      tags: { team: 'data-team-a' },
      idleTimeoutMinutes: 60,
      totalResourceUtilization: { vCPUHour: 1, ...EXTRA },
      networkConfiguration: { subnetIds: ['subnet-1'] },
    },
    ...EXTRA,
  });
}

function answer(r: StandInRequest) {
  if (r.path.startsWith('/applications')) return serverlessAnswer(r);
  switch (r.operation) {
    case 'ListRoleTags':
      return iamXml(
        'ListRoleTags',
        '<Tags><member><Key>team</Key><Value>data-team-a</Value></member></Tags><IsTruncated>false</IsTruncated>',
      );
    case 'DescribeVirtualCluster':
      return json({
        virtualCluster: {
          id: teamA.id,
          name: 'data-team-a',
          arn: teamA.arn,
          state: 'RUNNING',
          containerProvider: {
            type: 'EKS',
            id: DEMO.eksClusterName,
            info: { eksInfo: { namespace: teamA.namespace } },
          },
          tags: { team: 'data-team-a' },
          securityConfigurationId: 'sc-1',
          ...EXTRA,
        },
        ...EXTRA,
      });
    case 'ListJobRuns':
      return json({ jobRuns: [run('RUNNING')], nextToken: 'more', ...EXTRA });
    case 'DescribeJobRun':
      return json({ jobRun: run('RUNNING'), ...EXTRA });
    case 'StartJobRun':
      return json({
        id: 'run2',
        name: 'nightly',
        arn: `${teamA.arn}/jobruns/run2`,
        virtualClusterId: teamA.id,
        ...EXTRA,
      });
    case 'CancelJobRun':
      return json({ id: 'run1', virtualClusterId: teamA.id, ...EXTRA });
    case 'ListManagedEndpoints':
      return json({ endpoints: [endpoint], ...EXTRA });
    case 'DescribeManagedEndpoint':
      return json({ endpoint, ...EXTRA });
    case 'DeleteManagedEndpoint':
      return json({ id: 'ep1', virtualClusterId: teamA.id, ...EXTRA });
    case 'ListJobTemplates':
      return json({ templates: [template], ...EXTRA });
    case 'DescribeJobTemplate':
      return json({ jobTemplate: template, ...EXTRA });
    default:
      return json({ message: 'unknown' }, 404);
  }
}

describe('every route answers only what openapi.yaml describes', () => {
  let standIn: Awaited<ReturnType<typeof startAwsStandIn>>;
  let server: Awaited<ReturnType<typeof startBackend>>;
  const validated = new Set<string>();

  // The Spark application routes read the sandbox's Kubernetes API.
  const sandbox = createSandbox({ seed: 5 });
  let kubernetes: Awaited<ReturnType<typeof sandbox.listen>>;

  beforeAll(async () => {
    standIn = await startAwsStandIn(answer);
    kubernetes = await sandbox.listen(0);
    server = await startBackend({
      endpoint: standIn.url,
      // The sandbox's region, beyond the documented EMR runtime image accounts.
      config: {
        sparkApplications: {
          imageAccounts: [{ region: DEMO.region, accountId: '755674844232' }],
        },
      },
      rootConfig: {
        kubernetes: {
          clusterLocatorMethods: [
            {
              type: 'config',
              clusters: [
                {
                  name: DEMO.eksClusterName,
                  url: `${kubernetes.url}/k8s/${DEMO.eksClusterName}`,
                  serviceAccountToken: 'sandbox',
                  skipTLSVerify: true,
                },
              ],
            },
          ],
        },
      },
    });
  });
  afterAll(() => Promise.all([standIn.close(), kubernetes.close()]));

  async function check(
    method: 'get' | 'post' | 'delete',
    url: string,
    expected: number,
    body?: object,
  ) {
    let req = request(server)
      [method](url)
      .set('Authorization', mockCredentials.user.header(ALICE));
    if (body) req = req.send(body);
    const res = await req;
    expect({
      url,
      status: res.status,
      error: res.body?.error?.message,
    }).toEqual({
      url,
      status: expected,
      error: expected >= 400 ? expect.anything() : undefined,
    });
    const { operationId, response } = responseSchema(
      routeOf(url),
      method,
      res.status,
    );
    const schema = response.content?.['application/json']?.schema;
    if (schema) {
      const validate = compile(schema);
      const valid = validate(res.body);
      expect({ operationId, errors: validate.errors ?? [] }).toEqual({
        operationId,
        errors: [],
      });
      expect(valid).toBe(true);
    }
    validated.add(operationId);
    return res;
  }

  const e = '/api/emr-eks/v1/entity/default/resource/team-a-emr';
  const sl =
    '/api/emr-eks/v1/entity/default/resource/team-a-serverless/serverless';

  // Cost is not configured here: its routes answer the documented error body.
  it.each<[string, 'get' | 'post' | 'delete', string, number, object?]>([
    ['Health', 'get', '/api/emr-eks/health', 200],
    ['ListJobRuns', 'get', `${e}/job-runs`, 200],
    ['StartJobRun', 'post', `${e}/job-runs`, 201, { jobTemplateId: 'tpl1' }],
    ['DescribeJobRun', 'get', `${e}/job-runs/run1`, 200],
    ['RerunJobRun', 'post', `${e}/job-runs/run1/rerun`, 201],
    ['CancelJobRun', 'post', `${e}/job-runs/run1/cancel`, 202],
    ['ListManagedEndpoints', 'get', `${e}/endpoints`, 200],
    ['DescribeManagedEndpoint', 'get', `${e}/endpoints/ep1`, 200],
    ['DeleteManagedEndpoint', 'delete', `${e}/endpoints/ep1`, 202],
    ['ListJobTemplates', 'get', `${e}/job-templates`, 200],
    ['DescribeJobTemplate', 'get', `${e}/job-templates/tpl1`, 200],
    ['DescribeVirtualCluster', 'get', `${e}/virtual-cluster`, 200],
    ['SummarizeVirtualCluster', 'get', `${e}/summary`, 200],
    ['GetCost', 'get', `${e}/cost`, 404],
    ['GetCostCsv', 'get', `${e}/cost.csv`, 404],
    ['GetBudgetStatus', 'get', `${e}/budget`, 404],
    ['GetUnattributedCost', 'get', '/api/emr-eks/v1/cost/unattributed', 404],
    ['GetServerlessApplication', 'get', `${sl}/application`, 200],
    ['StartServerlessApplication', 'post', `${sl}/application/start`, 202],
    ['StopServerlessApplication', 'post', `${sl}/application/stop`, 202],
    ['ListServerlessJobRuns', 'get', `${sl}/job-runs`, 200],
    ['GetServerlessJobRun', 'get', `${sl}/job-runs/00frun1`, 200],
    [
      'GetServerlessJobRunDashboard',
      'get',
      `${sl}/job-runs/00frun1/dashboard`,
      200,
    ],
    ['CancelServerlessJobRun', 'post', `${sl}/job-runs/00frun1/cancel`, 202],
    [
      'SaveServerlessJobDefinition',
      'post',
      `${sl}/job-definitions`,
      201,
      {
        name: 'nightly',
        executionRoleArn: 'arn:aws:iam::123456789012:role/r',
        jobDriver: { sparkSubmit: { entryPoint: 's3://b/app.py' } },
      },
    ],
    ['ListServerlessJobDefinitions', 'get', `${sl}/job-definitions`, 200],
    [
      'StartServerlessJobRun',
      'post',
      `${sl}/job-runs`,
      202,
      { jobDefinition: 'nightly' },
    ],
    ['RerunServerlessJobRun', 'post', `${sl}/job-runs/00frun1/rerun`, 202],
    ['ListServerlessSessions', 'get', `${sl}/sessions`, 200],
    ['GetServerlessSession', 'get', `${sl}/sessions/00fses1`, 200],
    [
      'TerminateServerlessSession',
      'post',
      `${sl}/sessions/00fses1/terminate`,
      202,
    ],
    // The sandbox's seeded Spark Connect server: stopped, then started again.
    ['ListSparkConnectServers', 'get', `${e}/spark-connect`, 200],
    [
      'StopSparkConnectServer',
      'post',
      `${e}/spark-connect/team-connect/stop`,
      202,
    ],
    [
      'StartSparkConnectServer',
      'post',
      `${e}/spark-connect/team-connect/start`,
      202,
    ],
    ['ListSparkApplications', 'get', `${e}/spark-applications`, 200],
    ['GetSparkApplication', 'get', `${e}/spark-applications/oss-spark-pi`, 200],
    [
      'GetSparkDriverLog',
      'get',
      `${e}/spark-applications/oss-spark-pi/logs?tailLines=5`,
      200,
    ],
    [
      'SaveSparkApplicationTemplate',
      'post',
      `${e}/spark-application-templates`,
      201,
      {
        name: 'zones',
        type: 'Python',
        mainApplicationFile: 's3://b/zones.py',
        driver: { cores: 1, memory: '4g' },
        executor: { cores: 1, memory: '4g', instances: 2 },
        releaseLabel: 'emr-6.10.0',
      },
    ],
    [
      'ListSparkApplicationTemplates',
      'get',
      `${e}/spark-application-templates`,
      200,
    ],
    [
      'StartSparkApplication',
      'post',
      `${e}/spark-applications`,
      201,
      { template: 'zones' },
    ],
    // Not made by the portal: the documented error body.
    [
      'RerunSparkApplication',
      'post',
      `${e}/spark-applications/oss-spark-pi/rerun`,
      409,
    ],
    [
      'DeleteSparkApplication',
      'delete',
      `${e}/spark-applications/team-a-features`,
      202,
    ],
  ])('%s', async (...row) => {
    // Spread, so that jest does not take a missing body for a done callback.
    const [, method, url, status, body] = row;
    const res = await check(method, url, status, body);
    expect(JSON.stringify(res.body)).not.toContain('undocumentedMember');
    expect(res.body).not.toHaveProperty('$metadata');
  });

  it('answers errors in the documented error body', async () => {
    await check('get', `${e}/job-runs?maxResults=0`, 400);
    await check('get', `${e}/job-runs/NOT-AN-ID`, 400);
  });

  it('validated every documented operation', () => {
    const documented = Object.values<Record<string, { operationId?: string }>>(
      spec.paths,
    ).flatMap(item =>
      Object.values(item)
        .map(op => op?.operationId)
        .filter((id): id is string => typeof id === 'string'),
    );
    expect([...validated].sort()).toEqual([...documented].sort());
  });

  it('fails a leaked $metadata, so the schemas are strict enough', () => {
    const validate = compile(
      responseSchema(routeOf(`${e}/job-runs`), 'post', 201).response.content[
        'application/json'
      ].schema,
    );
    expect(
      validate({ id: 'a', virtualClusterId: 'b', $metadata: { attempts: 1 } }),
    ).toBe(false);
  });
});
