import { DEMO } from '@emr-eks/sandbox';
import {
  run,
  provisionTenant,
  TEAM_X,
  TEAM_Y,
  useSandbox,
} from '../__testUtils__/sandbox';

// Who may change what, the same in every action: the owner team's members (or a platform
// admin), only on what the team owns. Each action's own cases are in its <action>.test.ts.
describe('tenancy: who may change what, in every action', () => {
  const env = useSandbox();

  it('refuses a user who is not a member of the owner group, in every action, before any call', async () => {
    const actions = env.actions();
    const b = DEMO.virtualClusters['data-team-b'];
    const owner = 'group:default/data-team-b';
    const onVirtualCluster = {
      virtualClusterArn: b.arn,
      releaseLabel: 'emr-7.5.0-latest',
      executionRoleArn: b.executionRoleArn,
      owner,
    };
    const inputs: Record<string, object> = {
      'emr:namespace:prepare': { ...TEAM_X, owner },
      'emr:role:create': { ...TEAM_X, owner, roleName: 'r' },
      'emr:virtualCluster:create': { ...TEAM_X, owner, name: 'v' },
      'emr:podTemplates:publish': { ...TEAM_X, owner },
      'emr:endpoint:create': { ...onVirtualCluster, name: 'nb' },
      'emr:jobTemplate:create': {
        ...onVirtualCluster,
        name: 'jt',
        entryPoint: 'local:///app.py',
      },
      'emr:serverlessApplication:create': {
        owner,
        name: 'spark-data-team-b',
        releaseLabel: 'emr-7.5.0',
        region: 'us-east-1',
      },
      'emr:sparkConnect:create': {
        ...TEAM_X,
        owner,
        name: 'connect',
        releaseLabel: 'emr-7.2.0',
        sparkVersion: '3.5.1',
        applicationFile: 'local:///usr/lib/spark/connect.jar',
        certificateArn:
          'arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a',
        inboundCidrs: ['203.0.113.0/24'],
        hostname: 'spark.team-b.example.com',
      },
    };
    env.sandbox.stats.reset();
    for (const [id, input] of Object.entries(inputs)) {
      for (const isDryRun of [false, true]) {
        const { done } = run(actions, id, input, { isDryRun });
        await expect(done).rejects.toMatchObject({
          name: 'NotAllowedError',
          message: 'you are not a member of group:default/data-team-b',
        });
      }
    }
    expect(env.sandbox.stats.snapshot().total).toBe(0);
    expect(env.k8s().hasNamespace('team-x')).toBe(false);
  });

  it('refuses a task no user started', async () => {
    const { done } = run(env.actions(), 'emr:namespace:prepare', TEAM_X, {
      user: null,
    });
    await expect(done).rejects.toThrow(/not started by a signed-in user/);
    expect(env.k8s().hasNamespace('team-x')).toBe(false);
  });

  it('takes the team from the owner only: a team input naming another team is refused', async () => {
    const { done } = run(env.actions(), 'emr:virtualCluster:create', {
      ...TEAM_X,
      name: 'team-x',
      team: 'data-team-b',
    });
    await expect(done).rejects.toMatchObject({ name: 'InputError' });
    await expect(done).rejects.toThrow(/team: 'data-team-b' is not the owner/);
  });

  it("refuses a role, virtual cluster or pod templates on another team's namespace", async () => {
    const actions = env.actions();
    await run(actions, 'emr:namespace:prepare', TEAM_Y).done;
    const onTeamY = { ...TEAM_X, namespace: 'team-y' };
    for (const [id, input] of [
      ['emr:role:create', { ...onTeamY, roleName: 'x' }],
      ['emr:virtualCluster:create', { ...onTeamY, name: 'x' }],
      ['emr:podTemplates:publish', onTeamY],
    ] as const) {
      await expect(run(actions, id, input).done).rejects.toMatchObject({
        name: 'NotAllowedError',
        message:
          'namespace team-y on analytics-prod belongs to team-y, not team-x',
      });
    }
    expect(env.sandbox.iam.getRole('x')).toBeUndefined();
  });

  it("refuses another team's virtual cluster or execution role to endpoints and job templates", async () => {
    const actions = env.actions();
    const x = await provisionTenant(actions, TEAM_X, 'task-x');
    const y = await provisionTenant(actions, TEAM_Y, 'task-y');
    const onCluster = (
      virtualClusterArn: string,
      executionRoleArn: string,
    ) => ({
      virtualClusterArn,
      releaseLabel: 'emr-7.5.0-latest',
      executionRoleArn,
      owner: TEAM_X.owner,
    });
    const cases: Array<[string, string, RegExp]> = [
      [
        y.arn,
        x.role,
        /virtual cluster [0-9a-z]+ is tagged for group:default\/team-y, not group:default\/team-x/,
      ],
      [
        x.arn,
        y.role,
        /execution role team-y-exec is tagged for group:default\/team-y, not group:default\/team-x/,
      ],
      [
        x.arn,
        `arn:aws:iam::999999999999:role/team-x-exec`,
        /is not in account 123456789012 of virtual cluster/,
      ],
    ];
    for (const [vc, executionRole, message] of cases) {
      for (const [id, input] of [
        [
          'emr:jobTemplate:create',
          {
            ...onCluster(vc, executionRole),
            name: 'daily',
            entryPoint: 'local:///usr/lib/spark/examples/src/main/python/pi.py',
          },
        ],
        [
          'emr:endpoint:create',
          { ...onCluster(vc, executionRole), name: 'notebooks' },
        ],
      ] as const) {
        await expect(run(actions, id, input).done).rejects.toMatchObject({
          name: 'NotAllowedError',
          message: expect.stringMatching(message),
        });
      }
    }
    expect(env.sandbox.stats.count('CreateJobTemplate')).toBe(0);
    expect(env.sandbox.stats.count('CreateManagedEndpoint')).toBe(0);
    // The team's own cluster and role are fine.
    await run(actions, 'emr:jobTemplate:create', {
      ...onCluster(x.arn, x.role),
      name: 'daily',
      entryPoint: 'local:///usr/lib/spark/examples/src/main/python/pi.py',
    }).done;
    expect(env.sandbox.stats.count('CreateJobTemplate')).toBe(1);
  });
});
