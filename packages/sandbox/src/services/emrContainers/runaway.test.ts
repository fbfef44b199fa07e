import { DEMO } from '../../demo';
import { HOUR, T0, TEAM_A, testSandbox } from '../../__testUtils__';

/** What the simulated Kubecost bills a namespace over the three hours before T0. */
async function lastHoursCost(
  api: ReturnType<typeof testSandbox>['api'],
  namespace: string,
) {
  const window = `${new Date(T0 - 3 * HOUR)
    .toISOString()
    .slice(0, 19)}Z,${new Date(T0).toISOString().slice(0, 19)}Z`;
  const res = await api
    .get('/model/allocation/compute')
    .query({ window, aggregate: 'namespace', accumulate: 'true' })
    .expect(200);
  return (res.body.data[0][namespace]?.totalCost as number | undefined) ?? 0;
}

describe('runaway job runs (/_sandbox/emr-containers/runaway-runs)', () => {
  it('adds a running run of the team that the simulated Kubecost bills for the hours before now', async () => {
    const { api, sandbox } = testSandbox();
    const before = await lastHoursCost(api, TEAM_A.namespace);

    const res = await api
      .post('/_sandbox/emr-containers/runaway-runs')
      .send({ team: 'data-team-a', executors: 50 })
      .expect(201);
    expect(res.body).toEqual({
      jobRunId: expect.stringMatching(/^[0-9a-z]{19}$/),
      virtualClusterId: TEAM_A.id,
      createdAt: new Date(T0 - 3 * HOUR).toISOString(),
    });
    const view = sandbox.emrContainers.getJobRun(TEAM_A.id, res.body.jobRunId);
    expect(view?.status.state).toBe('RUNNING');
    expect(view?.run.tags).toEqual({
      team: 'data-team-a',
      job: 'runaway-backfill',
    });

    // 50 executors of 8 vCPU for three hours: hundreds of core-hours more.
    const after = await lastHoursCost(api, TEAM_A.namespace);
    expect(after - before).toBeGreaterThan(10);
    // Another team's bill stays as it was.
    const teamB = DEMO.virtualClusters['data-team-b'].namespace;
    expect(await lastHoursCost(api, teamB)).toBeCloseTo(
      await lastHoursCost(testSandbox().api, teamB),
    );
  });

  it('refuses a body without exactly one target, or out of range, naming the parameter', async () => {
    const { api } = testSandbox();
    const post = (body: object) =>
      api.post('/_sandbox/emr-containers/runaway-runs').send(body);
    expect((await post({}).expect(400)).body.message).toBe(
      'give one of virtualClusterId and team',
    );
    expect(
      (await post({ team: 'data-team-a', executors: 500 }).expect(400)).body
        .message,
    ).toMatch(/^executors: /);
    expect(
      (await post({ virtualClusterId: 'nope' }).expect(404)).body.message,
    ).toBe('No virtual cluster nope in us-east-1');
  });
});
