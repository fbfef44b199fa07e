import { MINUTE, testSandbox, TestSandbox } from '../../__testUtils__';

const NS = 'data-team-a';
const APPS = `/k8s/analytics-shared/apis/sparkoperator.k8s.io/v1beta2/namespaces/${NS}/sparkapplications`;
const QUEUE = '/_sandbox/kubernetes/next-outcomes';

let env: TestSandbox;
beforeEach(() => {
  env = testSandbox();
});

function create(name: string, restartPolicy = 'Never') {
  return env.api
    .post(APPS)
    .set('content-type', 'application/json')
    .send(
      JSON.stringify({
        apiVersion: 'sparkoperator.k8s.io/v1beta2',
        kind: 'SparkApplication',
        metadata: { name },
        spec: {
          type: 'Python',
          mainApplicationFile: 's3://b/x.py',
          restartPolicy: { type: restartPolicy },
        },
      }),
    )
    .expect(201);
}

async function stateOf(name: string) {
  const app = await env.api.get(`${APPS}/${name}`).expect(200);
  return app.body.status?.applicationState?.state;
}

describe('/_sandbox/kubernetes/next-outcomes', () => {
  it('gives the next new Spark jobs the queued outcomes; a server takes none', async () => {
    await env.api.post(QUEUE).send({ outcome: 'FAILED' }).expect(200);
    const queued = await env.api
      .post(QUEUE)
      .send({ outcome: 'COMPLETED' })
      .expect(200);
    expect(queued.body).toEqual({ outcomes: ['FAILED', 'COMPLETED'] });

    await create('server', 'Always');
    await stateOf('server');
    await create('first');
    await create('second');
    await stateOf('second');
    expect((await env.api.get(QUEUE).expect(200)).body.outcomes).toEqual([]);

    env.clock.advance(60 * MINUTE);
    expect(await stateOf('first')).toBe('FAILED');
    expect(await stateOf('second')).toBe('COMPLETED');
    expect(await stateOf('server')).toBe('RUNNING');
  });

  it('refuses an outcome the operator has not, and a reset empties the queue', async () => {
    const refused = await env.api
      .post(QUEUE)
      .send({ outcome: 'SUCCESS' })
      .expect(400);
    expect(refused.body.message).toMatch(/outcome/);

    await env.api.post(QUEUE).send({ outcome: 'FAILED' }).expect(200);
    await env.api.post('/_sandbox/reset').expect(200);
    expect((await env.api.get(QUEUE).expect(200)).body.outcomes).toEqual([]);
    await env.api.post(QUEUE).send({ outcome: 'FAILED' }).expect(200);
    await env.api.delete(QUEUE).expect(200, { outcomes: [] });
  });
});

describe('the demo tenants’ namespaces', () => {
  it('carry the labels emr:namespace:prepare puts on a tenant, so the templates accept them', async () => {
    const ns = await env.api
      .get(`/k8s/analytics-shared/api/v1/namespaces/${NS}`)
      .expect(200);
    expect(ns.body.metadata.labels).toMatchObject({
      'app.kubernetes.io/managed-by': 'backstage',
      'backstage.io/team': 'data-team-a',
    });
    expect(ns.body.metadata.annotations).toEqual({
      'backstage.io/owner': 'group:default/data-team-a',
    });
  });
});
