import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { DEMO, createSandbox, manualClock } from '@emr-eks/sandbox';
import request from 'supertest';
import {
  ALICE,
  BOB,
  pastOneMillisecondTtl,
  startBackend,
} from '../testing/backend';

/*
 * Interactive sessions over HTTP against the sandbox, on a clock the test moves: a session
 * becomes live (IDLE) a minute or two after it starts, and only then has an endpoint.
 */

const APP_A = DEMO.serverlessApplications['data-team-a'];
const A =
  '/api/emr-eks/v1/entity/default/resource/team-a-serverless/serverless';
const SHADOW =
  '/api/emr-eks/v1/entity/default/resource/shadow-of-team-b-serverless/serverless';
const APP_B = DEMO.serverlessApplications['data-team-b'];

describe('EMR Serverless sessions', () => {
  // On a whole second: the sandbox dates a session from the second it starts in, so a clock
  // late in a second would see an accelerated session already past SUBMITTED.
  const sandbox = createSandbox({
    seed: 5,
    clock: manualClock(Math.floor(Date.now() / 1000) * 1000),
  });
  let running: Awaited<ReturnType<typeof sandbox.listen>>;
  let server: Awaited<ReturnType<typeof startBackend>>;
  const auditor = mockServices.auditor.mock();
  const as = (user: string) => ({
    Authorization: mockCredentials.user.header(user),
  });
  const start = (applicationId: string, name: string) =>
    sandbox.emrServerless.startSession(
      sandbox.emrServerless.getApplication(applicationId)!,
      {
        clientToken: `${name}-token`,
        executionRoleArn:
          DEMO.serverlessApplications['data-team-a'].executionRoleArn,
        name,
      },
    );

  beforeAll(async () => {
    running = await sandbox.listen(0);
    server = await startBackend({
      endpoint: running.url,
      visibleTo: 'everyone',
      auditor: auditor.factory,
      config: { cache: { listTtl: { milliseconds: 1 } } },
    });
  });
  afterAll(() => running.close());

  it('lists sessions by state, paged, and gives the endpoint only once live', async () => {
    const first = start(APP_A.id, 'notebook-one');
    start(APP_A.id, 'notebook-two');
    const page = await request(server)
      .get(`${A}/sessions?maxResults=1`)
      .set(as(ALICE));
    expect(page.status).toBe(200);
    expect(page.body.items).toHaveLength(1);
    expect(page.body.nextToken).toEqual(expect.any(String));
    const rest = await request(server)
      .get(`${A}/sessions`)
      .query({ maxResults: 1, nextToken: page.body.nextToken })
      .set(as(ALICE));
    expect(
      [...page.body.items, ...rest.body.items].map(
        (s: { name: string }) => s.name,
      ),
    ).toEqual(expect.arrayContaining(['notebook-one', 'notebook-two']));

    const submitted = await request(server)
      .get(`${A}/sessions/${first.id}`)
      .set(as(ALICE));
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({
      id: first.id,
      applicationId: APP_A.id,
      state: 'SUBMITTED',
    });
    expect(submitted.body).not.toHaveProperty('endpoint');

    sandbox.clock.advance(10 * 60_000);
    await pastOneMillisecondTtl();
    const live = await request(server)
      .get(`${A}/sessions/${first.id}`)
      .set(as(ALICE));
    expect(live.body).toMatchObject({ state: 'IDLE' });
    expect(live.body.endpoint).toMatch(/^https:\/\//);
    expect(live.body).not.toHaveProperty('authToken');

    const idle = await request(server)
      .get(`${A}/sessions?states=IDLE&states=BUSY`)
      .set(as(ALICE));
    expect(idle.body.items.length).toBeGreaterThan(0);
    for (const s of idle.body.items)
      expect(['IDLE', 'BUSY']).toContain(s.state);
  });

  it.each([
    [
      'sessions?maxResults=51',
      /maxResults' must be a whole number from 1 to 50/,
    ],
    ['sessions?states=RUNNING', /states.0'/],
    ['sessions/NOT-AN-ID', /sessionId'/],
  ])('answers 400 to %s, naming the parameter', async (path, message) => {
    const res = await request(server).get(`${A}/${path}`).set(as(ALICE));
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
  });

  it('lets the owner terminate a session (audited), 409 once it ended', async () => {
    const session = start(APP_A.id, 'to-terminate');
    auditor.createEvent.mockClear();
    const res = await request(server)
      .post(`${A}/sessions/${session.id}/terminate`)
      .set(as(ALICE));
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ id: session.id, applicationId: APP_A.id });
    expect(auditor.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({
        eventId: 'serverless-session-terminate',
        meta: expect.objectContaining({ sessionId: session.id }),
      }),
    );
    sandbox.clock.advance(10 * 60_000);
    const again = await request(server)
      .post(`${A}/sessions/${session.id}/terminate`)
      .set(as(ALICE));
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/already TERMINATED/);
  });

  it('refuses a terminate by another team, by a service, and through a shadow entity, without calling AWS', async () => {
    const session = start(APP_B.id, 'team-b-notebook');
    sandbox.stats.reset();
    const byService = await request(server)
      .post(`${A}/sessions/${session.id}/terminate`)
      .set({ Authorization: mockCredentials.service.header() });
    expect(byService.status).toBe(403);
    expect(byService.body.error.message).toMatch(/signed-in user/);
    const shadow = await request(server)
      .post(`${SHADOW}/sessions/${session.id}/terminate`)
      .set(as(ALICE));
    expect(shadow.status).toBe(403);
    expect(shadow.body.error.message).toMatch(
      /tagged for group:default\/data-team-b/,
    );
    expect(sandbox.stats.count('emr-serverless:TerminateSession')).toBe(0);
    // Its owner can.
    const owner = await request(server)
      .post(
        `/api/emr-eks/v1/entity/default/resource/team-b-serverless/serverless/sessions/${session.id}/terminate`,
      )
      .set(as(BOB));
    expect(owner.status).toBe(202);
  });
});
