import {
  jobRunsPath,
  startBody,
  TEAM_A,
  TEAM_B,
  testSandbox,
} from '../../__testUtils__';

describe('StartJobRun clientToken', () => {
  it('returns the same run for the same token on the same virtual cluster, without starting another', async () => {
    const { api, sandbox } = testSandbox();
    const countBefore = sandbox.emrContainers.listJobRuns(TEAM_A.id).length;
    const body = startBody({ clientToken: 'same-token-1' });

    const first = await api.post(jobRunsPath()).send(body).expect(200);
    const second = await api.post(jobRunsPath()).send(body).expect(200);

    expect(second.body).toEqual(first.body);
    expect(sandbox.emrContainers.listJobRuns(TEAM_A.id)).toHaveLength(
      countBefore + 1,
    );
  });

  it('starts a new run for a different token', async () => {
    const { api } = testSandbox();
    const a = await api
      .post(jobRunsPath())
      .send(startBody({ clientToken: 'token-a' }))
      .expect(200);
    const b = await api
      .post(jobRunsPath())
      .send(startBody({ clientToken: 'token-b' }))
      .expect(200);
    expect(a.body.id).not.toBe(b.body.id);
  });

  it('treats the same token on another virtual cluster as a different request', async () => {
    const { api } = testSandbox();
    const body = startBody({
      clientToken: 'shared-token',
      executionRoleArn: TEAM_B.executionRoleArn,
    });
    const a = await api.post(jobRunsPath(TEAM_A.id)).send(body).expect(200);
    const b = await api.post(jobRunsPath(TEAM_B.id)).send(body).expect(200);
    expect(a.body.virtualClusterId).toBe(TEAM_A.id);
    expect(b.body.virtualClusterId).toBe(TEAM_B.id);
    expect(a.body.id).not.toBe(b.body.id);
  });

  it('keeps the original run when the token is replayed later', async () => {
    const { api, clock } = testSandbox();
    const body = startBody({ clientToken: 'replayed' });
    const first = await api.post(jobRunsPath()).send(body).expect(200);
    clock.advance(60 * 60 * 1000);
    const again = await api.post(jobRunsPath()).send(body).expect(200);
    expect(again.body.id).toBe(first.body.id);
    const run = await api.get(`${jobRunsPath()}/${first.body.id}`).expect(200);
    expect(run.body.jobRun.clientToken).toBe('replayed');
    expect(['COMPLETED', 'FAILED']).toContain(run.body.jobRun.state);
  });
});
