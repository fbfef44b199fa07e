import http from 'node:http';
import { AddressInfo } from 'node:net';
import {
  DescribeVirtualClusterCommand,
  EMRContainersClient,
  EMRContainersServiceException,
  InternalServerException,
  ListJobRunsCommand,
  ListVirtualClustersCommand,
} from '@aws-sdk/client-emr-containers';
import { FaultInjector, RequestStats } from './traffic';
import { jobRunsPath, TEAM_A, testSandbox } from './__testUtils__';

type Api = ReturnType<typeof testSandbox>['api'];

/** Sends `n` ListVirtualClusters and returns the statuses. */
async function statuses(api: Api, n: number, path = '/virtualclusters') {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await api.get(path)).status);
  return out;
}

describe('fault injection through /_sandbox/faults', () => {
  it('throttles like AWS: 429, x-amzn-ErrorType ThrottlingException, {"message":"Rate exceeded"}', async () => {
    const { api } = testSandbox();
    const set = await api
      .post('/_sandbox/faults')
      .send({ throttleRate: 1 })
      .expect(200);
    expect(set.body).toEqual({ rules: [{ throttleRate: 1 }] });

    const res = await api.get('/virtualclusters');
    expect(res.status).toBe(429);
    expect(res.headers['x-amzn-errortype']).toBe('ThrottlingException');
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.headers['x-amzn-requestid']).toEqual(expect.any(String));
    expect(res.body).toEqual({ message: 'Rate exceeded' });
  });

  it('can throttle with 400 instead', async () => {
    const { api } = testSandbox();
    await api
      .post('/_sandbox/faults')
      .send({ throttleRate: 1, throttleStatus: 400 })
      .expect(200);
    const res = await api.get('/virtualclusters');
    expect(res.status).toBe(400);
    expect(res.headers['x-amzn-errortype']).toBe('ThrottlingException');
  });

  it.each([
    [500, 'InternalServerException'],
    [503, 'ServiceUnavailableException'],
  ])('answers server errors with status %i as %s', async (status, code) => {
    const { api } = testSandbox();
    await api
      .post('/_sandbox/faults')
      .send({ errorRate: 1, errorStatus: status })
      .expect(200);
    const res = await api.get('/virtualclusters');
    expect(res.status).toBe(status);
    expect(res.headers['x-amzn-errortype']).toBe(code);
    expect(Object.keys(res.body)).toEqual(['message']);
  });

  it('faults before validation and for operations the sandbox does not implement', async () => {
    const { api } = testSandbox();
    await api.post('/_sandbox/faults').send({ throttleRate: 1 }).expect(200);
    expect((await api.get(jobRunsPath('NOT-VALID'))).status).toBe(429);
    expect((await api.get('/securityconfigurations')).status).toBe(429);
    // Not an AWS request: the control API and unknown paths are never faulted.
    await api.get('/_sandbox/health').expect(200);
    await api.get('/no/such/path').expect(404);
  });

  it('applies a rule to the next `count` matching requests only', async () => {
    const { api } = testSandbox();
    await api
      .post('/_sandbox/faults')
      .send({ throttleRate: 1, count: 2 })
      .expect(200);
    expect((await api.get('/_sandbox/faults')).body).toEqual({
      rules: [{ throttleRate: 1, count: 2, remaining: 2 }],
    });
    expect(await statuses(api, 1)).toEqual([429]);
    expect((await api.get('/_sandbox/faults')).body.rules[0].remaining).toBe(1);
    expect(await statuses(api, 3)).toEqual([429, 200, 200]);
    expect((await api.get('/_sandbox/faults')).body).toEqual({ rules: [] });
  });

  it('scopes a rule to `operations`, and `count` only counts those', async () => {
    const { api } = testSandbox();
    await api
      .post('/_sandbox/faults')
      .send({ errorRate: 1, operations: ['ListJobRuns'], count: 2 })
      .expect(200);
    expect(await statuses(api, 3)).toEqual([200, 200, 200]);
    await api.get(`/virtualclusters/${TEAM_A.id}`).expect(200);
    expect(await statuses(api, 3, jobRunsPath())).toEqual([500, 500, 200]);
  });

  it('delays matching requests by latencyMs', async () => {
    const { api } = testSandbox();
    await api
      .post('/_sandbox/faults')
      .send({ latencyMs: 150, operations: ['ListJobRuns'] })
      .expect(200);
    const timed = async (path: string) => {
      const start = Date.now();
      await api.get(path).expect(200);
      return Date.now() - start;
    };
    expect(await timed(jobRunsPath())).toBeGreaterThanOrEqual(145);
    expect(await timed('/virtualclusters')).toBeLessThan(145);
  });

  it('draws rates from the seeded PRNG: same seed and rules, same faults', async () => {
    const pattern = async (seed: number) => {
      const { api } = testSandbox({ seed });
      await api
        .post('/_sandbox/faults')
        .send({ throttleRate: 0.3, errorRate: 0.2 })
        .expect(200);
      return statuses(api, 40);
    };
    const a = await pattern(7);
    expect(await pattern(7)).toEqual(a);
    expect(await pattern(8)).not.toEqual(a);
    const count = (s: number) => a.filter(x => x === s).length;
    expect(count(429)).toBeGreaterThan(4);
    expect(count(500)).toBeGreaterThan(2);
    expect(count(200)).toBeGreaterThan(12);
  });

  it('restarts the dice whenever rules are set', async () => {
    const { api } = testSandbox();
    const rule = { throttleRate: 0.5 };
    await api.post('/_sandbox/faults').send(rule).expect(200);
    const first = await statuses(api, 20);
    await api.post('/_sandbox/faults').send(rule).expect(200);
    expect(await statuses(api, 20)).toEqual(first);
  });

  it('takes several rules at once; every matching rule adds latency and the first fault wins', async () => {
    const { api } = testSandbox();
    await api
      .post('/_sandbox/faults')
      .send({
        rules: [
          { latencyMs: 5 },
          { throttleRate: 1, operations: ['DescribeVirtualCluster'] },
          { errorRate: 1, errorStatus: 503, count: 1 },
        ],
      })
      .expect(200);
    const described = await api.get(`/virtualclusters/${TEAM_A.id}`);
    expect(described.status).toBe(429);
    // The 503 rule was used up by that request, though the throttle answered it.
    expect((await api.get('/virtualclusters')).status).toBe(200);
    const stats = (await api.get('/_sandbox/stats').expect(200)).body;
    expect(stats.faults).toEqual({
      DescribeVirtualCluster: { throttled: 1, errors: 0, delayed: 1 },
      ListVirtualClusters: { throttled: 0, errors: 0, delayed: 1 },
    });
  });

  it('clears with DELETE', async () => {
    const { api } = testSandbox();
    await api.post('/_sandbox/faults').send({ throttleRate: 1 }).expect(200);
    expect((await api.delete('/_sandbox/faults').expect(200)).body).toEqual({
      rules: [],
    });
    await api.get('/virtualclusters').expect(200);
  });

  it.each([
    [{ throttleRate: 1.5 }, /throttleRate/],
    [{ throttleRate: 0.6, errorRate: 0.6 }, /must not exceed 1/],
    [{ errorRate: 1, errorStatus: 502 }, /errorStatus/],
    [{ latencyMs: -1 }, /latencyMs/],
    [{ throttleRate: 1, count: 0 }, /count/],
    [
      { throttleRate: 1, operations: ['ListJobRun'] },
      /ListJobRun is not an operation/,
    ],
    [{ throttleRate: 1, operation: ['ListJobRuns'] }, /operation/],
    [{ count: 3 }, /needs throttleRate, errorRate or latencyMs/],
    [{ rules: [{ throttleRate: 1 }, { errorRate: 2 }] }, /errorRate/],
  ])('rejects %j', async (body, message) => {
    const { api } = testSandbox();
    await api.post('/_sandbox/faults').send({ errorRate: 1, count: 1 });
    const res = await api.post('/_sandbox/faults').send(body);
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(message);
    // The rules in place stay.
    expect((await api.get('/_sandbox/faults')).body.rules).toHaveLength(1);
  });
});

