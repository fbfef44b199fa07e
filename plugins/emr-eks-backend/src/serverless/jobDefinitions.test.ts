import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { DEMO, createSandbox } from '@emr-eks/sandbox';
import request from 'supertest';
import { ALICE, startBackend } from '../testing/backend';

/*
 * Saved job definitions (in the plugin's database), runs started from them and reruns, over
 * HTTP against the sandbox's emr-serverless and IAM: every refusal is a 4xx naming why and
 * reaches no AWS write.
 */

const APP_A = DEMO.serverlessApplications['data-team-a'];
const APP_B = DEMO.serverlessApplications['data-team-b'];
const A =
  '/api/emr-eks/v1/entity/default/resource/team-a-serverless/serverless';
const SHADOW =
  '/api/emr-eks/v1/entity/default/resource/shadow-of-team-b-serverless/serverless';

const definition = (overrides: Record<string, unknown> = {}) => ({
  name: 'daily-sales-etl',
  executionRoleArn: APP_A.executionRoleArn,
  jobDriver: {
    sparkSubmit: {
      entryPoint: `${APP_A.codeBucket}/jobs/daily_sales.py`,
      entryPointArguments: ['--day', 'yesterday'],
      sparkSubmitParameters: '--conf spark.executor.cores=4',
    },
  },
  configurationOverrides: {
    applicationConfiguration: [
      {
        classification: 'spark-defaults',
        properties: { 'spark.ui.enabled': 'true' },
      },
    ],
  },
  executionTimeoutMinutes: 60,
  tags: { job: 'daily-sales-etl' },
  ...overrides,
});

