import { manualClock } from '../../clock';
import {
  HOUR,
  jobRunsPath,
  MINUTE,
  SECOND,
  startBody,
  T0,
  TEAM_A,
  testSandbox,
} from '../../__testUtils__';
import {
  FAILURE_REASON_TAG,
  NEW_RUN_SECONDS,
  OUTCOME_TAG,
  StartJobRunRequest,
} from './store';

const describeRun = (api: ReturnType<typeof testSandbox>['api'], id: string) =>
  api
    .get(`${jobRunsPath()}/${id}`)
    .expect(200)
    .then(r => r.body.jobRun);

/** Starts a data-team-a run through the API; its StartJobRun answer. */
const startRun = async (api: ReturnType<typeof testSandbox>['api']) =>
  (await api.post(jobRunsPath()).send(startBody()).expect(200)).body;

/** Queues an outcome through the control API, then starts a run. */
async function startWithQueuedOutcome(
  t: ReturnType<typeof testSandbox>,
  outcome: Record<string, string>,
) {
  await t.api
    .post('/_sandbox/emr-containers/next-outcomes')
    .send(outcome)
    .expect(200);
  return startRun(t.api);
}

/** Steps the clock and records each state a run shows, in order. */
async function observeStates(t: ReturnType<typeof testSandbox>, id: string) {
  const seen: {
    state: string;
    finishedAt?: string;
    failureReason?: string;
    stateDetails?: string;
  }[] = [];
  for (let i = 0; i < 1000; i++) {
    const run = await describeRun(t.api, id);
    if (seen[seen.length - 1]?.state !== run.state) seen.push(run);
    if (['COMPLETED', 'FAILED', 'CANCELLED'].includes(run.state)) return seen;
    t.clock.advance(500);
  }
  throw new Error('run never reached a terminal state');
}

describe('job run lifecycle', () => {
  it('goes PENDING → SUBMITTED → RUNNING → COMPLETED as the clock advances, with finishedAt only at the end', async () => {
    const t = testSandbox();
    const body = await startWithQueuedOutcome(t, { outcome: 'COMPLETED' });

    const seen = await observeStates(t, body.id);

    expect(seen.map(r => r.state)).toEqual([
      'PENDING',
      'SUBMITTED',
      'RUNNING',
      'COMPLETED',
    ]);
    expect(seen.slice(0, 3).every(r => r.finishedAt === undefined)).toBe(true);
    const done = seen[3];
    expect(Date.parse(done.finishedAt!)).toBeLessThanOrEqual(t.clock.now());
    expect(done.failureReason).toBeUndefined();
  });

  it('switches state exactly at the planned times', async () => {
    const t = testSandbox();
    const body = await startRun(t.api);
    const { plan } = t.sandbox.emrContainers.getJobRun(TEAM_A.id, body.id)!.run;

    const stateAt = async (time: number) => {
      t.clock.set(time);
      return (await describeRun(t.api, body.id)).state;
    };
    expect(await stateAt(plan.submittedAt - 1)).toBe('PENDING');
    expect(await stateAt(plan.submittedAt)).toBe('SUBMITTED');
    expect(await stateAt(plan.runningAt - 1)).toBe('SUBMITTED');
    expect(await stateAt(plan.runningAt)).toBe('RUNNING');
    expect(await stateAt(plan.endsAt - 1)).toBe('RUNNING');
    expect(await stateAt(plan.endsAt)).toBe(plan.outcome);
  });

  it('ends FAILED with failureReason and stateDetails when a failure is queued', async () => {
    const t = testSandbox();
    const body = await startWithQueuedOutcome(t, {
      outcome: 'FAILED',
      failureReason: 'USER_ERROR',
      stateDetails: 'Driver pod exited with code 1',
    });

    const seen = await observeStates(t, body.id);

    expect(seen.map(r => r.state)).toEqual([
      'PENDING',
      'SUBMITTED',
      'RUNNING',
      'FAILED',
    ]);
    expect(seen[2].failureReason).toBeUndefined();
    expect(seen[3]).toMatchObject({
      failureReason: 'USER_ERROR',
      stateDetails: 'Driver pod exited with code 1',
    });
    expect(seen[3].finishedAt).toEqual(expect.any(String));
  });

  it('uses queued outcomes in order, one per new run', async () => {
    const t = testSandbox();
    t.sandbox.emrContainers.queueOutcome({ outcome: 'FAILED' });
    t.sandbox.emrContainers.queueOutcome({ outcome: 'COMPLETED' });
    const first = await startRun(t.api);
    const second = await startRun(t.api);
    t.clock.advance(2 * HOUR);

    const a = await describeRun(t.api, first.id);
    const b = await describeRun(t.api, second.id);
    expect(a.state).toBe('FAILED');
    expect(a.failureReason).toEqual(expect.any(String));
    expect(a.stateDetails).toEqual(expect.any(String));
    expect(b.state).toBe('COMPLETED');
    expect(t.sandbox.emrContainers.queuedOutcomes).toHaveLength(0);
  });

  it('lets a tag force the outcome', async () => {
    const t = testSandbox();
    const { body } = await t.api
      .post(jobRunsPath())
      .send(
        startBody({
          tags: {
            [OUTCOME_TAG]: 'FAILED',
            [FAILURE_REASON_TAG]: 'CLUSTER_UNAVAILABLE',
          },
        }),
      )
      .expect(200);
    t.clock.advance(2 * HOUR);
    const run = await describeRun(t.api, body.id);
    expect(run.state).toBe('FAILED');
    expect(run.failureReason).toBe('CLUSTER_UNAVAILABLE');
  });

  it('speeds new runs up by the accelerate factor', () => {
    const duration = (accelerate: number) => {
      const { sandbox } = testSandbox({ accelerate });
      const request = { ...startBody(), virtualClusterId: TEAM_A.id };
      const { plan } = sandbox.emrContainers.startJobRun(
        request as unknown as StartJobRunRequest,
      ).run;
      return plan.endsAt - plan.createdAt;
    };
    const phases = [
      NEW_RUN_SECONDS.pending,
      NEW_RUN_SECONDS.submitted,
      NEW_RUN_SECONDS.running,
    ];
    const fastest = phases.reduce((sum, [min]) => sum + min, 0) * SECOND;
    const slowest = phases.reduce((sum, [, max]) => sum + max, 0) * SECOND;

    const realLife = duration(1);
    expect(realLife).toBeGreaterThanOrEqual(fastest);
    expect(realLife).toBeLessThanOrEqual(slowest);

    const sixtyTimes = duration(60);
    expect(sixtyTimes).toBeGreaterThanOrEqual(fastest / 60 - 3);
    expect(sixtyTimes).toBeLessThanOrEqual(slowest / 60 + 3);
  });
});

