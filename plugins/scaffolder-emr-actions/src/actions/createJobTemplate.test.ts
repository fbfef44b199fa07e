import { DescribeJobTemplateCommand } from '@aws-sdk/client-emr-containers';
import { DEMO } from '@emr-eks/sandbox';
import { OTHER_TEAM_MEMBER } from '../__testUtils__/context';
import {
  BUCKET,
  expectInvalid,
  provisionTenant,
  run,
  TEAM_X,
  TEAM_Y,
  useSandbox,
} from '../__testUtils__/sandbox';

const ID = 'emr:jobTemplate:create';

const jobTemplate = (tenant: { arn: string; role: string }) => ({
  virtualClusterArn: tenant.arn,
  name: 'team-x-daily',
  releaseLabel: 'emr-7.5.0-latest',
  executionRoleArn: tenant.role,
  entryPoint: 'local:///usr/lib/spark/examples/src/main/python/pi.py',
  owner: TEAM_X.owner,
});

describe('emr:jobTemplate:create', () => {
  const env = useSandbox();

  it("creates a job template running on the tenant's pod templates", async () => {
    const actions = env.actions();
    const tenant = await provisionTenant(actions);
    const templates = run(actions, 'emr:podTemplates:publish', TEAM_X);
    await templates.done;
    const { done, outputs } = run(actions, ID, {
      ...jobTemplate(tenant),
      entryPoint: `s3://${BUCKET}/jobs/daily.py`,
      driverPodTemplateUri: templates.outputs.nonCriticalDriverUri,
      executorPodTemplateUri: templates.outputs.nonCriticalExecutorUri,
    });
    await done;
    expect(outputs.jobTemplateId).toMatch(/^[0-9a-z]+$/);
    const emr = await env
      .clients()
      .emrContainers({ accountId: DEMO.accountId, region: 'us-east-1' });
    const { jobTemplate: stored } = await emr.send(
      new DescribeJobTemplateCommand({ id: outputs.jobTemplateId as string }),
    );
    expect(stored?.name).toBe('team-x-daily');
    expect(stored?.tags?.team).toBe('team-x');
    expect(
      stored?.jobTemplateData?.configurationOverrides
        ?.applicationConfiguration?.[0]?.properties,
    ).toEqual({
      'spark.kubernetes.driver.podTemplateFile':
        templates.outputs.nonCriticalDriverUri,
      'spark.kubernetes.executor.podTemplateFile':
        templates.outputs.nonCriticalExecutorUri,
    });
  });

  it('creates a job template once, reuses it for the same virtual cluster, refuses it elsewhere', async () => {
    const actions = env.actions();
    const input = jobTemplate(await provisionTenant(actions));
    const first = run(actions, ID, input);
    await first.done;
    // Same task, checkpoints lost: found by name and task tag, not created twice.
    const again = run(actions, ID, input);
    await again.done;
    expect(again.outputs.jobTemplateId).toBe(first.outputs.jobTemplateId);
    expect(env.sandbox.stats.count('CreateJobTemplate')).toBe(1);
    // Another task onboarding the same virtual cluster reuses the template.
    const reused = run(actions, ID, input, { taskId: 'task-other' });
    await reused.done;
    expect(reused.outputs.jobTemplateId).toBe(first.outputs.jobTemplateId);
    expect(reused.log.text()).toContain('Reusing job template team-x-daily');
    expect(env.sandbox.stats.count('CreateJobTemplate')).toBe(1);
    // The same name for another virtual cluster is someone else's.
    const y = await provisionTenant(actions, TEAM_Y, 'task-y');
    await expect(
      run(
        actions,
        ID,
        {
          ...input,
          owner: TEAM_Y.owner,
          virtualClusterArn: y.arn,
          executionRoleArn: y.role,
        },
        { taskId: 'task-third' },
      ).done,
    ).rejects.toThrow(/name: a job template 'team-x-daily' already exists/);
  });

  it("refuses a demo team's virtual cluster to a member of another team", async () => {
    const actions = env.actions();
    const b = DEMO.virtualClusters['data-team-b'];
    const input = {
      ...jobTemplate({ arn: b.arn, role: b.executionRoleArn }),
      name: 'daily',
    };
    const attempt = run(actions, ID, {
      ...input,
      owner: 'group:default/data-team-a',
    });
    await expect(attempt.done).rejects.toThrow(
      `virtual cluster ${b.id} is tagged for group:default/data-team-b, not group:default/data-team-a`,
    );
    // data-team-b's own member may: the cluster and its demo role are tagged for data-team-b.
    const own = run(
      actions,
      ID,
      { ...input, owner: 'group:default/data-team-b' },
      { user: OTHER_TEAM_MEMBER },
    );
    await expect(own.done).resolves.toBeUndefined();
    expect(own.outputs.jobTemplateId).toEqual(expect.any(String));
  });

  it('against the sandbox, a dry run writes nothing', async () => {
    const actions = env.actions();
    const tenant = await provisionTenant(actions);
    env.sandbox.stats.reset();
    const { done, log } = run(actions, ID, jobTemplate(tenant), {
      isDryRun: true,
    });
    await done;
    expect(log.text()).toContain('emr-containers:CreateJobTemplate');
    expect(env.writes()).toBe(0);
  });

  it('names the field of a bad entry point and calls nothing', () =>
    expectInvalid(
      ID,
      {
        virtualClusterArn:
          'arn:aws:emr-containers:us-east-1:123456789012:/virtualclusters/abc',
        name: 'job',
        releaseLabel: 'emr-7.5.0-latest',
        executionRoleArn: 'arn:aws:iam::123456789012:role/r',
        entryPoint: 'https://x/job.py',
        owner: 'group:default/a',
      },
      /entryPoint: must be an s3:\/\/ or local:\/\/ URI/,
    ));
});
