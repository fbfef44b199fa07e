import { DEMO } from '../../demo';
import {
  DAY,
  endpointBody,
  ENDPOINTS_A,
  ENDPOINTS_B,
  HOUR,
  T0,
  TEAM_A,
  TEAM_B,
  testSandbox,
} from '../../__testUtils__';
import { NEW_ENDPOINT_SECONDS } from './endpoints';
import { FAILURE_REASON_TAG, OUTCOME_TAG } from './store';

type T = ReturnType<typeof testSandbox>;

const endpointsPath = (virtualClusterId: string = TEAM_A.id) =>
  `/virtualclusters/${virtualClusterId}/endpoints`;

const describeEndpoint = async (t: T, id: string, cluster = TEAM_A.id) =>
  (await t.api.get(`${endpointsPath(cluster)}/${id}`).expect(200)).body
    .endpoint;

/** Steps the clock and records each state an endpoint shows, in order. */
async function observe(t: T, id: string, until: string[]) {
  const seen: Record<string, any>[] = [];
  for (let i = 0; i < 2000; i++) {
    const endpoint = await describeEndpoint(t, id);
    if (seen[seen.length - 1]?.state !== endpoint.state) seen.push(endpoint);
    if (until.includes(endpoint.state)) return seen;
    t.clock.advance(500);
  }
  throw new Error(`endpoint never reached ${until.join(' or ')}`);
}

