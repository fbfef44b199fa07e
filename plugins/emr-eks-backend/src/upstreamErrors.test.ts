import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import { ALICE, startBackend, teamA } from './testing/backend';
import {
  StandInAnswer,
  StandInRequest,
  jsonError,
  html,
  json,
  startAwsStandIn,
} from '@emr-eks/plugin-emr-eks-node/testing';

const base = '/api/emr-eks/v1/entity/default/resource/team-a-emr';

/** The backend in front of a stand-in that answers `handle`. */
async function against(handle: (r: StandInRequest) => StandInAnswer) {
  const standIn = await startAwsStandIn(handle);
  const server = await startBackend({ endpoint: standIn.url });
  const get = (path: string) =>
    request(server)
      .get(`${base}${path}`)
      .set('Authorization', mockCredentials.user.header(ALICE));
  return { standIn, get };
}

describe('an emr-containers endpoint that is not AWS', () => {
  const close: Array<() => Promise<void>> = [];
  afterEach(async () => {
    await Promise.all(close.splice(0).map(c => c()));
  });
  async function backend(handle: (r: StandInRequest) => StandInAnswer) {
    const b = await against(handle);
    close.push(b.standIn.close);
    return b;
  }

  it('names the HTTP status and the operation when the answer is an HTML 404', async () => {
    const { get } = await backend(() => html(404));
    const res = await get('/endpoints');
    expect(res.status).toBe(502);
    expect(res.body.error.message).toContain(
      'answered HTTP 404 to ListManagedEndpoints',
    );
    expect(res.body.error.message).toContain('(not supported there?)');
    expect(res.body.error.message).not.toContain('SyntaxError');
  });

  it('names the status of a 200 that is not JSON', async () => {
    const { get } = await backend(() => html(200));
    const res = await get('/job-runs');
    expect(res.status).toBe(502);
    expect(res.body.error.message).toContain(
      'answered HTTP 200 to ListJobRuns',
    );
  });

  it.each([
    ['InvalidToken', jsonError(400, 'InvalidToken', 'token expired')],
    ['ValidationException', jsonError(400, 'ValidationException', 'bad')],
    ['a bare 400 page', html(400)],
  ])(
    'answers 400 naming nextToken when the endpoint refuses it with %s',
    async (_what, answer) => {
      const { get } = await backend(() => answer);
      for (const path of ['/job-runs', '/endpoints']) {
        const res = await get(`${path}?nextToken=forged`);
        expect({ path, status: res.status }).toEqual({ path, status: 400 });
        expect(res.body.error.name).toBe('InputError');
        expect(res.body.error.message).toMatch(
          /^Invalid query parameter 'nextToken'/,
        );
      }
    },
  );

  it('answers an unexpected code with 400 as bad input, saying what the endpoint said', async () => {
    const { get } = await backend(() =>
      jsonError(400, 'InvalidToken', 'no such token'),
    );
    const res = await get('/job-runs');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('InvalidToken, HTTP 400');
    expect(res.body.error.message).toContain('no such token');
  });

  it('answers an unexpected 418 with 502 saying what the endpoint said', async () => {
    const { get } = await backend(() =>
      jsonError(418, 'TeapotException', 'short and stout'),
    );
    const res = await get('/job-runs');
    expect(res.status).toBe(502);
    expect(res.body.error.message).toContain('TeapotException, HTTP 418');
    expect(res.body.error.message).toContain('short and stout');
  });

  it('answers a 418 that is not JSON with 502 naming the status', async () => {
    const { get } = await backend(() => ({
      status: 418,
      body: "I'm a teapot",
      headers: { 'content-type': 'text/plain' },
    }));
    const res = await get('/virtual-cluster');
    expect(res.status).toBe(502);
    expect(res.body.error.message).toContain(
      'answered HTTP 418 to DescribeVirtualCluster',
    );
  });

  it('reads a 429 with a body that is not JSON as throttling: 503', async () => {
    const { get } = await backend(() => ({
      status: 429,
      body: 'Too Many Requests',
      headers: { 'content-type': 'text/plain' },
    }));
    const res = await get('/job-runs');
    expect(res.status).toBe(503);
    expect(res.body.error.message).toContain('throttling');
  });

  it('answers a forged job template token with 400 before asking AWS for templates', async () => {
    const { get, standIn } = await backend(r =>
      r.operation === 'DescribeVirtualCluster'
        ? json({ virtualCluster: { id: teamA.id, tags: {} } })
        : json({ templates: [] }),
    );
    const res = await get('/job-templates?nextToken=AAAA');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain("'nextToken'");
    expect(standIn.count('ListJobTemplates')).toBe(0);
  });
});