describe('request stats through /_sandbox/stats', () => {
  it('counts requests per operation, faulted ones included, and resets', async () => {
    const { api } = testSandbox();
    expect((await api.get('/_sandbox/stats').expect(200)).body).toEqual({
      total: 0,
      operations: {},
      faults: {},
    });
    await api
      .post('/_sandbox/faults')
      .send({ throttleRate: 1, operations: ['ListJobRuns'], count: 1 })
      .expect(200);
    await statuses(api, 3, jobRunsPath());
    await statuses(api, 2);
    await api.get(jobRunsPath('bad-ID')).expect(400); // invalid, still received
    await api.get('/no/such/path').expect(404); // no operation: not counted
    await api.get('/_sandbox/health').expect(200);

    expect((await api.get('/_sandbox/stats').expect(200)).body).toEqual({
      total: 6,
      operations: { ListJobRuns: 4, ListVirtualClusters: 2 },
      faults: { ListJobRuns: { throttled: 1, errors: 0, delayed: 0 } },
    });
    expect((await api.delete('/_sandbox/stats').expect(200)).body).toEqual({
      total: 0,
      operations: {},
      faults: {},
    });
    await api.get('/virtualclusters').expect(200);
    expect((await api.get('/_sandbox/stats')).body.operations).toEqual({
      ListVirtualClusters: 1,
    });
  });

  it('is readable on the sandbox object', async () => {
    const { api, sandbox } = testSandbox();
    await statuses(api, 2, jobRunsPath());
    expect(sandbox.stats.count('ListJobRuns')).toBe(2);
    expect(sandbox.stats.count('StartJobRun')).toBe(0);
    sandbox.stats.reset();
    expect(sandbox.stats.snapshot().total).toBe(0);
  });
});