describe('managed endpoint lifecycle', () => {
  it('goes CREATING → ACTIVE within the accelerated creation time, with serverUrl only once ACTIVE', async () => {
    const t = testSandbox();
    const created = await t.api
      .post(endpointsPath())
      .send(endpointBody({ name: 'notebooks-lifecycle' }))
      .expect(200);
    expect(Object.keys(created.body).sort()).toEqual([
      'arn',
      'id',
      'name',
      'virtualClusterId',
    ]);
    expect(created.body.arn).toBe(
      `arn:aws:emr-containers:us-east-1:123456789012:/virtualclusters/${TEAM_A.id}/endpoints/${created.body.id}`,
    );
    expect(created.body.id).toMatch(/^[0-9a-z]{25}$/);

    const seen = await observe(t, created.body.id, ['ACTIVE']);
    expect(seen.map(e => e.state)).toEqual(['CREATING', 'ACTIVE']);
    expect(seen[0].serverUrl).toBeUndefined();
    const active = seen[1];
    expect(active.serverUrl).toBe(
      `https://${created.body.id}.${TEAM_A.id}.emr-containers.us-east-1.amazonaws.com`,
    );
    const tookMs = t.clock.now() - T0;
    const [min, max] = NEW_ENDPOINT_SECONDS.creating;
    expect(tookMs).toBeGreaterThanOrEqual((min * 1000) / 30 - 500);
    expect(tookMs).toBeLessThanOrEqual((max * 1000) / 30 + 500);
    expect(active).toMatchObject({
      id: created.body.id,
      name: 'notebooks-lifecycle',
      virtualClusterId: TEAM_A.id,
      type: 'JUPYTER_ENTERPRISE_GATEWAY',
      releaseLabel: 'emr-7.1.0-latest',
      executionRoleArn: TEAM_A.executionRoleArn,
      createdAt: '2025-03-14T15:00:00Z',
    });
    expect(active.securityGroup).toMatch(/^sg-[0-9a-f]{17}$/);
    expect(active.subnetIds).toHaveLength(2);
    for (const subnet of active.subnetIds) {
      expect(subnet).toMatch(/^subnet-[0-9a-f]{17}$/);
    }
    expect(active.failureReason).toBeUndefined();
    expect(active.certificateArn).toBeUndefined();
  });

  it('deletes: TERMINATING (still with serverUrl) → TERMINATED (without), and refuses a second delete once terminated', async () => {
    const t = testSandbox();
    const { body } = await t.api
      .post(endpointsPath())
      .send(endpointBody())
      .expect(200);
    t.clock.advance(HOUR);
    expect((await describeEndpoint(t, body.id)).state).toBe('ACTIVE');

    const deleted = await t.api
      .delete(`${endpointsPath()}/${body.id}`)
      .expect(200);
    expect(deleted.body).toEqual({ id: body.id, virtualClusterId: TEAM_A.id });
    const terminating = await describeEndpoint(t, body.id);
    expect(terminating.state).toBe('TERMINATING');
    expect(terminating.serverUrl).toEqual(expect.any(String));

    // Deleting while TERMINATING is accepted and changes nothing.
    const plan = {
      ...t.sandbox.emrContainers.getEndpoint(TEAM_A.id, body.id)!.endpoint.plan,
    };
    t.clock.advance(1000);
    await t.api.delete(`${endpointsPath()}/${body.id}`).expect(200);
    expect(
      t.sandbox.emrContainers.getEndpoint(TEAM_A.id, body.id)!.endpoint.plan,
    ).toEqual(plan);

    const seen = await observe(t, body.id, ['TERMINATED']);
    const terminated = seen[seen.length - 1];
    expect(terminated.state).toBe('TERMINATED');
    expect(terminated.serverUrl).toBeUndefined();
    expect(plan.terminatedAt! - plan.deleteRequestedAt!).toBeLessThanOrEqual(
      (NEW_ENDPOINT_SECONDS.terminating[1] * 1000) / 30,
    );

    const again = await t.api.delete(`${endpointsPath()}/${body.id}`);
    expect(again.status).toBe(400);
    expect(again.headers['x-amzn-errortype']).toBe('ValidationException');
    expect(again.body.message).toContain(body.id);
  });

  it('can be deleted while CREATING and then never becomes ACTIVE', async () => {
    const t = testSandbox();
    const { body } = await t.api
      .post(endpointsPath())
      .send(endpointBody())
      .expect(200);
    await t.api.delete(`${endpointsPath()}/${body.id}`).expect(200);
    const seen = await observe(t, body.id, ['TERMINATED']);
    expect(seen.map(e => e.state)).toEqual(['TERMINATING', 'TERMINATED']);
  });

  it.each([
    [undefined, 'CLUSTER_UNAVAILABLE'],
    ['VALIDATION_ERROR', 'VALIDATION_ERROR'],
  ])(
    'ends TERMINATED_WITH_ERRORS when tagged sandbox:outcome (failureReason %s)',
    async (reason, expected) => {
      const t = testSandbox();
      const tags: Record<string, string> = {
        [OUTCOME_TAG]: 'TERMINATED_WITH_ERRORS',
        team: 'data-team-a',
      };
      if (reason) tags[FAILURE_REASON_TAG] = reason;
      const { body } = await t.api
        .post(endpointsPath())
        .send(endpointBody({ tags }))
        .expect(200);
      const seen = await observe(t, body.id, [
        'ACTIVE',
        'TERMINATED_WITH_ERRORS',
      ]);
      expect(seen.map(e => e.state)).toEqual([
        'CREATING',
        'TERMINATED_WITH_ERRORS',
      ]);
      const failed = seen[1];
      expect(failed.failureReason).toBe(expected);
      expect(failed.stateDetails.length).toBeGreaterThan(20);
      expect(failed.serverUrl).toBeUndefined();
      // A failed endpoint is terminal: nothing left to delete.
      const res = await t.api.delete(`${endpointsPath()}/${body.id}`);
      expect(res.headers['x-amzn-errortype']).toBe('ValidationException');
    },
  );

  it('is idempotent on clientToken within a virtual cluster', async () => {
    const t = testSandbox();
    const body = endpointBody({ clientToken: 'same-token' });
    const a = await t.api.post(endpointsPath()).send(body).expect(200);
    const b = await t.api
      .post(endpointsPath())
      .send({ ...body, name: 'other-name' })
      .expect(200);
    expect(b.body).toEqual(a.body);
    const other = await t.api
      .post(endpointsPath(TEAM_B.id))
      .send({ ...body, executionRoleArn: TEAM_B.executionRoleArn })
      .expect(200);
    expect(other.body.id).not.toBe(a.body.id);
    expect(t.sandbox.emrContainers.listEndpoints(TEAM_A.id)).toHaveLength(3);
  });

  it('keeps an optional (deprecated) certificateArn and the configuration overrides', async () => {
    const t = testSandbox();
    const certificateArn =
      'arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b';
    const configurationOverrides = {
      applicationConfiguration: [
        {
          classification: 'spark-defaults',
          properties: { 'spark.driver.memory': '2G' },
        },
      ],
    };
    const { body } = await t.api
      .post(endpointsPath())
      .send(endpointBody({ certificateArn, configurationOverrides }))
      .expect(200);
    const endpoint = await describeEndpoint(t, body.id);
    expect(endpoint.certificateArn).toBe(certificateArn);
    expect(endpoint.configurationOverrides).toEqual(configurationOverrides);
  });

  it.each([
    ['an unsupported type', { type: 'JUPYTER_NOTEBOOK' }, /JUPYTER_NOTEBOOK/],
    ['a missing releaseLabel', { releaseLabel: undefined }, /releaseLabel/],
    [
      'a malformed role',
      { executionRoleArn: 'arn:aws:iam::123456789012:user/x' },
      /executionRoleArn/,
    ],
  ])('rejects %s', async (_label, overrides, message) => {
    const t = testSandbox();
    const res = await t.api.post(endpointsPath()).send(endpointBody(overrides));
    expect(res.status).toBe(400);
    expect(res.headers['x-amzn-errortype']).toBe('ValidationException');
    expect(res.body.message).toMatch(message);
  });

  it('answers ResourceNotFoundException for unknown clusters and endpoints, and endpoints asked for under another cluster', async () => {
    const t = testSandbox();
    const unknownCluster = '0123456789abcdefghijklmno';
    for (const call of [
      t.api.get(endpointsPath(unknownCluster)),
      t.api.post(endpointsPath(unknownCluster)).send(endpointBody()),
      t.api.get(`${endpointsPath()}/nosuchendpoint`),
      t.api.delete(`${endpointsPath()}/nosuchendpoint`),
      t.api.get(`${endpointsPath(TEAM_B.id)}/${ENDPOINTS_A.active.id}`),
    ]) {
      const res = await call;
      expect(res.status).toBe(400);
      expect(res.headers['x-amzn-errortype']).toBe('ResourceNotFoundException');
    }
  });
});

