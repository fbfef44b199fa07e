import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { CostStore, HourlyCost } from './CostStore';
import { DEMO } from '@emr-eks/sandbox';
import { ALICE, startBackend, teamA } from '../testing/backend';
import { costDatabases } from '../testing/databases';
import { undocumented } from '../testing/openapi';

jest.setTimeout(60_000);
const databases = costDatabases();
const auth = { Authorization: mockCredentials.user.header(ALICE) };

/** GETs as Alice, and checks the answer against openapi.yaml, whatever its status. */
async function getDocumented(
  server: Parameters<typeof request>[0],
  url: string,
) {
  const res = await request(server).get(url).set(auth);
  expect(undocumented('get', url, res.status, res.body)).toEqual({
    operationId: expect.any(String),
    errors: [],
  });
  return res;
}
const base = '/api/emr-eks/v1/entity/default';

function hourly(partial: Partial<HourlyCost> & { hour: Date }): HourlyCost {
  return {
    virtualClusterId: teamA.id,
    jobRunId: 'job1',
    component: 'executor',
    capacityType: 'spot',
    accountId: '123456789012',
    region: 'us-east-1',
    cpuCost: 0.6,
    ramCost: 0.4,
    pvCost: 0,
    networkCost: 0,
    totalCost: 1,
    cpuRequestCoreHours: 4,
    ramRequestGbHours: 16,
    cpuUsageCoreHours: 2,
    ramUsageGbHours: 8,
    upliftEstimate: 0.06,
    ...partial,
  };
}

const costConfig = {
  cost: {
    clusters: [
      {
        name: 'analytics-shared',
        baseUrl: 'http://127.0.0.1:1',
        accountId: '123456789012',
        region: 'us-east-1',
      },
    ],
    // Ingestion is tested on its own; here the history is written by the test.
    schedule: {
      frequency: { hours: 1 },
      timeout: { minutes: 1 },
      initialDelay: { hours: 1 },
    },
  },
};

async function setup(
  permission:
    | AuthorizeResult.ALLOW
    | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
) {
  const knex = await databases.init('SQLITE_3');
  const store = await CostStore.create(mockServices.database({ knex }));
  const now = Date.now();
  const hour = (hoursAgo: number) =>
    new Date(Math.floor(now / 3_600_000) * 3_600_000 - hoursAgo * 3_600_000);
  await store.replaceHours(
    'analytics-shared',
    { start: hour(24 * 20), end: hour(0) },
    [
      hourly({ hour: hour(2), jobRunId: 'big', totalCost: 5 }),
      hourly({
        hour: hour(3),
        jobRunId: 'big',
        component: 'driver',
        capacityType: 'on-demand',
        totalCost: 2,
      }),
      hourly({ hour: hour(30), jobRunId: 'small', totalCost: 1 }),
      hourly({ hour: hour(24 * 10), jobRunId: 'older', totalCost: 3 }),
    ],
    [
      // A pod labelled as team A's, but run in team B's namespace.
      {
        hour: hour(2),
        accountId: '123456789012',
        region: 'us-east-1',
        namespace: 'data-team-b',
        virtualClusterId: teamA.id,
        jobRunId: 'big',
        reason: 'namespace-mismatch',
        totalCost: 4,
        upliftEstimate: 0.02,
      },
    ],
  );
  // The same virtual cluster id in another account and in another region: other clusters.
  for (const [cluster, where] of [
    ['other-account', { accountId: '999999999999' }],
    ['other-region', { region: 'eu-west-1' }],
  ] as const) {
    await store.replaceHours(cluster, { start: hour(24 * 20), end: hour(0) }, [
      hourly({ hour: hour(2), jobRunId: 'foreign', totalCost: 100, ...where }),
    ]);
  }
  const server = await startBackend({
    endpoint: 'http://127.0.0.1:1',
    config: costConfig,
    permission,
    features: [mockServices.database.factory({ knex })],
  });
  return { server, store };
}