describe('cancelling a job run', () => {
  it('goes CANCEL_PENDING → CANCELLED, then refuses to cancel again', async () => {
    const t = testSandbox();
    const body = await startRun(t.api);
    const { plan } = t.sandbox.emrContainers.getJobRun(TEAM_A.id, body.id)!.run;
    t.clock.set(plan.runningAt);

    const cancel = await t.api
      .delete(`${jobRunsPath()}/${body.id}`)
      .expect(200);
    expect(cancel.body).toEqual({ id: body.id, virtualClusterId: TEAM_A.id });

    const pending = await describeRun(t.api, body.id);
    expect(pending.state).toBe('CANCEL_PENDING');
    expect(pending.finishedAt).toBeUndefined();

    // Cancelling a run that is already being cancelled is accepted.
    await t.api.delete(`${jobRunsPath()}/${body.id}`).expect(200);

    t.clock.advance(5 * MINUTE);
    const cancelled = await describeRun(t.api, body.id);
    expect(cancelled.state).toBe('CANCELLED');
    expect(Date.parse(cancelled.finishedAt)).toBeGreaterThan(plan.runningAt);
    expect(Date.parse(cancelled.finishedAt)).toBeLessThanOrEqual(t.clock.now());

    const again = await t.api.delete(`${jobRunsPath()}/${body.id}`).expect(400);
    expect(again.headers['x-amzn-errortype']).toBe('ValidationException');
    expect(again.body.message).toContain(
      `Job run ${body.id} is in a terminal state`,
    );
  });

  it('can cancel a run that is still PENDING', async () => {
    const t = testSandbox();
    const body = await startRun(t.api);
    expect((await describeRun(t.api, body.id)).state).toBe('PENDING');
    await t.api.delete(`${jobRunsPath()}/${body.id}`).expect(200);
    expect((await describeRun(t.api, body.id)).state).toBe('CANCEL_PENDING');
    t.clock.advance(2 * HOUR);
    expect((await describeRun(t.api, body.id)).state).toBe('CANCELLED');
  });

  it('refuses to cancel a COMPLETED or FAILED run', async () => {
    const t = testSandbox();
    for (const outcome of ['COMPLETED', 'FAILED'] as const) {
      t.sandbox.emrContainers.queueOutcome({ outcome });
      const body = await startRun(t.api);
      t.clock.advance(2 * HOUR);
      expect((await describeRun(t.api, body.id)).state).toBe(outcome);
      const res = await t.api.delete(`${jobRunsPath()}/${body.id}`).expect(400);
      expect(res.headers['x-amzn-errortype']).toBe('ValidationException');
      expect(res.body.message).toMatch(/terminal state/);
      expect((await describeRun(t.api, body.id)).state).toBe(outcome);
    }
  });
});

describe('seeded runs', () => {
  it('move on with the clock too: in-flight runs are all finished two hours later', async () => {
    const clock = manualClock(T0);
    const t = testSandbox({ clock });
    const active = ['PENDING', 'SUBMITTED', 'RUNNING'];
    const inFlight = t.sandbox.emrContainers
      .listJobRuns(TEAM_A.id)
      .filter(v => active.includes(v.status.state));
    expect(inFlight.length).toBeGreaterThan(0);

    clock.advance(2 * HOUR);

    for (const { run } of inFlight) {
      const state = t.sandbox.emrContainers.getJobRun(TEAM_A.id, run.id)!.status
        .state;
      expect(active).not.toContain(state);
    }
  });
});