describe('reset', () => {
  it('POST /_sandbox/reset clears faults and stats along with the data', async () => {
    const { api } = testSandbox();
    await api.post('/_sandbox/faults').send({ throttleRate: 1 }).expect(200);
    await api.get('/virtualclusters').expect(429);
    await api.post('/_sandbox/reset').expect(200);
    expect((await api.get('/_sandbox/faults')).body).toEqual({ rules: [] });
    expect((await api.get('/_sandbox/stats')).body.total).toBe(0);
    await api.get('/virtualclusters').expect(200);
  });

  it('sandbox.reset() does the same', async () => {
    const { api, sandbox } = testSandbox();
    sandbox.faults.set({ errorRate: 1 });
    await api.get('/virtualclusters').expect(500);
    sandbox.reset();
    expect(sandbox.faults.get()).toEqual({ rules: [] });
    expect(sandbox.stats.snapshot().total).toBe(0);
  });
});

describe('FaultInjector', () => {
  it('is typed and validated when used in process', () => {
    const faults = new FaultInjector(1, ['ListJobRuns']);
    expect(() => faults.set({ throttleRate: 2 })).toThrow(/throttleRate/);
    expect(() => faults.set({ throttleRate: 1, operations: ['Nope'] })).toThrow(
      /Nope/,
    );
    faults.set({ throttleRate: 1, operations: ['ListJobRuns'], count: 1 });
    expect(faults.decide('ListVirtualClusters').error).toBeUndefined();
    expect(faults.decide('ListJobRuns').error?.status).toBe(429);
    expect(faults.decide('ListJobRuns').error).toBeUndefined();
  });

  it('feeds RequestStats', () => {
    const stats = new RequestStats();
    const faults = new FaultInjector(1);
    faults.set({ errorRate: 1, errorStatus: 503, latencyMs: 1 });
    stats.record('X', faults.decide('X'));
    stats.record('X');
    expect(stats.snapshot()).toEqual({
      total: 2,
      operations: { X: 2 },
      faults: { X: { throttled: 0, errors: 1, delayed: 1 } },
    });
  });
});