describe('GET /v1/entity/:namespace/:kind/:name/cost', () => {
  it('reports a virtual cluster’s cost from stored history', async () => {
    const { server } = await setup();
    const res = await getDocumented(
      server,
      `${base}/resource/team-a-emr/cost?window=7d`,
    );
    expect(res.status).toBe(200);
    expect(res.body.totals).toMatchObject({
      compute: 8,
      upliftBasis: 'estimated',
    });
    expect(res.body.totals.uplift).toBeCloseTo(0.18);
    expect(res.body.previous.totals.compute).toBe(3);
    expect(res.body.daily).toHaveLength(7);
    expect(res.body.topJobRuns.map((r: any) => r.jobRunId)).toEqual([
      'big',
      'small',
    ]);
    expect(res.body.topJobRuns[0].entityRef).toBe(
      'resource:default/team-a-emr',
    );
    expect(res.body.byCapacityType).toEqual([
      { capacityType: 'spot', compute: 6 },
      { capacityType: 'on-demand', compute: 2 },
    ]);
    expect(Date.parse(res.body.completeUntil)).not.toBeNaN();
  });

  it('counts only the virtual cluster of the ARN’s account and region, and no pod outside its namespace', async () => {
    const { server } = await setup();
    const res = await getDocumented(
      server,
      `${base}/resource/team-a-emr/cost?window=7d`,
    );
    expect(res.body.totals.compute).toBe(8);
    expect(res.body.topJobRuns.map((r: any) => r.jobRunId)).not.toContain(
      'foreign',
    );
    expect(res.body.virtualClusters).toEqual([
      {
        entityRef: 'resource:default/team-a-emr',
        accountId: '123456789012',
        region: 'us-east-1',
        virtualClusterId: teamA.id,
      },
    ]);
  });

  it('restricts the report to one job run', async () => {
    const { server } = await setup();
    const res = await getDocumented(
      server,
      `${base}/resource/team-a-emr/cost?window=7d&jobRunId=small`,
    );
    expect(res.body.totals.compute).toBe(1);
    expect(res.body.topJobRuns).toHaveLength(1);
  });

  it("shows the namespace's Spark Operator applications as their own series, in the total", async () => {
    const { server, store } = await setup();
    const today = new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000);
    await store.replaceSparkDays(
      'analytics-shared',
      { start: today, end: new Date(today.getTime() + 3_600_000) },
      [
        {
          accountId: '123456789012',
          region: 'us-east-1',
          virtualClusterId: teamA.id,
          namespace: 'data-team-a',
          day: today.toISOString().slice(0, 10),
          kind: 'spark-operator',
          application: 'taxi-zones-nightly',
          emrRuntime: true,
          compute: 2,
          cpuRequestCoreHours: 5,
          ramRequestGbHours: 20,
          upliftEstimate: 0.5,
        },
      ],
    );
    const res = await getDocumented(
      server,
      `${base}/group/data-team-a/cost?window=7d`,
    );
    expect(res.body.totals.sparkApplications).toBe(2.5);
    expect(res.body.totals.total).toBeCloseTo(8 + 0.18 + 2.5);
    expect(res.body.bySparkApplication).toEqual([
      expect.objectContaining({
        application: 'taxi-zones-nightly',
        kind: 'spark-operator',
        entityRef: 'resource:default/team-a-emr',
        total: 2.5,
      }),
    ]);
    expect(res.body.daily.at(-1).sparkApplications).toBe(2.5);

    // The CSV has the same application, after the job runs' columns, and adds up to the total.
    const csv = await getDocumented(
      server,
      `${base}/group/data-team-a/cost.csv?window=7d`,
    );
    const [header, ...lines] = csv.text.trim().split('\n');
    expect(header).toBe(
      'date,virtual_cluster_id,job_run_id,compute_usd,uplift_usd,uplift_basis,total_usd,kind,application',
    );
    expect(lines).toContain(
      `${today.toISOString().slice(0, 10)},${
        teamA.id
      },,2.000000,0.500000,estimated,2.500000,spark-operator,taxi-zones-nightly`,
    );
    const sum = lines.reduce((total, l) => total + Number(l.split(',')[6]), 0);
    expect(sum).toBeCloseTo(res.body.totals.total);
  });

  it('adds up every virtual cluster a group owns', async () => {
    const { server } = await setup();
    const res = await getDocumented(
      server,
      `${base}/group/data-team-a/cost?window=30d`,
    );
    expect(res.status).toBe(200);
    expect(res.body.virtualClusters).toEqual([
      expect.objectContaining({
        entityRef: 'resource:default/team-a-emr',
        virtualClusterId: teamA.id,
      }),
    ]);
    expect(res.body.totals.compute).toBe(11);
  });

  it('reports an EMR Serverless application’s runs at the price it names, in its budget too', async () => {
    const { server, store } = await setup();
    const price = {
      vcpuHour: 0.052624,
      memoryGbHour: 0.0057785,
      storageGbHour: 0.000111,
      source: 'the built-in table',
    };
    await store.putServerlessRuns(
      { accountId: '123456789012', region: 'us-east-1' },
      [
        {
          accountId: '123456789012',
          region: 'us-east-1',
          applicationId: DEMO.serverlessApplications['data-team-a'].id,
          jobRunId: 'sl1',
          endedAt: new Date(),
          state: 'SUCCESS',
          vcpuHours: 10,
          memoryGbHours: 40,
          storageGbHours: 100,
          cost: 0.78,
          price,
        },
      ],
      new Date(),
    );
    const res = await getDocumented(
      server,
      `${base}/resource/team-a-serverless/cost?window=7d`,
    );
    expect(res.status).toBe(200);
    expect(res.body.totals).toMatchObject({ compute: 0, serverless: 0.78 });
    expect(res.body.totals.total).toBeCloseTo(0.78);
    expect(res.body.daily.at(-1).serverless).toBeCloseTo(0.78);
    expect(res.body.byServerlessApplication).toEqual([
      expect.objectContaining({
        entityRef: 'resource:default/team-a-serverless',
        applicationId: DEMO.serverlessApplications['data-team-a'].id,
        total: 0.78,
        jobRuns: 1,
        vcpuHours: 10,
        prices: [{ region: 'us-east-1', ...price }],
      }),
    ]);
    const budget = await getDocumented(
      server,
      `${base}/resource/team-a-serverless/budget`,
    );
    expect(budget.status).toBe(200);
    expect(budget.body.monthToDate).toBeCloseTo(0.78);
  });

  it('downloads the same figures as CSV', async () => {
    const { server } = await setup();
    const res = await getDocumented(
      server,
      `${base}/resource/team-a-emr/cost.csv?window=30d`,
    );
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toContain(
      'emr-eks-cost-team-a-emr.csv',
    );
    const lines = res.text.trim().split('\n');
    expect(lines[0]).toBe(
      'date,virtual_cluster_id,job_run_id,compute_usd,uplift_usd,uplift_basis,total_usd,kind,application',
    );
    expect(
      lines
        .slice(1)
        .map(l => l.split(',')[2])
        .sort(),
    ).toEqual(['big', 'older', 'small']);
  });

  it('counts uplift the CUR billed for a job-day Kubecost missed, in the report, the group, the run and the CSV', async () => {
    const { server, store } = await setup();
    const today = new Date().toISOString().slice(0, 10);
    await store.replaceBilled(
      today,
      '9999-12-31',
      [
        {
          accountId: '123456789012',
          region: 'us-east-1',
          virtualClusterId: teamA.id,
          jobRunId: 'missed',
          day: today,
          cost: 0.5,
        },
      ],
      new Date(),
    );
    const report = await getDocumented(
      server,
      `${base}/resource/team-a-emr/cost?window=7d`,
    );
    expect(report.body.totals.compute).toBe(8);
    expect(report.body.totals.uplift).toBeCloseTo(0.68);
    expect(report.body.totals.total).toBeCloseTo(8.68);
    expect(report.body.totals.upliftBasis).toBe('mixed');
    const day = report.body.daily.find((d: any) => d.date === today);
    expect(day.uplift).toBeGreaterThanOrEqual(0.5);
    expect(
      report.body.topJobRuns.find((r: any) => r.jobRunId === 'missed'),
    ).toMatchObject({ compute: 0, uplift: 0.5, upliftBasis: 'billed' });

    const group = await getDocumented(
      server,
      `${base}/group/data-team-a/cost?window=30d`,
    );
    expect(group.body.totals.total).toBeCloseTo(11 + 0.24 + 0.5);

    const run = await getDocumented(
      server,
      `${base}/resource/team-a-emr/cost?window=7d&jobRunId=missed`,
    );
    expect(run.body.totals).toMatchObject({
      compute: 0,
      uplift: 0.5,
      total: 0.5,
      upliftBasis: 'billed',
    });

    const csv = await getDocumented(
      server,
      `${base}/resource/team-a-emr/cost.csv?window=7d`,
    );
    expect(csv.text).toContain(
      `${today},${teamA.id},missed,0.000000,0.500000,billed,0.500000`,
    );
  });

  it.each([
    ['window=1y', 'window'],
    ['start=2026-11-01', 'end'],
    ['start=2026-11-05&end=2026-11-01', 'end'],
    ['window=7d&start=2026-11-01&end=2026-11-02', 'window'],
    ['jobRunId=NOPE', 'jobRunId'],
  ])('rejects %s naming %s', async (qs, param) => {
    const { server } = await setup();
    const res = await getDocumented(
      server,
      `${base}/resource/team-a-emr/cost?${qs}`,
    );
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(param);
  });

  it('answers 403 without emr-eks.cost.read', async () => {
    const { server } = await setup(AuthorizeResult.DENY);
    const res = await getDocumented(server, `${base}/resource/team-a-emr/cost`);
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain('emr-eks.cost.read');
  });

  it('answers 404 for an entity the caller cannot see', async () => {
    const { server } = await setup();
    const res = await request(server)
      .get(`${base}/resource/team-a-emr/cost`)
      .set({
        Authorization: mockCredentials.user.header('user:default/mallory'),
      });
    expect(res.status).toBe(404);
  });
});

