import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { DEMO, createSandbox } from '@emr-eks/sandbox';
import request from 'supertest';
import {
  ALICE,
  BOB,
  pastOneMillisecondTtl,
  startBackend,
} from '../testing/backend';

/*
 * The EMR Serverless routes over HTTP against the sandbox, which speaks the real
 * emr-serverless protocol: the AWS SDK, the error mapping, the cache and the ownership
 * rules are all the production ones.
 */

const APP_A = DEMO.serverlessApplications['data-team-a'];
const APP_B = DEMO.serverlessApplications['data-team-b'];
const A =
  '/api/emr-eks/v1/entity/default/resource/team-a-serverless/serverless';
const B =
  '/api/emr-eks/v1/entity/default/resource/team-b-serverless/serverless';
const SHADOW =
  '/api/emr-eks/v1/entity/default/resource/shadow-of-team-b-serverless/serverless';

describe('EMR Serverless routes', () => {
  // Real-life speeds: a cancel stays CANCELLING and a start STARTING while the test looks.
  const sandbox = createSandbox({ seed: 5, accelerate: 1 });
  let running: Awaited<ReturnType<typeof sandbox.listen>>;
  let server: Awaited<ReturnType<typeof startBackend>>;
  const auditor = mockServices.auditor.mock();
  const as = (user: string) => ({
    Authorization: mockCredentials.user.header(user),
  });

  beforeAll(async () => {
    running = await sandbox.listen(0);
    server = await startBackend({
      endpoint: running.url,
      visibleTo: 'everyone',
      auditor: auditor.factory,
      // A list is fresh for 1 ms, so that outages are seen at once.
      config: { cache: { listTtl: { milliseconds: 1 } } },
    });
  });
  afterAll(() => running.close());
  afterEach(() => sandbox.faults.clear());

  it('answers the application: state, capacity, auto-start/stop, network, release label', async () => {
    const res = await request(server).get(`${A}/application`).set(as(ALICE));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      applicationId: APP_A.id,
      arn: APP_A.arn,
      type: 'Spark',
      releaseLabel: 'emr-7.5.0',
      state: 'STARTED',
      maximumCapacity: { cpu: '200 vCPU', memory: '800 GB', disk: '2000 GB' },
      initialCapacity: {
        Driver: { workerCount: 1, workerConfiguration: { cpu: '4 vCPU' } },
      },
      autoStart: { enabled: true },
      autoStop: { enabled: true, idleTimeoutMinutes: 15 },
      network: { subnetIds: [expect.any(String), expect.any(String)] },
      tags: { team: 'data-team-a' },
    });
    const b = await request(server).get(`${B}/application`).set(as(ALICE));
    expect(b.body).toMatchObject({
      state: 'STOPPED',
      stateDetails: expect.stringMatching(/idle/),
    });
  });

  it('refuses an entity without the annotation, naming it', async () => {
    const res = await request(server)
      .get(
        '/api/emr-eks/v1/entity/default/resource/team-a-emr/serverless/application',
      )
      .set(as(ALICE));
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(
      'aws.amazon.com/emr-serverless-application-arn',
    );
  });

  it('lists runs newest first, filtered by state and created range, paged', async () => {
    const first = await request(server)
      .get(`${A}/job-runs?maxResults=5`)
      .set(as(ALICE));
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(5);
    expect(first.body.nextToken).toEqual(expect.any(String));
    const created = first.body.items.map(
      (r: { createdAt: string }) => r.createdAt,
    );
    expect([...created].sort().reverse()).toEqual(created);
    const second = await request(server)
      .get(`${A}/job-runs`)
      .query({ maxResults: 5, nextToken: first.body.nextToken })
      .set(as(ALICE));
    const ids = (page: { items: Array<{ id: string }> }) =>
      page.items.map(r => r.id);
    expect(ids(second.body).some(id => ids(first.body).includes(id))).toBe(
      false,
    );

    const after = new Date(Date.now() - 5 * 86_400_000).toISOString();
    const failed = await request(server)
      .get(`${A}/job-runs`)
      .query({
        states: ['FAILED', 'SUCCESS'],
        createdAfter: after,
        maxResults: 50,
      })
      .set(as(ALICE));
    expect(failed.status).toBe(200);
    expect(failed.body.items.length).toBeGreaterThan(0);
    for (const run of failed.body.items) {
      expect(['FAILED', 'SUCCESS']).toContain(run.state);
      expect(Date.parse(run.createdAt)).toBeGreaterThanOrEqual(
        Date.parse(after),
      );
    }
  });

  it.each([
    ['maxResults=51', /maxResults' must be a whole number from 1 to 50/],
    ['states=COMPLETED', /states.0'/],
    ['createdAfter=yesterday', /createdAfter' must be an ISO 8601/],
    [
      'createdAfter=2026-02-01T00:00:00Z&createdBefore=2026-01-01T00:00:00Z',
      /must not be later than createdBefore/,
    ],
    ['nextToken=forged', /nextToken/],
  ])('answers 400 to %s, naming the parameter', async (query, message) => {
    const res = await request(server)
      .get(`${A}/job-runs?${query}`)
      .set(as(ALICE));
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
  });

  it('details a retried run: driver, overrides, attempts, total and billed utilisation', async () => {
    const retried = sandbox.emrServerless
      .listJobRuns(APP_B.id)
      .find(
        r =>
          r.plan.attempts.length > 1 && r.plan.cancelRequestedAt === undefined,
      )!;
    const res = await request(server)
      .get(`${B}/job-runs/${retried.id}`)
      .set(as(ALICE));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: retried.id,
      applicationId: APP_B.id,
      attempt: 2,
      jobDriver: {
        sparkSubmit: { entryPoint: expect.stringMatching(/^s3:\/\//) },
      },
      configurationOverrides: {
        applicationConfiguration: [{ classification: 'spark-defaults' }],
      },
      totalExecutionDurationSeconds: expect.any(Number),
    });
    expect(
      res.body.attempts.map((a: { attempt: number }) => a.attempt),
    ).toEqual([1, 2]);
    expect(res.body.attempts[0].state).toBe('FAILED');
    expect(res.body.totalResourceUtilization.vCPUHour).toBeGreaterThan(0);
    expect(res.body.billedResourceUtilization.vCPUHour).toBeGreaterThanOrEqual(
      res.body.totalResourceUtilization.vCPUHour,
    );
    expect(res.body).not.toHaveProperty('$metadata');
  });

  it('gives the dashboard link of a run, and 400 before it ran', async () => {
    const done = sandbox.emrServerless.listJobRuns(APP_A.id, {
      states: ['SUCCESS'],
    })[0];
    const res = await request(server)
      .get(`${A}/job-runs/${done.id}/dashboard`)
      .set(as(ALICE));
    expect(res.status).toBe(200);
    expect(res.body.url).toMatch(
      /^https:\/\/.*emrappui-prod\.us-east-1\.amazonaws\.com\//,
    );
  });

  it('lets the owner cancel a running run (audited), 409 once it finished', async () => {
    const live = sandbox.emrServerless.listJobRuns(APP_A.id, {
      states: ['RUNNING'],
    })[0];
    auditor.createEvent.mockClear();
    const res = await request(server)
      .post(`${A}/job-runs/${live.id}/cancel`)
      .set(as(ALICE));
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ id: live.id, applicationId: APP_A.id });
    expect(auditor.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({
        eventId: 'serverless-job-run-cancel',
        meta: expect.objectContaining({ jobRunId: live.id }),
      }),
    );
    // The event ends naming the application (the shared audit writes its id, not a cluster's).
    const event = await auditor.createEvent.mock.results[0].value;
    expect(event.success).toHaveBeenCalledWith({
      meta: expect.objectContaining({
        applicationId: APP_A.id,
        resourceId: live.id,
      }),
    });
    const detail = await request(server)
      .get(`${A}/job-runs/${live.id}`)
      .set(as(ALICE));
    expect(detail.body.state).toBe('CANCELLING');

    const done = sandbox.emrServerless.listJobRuns(APP_A.id, {
      states: ['SUCCESS'],
    })[0];
    const again = await request(server)
      .post(`${A}/job-runs/${done.id}/cancel`)
      .set(as(ALICE));
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/already SUCCESS/);
  });

  it('starts and stops the application for its owner', async () => {
    const start = await request(server)
      .post(`${B}/application/start`)
      .set(as(BOB));
    expect(start.status).toBe(202);
    expect(start.body).toEqual({ id: APP_B.id, action: 'start' });
    expect(sandbox.emrServerless.getApplication(APP_B.id)!.state).toBe(
      'STARTING',
    );
    // Stopping a starting application without work is allowed.
    const stop = await request(server)
      .post(`${B}/application/stop`)
      .set(as(BOB));
    expect(stop.status).toBe(202);
    expect(sandbox.emrServerless.getApplication(APP_B.id)!.state).toBe(
      'STOPPING',
    );
  });

  it('refuses writes through an entity its owner registered for another team’s application', async () => {
    sandbox.stats.reset();
    const res = await request(server)
      .post(`${SHADOW}/application/stop`)
      .set(as(ALICE));
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(
      /tagged for group:default\/data-team-b, not this entity's owner group:default\/data-team-a/,
    );
    expect(sandbox.stats.count('emr-serverless:StopApplication')).toBe(0);
    // Reads through it are as for any entity the caller sees.
    const read = await request(server)
      .get(`${SHADOW}/application`)
      .set(as(ALICE));
    expect(read.status).toBe(200);
  });

  it('refuses writes by a service: AWS must record a user', async () => {
    const res = await request(server)
      .post(`${A}/application/start`)
      .set({ Authorization: mockCredentials.service.header() });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/signed-in user/);
  });

  it('answers throttling and an outage from the last good copy, marked stale', async () => {
    const fresh = await request(server)
      .get(`${A}/job-runs?maxResults=3`)
      .set(as(ALICE));
    expect(fresh.status).toBe(200);
    expect(fresh.body.stale).toBeUndefined();
    await pastOneMillisecondTtl();
    sandbox.faults.set({
      throttleRate: 1,
      operations: ['emr-serverless:ListJobRuns'],
    });
    const stale = await request(server)
      .get(`${A}/job-runs?maxResults=3`)
      .set(as(ALICE));
    expect(stale.status).toBe(200);
    expect(stale.body.items).toEqual(fresh.body.items);
    expect(stale.body.stale).toMatchObject({ reason: expect.any(String) });
    // Nothing kept for another query: the outage is the caller's answer.
    const other = await request(server)
      .get(`${A}/job-runs?maxResults=4`)
      .set(as(ALICE));
    expect(other.status).toBe(503);
    sandbox.faults.clear();
    sandbox.faults.set({
      errorRate: 1,
      errorStatus: 503,
      operations: ['emr-serverless:GetApplication'],
    });
    await pastOneMillisecondTtl();
    // A write never decides on a stale copy.
    const write = await request(server)
      .post(`${A}/application/start`)
      .set(as(ALICE));
    expect(write.status).toBeGreaterThanOrEqual(500);
  });
});
