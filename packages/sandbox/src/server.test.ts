import request from 'supertest';
import { manualClock, systemClock } from './clock';
import { createSandbox } from './sandbox';
import { regionOf, serviceOf } from './server';
import {
  httpGet,
  jobRunsPath,
  MINUTE,
  startBody,
  T0,
  TEAM_A,
  testSandbox,
} from './__testUtils__';

const DAY_MS = 24 * 60 * 60 * 1000;

const signed = (service: string) =>
  `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20250314/us-east-1/${service}/aws4_request, SignedHeaders=host;x-amz-date, Signature=deadbeef`;

describe('service dispatch', () => {
  it('reads the service from the SigV4 credential scope', () => {
    const req = (authorization?: string, query: Record<string, string> = {}) =>
      ({ headers: authorization ? { authorization } : {}, query } as never);
    expect(serviceOf(req(signed('emr-containers')))).toBe('emr-containers');
    expect(serviceOf(req(signed('iam')))).toBe('iam');
    expect(
      serviceOf(
        req(undefined, {
          'X-Amz-Credential': 'AKID/20250314/us-east-1/sts/aws4_request',
        }),
      ),
    ).toBe('sts');
    expect(serviceOf(req())).toBeUndefined();
  });

  it('reads the region from the credential scope, us-east-1 when there is none', () => {
    const req = (authorization?: string, query: Record<string, string> = {}) =>
      ({ headers: authorization ? { authorization } : {}, query } as never);
    expect(
      regionOf(
        req(
          'AWS4-HMAC-SHA256 Credential=AKID/20250314/eu-west-1/emr-containers/aws4_request, SignedHeaders=host, Signature=x',
        ),
      ),
    ).toBe('eu-west-1');
    expect(
      regionOf(
        req(undefined, {
          'X-Amz-Credential':
            'AKID/20250314/ap-south-1/emr-containers/aws4_request',
        }),
      ),
    ).toBe('ap-south-1');
    expect(regionOf(req('garbage'))).toBe('us-east-1');
    expect(regionOf(req())).toBe('us-east-1');
  });

  it('serves emr-containers with any signature, or none', async () => {
    const { api } = testSandbox();
    const answers = await Promise.all([
      api
        .get('/virtualclusters')
        .set('Authorization', signed('emr-containers')),
      api.get('/virtualclusters').set('Authorization', 'garbage'),
      api.get('/virtualclusters'),
    ]);
    for (const res of answers) {
      expect(res.status).toBe(200);
      expect(res.body.virtualClusters).toHaveLength(2);
    }
  });

  it('refuses services it does not serve yet', async () => {
    const { api } = testSandbox();
    const res = await api
      .get('/virtualclusters')
      .set('Authorization', signed('dynamodb'))
      .expect(400);
    expect(res.headers['x-amzn-errortype']).toBe('UnknownServiceException');
    expect(res.body.message).toContain('dynamodb');
  });

  it('puts a fresh x-amzn-RequestId on every response', async () => {
    const { api } = testSandbox();
    const a = await api.get('/virtualclusters');
    const b = await api.get('/virtualclusters/nope');
    expect(a.headers['x-amzn-requestid']).toMatch(/^[0-9a-f-]{36}$/);
    expect(b.headers['x-amzn-requestid']).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.headers['x-amzn-requestid']).not.toBe(
      b.headers['x-amzn-requestid'],
    );
  });
});

