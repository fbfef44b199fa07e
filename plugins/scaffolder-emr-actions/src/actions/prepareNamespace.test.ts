import { TENANT_SPARK_ANNOTATIONS } from '@emr-eks/plugin-emr-eks-node';
import { ADMIN, mockContext } from '../__testUtils__/context';
import {
  LIMIT_RANGES,
  NAMESPACES,
  offlineActions,
  PRIORITY_CLASSES,
  QUOTAS,
  run,
  TEAM_X,
  TEAM_Y,
  useSandbox,
  DATA_TEAM_A,
  expectInvalid,
} from '../__testUtils__/sandbox';

const ID = 'emr:namespace:prepare';

describe('emr:namespace:prepare', () => {
  const env = useSandbox();
  const k8s = () => env.k8s();

  it('creates the namespace and puts it in the scope of EMR’s access policy', async () => {
    await run(env.actions(), ID, TEAM_X).done;
    expect(k8s().hasNamespace('team-x')).toBe(true);
    expect(env.emrInScope('team-x')).toBe(true);
  });

  it('reaches a cluster configured with authProvider aws through an EKS token, and says so when the cluster refuses it', async () => {
    await run(env.actions({ kubernetesAuth: 'aws' }), ID, TEAM_X).done;
    expect(k8s().hasNamespace('team-x')).toBe(true);

    // A token for another cluster: the API server answers 401 and nothing is made.
    const other = run(
      env.actions({ kubernetesAuth: 'aws', eksClusterName: 'someone-else' }),
      ID,
      { ...TEAM_X, namespace: 'team-x-two' },
    );
    await expect(other.done).rejects.toMatchObject({
      name: 'ServiceUnavailableError',
      message: expect.stringContaining(
        "The Kubernetes API of cluster 'analytics-prod' refused the portal's identity (401: Unauthorized). The portal reaches it with an EKS token",
      ),
    });
    expect(k8s().hasNamespace('team-x-two')).toBe(false);
  });

  it('names the tenant’s priority classes on its namespace, where Spark Operator starts read them', async () => {
    await run(env.actions(), ID, {
      ...TEAM_X,
      driverPriorityClass: 'team-x-drivers',
      executorPriorityClass: 'team-x-executors',
    }).done;
    const namespace = k8s().get(NAMESPACES, undefined, 'team-x');
    expect(namespace.metadata.annotations).toMatchObject({
      [TENANT_SPARK_ANNOTATIONS.driverPriorityClass]: 'team-x-drivers',
      [TENANT_SPARK_ANNOTATIONS.executorPriorityClass]: 'team-x-executors',
    });
    expect(
      k8s()
        .list(PRIORITY_CLASSES)
        .map(o => o.metadata.name),
    ).toEqual(expect.arrayContaining(['team-x-drivers', 'team-x-executors']));
  });

  it('rolls back the namespace objects it created when EMR access fails, keeping the shared access entry and priority classes', async () => {
    const actions = env.actions();
    const priorityBefore = k8s()
      .list(PRIORITY_CLASSES)
      .map(o => o.metadata.name);
    env.sandbox.faults.set({
      errorRate: 1,
      operations: ['AssociateAccessPolicy'],
    });
    const { done, log } = run(actions, ID, TEAM_X);
    await expect(done).rejects.toThrow();
    env.sandbox.faults.clear();
    expect(k8s().hasNamespace('team-x')).toBe(false);
    expect(log.text()).toContain('Rolled back: deleted Namespace team-x');
    expect(log.text()).toContain(
      'Rolled back: deleted ResourceQuota team-x/compute-resources',
    );
    const priorityAfter = k8s()
      .list(PRIORITY_CLASSES)
      .map(o => o.metadata.name);
    // Cluster-wide and shared: created by this run, but never removed by one tenant's rollback.
    expect(priorityBefore).toEqual([]);
    expect(priorityAfter).toEqual(['high-priority', 'low-priority']);
    expect(env.sandbox.stats.count('DeleteAccessEntry')).toBe(0);
    expect(log.text()).not.toContain('Rolled back: deleted PriorityClass');
    expect(log.text()).not.toContain('Rolled back: deleted EKS access entry');
  });

  it('gives EMR access through RBAC when the cluster says so', async () => {
    const actions = env.actions({ emrAccess: 'rbac' });
    await run(actions, ID, TEAM_X).done;
    expect(env.sandbox.stats.count('CreateAccessEntry')).toBe(0);
    // The sandbox refuses a virtual cluster on a namespace EMR cannot access.
    const vc = run(actions, 'emr:virtualCluster:create', {
      ...TEAM_X,
      name: 'team-x',
    });
    await vc.done;
    expect(vc.outputs.virtualClusterId).toBeTruthy();
  });

  it('adds a namespace to the EMR access policy scope without dropping the others', async () => {
    const actions = env.actions();
    await run(actions, ID, TEAM_X, { taskId: 'task-x' }).done;
    await run(
      actions,
      ID,
      { ...TEAM_X, namespace: 'team-y' },
      { taskId: 'task-y' },
    ).done;
    expect(env.emrInScope('team-x')).toBe(true);
    expect(env.emrInScope('team-y')).toBe(true);
    expect(env.sandbox.stats.count('CreateAccessEntry')).toBeLessThanOrEqual(1);

    env.sandbox.faults.set({
      errorRate: 1,
      operations: ['k8s:apply'],
      count: 1,
    });
    // Fail the first apply: nothing created yet, nothing to roll back.
    const failing = run(
      actions,
      ID,
      { ...TEAM_X, namespace: 'team-z' },
      { taskId: 'task-z' },
    );
    await expect(failing.done).rejects.toThrow();
    expect(failing.log.text()).toContain('this run created or changed nothing');
    env.sandbox.faults.clear();
    expect(env.emrInScope('team-x')).toBe(true);
    expect(env.emrInScope('team-y')).toBe(true);
    expect(env.emrInScope('team-z')).toBe(false);
  });

  it('two concurrent onboardings both end in the access scope', async () => {
    const actions = env.actions();
    const namespaces = ['team-x', 'team-y', 'team-z'];
    await Promise.all(
      namespaces.map(
        (namespace, i) =>
          run(actions, ID, { ...TEAM_X, namespace }, { taskId: `task-${i}` })
            .done,
      ),
    );
    for (const namespace of namespaces) {
      expect(env.emrInScope(namespace)).toBe(true);
    }
    expect(env.sandbox.stats.count('DeleteAccessEntry')).toBe(0);
  });

  it('lets a platform admin provision for any team, labelled for that team', async () => {
    const owner = 'group:default/data-team-b';
    await run(
      env.actions(),
      ID,
      { ...TEAM_X, namespace: 'b-extra', owner },
      { user: ADMIN },
    ).done;
    expect(
      k8s().get(NAMESPACES, undefined, 'b-extra').metadata.labels[
        'backstage.io/team'
      ],
    ).toBe('data-team-b');
  });

  describe('whose namespace', () => {
    it.each([
      'kube-system',
      'default',
      'kube-public',
      'aws-observability',
      'karpenter',
      'platform-tools',
    ])(
      'refuses the reserved namespace %s, even for an admin adopting',
      async namespace => {
        const { done } = run(
          env.actions(),
          ID,
          { ...TEAM_X, namespace, adoptExistingNamespace: true },
          { user: ADMIN },
        );
        await expect(done).rejects.toMatchObject({
          name: 'InputError',
          message: `namespace ${namespace} is reserved`,
        });
      },
    );

    it('never adopts a namespace made outside the portal; an admin may, and rollback restores it', async () => {
      const actions = env.actions();
      k8s().create(
        NAMESPACES,
        undefined,
        {
          metadata: {
            name: 'legacy',
            labels: { app: 'legacy', nsname: 'old' },
          },
        },
        'kubectl-create',
      );
      k8s().create(
        QUOTAS,
        'legacy',
        {
          metadata: { name: 'compute-resources', labels: { app: 'legacy' } },
          spec: { hard: { 'requests.cpu': '5' } },
        },
        'kubectl-create',
      );
      const before = {
        ns: k8s().get(NAMESPACES, undefined, 'legacy').metadata.labels,
        quota: k8s().get(QUOTAS, 'legacy', 'compute-resources'),
      };
      const input = { ...TEAM_X, namespace: 'legacy' };

      await expect(run(actions, ID, input).done).rejects.toMatchObject({
        name: 'ConflictError',
        message: expect.stringMatching(
          /namespace legacy already exists on analytics-prod and was not created by the portal/,
        ),
      });
      await expect(
        run(actions, ID, { ...input, adoptExistingNamespace: true }).done,
      ).rejects.toMatchObject({ name: 'NotAllowedError' });
      expect(
        k8s().get(NAMESPACES, undefined, 'legacy').metadata.labels,
      ).toEqual(before.ns);

      // An admin adopts; EMR access fails; everything goes back as it was.
      env.sandbox.faults.set({
        errorRate: 1,
        operations: ['AssociateAccessPolicy'],
      });
      const adopt = run(
        actions,
        ID,
        { ...input, adoptExistingNamespace: true },
        { user: ADMIN },
      );
      await expect(adopt.done).rejects.toThrow();
      env.sandbox.faults.clear();
      expect(adopt.log.text()).toContain('Adopted namespace legacy');
      expect(adopt.log.text()).toContain(
        'Rolled back: restored Namespace legacy',
      );
      expect(k8s().hasNamespace('legacy')).toBe(true);
      expect(
        k8s().get(NAMESPACES, undefined, 'legacy').metadata.labels,
      ).toEqual(before.ns);
      expect(
        k8s().get(NAMESPACES, undefined, 'legacy').metadata.annotations ?? {},
      ).not.toHaveProperty(TENANT_SPARK_ANNOTATIONS.driverPriorityClass);
      const quota = k8s().get(QUOTAS, 'legacy', 'compute-resources');
      expect(quota.spec).toEqual(before.quota.spec);
      expect(quota.metadata.labels).toEqual(before.quota.metadata.labels);
      expect(k8s().find(LIMIT_RANGES, 'legacy', 'cpu-min-max')).toBeUndefined();

      // Adopted for good when nothing fails.
      await run(
        actions,
        ID,
        { ...input, adoptExistingNamespace: true },
        { user: ADMIN, taskId: 'task-adopt-2' },
      ).done;
      expect(
        k8s().get(NAMESPACES, undefined, 'legacy').metadata.labels[
          'backstage.io/team'
        ],
      ).toBe('team-x');
    });

    it("refuses another team's namespace, to its members and admins alike", async () => {
      const actions = env.actions();
      await run(actions, ID, { ...TEAM_Y, namespace: 'shared' }).done;
      for (const [user, adoptExistingNamespace] of [
        [undefined, false],
        [ADMIN, true],
      ] as const) {
        await expect(
          run(
            actions,
            ID,
            { ...TEAM_X, namespace: 'shared', adoptExistingNamespace },
            { user, taskId: `task-${user}` },
          ).done,
        ).rejects.toMatchObject({
          name: 'ConflictError',
          message: expect.stringContaining(
            "namespace shared already exists on analytics-prod and belongs to team 'team-y'",
          ),
        });
      }
      // A plain `team` label made outside the portal counts as well.
      expect(
        k8s().get(NAMESPACES, undefined, 'data-team-b').metadata.labels.team,
      ).toBe('data-team-b');
      await expect(
        run(actions, ID, { ...TEAM_X, namespace: 'data-team-b' }).done,
      ).rejects.toThrow(/belongs to team 'data-team-b'/);
    });
  });

  describe('dry run', () => {
    it('logs every manifest and EKS call and changes nothing', async () => {
      const { ctx, log, outputs } = mockContext(DATA_TEAM_A, {
        isDryRun: true,
      });
      await offlineActions()[ID].handler(ctx as any);
      const text = log.text();
      for (const k of [
        'Namespace data-team-a',
        'ResourceQuota data-team-a/compute-resources',
        'LimitRange data-team-a/cpu-min-max',
        'NetworkPolicy data-team-a/default-np-data-team-a',
        'PriorityClass high-priority',
        'PriorityClass low-priority',
      ]) {
        expect(text).toContain(
          `server-side apply (fieldManager backstage-emr-eks) ${k}`,
        );
      }
      expect(text).toContain('requests.memory: 4000Gi');
      expect(text).toContain('eks:CreateAccessEntry on analytics-prod');
      expect(text).toContain(
        'arn:aws:eks::aws:cluster-access-policy/AmazonEMRJobPolicy',
      );
      expect(text).toContain(
        'arn:aws:iam::123456789012:role/AWSServiceRoleForAmazonEMRContainers',
      );
      expect(text).not.toContain('Role data-team-a/emr-containers');
      expect(text).not.toContain('token-that-must-not-be-logged');
      expect(outputs).toEqual({
        namespace: 'data-team-a',
        cluster: 'analytics-prod',
        emrAccess: 'accessEntry',
      });
    });

    it('plans the RBAC Role and RoleBinding when the cluster says rbac', async () => {
      const { ctx, log } = mockContext(
        { ...DATA_TEAM_A, networkIsolation: false },
        { isDryRun: true },
      );
      await offlineActions('rbac')[ID].handler(ctx as any);
      expect(log.text()).toContain('Role data-team-a/emr-containers');
      expect(log.text()).toContain('RoleBinding data-team-a/emr-containers');
      expect(log.text()).not.toContain('NetworkPolicy');
      expect(log.text()).not.toContain('eks:CreateAccessEntry');
    });

    it('against the sandbox, writes nothing', async () => {
      env.sandbox.stats.reset();
      await run(env.actions(), ID, TEAM_X, { isDryRun: true }).done;
      expect(env.writes()).toBe(0);
      expect(k8s().hasNamespace('team-x')).toBe(false);
    });
  });

  describe('validation errors name the field and call nothing', () => {
    it.each([
      [
        { ...DATA_TEAM_A, namespace: 'Team_A' },
        /namespace: must be a DNS-1123 label/,
      ],
      [
        { ...DATA_TEAM_A, quota: { requestsCpu: 'lots' } },
        /quota\.requestsCpu: must be a Kubernetes quantity/,
      ],
      [
        { ...DATA_TEAM_A, limits: { maxMemory: '8 GB' } },
        /limits\.maxMemory: must be a Kubernetes quantity/,
      ],
      [
        { ...DATA_TEAM_A, cluster: 'nope' },
        /cluster: 'nope' is not a configured cluster/,
      ],
    ])('%j', (input, message) => expectInvalid(ID, input, message));
  });
});
