import { GetApplicationCommand } from '@aws-sdk/client-emr-serverless';
import { DEMO } from '@emr-eks/sandbox';
import { expectInvalid, run, useSandbox } from '../__testUtils__/sandbox';

const ID = 'emr:serverlessApplication:create';
const OWNER = 'group:default/team-x';
const APP = {
  owner: OWNER,
  name: 'team-x-etl',
  releaseLabel: 'emr-7.5.0',
  region: 'us-east-1',
};
const ROLE = 'emr-serverless-team-x-etl-job-runtime';

describe('emr:serverlessApplication:create', () => {
  const env = useSandbox();
  const emr = () =>
    env
      .clients()
      .emrServerless({ accountId: DEMO.accountId, region: 'us-east-1' });
  const getApplication = async (applicationId: string) =>
    (await (await emr()).send(new GetApplicationCommand({ applicationId })))
      .application;
  const role = (name = ROLE) => env.sandbox.iam.getRole(name);

  it('creates the application as asked, tagged for the team, and a runtime role trusted by it alone', async () => {
    const { done, outputs } = run(env.actions(), ID, {
      ...APP,
      type: 'Spark',
      architecture: 'ARM64',
      initialCapacity: {
        driver: { workerCount: 1, cpu: '4 vCPU', memory: '16 GB' },
        executor: {
          workerCount: 2,
          cpu: '8 vCPU',
          memory: '32 GB',
          disk: '50 GB',
        },
      },
      maximumCapacity: { cpu: '64 vCPU', memory: '256 GB', disk: '1000 GB' },
      autoStart: false,
      autoStopIdleTimeoutMinutes: 30,
      subnetIds: ['subnet-0a1b2c3d4e5f60718'],
      securityGroupIds: ['sg-0123456789abcdef0'],
      imageUri: `${DEMO.accountId}.dkr.ecr.us-east-1.amazonaws.com/spark/team-x:7.5.0`,
      buckets: [
        { bucket: 'analytics-team-x-code-123456789012' },
        {
          bucket: 'analytics-curated-123456789012',
          prefix: 'team-x',
          access: 'readWrite',
        },
      ],
    });
    await done;
    const id = outputs.applicationId as string;
    const arn = `arn:aws:emr-serverless:us-east-1:${DEMO.accountId}:/applications/${id}`;
    expect(outputs).toMatchObject({
      applicationArn: arn,
      roleName: ROLE,
      roleArn: `arn:aws:iam::${DEMO.accountId}:role/${ROLE}`,
      reused: false,
      entityRef: 'resource:default/team-x-etl-us-east-1',
    });

    const app = await getApplication(id);
    expect(app).toMatchObject({
      name: 'team-x-etl',
      type: 'Spark',
      releaseLabel: 'emr-7.5.0',
      architecture: 'ARM64',
      state: 'CREATED',
      initialCapacity: {
        Driver: {
          workerCount: 1,
          workerConfiguration: { cpu: '4 vCPU', memory: '16 GB' },
        },
        Executor: {
          workerCount: 2,
          workerConfiguration: {
            cpu: '8 vCPU',
            memory: '32 GB',
            disk: '50 GB',
          },
        },
      },
      maximumCapacity: { cpu: '64 vCPU', memory: '256 GB', disk: '1000 GB' },
      autoStartConfiguration: { enabled: false },
      autoStopConfiguration: { enabled: true, idleTimeoutMinutes: 30 },
      networkConfiguration: {
        subnetIds: ['subnet-0a1b2c3d4e5f60718'],
        securityGroupIds: ['sg-0123456789abcdef0'],
      },
      imageConfiguration: {
        imageUri: `${DEMO.accountId}.dkr.ecr.us-east-1.amazonaws.com/spark/team-x:7.5.0`,
      },
    });
    expect(app?.tags).toEqual({
      team: 'team-x',
      'backstage.io/scaffolder-task-id': 'task-0001',
    });

    const stored = role()!;
    expect(JSON.parse(stored.assumeRolePolicyDocument)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Service: 'emr-serverless.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: {
            StringEquals: { 'aws:SourceAccount': DEMO.accountId },
            ArnEquals: { 'aws:SourceArn': arn },
          },
        },
      ],
    });
    expect(stored.tags).toEqual(
      expect.arrayContaining([
        { Key: 'team', Value: 'team-x' },
        { Key: 'emr-serverless-application-id', Value: id },
      ]),
    );
    const policy = JSON.parse(
      stored.policies.get('emr-serverless-job-runtime')!,
    );
    expect(policy.Statement.map((s: { Sid: string }) => s.Sid)).toEqual([
      'S3Read',
      'S3ReadWrite',
      'GlueDataCatalog',
    ]);
    expect(policy.Statement[1].Resource).toEqual([
      'arn:aws:s3:::analytics-curated-123456789012',
      'arn:aws:s3:::analytics-curated-123456789012/team-x/*',
    ]);
  });

  it('maps a Hive application to the Hive worker types', async () => {
    const { done, outputs } = run(env.actions(), ID, {
      ...APP,
      type: 'Hive',
      initialCapacity: {
        driver: { workerCount: 1 },
        executor: { workerCount: 0 },
      },
      autoStop: false,
    });
    await done;
    const app = await getApplication(outputs.applicationId as string);
    expect(app?.type).toBe('Hive');
    expect(Object.keys(app?.initialCapacity ?? {})).toEqual(['HiveDriver']);
    expect(app?.autoStopConfiguration?.enabled).toBe(false);
  });

  it('refuses a name another team holds, naming the team, and creates nothing', async () => {
    const b = DEMO.serverlessApplications['data-team-b'];
    env.sandbox.stats.reset();
    const { done } = run(env.actions(), ID, {
      ...APP,
      owner: 'group:default/data-team-a',
      name: b.name,
    });
    await expect(done).rejects.toMatchObject({
      name: 'ConflictError',
      message: expect.stringContaining(
        `name: EMR Serverless application ${b.name} in ${DEMO.accountId}/us-east-1 already exists (${b.id}) and is tagged for group:default/data-team-b, not group:default/data-team-a`,
      ),
    });
    expect(
      env.sandbox.stats.count('emr-serverless:ListApplications'),
    ).toBeGreaterThan(0);
    expect(env.writes()).toBe(0);
  });

  it('is idempotent: a re-run adopts what the task made, another task reuses it', async () => {
    const actions = env.actions();
    const first = run(actions, ID, APP);
    await first.done;
    // Same task, checkpoints lost: found by name and tags, nothing made twice.
    const again = run(actions, ID, APP);
    await again.done;
    expect(again.outputs.applicationId).toBe(first.outputs.applicationId);
    expect(again.outputs.reused).toBe(false);
    expect(env.sandbox.stats.count('emr-serverless:CreateApplication')).toBe(1);
    expect(env.sandbox.stats.count('CreateRole')).toBe(1);
    // A later task for the same team reuses both and leaves them on rollback.
    const later = run(actions, ID, APP, { taskId: 'task-later' });
    await later.done;
    expect(later.outputs).toMatchObject({
      applicationId: first.outputs.applicationId,
      reused: true,
    });
    expect(later.log.text()).toContain(
      'Reusing EMR Serverless application team-x-etl',
    );
    expect(env.sandbox.stats.count('emr-serverless:CreateApplication')).toBe(1);
    expect(env.sandbox.stats.count('CreateRole')).toBe(1);
  });

  it('rolls back the role and the application when the role policy fails', async () => {
    env.sandbox.faults.set({ errorRate: 1, operations: ['PutRolePolicy'] });
    const attempt = run(env.actions(), ID, APP);
    await expect(attempt.done).rejects.toThrow();
    env.sandbox.faults.clear();
    expect(role()).toBeUndefined();
    expect(env.sandbox.stats.count('emr-serverless:DeleteApplication')).toBe(1);
    const created = env.sandbox.emrServerless
      .listApplications()
      .find(a => a.name === APP.name);
    expect(created?.state).toBe('TERMINATED');
    expect(attempt.log.text()).toContain(
      `Rolled back: deleted IAM role ${ROLE}`,
    );
    expect(attempt.log.text()).toContain(
      'Rolled back: deleted EMR Serverless application team-x-etl',
    );
    // The next run starts afresh.
    const retry = run(env.actions(), ID, APP, { store: attempt.store });
    await retry.done;
    expect(
      (await getApplication(retry.outputs.applicationId as string))?.state,
    ).toBe('CREATED');
  });

  it("deletes only what the run made: a role trusted by another application is refused, the team's application kept", async () => {
    const actions = env.actions();
    const first = run(actions, ID, { ...APP, roleName: 'team-x-shared' });
    await first.done;
    const second = run(
      actions,
      ID,
      { ...APP, name: 'team-x-adhoc', roleName: 'team-x-shared' },
      { taskId: 'task-second' },
    );
    await expect(second.done).rejects.toMatchObject({
      name: 'ConflictError',
      message: expect.stringContaining(
        `roleName: IAM role 'team-x-shared' already exists; it is tagged for group:default/team-x and trusted by ${first.outputs.applicationArn}`,
      ),
    });
    // The second application was this run's: deleted. The first and its role stay.
    const apps = env.sandbox.emrServerless.listApplications();
    expect(apps.find(a => a.name === 'team-x-adhoc')?.state).toBe('TERMINATED');
    expect(
      (await getApplication(first.outputs.applicationId as string))?.state,
    ).toBe('CREATED');
    expect(role('team-x-shared')).toBeDefined();
  });

  it('against the sandbox, a dry run writes nothing and shows the exact trust', async () => {
    env.sandbox.stats.reset();
    const { done, log, outputs } = run(env.actions(), ID, APP, {
      isDryRun: true,
    });
    await done;
    expect(env.sandbox.stats.snapshot().total).toBe(0);
    expect(log.text()).toContain(
      'emr-serverless:CreateApplication in 123456789012/us-east-1',
    );
    expect(log.text()).toContain(
      '"aws:SourceArn": "arn:aws:emr-serverless:us-east-1:123456789012:/applications/<application id>"',
    );
    expect(outputs.roleName).toBe(ROLE);
  });

  it.each([
    [
      { releaseLabel: 'emr-7.5.0-latest' },
      /releaseLabel: must be an EMR release label such as 'emr-7.5.0'/,
    ],
    [{ type: 'Presto' }, /type: Invalid enum value/],
    [
      { subnetIds: ['subnet-xyz'], securityGroupIds: ['sg-0123456789abcdef0'] },
      /subnetIds.0: must be a subnet id/,
    ],
    [
      {
        subnetIds: ['subnet-0a1b2c3d4e5f60718'],
        securityGroupIds: ['default'],
      },
      /securityGroupIds.0: must be a security group id/,
    ],
    [
      { securityGroupIds: ['sg-0123456789abcdef0'] },
      /subnetIds: security groups were given without subnets/,
    ],
    [
      { subnetIds: ['subnet-0a1b2c3d4e5f60718'] },
      /securityGroupIds: subnets were given without security groups/,
    ],
    [
      { imageUri: 'docker.io/spark:latest' },
      /imageUri: must be an Amazon ECR image URI/,
    ],
    [
      { maximumCapacity: { cpu: '64 cores', memory: '256 GB' } },
      /maximumCapacity.cpu: must be vCPUs/,
    ],
    [
      { initialCapacity: { driver: { workerCount: 1, memory: '16 TB' } } },
      /initialCapacity.driver.memory: must be memory/,
    ],
    [
      { autoStopIdleTimeoutMinutes: 0 },
      /autoStopIdleTimeoutMinutes: Number must be greater than or equal to 1/,
    ],
    [
      { region: 'ap-south-1' },
      /region: 'ap-south-1' is not under emrEks.provisioning.serverless.targets/,
    ],
    [
      { accountId: '999999999999' },
      /accountId: account 999999999999 in us-east-1 is not under/,
    ],
    [
      { buckets: [{ bucket: 'analytics-team-y-code-123456789012' }] },
      /buckets: s3:\/\/analytics-team-y-code-123456789012\/ is outside the buckets allowed for team-x/,
    ],
    [
      { name: 'a'.repeat(40) },
      /roleName: the default role name .* is longer than IAM's 64 characters/,
    ],
  ])('refuses %j naming the field, calling nothing', (change, message) =>
    expectInvalid(ID, { ...APP, ...change }, message),
  );
});
