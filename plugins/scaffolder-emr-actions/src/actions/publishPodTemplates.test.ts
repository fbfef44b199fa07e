import { CheckpointStore, mockContext } from '../__testUtils__/context';
import {
  BUCKET,
  offlineActions,
  run,
  TEAM_X,
  useSandbox,
  DATA_TEAM_A,
} from '../__testUtils__/sandbox';

const ID = 'emr:podTemplates:publish';

describe('emr:podTemplates:publish', () => {
  const env = useSandbox();
  const keys = () =>
    env.sandbox.s3
      .listObjects(BUCKET)
      .map(o => o.key)
      .sort();

  it("uploads the four templates under the namespace's prefix of the cluster's bucket", async () => {
    const actions = env.actions();
    await run(actions, 'emr:namespace:prepare', TEAM_X).done;
    const { done, outputs } = run(actions, ID, TEAM_X);
    await done;
    expect(keys()).toEqual([
      'pod-templates/team-x/critical-driver.yaml',
      'pod-templates/team-x/critical-executor.yaml',
      'pod-templates/team-x/non-critical-driver.yaml',
      'pod-templates/team-x/non-critical-executor.yaml',
    ]);
    expect(outputs.nonCriticalDriverUri).toBe(
      `s3://${BUCKET}/pod-templates/team-x/non-critical-driver.yaml`,
    );
  });

  it('re-runs after a mid-way failure without duplicates', async () => {
    const actions = env.actions();
    const store = new CheckpointStore();
    await run(actions, 'emr:namespace:prepare', TEAM_X, { store }).done;
    // The second template upload fails; the retry (same task) finishes the job.
    env.sandbox.faults.set({
      errorRate: 1,
      operations: ['PutObject'],
      count: 1,
    });
    await expect(run(actions, ID, TEAM_X, { store }).done).rejects.toThrow();
    env.sandbox.faults.clear();
    await run(actions, ID, TEAM_X, { store }).done;
    expect(keys()).toHaveLength(4);
  });

  describe('dry run', () => {
    it('logs the templates and their URIs', async () => {
      const { ctx, outputs, log } = mockContext(DATA_TEAM_A, {
        isDryRun: true,
      });
      await offlineActions()[ID].handler(ctx as any);
      expect(outputs.nonCriticalExecutorUri).toBe(
        's3://analytics-assets-123456789012/pod-templates/data-team-a/non-critical-executor.yaml',
      );
      expect(outputs.criticalDriverUri).toBe(
        's3://analytics-assets-123456789012/pod-templates/data-team-a/critical-driver.yaml',
      );
      expect(log.text()).toContain('eks.amazonaws.com/capacityType: SPOT');
    });

    it('against the sandbox, writes nothing', async () => {
      const actions = env.actions();
      await run(actions, 'emr:namespace:prepare', TEAM_X).done;
      env.sandbox.stats.reset();
      await run(actions, ID, TEAM_X, { isDryRun: true }).done;
      expect(env.writes()).toBe(0);
      expect(keys()).toEqual([]);
    });
  });
});