describe('GET /v1/cost/unattributed', () => {
  const path = '/api/emr-eks/v1/cost/unattributed';

  it('shows a platform admin the cost no team is charged with, and why', async () => {
    const { server } = await setup();
    const res = await getDocumented(server, `${path}?window=7d`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ currency: 'USD', compute: 4 });
    expect(res.body.rows).toEqual([
      {
        cluster: 'analytics-shared',
        accountId: '123456789012',
        region: 'us-east-1',
        namespace: 'data-team-b',
        virtualClusterId: teamA.id,
        jobRunId: 'big',
        reason: 'namespace-mismatch',
        compute: 4,
        upliftEstimate: 0.02,
      },
    ]);
  });

  it('answers 403 without emr-eks.tenant.admin', async () => {
    const { server } = await setup(AuthorizeResult.DENY);
    const res = await getDocumented(server, `${path}?window=7d`);
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain('emr-eks.tenant.admin');
  });

  it('rejects a bad window naming it', async () => {
    const { server } = await setup();
    const res = await getDocumented(server, `${path}?window=1y`);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('window');
  });
});

describe('cost without configuration', () => {
  it('says calmly that cost is not configured: a named 404, logged once at info, never as an error', async () => {
    const logger = mockServices.logger.mock();
    logger.child.mockReturnValue(logger);
    const server = await startBackend({
      endpoint: 'http://127.0.0.1:1',
      features: [logger.factory],
    });
    for (const url of [
      `${base}/resource/team-a-emr/cost`,
      `${base}/resource/team-a-emr/cost.csv`,
      '/api/emr-eks/v1/cost/unattributed',
    ]) {
      const res = await getDocumented(server, url);
      expect(res.status).toBe(404);
      expect(res.body.error).toMatchObject({
        name: 'CostNotConfiguredError',
        message: expect.stringContaining('emrEks.cost'),
      });
    }
    expect(logger.error).not.toHaveBeenCalled();
    expect(
      logger.info.mock.calls.filter(([message]) =>
        String(message).includes('emrEks.cost'),
      ),
    ).toHaveLength(1);
  });
});
