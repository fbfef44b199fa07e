import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { DEMO, createSandbox } from '@emr-eks/sandbox';
import request from 'supertest';
import {
  ALICE,
  pastOneMillisecondTtl,
  startBackend,
  teamA,
} from './testing/backend';

const base = '/api/emr-eks/v1/entity/default/resource/team-a-emr';

describe('job-run, endpoint, template and virtual-cluster routes against the sandbox', () => {
  const sandbox = createSandbox({ seed: 21 });
  let running: Awaited<ReturnType<typeof sandbox.listen>>;
  let server: Awaited<ReturnType<typeof startBackend>>;
  const auditor = mockServices.auditor.mock();

  beforeAll(async () => {
    running = await sandbox.listen(0);
    server = await startBackend({
      endpoint: running.url,
      auditor: auditor.factory,
    });
  });
  afterAll(() => running.close());
  beforeEach(() => sandbox.stats.reset());

  const as = () => ({ Authorization: mockCredentials.user.header(ALICE) });
  const get = (path: string) => request(server).get(`${base}${path}`).set(as());
  const post = (path: string, body?: object) =>
    request(server).post(`${base}${path}`).set(as()).send(body);

  async function runIn(states: string[]) {
    const res = await get('/job-runs').query({ states, maxResults: 100 });
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThan(0);
    return res.body.items[0];
  }

  it('describes a job run with its driver and configuration', async () => {
    const summary = await runIn(['COMPLETED']);
    const res = await get(`/job-runs/${summary.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: summary.id, state: 'COMPLETED' });
    expect(res.body.jobDriver.sparkSubmitJobDriver.entryPoint).toMatch(
      /^s3:\/\//,
    );
    expect(Date.parse(res.body.finishedAt)).not.toBeNaN();
  });

  it('keeps a finished run, asking AWS once', async () => {
    const summary = await runIn(['FAILED']);
    await get(`/job-runs/${summary.id}`);
    await get(`/job-runs/${summary.id}`);
    await get(`/job-runs/${summary.id}`);
    expect(sandbox.stats.count('DescribeJobRun')).toBe(1);
  });

  it('answers 404 for an unknown run and 400 for a malformed id', async () => {
    expect((await get('/job-runs/0000000000000000000')).status).toBe(404);
    const bad = await get('/job-runs/NOT-AN-ID');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('jobRunId');
  });

  it('lists only the job templates meant for this virtual cluster', async () => {
    const res = await get('/job-templates');
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThan(0);
    for (const template of res.body.items) {
      expect(template.tags?.team ?? 'data-team-a').toBe('data-team-a');
    }
    // The account also holds data-team-b's templates; they are not offered here.
    const all = sandbox.emrContainers.listJobTemplates();
    expect(all.some(t => t.tags?.team === 'data-team-b')).toBe(true);
    expect(res.body.items.length).toBeLessThan(all.length);
  });

  it('describes a job template with its parameters', async () => {
    const [listed] = (await get('/job-templates')).body.items;
    const res = await get(`/job-templates/${listed.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: listed.id, name: listed.name });
    expect(res.body.jobTemplateData.jobDriver).toBeDefined();
    expect(
      (await get('/job-templates/t0000000000000000000000000')).status,
    ).toBe(404);
  });

  it('starts a run from a template, tagged with the user, visible at once in the list', async () => {
    const templates = (await get('/job-templates')).body.items;
    const template = templates.find(
      (t: any) =>
        Object.keys(t.jobTemplateData?.parameterConfiguration ?? {}).length > 0,
    );
    const params = template.jobTemplateData.parameterConfiguration;
    const values = Object.fromEntries(
      Object.entries<any>(params).map(([name, conf]) => [
        name,
        conf.type === 'NUMBER' ? '3' : conf.defaultValue ?? '2026-11-20',
      ]),
    );
    await get('/job-runs'); // cached list before the start
    const started = await post('/job-runs', {
      jobTemplateId: template.id,
      jobTemplateParameters: values,
      name: 'backfill-from-portal',
    });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({
      name: 'backfill-from-portal',
      virtualClusterId: teamA.id,
    });

    const run = await get(`/job-runs/${started.body.id}`);
    expect(run.body.tags['backstage:started-by']).toBe(ALICE);
    const list = await get('/job-runs');
    expect(list.body.items.map((r: any) => r.id)).toContain(started.body.id);

    const events = auditor.createEvent.mock.calls.map(([e]) => e);
    expect(events).toContainEqual(
      expect.objectContaining({
        eventId: 'job-run-start',
        meta: expect.objectContaining({
          entityRef: 'resource:default/team-a-emr',
          jobTemplateId: template.id,
        }),
      }),
    );
  });

  it('names a missing template parameter in a 400', async () => {
    const templates = (await get('/job-templates')).body.items;
    const template = templates.find((t: any) =>
      Object.values<any>(t.jobTemplateData?.parameterConfiguration ?? {}).some(
        p => p.defaultValue === undefined,
      ),
    );
    const required = Object.entries<any>(
      template.jobTemplateData.parameterConfiguration,
    ).find(([, p]) => p.defaultValue === undefined)![0];
    const res = await post('/job-runs', { jobTemplateId: template.id });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(required);
  });

  it('rejects a start body with unknown fields or a bad template id', async () => {
    const res = await post('/job-runs', {
      jobTemplateId: 'x',
      executionRoleArn: 'y',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('executionRoleArn');
  });

  it('reruns a run with its configuration', async () => {
    const original = await runIn(['FAILED']);
    const res = await post(`/job-runs/${original.id}/rerun`);
    expect(res.status).toBe(201);
    expect(res.body.id).not.toBe(original.id);
    const [before, after] = await Promise.all([
      get(`/job-runs/${original.id}`),
      get(`/job-runs/${res.body.id}`),
    ]);
    expect(after.body.jobDriver).toEqual(before.body.jobDriver);
    expect(after.body.releaseLabel).toBe(before.body.releaseLabel);
    expect(after.body.tags['backstage:started-by']).toBe(ALICE);
  });

  it('cancels an active run, and answers 409 for a finished one', async () => {
    const active = await runIn(['PENDING', 'SUBMITTED', 'RUNNING']);
    await get(`/job-runs/${active.id}`); // cached while active
    const res = await post(`/job-runs/${active.id}/cancel`);
    expect(res.status).toBe(202);
    const after = await get(`/job-runs/${active.id}`);
    expect(['CANCEL_PENDING', 'CANCELLED']).toContain(after.body.state);

    const done = await runIn(['COMPLETED']);
    const conflict = await post(`/job-runs/${done.id}/cancel`);
    expect(conflict.status).toBe(409);
    expect(conflict.body.error.message).toContain('COMPLETED');
    const cancels = auditor.createEvent.mock.calls.filter(
      ([e]) => e.eventId === 'job-run-cancel',
    );
    expect(cancels.map(([e]) => e.meta?.jobRunId)).toEqual([
      active.id,
      done.id,
    ]);
  });

  it('lists, describes and deletes managed endpoints', async () => {
    const list = await get('/endpoints');
    expect(list.status).toBe(200);
    const active = list.body.items.find((e: any) => e.state === 'ACTIVE');
    expect(active.type).toBe('JUPYTER_ENTERPRISE_GATEWAY');
    expect(active.serverUrl).toMatch(/^https:\/\//);
    const one = await get(`/endpoints/${active.id}`);
    expect(one.body.id).toBe(active.id);

    const del = await request(server)
      .delete(`${base}/endpoints/${active.id}`)
      .set(as());
    expect(del.status).toBe(202);
    const after = await get(`/endpoints/${active.id}`);
    expect(['TERMINATING', 'TERMINATED']).toContain(after.body.state);
  });

  it('describes the virtual cluster', async () => {
    const res = await get('/virtual-cluster');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: teamA.id,
      arn: teamA.arn,
      state: 'RUNNING',
      containerProvider: { id: DEMO.eksClusterName },
    });
  });

  it('summarizes active runs and failures in the last day', async () => {
    const res = await get('/summary');
    expect(res.status).toBe(200);
    const list = async (states: string[]) =>
      (await get('/job-runs').query({ states, maxResults: 100 })).body.items;
    const active = await list([
      'PENDING',
      'SUBMITTED',
      'RUNNING',
      'CANCEL_PENDING',
    ]);
    expect(res.body.active).toBe(active.length);
    expect(res.body.running).toBe(
      active.filter((r: any) => r.state === 'RUNNING').length,
    );
    // The summary counts failures since the start of the hour 24 hours ago.
    const since = Math.floor((Date.now() - 86_400_000) / 3_600_000) * 3_600_000;
    const failed = await list(['FAILED']);
    expect(res.body.failedLast24h).toBe(
      failed.filter((r: any) => Date.parse(r.createdAt) >= since).length,
    );
  });
});

describe('caching and AWS outages', () => {
  const sandbox = createSandbox({ seed: 22 });
  let running: Awaited<ReturnType<typeof sandbox.listen>>;

  beforeAll(async () => {
    running = await sandbox.listen(0);
  });
  afterAll(() => running.close());
  beforeEach(() => sandbox.reset());

  it('coalesces identical concurrent list requests into one upstream call', async () => {
    const server = await startBackend({ endpoint: running.url });
    const responses = await Promise.all(
      Array.from({ length: 25 }, () =>
        request(server)
          .get(`${base}/job-runs?maxResults=20`)
          .set('Authorization', mockCredentials.user.header(ALICE)),
      ),
    );
    expect(responses.every(r => r.status === 200)).toBe(true);
    expect(new Set(responses.map(r => JSON.stringify(r.body))).size).toBe(1);
    expect(sandbox.stats.count('ListJobRuns')).toBe(1);
  });

  it('retries throttling with the SDK and succeeds when it clears', async () => {
    const server = await startBackend({
      endpoint: running.url,
      maxAttempts: 3,
    });
    sandbox.faults.set({
      throttleRate: 1,
      count: 2,
      operations: ['ListJobRuns'],
    });
    const res = await request(server)
      .get(`${base}/job-runs`)
      .set('Authorization', mockCredentials.user.header(ALICE));
    expect(res.status).toBe(200);
    expect(sandbox.stats.count('ListJobRuns')).toBe(3);
  });

  it('answers a list from the last good copy, marked stale, when throttling persists', async () => {
    const server = await startBackend({
      endpoint: running.url,
      maxAttempts: 2,
      config: { cache: { listTtl: { milliseconds: 1 } } },
    });
    const get = (qs: string) =>
      request(server)
        .get(`${base}/job-runs?${qs}`)
        .set('Authorization', mockCredentials.user.header(ALICE));
    const fresh = await get('maxResults=5');
    expect(fresh.status).toBe(200);
    expect(fresh.body.stale).toBeUndefined();

    sandbox.faults.set({ throttleRate: 1 });
    await pastOneMillisecondTtl();
    const stale = await get('maxResults=5');
    expect(stale.status).toBe(200);
    expect(stale.body.items).toEqual(fresh.body.items);
    expect(stale.body.stale).toMatchObject({
      ageSeconds: expect.any(Number),
      reason: expect.stringContaining('throttling'),
    });
    expect(Date.parse(stale.body.stale.asOf)).not.toBeNaN();

    const never = await get('maxResults=6');
    expect(never.status).toBe(503);
    expect(never.body.error.message).toContain('throttling');
  });
});