describe('control API', () => {
  it('reports health and the current time', async () => {
    const { api } = testSandbox();
    const res = await api.get('/_sandbox/health').expect(200);
    expect(res.body).toEqual({
      status: 'ok',
      now: new Date(T0).toISOString(),
      services: [
        'emr-containers',
        'emr-serverless',
        'kubecost',
        'iam',
        'sts',
        's3',
        'eks',
        'kubernetes',
      ],
    });
  });

  it('advances and sets the clock, which moves job runs', async () => {
    const { api } = testSandbox();
    const started = await api.post(jobRunsPath()).send(startBody()).expect(200);
    const advanced = await api
      .post('/_sandbox/clock')
      .send({ advanceMs: 90 * MINUTE })
      .expect(200);
    expect(advanced.body.now).toBe(new Date(T0 + 90 * MINUTE).toISOString());
    const run = await api
      .get(`${jobRunsPath()}/${started.body.id}`)
      .expect(200);
    expect(['COMPLETED', 'FAILED']).toContain(run.body.jobRun.state);

    const set = await api
      .post('/_sandbox/clock')
      .send({ set: '2025-03-15T00:00:00Z' })
      .expect(200);
    expect(set.body.now).toBe('2025-03-15T00:00:00.000Z');
    expect((await api.get('/_sandbox/clock').expect(200)).body.now).toBe(
      '2025-03-15T00:00:00.000Z',
    );
  });

  it('rejects bad clock requests', async () => {
    const { api } = testSandbox();
    for (const body of [
      { set: 'not a date' },
      { advance: 5 },
      { advanceMs: '5' },
    ]) {
      const res = await api.post('/_sandbox/clock').send(body);
      expect(res.status).toBe(400);
      expect(res.body.message).toEqual(expect.any(String));
    }
    const notJson = await api
      .post('/_sandbox/clock')
      .set('Content-Type', 'application/json')
      .send('{');
    expect(notJson.status).toBe(400);
    expect(notJson.body.message).toEqual(expect.any(String));
    expect((await api.get('/_sandbox/clock')).body.now).toBe(
      new Date(T0).toISOString(),
    );
  });

  it('queues, lists and clears forced outcomes', async () => {
    const { api } = testSandbox();
    await api
      .post('/_sandbox/emr-containers/next-outcomes')
      .send({ outcome: 'FAILED', failureReason: 'USER_ERROR' })
      .expect(200);
    const listed = await api
      .get('/_sandbox/emr-containers/next-outcomes')
      .expect(200);
    expect(listed.body.outcomes).toEqual([
      { outcome: 'FAILED', failureReason: 'USER_ERROR' },
    ]);
    await api
      .post('/_sandbox/emr-containers/next-outcomes')
      .send({ outcome: 'MAYBE' })
      .expect(400);
    await api.delete('/_sandbox/emr-containers/next-outcomes').expect(200);
    expect(
      (await api.get('/_sandbox/emr-containers/next-outcomes')).body.outcomes,
    ).toEqual([]);
  });

  it('resets to the seeded data', async () => {
    const { api, sandbox } = testSandbox();
    const before = sandbox.emrContainers.listJobRuns(TEAM_A.id).length;
    const started = await api.post(jobRunsPath()).send(startBody()).expect(200);
    await api.post('/_sandbox/reset').expect(200);
    await api.get(`${jobRunsPath()}/${started.body.id}`).expect(400);
    expect(sandbox.emrContainers.listJobRuns(TEAM_A.id)).toHaveLength(before);
  });
});

describe('listen', () => {
  it('listens on 127.0.0.1 on a free port and closes', async () => {
    const sandbox = createSandbox({ clock: manualClock(T0) });
    const running = await sandbox.listen(0);
    expect(running.url).toBe(`http://127.0.0.1:${running.port}`);
    expect(running.port).toBeGreaterThan(0);
    const res = await httpGet(`${running.url}/_sandbox/health`);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text).status).toBe('ok');
    await running.close();
    await expect(httpGet(`${running.url}/_sandbox/health`)).rejects.toThrow();
  });

  it('refuses to listen on anything but loopback', async () => {
    const sandbox = createSandbox({ demoData: false });
    await expect(sandbox.listen(0, '0.0.0.0')).rejects.toThrow(/loopback/);
  });

  it('starts empty with demoData: false', async () => {
    const sandbox = createSandbox({ demoData: false });
    const res = await request(sandbox.app).get('/virtualclusters').expect(200);
    expect(res.body.virtualClusters).toEqual([]);
  });
});

describe('clocks', () => {
  it('manualClock stands still until set or advanced', () => {
    const clock = manualClock('2025-01-01T00:00:00Z');
    expect(clock.now()).toBe(Date.parse('2025-01-01T00:00:00Z'));
    clock.advance(1500);
    expect(clock.now()).toBe(Date.parse('2025-01-01T00:00:01.500Z'));
    clock.set(new Date('2024-06-01T00:00:00Z'));
    expect(clock.now()).toBe(Date.parse('2024-06-01T00:00:00Z'));
    expect(() => clock.set('garbage')).toThrow();
  });

  it('systemClock follows real time, shifted by set and advance', () => {
    const clock = systemClock();
    expect(Math.abs(clock.now() - Date.now())).toBeLessThan(50);
    clock.advance(DAY_MS);
    expect(Math.abs(clock.now() - (Date.now() + DAY_MS))).toBeLessThan(50);
    clock.set(T0);
    expect(Math.abs(clock.now() - T0)).toBeLessThan(50);
  });
});
