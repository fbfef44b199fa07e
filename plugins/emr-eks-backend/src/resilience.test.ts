import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import {
  ALICE,
  pastOneMillisecondTtl,
  startBackend,
  teamA,
} from './testing/backend';
import {
  StandInRequest,
  jsonError,
  json,
  startAwsStandIn,
} from '@emr-eks/plugin-emr-eks-node/testing';

const base = '/api/emr-eks/v1/entity/default/resource/team-a-emr';
const cluster = {
  virtualCluster: {
    id: teamA.id,
    arn: teamA.arn,
    state: 'RUNNING',
    tags: { team: 'data-team-a' },
  },
};
const wait = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

async function backend(
  handle: (r: StandInRequest) => ReturnType<typeof json>,
  config: Record<string, unknown> = {},
) {
  const standIn = await startAwsStandIn(handle);
  const server = await startBackend({
    endpoint: standIn.url,
    maxAttempts: 2,
    config,
  });
  const as = (method: 'get' | 'post', path: string) =>
    request(server)
      [method](`${base}${path}`)
      .set('Authorization', mockCredentials.user.header(ALICE));
  return { standIn, get: (path: string) => as('get', path), as };
}

describe('job templates past the account’s first page', () => {
  // 150 templates in 3 pages of 50; data-team-a's 7 on the first and the last page.
  const ours = ['t3', 't40', 't120', 't121', 't130', 't148', 't149'];
  const templates = Array.from({ length: 150 }, (_, i) => ({
    id: `t${i}`,
    name: `template ${i}`,
    tags: {
      'virtual-cluster-id': ours.includes(`t${i}`) ? teamA.id : 'another',
    },
  }));
  function handle(r: StandInRequest) {
    if (r.operation === 'DescribeVirtualCluster') return json(cluster);
    const from = Number(r.query.get('nextToken') ?? 0);
    const size = Number(r.query.get('maxResults'));
    return json({
      templates: templates.slice(from, from + size),
      ...(from + size < templates.length && {
        nextToken: String(from + size),
      }),
    });
  }

  it('offers every template of the cluster, walking the account’s pages once', async () => {
    const { get, standIn } = await backend(handle);
    const all = await get('/job-templates');
    expect(all.status).toBe(200);
    expect(all.body.items.map((t: { id: string }) => t.id)).toEqual(ours);
    expect(all.body.nextToken).toBeUndefined();
    expect(standIn.count('ListJobTemplates')).toBe(3);

    // Paged for the caller with our own token, from the one cached list.
    const seen: string[] = [];
    let nextToken: string | undefined;
    do {
      const res = await get('/job-templates').query({
        maxResults: 3,
        ...(nextToken && { nextToken }),
      });
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((t: { id: string }) => t.id));
      nextToken = res.body.nextToken;
    } while (nextToken);
    expect(seen).toEqual(ours);
    expect(standIn.count('ListJobTemplates')).toBe(3);
    await standIn.close();
  });
});

describe('the last good copy for templates and the virtual cluster', () => {
  it('answers them stale under throttling, and never lets a write use that copy', async () => {
    let throttled = false;
    const { get, as, standIn } = await backend(
      r => {
        if (throttled) return jsonError(429, 'ThrottlingException');
        if (r.operation === 'DescribeVirtualCluster') return json(cluster);
        if (r.operation === 'DescribeJobRun')
          return json({
            jobRun: {
              id: 'run1',
              virtualClusterId: teamA.id,
              state: 'RUNNING',
            },
          });
        if (r.operation === 'CancelJobRun')
          return json({ id: 'run1', virtualClusterId: teamA.id });
        if (r.operation === 'DescribeJobTemplate')
          return json({ jobTemplate: { id: 'tpl1', name: 'nightly' } });
        return json({ templates: [{ id: 'tpl1', name: 'nightly' }] });
      },
      { cache: { listTtl: { milliseconds: 1 } } },
    );
    for (const path of [
      '/virtual-cluster',
      '/job-templates',
      '/job-templates/tpl1',
    ]) {
      const fresh = await get(path);
      expect({ path, status: fresh.status }).toEqual({ path, status: 200 });
      expect(fresh.body.stale).toBeUndefined();
    }
    expect((await as('post', '/job-runs/run1/cancel')).status).toBe(202);

    throttled = true;
    await pastOneMillisecondTtl();
    for (const path of [
      '/virtual-cluster',
      '/job-templates',
      '/job-templates/tpl1',
    ]) {
      const stale = await get(path);
      expect({ path, status: stale.status }).toEqual({ path, status: 200 });
      expect(stale.body.stale.reason).toContain('throttling');
    }
    const write = await as('post', '/job-runs/run1/cancel');
    expect(write.status).toBe(503);
    expect(write.body.error.message).toContain('throttling');
    await standIn.close();
  });
});

describe('the team card’s counts', () => {
  const page = (state: (i: number) => string) =>
    Array.from({ length: 100 }, (_, i) => ({
      id: `r${i}`,
      virtualClusterId: teamA.id,
      state: state(i),
    }));

  // Active runs never end (4,700 of them); 300 running; 200 failed in the last day.
  function handle(r: StandInRequest) {
    const states = r.query.getAll('states');
    const n = Number(r.query.get('nextToken') ?? 0);
    if (states.length === 1 && states[0] === 'RUNNING') {
      return json({
        jobRuns: page(() => 'RUNNING'),
        ...(n < 2 && { nextToken: String(n + 1) }),
      });
    }
    if (states.length === 1 && states[0] === 'FAILED') {
      return json({
        jobRuns: page(() => 'FAILED'),
        ...(n < 1 && { nextToken: String(n + 1) }),
      });
    }
    return json({
      jobRuns: page(i => (i % 2 ? 'RUNNING' : 'PENDING')),
      nextToken: String(n + 1),
    });
  }

  it('say which counts stopped at the limit, and count running runs on their own then', async () => {
    const { get, standIn } = await backend(handle);
    const res = await get('/summary');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      virtualClusterId: teamA.id,
      active: 1000,
      running: 300,
      failedLast24h: 200,
      truncated: ['active'],
    });
    await standIn.close();
  });

  it('answer the last good copy at once while an outage is remembered, without walking the pages again', async () => {
    let throttled = false;
    const { get, standIn } = await backend(
      r => (throttled ? jsonError(429, 'ThrottlingException') : handle(r)),
      { cache: { listTtl: { milliseconds: 1 } } },
    );
    const fresh = await get('/summary');
    expect(fresh.status).toBe(200);

    throttled = true;
    await pastOneMillisecondTtl();
    const first = await get('/summary');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      active: 1000,
      stale: expect.any(Object),
    });
    // The first answer may leave while a parallel count's throttled call is still being
    // retried by the SDK: count once those have settled (no request for 300 ms).
    let asked = standIn.requests.length;
    for (;;) {
      await wait(300);
      if (standIn.requests.length === asked) break;
      asked = standIn.requests.length;
    }

    const second = await get('/summary');
    expect(second.status).toBe(200);
    expect(second.body.stale.reason).toContain('throttling');
    expect(standIn.requests.length).toBe(asked);
    await standIn.close();
  });
});
