import { httpGet, signedFor, testSandbox } from '../../__testUtils__';
import { KUBECOST_OPERATIONS } from '.';

const QUERY = { window: '1d', aggregate: 'namespace' };

describe('Kubecost and OpenCost routes', () => {
  it('are served by path, signed or not, next to emr-containers', async () => {
    const { api } = testSandbox();
    await api.get('/model/allocation/compute').query(QUERY).expect(200);
    const signed = await api
      .get('/model/allocation/compute')
      .set('Authorization', signedFor('eu-west-1'))
      .query(QUERY)
      .expect(200);
    expect(signed.headers['x-amzn-requestid']).toBeUndefined();
    expect(Object.keys(signed.body.data[0])).toContain('data-team-b-eu');
    await api.get('/virtualclusters').expect(200);
    const health = await api.get('/_sandbox/health').expect(200);
    expect(health.body.services).toEqual([
      'emr-containers',
      'emr-serverless',
      'kubecost',
      'iam',
      'sts',
      's3',
      'eks',
      'kubernetes',
    ]);
  });

  it('answers 404 for other paths under the prefixes and 405 for other methods', async () => {
    const { api } = testSandbox();
    const missing = await api.get('/model/clusterInfo').expect(404);
    expect(missing.text).toBe('404 page not found\n');
    await api.get('/opencost/allocation/summary').expect(404);
    await api.post('/model/allocation').send({}).expect(405);
    // A SigV4 scope naming kubecost is not an AWS service of the sandbox.
    const aws = await api
      .get('/virtualclusters')
      .set('Authorization', signedFor('us-east-1', 'kubecost'))
      .expect(400);
    expect(aws.headers['x-amzn-errortype']).toBe('UnknownServiceException');
  });
});

describe('Kubecost faults, counters and outages', () => {
  it('counts requests per operation in the stats', async () => {
    const { api, sandbox } = testSandbox();
    await api.get('/model/allocation/compute').query(QUERY).expect(200);
    await api.get('/model/allocation').query(QUERY).expect(200);
    await api.get('/model/assets').query({ window: '1d' }).expect(200);
    await api.get('/opencost/allocation').query(QUERY).expect(200);
    await api.get('/opencost/allocation/compute').query(QUERY).expect(200);
    await api.get('/opencost/assets').query({ window: '1d' }).expect(200);
    await api.get('/model/allocation/compute').query({}).expect(400);
    expect(sandbox.stats.snapshot().operations).toEqual({
      [KUBECOST_OPERATIONS.allocation]: 1,
      [KUBECOST_OPERATIONS.allocationCompute]: 2,
      [KUBECOST_OPERATIONS.assets]: 1,
      [KUBECOST_OPERATIONS.openCostAllocation]: 2,
      [KUBECOST_OPERATIONS.openCostAssets]: 1,
    });
  });

  it('injects faults by operation name, answered in the OpenCost error envelope', async () => {
    const { api, sandbox } = testSandbox();
    await api
      .post('/_sandbox/faults')
      .send({
        errorRate: 1,
        errorStatus: 503,
        operations: ['KubecostAllocationCompute'],
        count: 1,
      })
      .expect(200);
    const failed = await api
      .get('/model/allocation/compute')
      .query(QUERY)
      .expect(503);
    expect(failed.body).toEqual({
      code: 503,
      status: '',
      data: null,
      message: 'Error: Service is unavailable. Please try again later.',
    });
    await api.get('/model/allocation/compute').query(QUERY).expect(200);
    sandbox.faults.set({ throttleRate: 1, operations: ['KubecostAssets'] });
    await api.get('/model/assets').query({ window: '1d' }).expect(429);
    await api.get('/model/allocation').query(QUERY).expect(200);
    expect(sandbox.stats.snapshot().faults).toEqual({
      KubecostAllocationCompute: { throttled: 0, errors: 1, delayed: 0 },
      KubecostAssets: { throttled: 1, errors: 0, delayed: 0 },
    });
    await api
      .post('/_sandbox/faults')
      .send({ errorRate: 1, operations: ['KubecostEverything'] })
      .expect(400);
  });

  it('can be taken down (503) and brought back through the control API; reset brings it back too', async () => {
    const { api, sandbox } = testSandbox();
    expect((await api.get('/_sandbox/kubecost/down').expect(200)).body).toEqual(
      {
        down: false,
      },
    );
    const down = await api.post('/_sandbox/kubecost/down').send({}).expect(200);
    expect(down.body).toEqual({ down: true, mode: 'unavailable' });
    for (const path of ['/model/allocation/compute', '/opencost/assets']) {
      const res = await api.get(path).query(QUERY).expect(503);
      expect(res.text).toMatch(/503 Service Temporarily Unavailable/);
    }
    // emr-containers is not affected.
    await api.get('/virtualclusters').expect(200);
    expect(sandbox.stats.count('KubecostAllocationCompute')).toBe(1);
    await api.delete('/_sandbox/kubecost/down').expect(200, { down: false });
    await api.get('/model/allocation/compute').query(QUERY).expect(200);

    sandbox.kubecost.setOutage('unavailable');
    expect(sandbox.kubecost.outage()).toBe('unavailable');
    await api.post('/_sandbox/reset').expect(200);
    expect(sandbox.kubecost.outage()).toBeUndefined();
    await api
      .post('/_sandbox/kubecost/down')
      .send({ mode: 'offline' })
      .expect(400);
  });

  it('can drop connections, as an unreachable Kubecost does', async () => {
    const { sandbox } = testSandbox();
    const running = await sandbox.listen(0);
    try {
      sandbox.kubecost.setOutage('reset');
      await expect(
        httpGet(`${running.url}/model/allocation/compute?window=1d`),
      ).rejects.toThrow();
      sandbox.kubecost.setOutage(undefined);
      const ok = await httpGet(
        `${running.url}/model/allocation/compute?window=1d`,
      );
      expect(ok.status).toBe(200);
      expect(JSON.parse(ok.text).code).toBe(200);
    } finally {
      await running.close();
    }
  });
});