describe('ListManagedEndpoints', () => {
  it('lists newest first and filters by states, types and creation window', async () => {
    const t = testSandbox();
    const created = await t.api
      .post(endpointsPath())
      .send(endpointBody())
      .expect(200);
    const list = async (query: Record<string, unknown> = {}) =>
      (await t.api.get(endpointsPath()).query(query).expect(200)).body
        .endpoints as { id: string; state: string }[];

    expect((await list()).map(e => e.id)).toEqual([
      created.body.id,
      ENDPOINTS_A.active.id,
      ENDPOINTS_A.terminated.id,
    ]);
    expect((await list({ states: 'ACTIVE' })).map(e => e.id)).toEqual([
      ENDPOINTS_A.active.id,
    ]);
    expect(
      (await list({ states: ['CREATING', 'TERMINATED'] })).map(e => e.id),
    ).toEqual([created.body.id, ENDPOINTS_A.terminated.id]);
    expect(await list({ types: 'SOMETHING_ELSE' })).toEqual([]);
    expect(await list({ types: 'JUPYTER_ENTERPRISE_GATEWAY' })).toHaveLength(3);
    expect(
      (
        await list({
          createdAfter: new Date(T0 - 100 * DAY).toISOString(),
          createdBefore: new Date(T0).toISOString(),
        })
      ).map(e => e.id),
    ).toEqual([ENDPOINTS_A.active.id]);

    const bad = await t.api.get(endpointsPath()).query({ states: 'DONE' });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain("Value 'DONE' at 'states.1.member'");
  });

  it('pages with maxResults and nextToken', async () => {
    const t = testSandbox();
    for (let i = 0; i < 3; i++) {
      await t.api.post(endpointsPath()).send(endpointBody()).expect(200);
      t.clock.advance(1000);
    }
    const ids: string[] = [];
    let nextToken: string | undefined;
    let pages = 0;
    do {
      const res = await t.api
        .get(endpointsPath())
        .query({ maxResults: 2, ...(nextToken ? { nextToken } : {}) })
        .expect(200);
      ids.push(...res.body.endpoints.map((e: { id: string }) => e.id));
      nextToken = res.body.nextToken;
      pages++;
    } while (nextToken);
    expect(pages).toBe(3);
    expect(new Set(ids).size).toBe(5);
    const bogus = await t.api
      .get(endpointsPath())
      .query({ nextToken: 'not-a-token' });
    expect(bogus.headers['x-amzn-errortype']).toBe('ValidationException');
  });
});

describe('demo endpoints', () => {
  it.each([
    ['data-team-a', TEAM_A, ENDPOINTS_A],
    ['data-team-b', TEAM_B, ENDPOINTS_B],
  ] as const)(
    '%s has one ACTIVE notebooks endpoint and one TERMINATED, tagged with the team',
    async (team, cluster, endpoints) => {
      const t = testSandbox();
      const res = await t.api.get(endpointsPath(cluster.id)).expect(200);
      const byId = Object.fromEntries(
        res.body.endpoints.map((e: { id: string }) => [e.id, e]),
      );
      expect(Object.keys(byId).sort()).toEqual(
        [endpoints.active.id, endpoints.terminated.id].sort(),
      );
      expect(byId[endpoints.active.id]).toMatchObject({
        name: `notebooks-${team}`,
        arn: endpoints.active.arn,
        state: 'ACTIVE',
        type: 'JUPYTER_ENTERPRISE_GATEWAY',
        executionRoleArn: cluster.executionRoleArn,
        serverUrl: `https://${endpoints.active.id}.${cluster.id}.emr-containers.us-east-1.amazonaws.com`,
        tags: { team },
      });
      expect(byId[endpoints.terminated.id]).toMatchObject({
        name: endpoints.terminated.name,
        state: 'TERMINATED',
        tags: { team },
      });
      expect(byId[endpoints.terminated.id].serverUrl).toBeUndefined();
      expect(Date.parse(byId[endpoints.active.id].createdAt)).toBeLessThan(
        T0 - DAY,
      );
    },
  );

  it('uses the same two EKS subnets for every endpoint on the cluster', async () => {
    const t = testSandbox();
    const subnets = [TEAM_A, TEAM_B].flatMap(c =>
      t.sandbox.emrContainers
        .listEndpoints(c.id)
        .map(v => v.endpoint.subnetIds),
    );
    expect(new Set(subnets.map(s => s.join()))).toEqual(
      new Set([subnets[0].join()]),
    );
    expect(DEMO.managedEndpoints['data-team-b'].active.name).toBe(
      'notebooks-data-team-b',
    );
  });
});
