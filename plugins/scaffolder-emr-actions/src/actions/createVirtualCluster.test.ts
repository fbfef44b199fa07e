import { DescribeVirtualClusterCommand } from '@aws-sdk/client-emr-containers';
import { DEMO } from '@emr-eks/sandbox';
import { CheckpointStore, mockContext } from '../__testUtils__/context';
import {
  offlineActions,
  run,
  TEAM_X,
  useSandbox,
  DATA_TEAM_A,
  expectInvalid,
} from '../__testUtils__/sandbox';

const ID = 'emr:virtualCluster:create';
const INPUT = { ...TEAM_X, name: 'team-x' };

describe('emr:virtualCluster:create', () => {
  const env = useSandbox();

  it('creates the virtual cluster on the namespace, tagged with the team the catalog takes as owner', async () => {
    const actions = env.actions();
    await run(actions, 'emr:namespace:prepare', TEAM_X).done;
    const vc = run(actions, ID, INPUT);
    await vc.done;
    expect(vc.outputs.virtualClusterArn).toMatch(
      /^arn:aws:emr-containers:us-east-1:123456789012:\/virtualclusters\/[0-9a-z]+$/,
    );
    expect(vc.outputs.reused).toBe(false);
    const emr = await env
      .clients()
      .emrContainers({ accountId: DEMO.accountId, region: 'us-east-1' });
    const described = await emr.send(
      new DescribeVirtualClusterCommand({
        id: vc.outputs.virtualClusterId as string,
      }),
    );
    // The catalog's entity provider takes the owner from this tag.
    expect(described.virtualCluster?.tags?.team).toBe('team-x');
    expect(
      described.virtualCluster?.containerProvider?.info?.eksInfo?.namespace,
    ).toBe('team-x');
  });

  it('replays its checkpoint on a retry, finds its cluster by name when the checkpoint is lost, and reuses a RUNNING one for another task', async () => {
    const actions = env.actions();
    await run(actions, 'emr:namespace:prepare', TEAM_X).done;
    const store = new CheckpointStore();
    const a = run(actions, ID, INPUT, { store });
    await a.done;
    const b = run(actions, ID, INPUT, { store });
    await b.done;
    const c = run(actions, ID, INPUT);
    await c.done;
    expect(env.sandbox.stats.count('CreateVirtualCluster')).toBe(1);
    expect(b.outputs.virtualClusterId).toBe(a.outputs.virtualClusterId);
    expect(c.outputs.virtualClusterId).toBe(a.outputs.virtualClusterId);
    // Same task: its own cluster. Another task finds a RUNNING one and reuses it.
    expect(c.outputs.reused).toBe(false);
    const other = run(actions, ID, INPUT, { taskId: 'task-0002' });
    await other.done;
    expect(other.outputs.reused).toBe(true);
    expect(env.sandbox.stats.count('CreateVirtualCluster')).toBe(1);
  });

  it('refuses a virtual cluster on a namespace EMR was not given', async () => {
    const { done } = run(env.actions(), ID, {
      ...TEAM_X,
      namespace: 'not-prepared',
      name: 'x',
    });
    await expect(done).rejects.toThrow(
      /namespace not-prepared does not exist on analytics-prod; prepare it/,
    );
    expect(env.sandbox.stats.count('CreateVirtualCluster')).toBe(0);
  });

  describe('dry run', () => {
    it('outputs the entity ref the catalog will use', async () => {
      const { ctx, outputs, log } = mockContext(
        { ...DATA_TEAM_A, name: 'data-team-a' },
        { isDryRun: true },
      );
      await offlineActions()[ID].handler(ctx as any);
      expect(outputs.entityRef).toBe('resource:default/data-team-a-us-east-1');
      expect(log.text()).toContain('"team": "data-team-a"');
    });

    it('against the sandbox, writes nothing', async () => {
      env.sandbox.stats.reset();
      await run(env.actions(), ID, INPUT, { isDryRun: true }).done;
      expect(env.writes()).toBe(0);
    });
  });

  it('names the field of a bad name and calls nothing', () =>
    expectInvalid(
      ID,
      { ...TEAM_X, name: 'has space' },
      /name: must be 1-64 characters/,
    ));
});
