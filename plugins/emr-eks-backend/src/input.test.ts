import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import { ALICE, startBackend } from './testing/backend';
import {
  jsonError,
  startAwsStandIn,
} from '@emr-eks/plugin-emr-eks-node/testing';

const entity = '/api/emr-eks/v1/entity/default/resource/team-a-emr';
const auth = mockCredentials.user.header(ALICE);

describe('input the backend refuses before the catalog and AWS', () => {
  let standIn: Awaited<ReturnType<typeof startAwsStandIn>>;
  let server: Awaited<ReturnType<typeof startBackend>>;

  beforeAll(async () => {
    // Any call that gets through would be a 500 from here, and counted.
    standIn = await startAwsStandIn(() => jsonError(500, 'ShouldNotBeCalled'));
    server = await startBackend({ endpoint: standIn.url });
  });
  afterAll(() => standIn.close());
  afterEach(() => expect(standIn.requests).toEqual([]));

  it.each([
    ['a NUL byte in the name', '/default/resource/team-a%00emr', 'name'],
    ['a name of 64 characters', `/default/resource/${'a'.repeat(64)}`, 'name'],
    ['a slash-free kind with a dot', '/default/re.source/team-a-emr', 'kind'],
    ['a namespace with an underscore', '/de_fault/resource/x', 'namespace'],
  ])('answers 400 for %s, naming %s', async (_what, ref, param) => {
    const res = await request(server)
      .get(`/api/emr-eks/v1/entity${ref}/job-runs`)
      .set('Authorization', auth);
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('InputError');
    expect(res.body.error.message).toContain(`path parameter '${param}'`);
  });

  it.each([
    ['maxResults=0x10', 'maxResults'],
    ['maxResults=1e2', 'maxResults'],
    ['maxResults=%207', 'maxResults'],
    [
      'createdAfter=2026-02-01T00:00:00Z&createdBefore=2026-01-01T00:00:00Z',
      'createdAfter',
    ],
  ])('answers 400 for job-runs?%s, naming %s', async (qs, param) => {
    const res = await request(server)
      .get(`${entity}/job-runs?${qs}`)
      .set('Authorization', auth);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(`'${param}'`);
  });

  it('says why createdAfter was refused', async () => {
    const res = await request(server)
      .get(
        `${entity}/job-runs?createdAfter=2026-02-01T00:00:00Z&createdBefore=2026-01-01T00:00:00Z`,
      )
      .set('Authorization', auth);
    expect(res.body.error.message).toContain(
      'must not be later than createdBefore',
    );
  });

  it.each([
    ['start=0000-01-01&end=0000-01-02', 'start'],
    ['start=9999-01-01&end=9999-01-02', 'start'],
    ['start=1999-12-31&end=2000-01-05', 'start'],
  ])('answers 400 for cost?%s, naming %s', async (qs, param) => {
    const res = await request(server)
      .get(`${entity}/cost?${qs}`)
      .set('Authorization', auth);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(`'${param}'`);
    expect(res.body.error.message).toContain('must be between 2000-01-01');
  });

  it.each([
    ['PUT', `${entity}/job-runs`, 'GET, HEAD, POST'],
    ['DELETE', `${entity}/job-runs/abc`, 'GET, HEAD'],
    ['POST', '/api/emr-eks/health', 'GET, HEAD'],
    ['GET', `${entity}/job-runs/abc/cancel`, 'POST'],
  ])(
    'answers %s %s with 405, Allow: %s and a JSON error',
    async (method, path, allow) => {
      const res = await request(server)
        [method.toLowerCase() as 'put'](path)
        .set('Authorization', auth);
      expect(res.status).toBe(405);
      expect(res.headers.allow).toBe(allow);
      expect(res.body.error).toMatchObject({
        name: 'MethodNotAllowedError',
        message: expect.stringContaining(`${method} is not allowed`),
      });
    },
  );

  it('still answers 404 for a path it does not serve', async () => {
    const res = await request(server)
      .get(`${entity}/nothing-here`)
      .set('Authorization', auth);
    expect(res.status).toBe(404);
  });
});

describe('error bodies and NODE_ENV', () => {
  const saved = process.env.NODE_ENV;
  afterEach(() => {
    process.env.NODE_ENV = saved;
  });

  // Backstage's error handler decides from NODE_ENV when the backend starts.
  async function errorBody(nodeEnv: string) {
    process.env.NODE_ENV = nodeEnv;
    const server = await startBackend({ endpoint: 'http://127.0.0.1:9' });
    const res = await request(server)
      .get(`${entity}/job-runs?maxResults=0`)
      .set('Authorization', auth);
    expect(res.status).toBe(400);
    return res.body;
  }

  it('carries no stack trace (no source paths) in production', async () => {
    const body = await errorBody('production');
    expect(body.error.stack).toBeUndefined();
    expect(JSON.stringify(body)).not.toContain(__dirname);
  });

  it('carries the stack only in development, so the test above can fail', async () => {
    const body = await errorBody('development');
    expect(body.error.stack).toEqual(expect.any(String));
  });
});
