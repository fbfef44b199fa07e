import {
  DAY,
  jobRunsPath,
  startBody,
  T0,
  TEAM_A,
  TEAM_B,
  testSandbox,
} from '../../__testUtils__';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../paging';

type Api = ReturnType<typeof testSandbox>['api'];
type Run = { id: string; name: string; state: string; createdAt: string };

/** Follows nextToken to the end; returns the pages in order. */
async function walk(
  api: Api,
  path: string,
  query: Record<string, unknown>,
  key = 'jobRuns',
) {
  const pages: Run[][] = [];
  let nextToken: string | undefined;
  do {
    const res = await api
      .get(path)
      .query({ ...query, ...(nextToken ? { nextToken } : {}) })
      .expect(200);
    pages.push(res.body[key]);
    nextToken = res.body.nextToken;
    if (pages.length > 500) throw new Error('paging does not end');
  } while (nextToken);
  return pages;
}

function expectNewestFirst(runs: Run[]) {
  for (let i = 1; i < runs.length; i++) {
    expect(Date.parse(runs[i - 1].createdAt)).toBeGreaterThanOrEqual(
      Date.parse(runs[i].createdAt),
    );
  }
}

describe('ListJobRuns paging', () => {
  it('walks every run exactly once, newest first, in pages of maxResults', async () => {
    const { api, sandbox } = testSandbox();
    const pages = await walk(api, jobRunsPath(), { maxResults: 7 });
    const runs = pages.flat();

    expect(pages.slice(0, -1).every(p => p.length === 7)).toBe(true);
    expect(pages[pages.length - 1].length).toBeGreaterThan(0);
    expect(pages[pages.length - 1].length).toBeLessThanOrEqual(7);
    const ids = runs.map(r => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    const expected = sandbox.emrContainers
      .listJobRuns(TEAM_A.id)
      .map(v => v.run.id);
    expect(new Set(ids)).toEqual(new Set(expected));
    expectNewestFirst(runs);
  });

  it(`pages by ${DEFAULT_PAGE_SIZE} by default and caps maxResults at ${MAX_PAGE_SIZE}`, async () => {
    const { api, sandbox } = testSandbox();
    const total = sandbox.emrContainers.listJobRuns(TEAM_A.id).length;
    expect(total).toBeGreaterThan(DEFAULT_PAGE_SIZE);

    const first = await api.get(jobRunsPath()).expect(200);
    expect(first.body.jobRuns).toHaveLength(DEFAULT_PAGE_SIZE);
    expect(first.body.nextToken).toEqual(expect.any(String));

    // Add runs until there are more than the cap.
    for (let i = total; i <= MAX_PAGE_SIZE; i++) {
      await api.post(jobRunsPath()).send(startBody()).expect(200);
    }
    const capped = await api
      .get(jobRunsPath())
      .query({ maxResults: 1000 })
      .expect(200);
    expect(capped.body.jobRuns).toHaveLength(MAX_PAGE_SIZE);
    expect(capped.body.nextToken).toEqual(expect.any(String));
  });

  it('has no nextToken on the last page', async () => {
    const { api } = testSandbox();
    const res = await api
      .get(jobRunsPath())
      .query({ maxResults: 100, name: 'orders-dedup' })
      .expect(200);
    expect(res.body.jobRuns.length).toBeGreaterThan(0);
    expect(res.body.nextToken).toBeUndefined();
  });

  it('combines states, createdAfter, createdBefore and name filters with paging', async () => {
    const { api } = testSandbox();
    const all = (await walk(api, jobRunsPath(), { maxResults: 100 })).flat();
    const after = new Date(T0 - 20 * DAY);
    const before = new Date(T0 - 3 * DAY);
    const wanted = (r: Run) =>
      ['COMPLETED', 'FAILED'].includes(r.state) &&
      Date.parse(r.createdAt) >= after.getTime() &&
      Date.parse(r.createdAt) < before.getTime();
    const expected = all.filter(wanted).map(r => r.id);
    expect(expected.length).toBeGreaterThan(10);
    expect(expected.length).toBeLessThan(all.length);

    const pages = await walk(api, jobRunsPath(), {
      maxResults: 4,
      states: ['COMPLETED', 'FAILED'],
      createdAfter: after.toISOString(),
      createdBefore: before.toISOString(),
    });
    const got = pages.flat();
    expect(got.map(r => r.id)).toEqual(expected);
    expect(pages.length).toBe(Math.ceil(expected.length / 4));

    const name = 'daily-sales-etl';
    const named = (
      await walk(api, jobRunsPath(), {
        maxResults: 3,
        name,
        states: 'COMPLETED',
      })
    ).flat();
    expect(named.map(r => r.id)).toEqual(
      all
        .filter(r => r.name === name && r.state === 'COMPLETED')
        .map(r => r.id),
    );
    expect(named.length).toBeGreaterThan(3);
  });

  it('keeps walking correctly when runs are started between pages', async () => {
    const { api } = testSandbox();
    const before = (await walk(api, jobRunsPath(), { maxResults: 100 }))
      .flat()
      .map(r => r.id);

    const first = await api
      .get(jobRunsPath())
      .query({ maxResults: 10 })
      .expect(200);
    await api.post(jobRunsPath()).send(startBody()).expect(200);
    await api.post(jobRunsPath()).send(startBody()).expect(200);
    const rest = await walk(api, jobRunsPath(), {
      maxResults: 10,
      nextToken: first.body.nextToken,
    });

    const ids = [...first.body.jobRuns, ...rest.flat()].map((r: Run) => r.id);
    expect(ids).toEqual(before);
  });

  it('only accepts a token for the listing that issued it', async () => {
    const { api } = testSandbox();
    const page = await api
      .get(jobRunsPath(TEAM_A.id))
      .query({ maxResults: 5 })
      .expect(200);
    const res = await api
      .get(jobRunsPath(TEAM_B.id))
      .query({ maxResults: 5, nextToken: page.body.nextToken })
      .expect(400);
    expect(res.headers['x-amzn-errortype']).toBe('ValidationException');
    expect(res.body.message).toMatch(/nextToken/);
  });
});

describe('ListVirtualClusters paging', () => {
  it('returns both demo clusters newest first, one per page with maxResults=1', async () => {
    const { api } = testSandbox();
    const pages = await walk(
      api,
      '/virtualclusters',
      { maxResults: 1 },
      'virtualClusters',
    );
    expect(pages).toHaveLength(2);
    const clusters = pages.flat();
    expect(clusters.map(c => c.id).sort()).toEqual(
      [TEAM_A.id, TEAM_B.id].sort(),
    );
    expectNewestFirst(clusters);
  });

  it('filters by EKS cluster and state', async () => {
    const { api } = testSandbox();
    const hit = await api
      .get('/virtualclusters')
      .query({
        containerProviderId: 'analytics-shared',
        containerProviderType: 'EKS',
        states: 'RUNNING',
      })
      .expect(200);
    expect(hit.body.virtualClusters).toHaveLength(2);
    const miss = await api
      .get('/virtualclusters')
      .query({ containerProviderId: 'other-cluster' })
      .expect(200);
    expect(miss.body.virtualClusters).toEqual([]);
    const terminated = await api
      .get('/virtualclusters')
      .query({ states: 'TERMINATED' })
      .expect(200);
    expect(terminated.body.virtualClusters).toEqual([]);
  });
});