describe('EMR Serverless saved job definitions, start and rerun', () => {
  const sandbox = createSandbox({ seed: 5 });
  let running: Awaited<ReturnType<typeof sandbox.listen>>;
  let server: Awaited<ReturnType<typeof startBackend>>;
  const auditor = mockServices.auditor.mock();
  const as = (user: string) => ({
    Authorization: mockCredentials.user.header(user),
  });
  const writes = () => sandbox.stats.count('emr-serverless:StartJobRun');

  beforeAll(async () => {
    running = await sandbox.listen(0);
    server = await startBackend({
      endpoint: running.url,
      visibleTo: 'everyone',
      auditor: auditor.factory,
    });
  });
  afterAll(() => running.close());
  beforeEach(() => sandbox.stats.reset());

  it('saves a definition for the owner (audited) and lists it', async () => {
    auditor.createEvent.mockClear();
    const saved = await request(server)
      .post(`${A}/job-definitions`)
      .set(as(ALICE))
      .send(definition());
    expect(saved.status).toBe(201);
    expect(saved.body).toMatchObject({
      ...definition(),
      createdBy: ALICE,
      createdAt: expect.any(String),
    });
    expect(auditor.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({ eventId: 'serverless-job-definition-save' }),
    );
    const list = await request(server)
      .get(`${A}/job-definitions`)
      .set(as(ALICE));
    expect(list.status).toBe(200);
    expect(list.body.items.map((d: { name: string }) => d.name)).toEqual([
      'daily-sales-etl',
    ]);
  });

  it.each([
    [{ name: '-bad' }, /'name' must be 1-64 letters/],
    [
      { jobDriver: {} },
      /'jobDriver' must have exactly one of sparkSubmit and hive/,
    ],
    [{ executionTimeoutMinutes: 0 }, /'executionTimeoutMinutes'/],
    [{ extra: 1 }, /unknown body field 'extra'/],
  ])(
    'answers 400 to a bad definition %j, naming the field',
    async (bad, message) => {
      const res = await request(server)
        .post(`${A}/job-definitions`)
        .set(as(ALICE))
        .send(definition(bad));
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(message);
    },
  );

  it.each([
    [
      'another team’s role',
      APP_B.executionRoleArn,
      403,
      /tagged for group:default\/data-team-b, not group:default\/data-team-a/,
    ],
    [
      'a role in another account',
      'arn:aws:iam::210987654321:role/emr-serverless-data-team-a-job-runtime',
      403,
      /not in account 123456789012/,
    ],
    [
      'a role that does not exist',
      'arn:aws:iam::123456789012:role/no-such-role',
      400,
      /executionRoleArn: role no-such-role does not exist/,
    ],
    [
      'not a role ARN',
      'arn:aws:s3:::bucket/key-of-twenty',
      400,
      /executionRoleArn/,
    ],
  ])('refuses %s', async (_what, executionRoleArn, status, message) => {
    const res = await request(server)
      .post(`${A}/job-definitions`)
      .set(as(ALICE))
      .send(definition({ name: 'refused', executionRoleArn }));
    expect(res.status).toBe(status);
    expect(res.body.error.message).toMatch(message);
    const list = await request(server)
      .get(`${A}/job-definitions`)
      .set(as(ALICE));
    expect(list.body.items.map((d: { name: string }) => d.name)).not.toContain(
      'refused',
    );
  });

  it('refuses saving by a service and through an entity registered for another team’s application', async () => {
    const byService = await request(server)
      .post(`${A}/job-definitions`)
      .set({ Authorization: mockCredentials.service.header() })
      .send(definition());
    expect(byService.status).toBe(403);
    expect(byService.body.error.message).toMatch(/signed-in user/);
    const shadow = await request(server)
      .post(`${SHADOW}/job-definitions`)
      .set(as(ALICE))
      .send(definition());
    expect(shadow.status).toBe(403);
    expect(shadow.body.error.message).toMatch(
      /tagged for group:default\/data-team-b/,
    );
  });

  it('starts a run from a saved definition with a client token naming the user', async () => {
    const res = await request(server)
      .post(`${A}/job-runs`)
      .set(as(ALICE))
      .send({ jobDefinition: 'daily-sales-etl', name: 'adhoc-sales' });
    expect(res.body.error?.message).toBeUndefined();
    expect(res.status).toBe(202);
    expect(res.body).toEqual({
      id: expect.any(String),
      name: 'adhoc-sales',
      arn: expect.stringContaining(res.body.id),
      applicationId: APP_A.id,
    });
    const run = sandbox.emrServerless.getJobRun(APP_A.id, res.body.id)!;
    expect(run.clientToken).toMatch(/^backstage\.alice-[0-9a-f]{8}$/);
    expect(run.executionRole).toBe(APP_A.executionRoleArn);
    expect(run.tags).toMatchObject({
      job: 'daily-sales-etl',
      'backstage:started-by': ALICE,
    });
  });

  it('answers 404 naming an unknown definition and 400 to a bad body, starting nothing', async () => {
    const unknown = await request(server)
      .post(`${A}/job-runs`)
      .set(as(ALICE))
      .send({ jobDefinition: 'nightly-nothing' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toMatch(/'nightly-nothing'/);
    const bad = await request(server)
      .post(`${A}/job-runs`)
      .set(as(ALICE))
      .send({ name: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/'jobDefinition'/);
    expect(writes()).toBe(0);
  });

  it('reruns a run with its own driver, overrides and role', async () => {
    const done = sandbox.emrServerless.listJobRuns(APP_A.id, {
      states: ['SUCCESS'],
    })[0];
    const res = await request(server)
      .post(`${A}/job-runs/${done.id}/rerun`)
      .set(as(ALICE));
    expect(res.body.error?.message).toBeUndefined();
    expect(res.status).toBe(202);
    expect(res.body.id).not.toBe(done.id);
    const rerun = sandbox.emrServerless.getJobRun(APP_A.id, res.body.id)!;
    expect(rerun.jobDriver).toEqual(done.jobDriver);
    expect(rerun.executionRole).toBe(done.executionRole);
    expect(rerun.tags['backstage:started-by']).toBe(ALICE);
  });

  it('refuses to start or rerun once the role is retagged for another team, starting nothing', async () => {
    // The definition was saved while the role was the team's; a start checks it again, as
    // IAM says now, so a role handed to another team is never used by this one.
    const roleName = APP_A.executionRoleArn.split('/').pop()!;
    const done = sandbox.emrServerless.listJobRuns(APP_A.id, {
      states: ['SUCCESS'],
    })[0];
    sandbox.iam.tagRole(roleName, [{ Key: 'team', Value: 'data-team-b' }]);
    try {
      const start = await request(server)
        .post(`${A}/job-runs`)
        .set(as(ALICE))
        .send({ jobDefinition: 'daily-sales-etl' });
      expect(start.status).toBe(403);
      expect(start.body.error.message).toBe(
        `execution role ${roleName} is tagged for group:default/data-team-b, not group:default/data-team-a`,
      );
      const rerun = await request(server)
        .post(`${A}/job-runs/${done.id}/rerun`)
        .set(as(ALICE));
      expect(rerun.status).toBe(403);
      expect(rerun.body.error.message).toMatch(
        /tagged for group:default\/data-team-b/,
      );
      expect(writes()).toBe(0);
    } finally {
      sandbox.iam.tagRole(roleName, [{ Key: 'team', Value: 'data-team-a' }]);
    }
  });
});