describe('the AWS SDK against injected faults', () => {
  const t = testSandbox();
  let server: http.Server;
  let client: EMRContainersClient;
  let random: jest.SpyInstance;

  beforeAll(async () => {
    server = http.createServer(t.sandbox.app);
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    // Default retry settings: standard mode, 3 attempts.
    client = new EMRContainersClient({
      endpoint: `http://127.0.0.1:${port}`,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIDSANDBOX', secretAccessKey: 'x' },
    });
  });

  beforeEach(() => {
    t.sandbox.reset();
    // The SDK's backoff is random * 2^retry * base (base 500 ms for
    // throttling, 100 ms otherwise); pinning random makes the delay tell which.
    random = jest.spyOn(Math, 'random').mockReturnValue(0.5);
  });

  afterEach(() => random.mockRestore());

  afterAll(async () => {
    client.destroy();
    server.closeAllConnections();
    await new Promise(resolve => server.close(resolve));
  });

  it('retries throttling as THROTTLING and succeeds when count is below its max attempts', async () => {
    t.sandbox.faults.set({
      throttleRate: 1,
      operations: ['ListJobRuns'],
      count: 2,
    });
    const output = await client.send(
      new ListJobRunsCommand({ virtualClusterId: TEAM_A.id, maxResults: 5 }),
    );
    expect(output.jobRuns).toHaveLength(5);
    expect(output.$metadata.attempts).toBe(3);
    // 0.5 * 1 * 500 + 0.5 * 2 * 500: the throttling backoff base.
    expect(output.$metadata.totalRetryDelay).toBe(750);
    expect(t.sandbox.stats.snapshot()).toMatchObject({
      operations: { ListJobRuns: 3 },
      faults: { ListJobRuns: { throttled: 2 } },
    });
  });

  it('gives up after its max attempts with a ThrottlingException', async () => {
    t.sandbox.faults.set({ throttleRate: 1, operations: ['ListJobRuns'] });
    const error = await client
      .send(new ListJobRunsCommand({ virtualClusterId: TEAM_A.id }))
      .catch(e => e);
    expect(error).toBeInstanceOf(EMRContainersServiceException);
    expect(error.name).toBe('ThrottlingException');
    expect(error.message).toBe('Rate exceeded');
    expect(error.$fault).toBe('client');
    // Not a modelled error, so no $retryable trait: the name and the 429 are
    // what the retry strategy classifies as throttling.
    expect(error.$retryable).toBeUndefined();
    expect(error.$metadata).toMatchObject({
      httpStatusCode: 429,
      attempts: 3,
      totalRetryDelay: 750,
    });
    expect(t.sandbox.stats.count('ListJobRuns')).toBe(3);
  });

  it('retries 400 throttling too (by error name)', async () => {
    t.sandbox.faults.set({ throttleRate: 1, throttleStatus: 400, count: 1 });
    const output = await client.send(new ListVirtualClustersCommand({}));
    expect(output.$metadata).toMatchObject({
      attempts: 2,
      totalRetryDelay: 250,
    });
  });

  it.each([
    [500, InternalServerException, 'server'],
    [503, EMRContainersServiceException, 'client'],
  ])(
    'retries %i as a transient error (100 ms backoff base)',
    async (status, type, fault) => {
      t.sandbox.faults.set({
        errorRate: 1,
        errorStatus: status as 500 | 503,
        count: 2,
      });
      const output = await client.send(
        new DescribeVirtualClusterCommand({ id: TEAM_A.id }),
      );
      expect(output.virtualCluster?.id).toBe(TEAM_A.id);
      expect(output.$metadata).toMatchObject({
        attempts: 3,
        totalRetryDelay: 150,
      });

      t.sandbox.faults.set({ errorRate: 1, errorStatus: status as 500 | 503 });
      const error = await client
        .send(new DescribeVirtualClusterCommand({ id: TEAM_A.id }))
        .catch(e => e);
      expect(error).toBeInstanceOf(type);
      expect(error.name).toBe(
        status === 500
          ? 'InternalServerException'
          : 'ServiceUnavailableException',
      );
      expect(error.$metadata).toMatchObject({
        httpStatusCode: status,
        attempts: 3,
      });
      // The SDK calls unmodelled errors client faults, whatever their status.
      expect(error.$fault).toBe(fault);
    },
  );
});
