import { createSandbox } from '@emr-eks/sandbox';
import { ConflictError } from '@backstage/errors';
import { DefaultClientFactory } from '../lib/clients';
import type { TaskRunStatus, TaskRuns } from '../lib/taskRuns';
import {
  mockContext,
  testAuthorizer,
  testConfig,
} from '../__testUtils__/context';
import { createEmrEksActions } from '.';

// Resources belong to the tenant, not to the task that made them: what a run that did not
// complete left behind is the next run's, and goes with it if that run fails.
const EKS = 'analytics-shared';
const TASK_ID_TAG = 'backstage.io/scaffolder-task-id';

describe('tenant ownership across runs', () => {
  const sandbox = createSandbox({ seed: 5, accelerate: 600 });
  let running: Awaited<ReturnType<typeof sandbox.listen>>;
  const statuses = new Map<string, TaskRunStatus | undefined>();
  const tasks: TaskRuns = {
    status: async id => (statuses.has(id) ? statuses.get(id) : 'completed'),
  };

  beforeAll(async () => {
    running = await sandbox.listen(0);
  });
  afterAll(() => running.close());
  beforeEach(() => {
    sandbox.reset();
    statuses.clear();
  });

  function setup() {
    const { root, config } = testConfig({
      url: `${running.url}/k8s/${EKS}`,
      endpoint: running.url,
      eksClusterName: EKS,
    });
    const actions = createEmrEksActions({
      config,
      clients: DefaultClientFactory.fromConfig(root, config),
      authorizer: testAuthorizer(),
      tasks,
    });
    return Object.fromEntries(actions.map(a => [a.id, a]));
  }
  const tenant = {
    cluster: 'analytics-prod',
    namespace: 'team-x',
    owner: 'group:default/team-x',
  };
  const role = { ...tenant, roleName: 'team-x-exec' };

  async function leftBy(taskId: string, status: TaskRunStatus | undefined) {
    const actions = setup();
    await actions['emr:namespace:prepare'].handler(
      mockContext(tenant, { taskId }).ctx as any,
    );
    await actions['emr:role:create'].handler(
      mockContext(role, { taskId }).ctx as any,
    );
    statuses.set(taskId, status);
    return actions;
  }

  /** The next run: Pod Identity associations fail, so the role step rolls back. */
  async function failingRun(actions: Record<string, any>) {
    sandbox.faults.set({
      errorRate: 1,
      operations: ['CreatePodIdentityAssociation'],
    });
    const next = mockContext(
      { ...role, identity: 'podIdentity' },
      { taskId: 'task-next' },
    );
    await expect(
      actions['emr:role:create'].handler(next.ctx as any),
    ).rejects.toThrow();
    sandbox.faults.clear();
    return next;
  }

  it.each([
    ['was lost in a crash', undefined],
    ['failed', 'failed' as const],
    ['was cancelled', 'cancelled' as const],
  ])(
    'adopts a role left by a task that %s and deletes it when the adopting run fails',
    async (_, status) => {
      const actions = await leftBy('task-dead', status);
      const next = await failingRun(actions);
      expect(next.log.text()).toContain(
        'Adopting IAM role team-x-exec, left by task task-dead which did not complete',
      );
      expect(next.log.text()).toContain(
        'Rolled back: deleted IAM role team-x-exec',
      );
      expect(sandbox.iam.getRole('team-x-exec')).toBeUndefined();
    },
  );

  it("keeps a completed tenant's role when a later run fails", async () => {
    const actions = await leftBy('task-done', 'completed');
    await failingRun(actions);
    expect(sandbox.iam.getRole('team-x-exec')).toBeDefined();
  });

  it('adopts a virtual cluster left by a failed task and tags it with the adopting task', async () => {
    const actions = await leftBy('task-dead', 'failed');
    const vcDead = mockContext(
      { ...tenant, name: 'team-x' },
      { taskId: 'task-dead' },
    );
    await actions['emr:virtualCluster:create'].handler(vcDead.ctx as any);
    const vcNext = mockContext(
      { ...tenant, name: 'team-x' },
      { taskId: 'task-next' },
    );
    await actions['emr:virtualCluster:create'].handler(vcNext.ctx as any);
    expect(vcNext.outputs.virtualClusterId).toBe(
      vcDead.outputs.virtualClusterId,
    );
    expect(vcNext.outputs.reused).toBe(false);
    const vc = sandbox.emrContainers.getVirtualCluster(
      vcNext.outputs.virtualClusterId as string,
    )!;
    expect(vc.tags[TASK_ID_TAG]).toBe('task-next');
  });

  it('refuses a tenant another task is still provisioning, naming it', async () => {
    const actions = await leftBy('task-running', 'processing');
    const next = mockContext(role, { taskId: 'task-next' });
    const error = (await actions['emr:role:create']
      .handler(next.ctx as any)
      .catch((e: Error) => e)) as Error;
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.message).toBe(
      'IAM role team-x-exec is being provisioned by task task-running, which is still processing; wait for it to end',
    );
    expect(sandbox.iam.getRole('team-x-exec')).toBeDefined();
  });
});
