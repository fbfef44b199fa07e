import {
  CancelJobRunCommand,
  CreateApplicationCommand,
  DeleteApplicationCommand,
  EMRServerlessClient,
  GetApplicationCommand,
  GetDashboardForJobRunCommand,
  GetJobRunCommand,
  GetSessionCommand,
  GetSessionEndpointCommand,
  JobRunSummary,
  ListApplicationsCommand,
  ListJobRunAttemptsCommand,
  ListJobRunsCommand,
  ListSessionsCommand,
  ListTagsForResourceCommand,
  paginateListApplications,
  paginateListJobRuns,
  ResourceNotFoundException,
  StartApplicationCommand,
  StartJobRunCommand,
  StartSessionCommand,
  StopApplicationCommand,
  TagResourceCommand,
  TerminateSessionCommand,
  UntagResourceCommand,
  UpdateApplicationCommand,
  ValidationException,
} from '@aws-sdk/client-emr-serverless';
import { DAY, MINUTE, T0, testSandbox } from '../../__testUtils__';
import { DEMO } from '../../demo';
import { loadModel } from '../../model/loader';
import { ModelValidator } from '../../model/validator';
import {
  expectModelAnswers,
  recordedSandbox,
} from '../../__testUtils__/conformance';

/*
 * Drives every served emr-serverless operation through the real AWS SDK
 * against a listening sandbox, records each raw response and checks its body
 * against the official model's output (or error) shape: the SDK alone would
 * silently drop members it does not know.
 */

const SERVED = [
  'ListApplications',
  'CreateApplication',
  'GetApplication',
  'UpdateApplication',
  'DeleteApplication',
  'StartApplication',
  'StopApplication',
  'ListJobRuns',
  'GetJobRun',
  'StartJobRun',
  'CancelJobRun',
  'ListJobRunAttempts',
  'GetDashboardForJobRun',
  'StartSession',
  'ListSessions',
  'GetSession',
  'GetSessionEndpoint',
  'TerminateSession',
  'ListTagsForResource',
  'TagResource',
  'UntagResource',
];

const { service: model } = loadModel('emr-serverless');
const validator = new ModelValidator(model);
const APP_A = DEMO.serverlessApplications['data-team-a'];
const APP_B = DEMO.serverlessApplications['data-team-b'];
const APP_EU = DEMO.serverlessApplications['data-team-b-eu'];

describe('emr-serverless model conformance', () => {
  const t = testSandbox();
  const served = recordedSandbox(() => t.sandbox);
  const { recorded } = served;
  let client: EMRServerlessClient;
  const clientIn = (region: string) =>
    new EMRServerlessClient({
      endpoint: served.url,
      region,
      credentials: { accessKeyId: 'AKIDSANDBOX', secretAccessKey: 'x' },
      maxAttempts: 1,
    });

  beforeAll(async () => {
    client = clientIn('us-east-1');
  });

  afterAll(async () => {
    client.destroy();
  });

  it('lists the demo teams’ applications per region, paged, with their team tag', async () => {
    const pages: string[][] = [];
    for await (const page of paginateListApplications(
      { client, pageSize: 1 },
      {},
    )) {
      pages.push((page.applications ?? []).map(a => a.id!));
    }
    expect(pages.flat().sort()).toEqual([APP_A.id, APP_B.id].sort());
    expect(pages.map(p => p.length)).toEqual([1, 1]);

    const eu = clientIn('eu-west-1');
    const { applications = [] } = await eu.send(
      new ListApplicationsCommand({}),
    );
    expect(applications.map(a => a.arn)).toEqual([APP_EU.arn]);
    eu.destroy();

    const { application } = await client.send(
      new GetApplicationCommand({ applicationId: APP_A.id }),
    );
    expect(application).toMatchObject({
      applicationId: APP_A.id,
      arn: APP_A.arn,
      type: 'Spark',
      state: 'STARTED',
      tags: { team: 'data-team-a' },
      autoStartConfiguration: { enabled: true },
      autoStopConfiguration: { enabled: true, idleTimeoutMinutes: 15 },
      maximumCapacity: { cpu: '200 vCPU', memory: '800 GB' },
    });
    expect(application?.createdAt).toBeInstanceOf(Date);
    expect(application?.networkConfiguration?.subnetIds).toHaveLength(2);

    const stopped = await client.send(
      new ListApplicationsCommand({ states: ['STOPPED'] }),
    );
    expect(stopped.applications?.map(a => a.id)).toEqual([APP_B.id]);
  });

  it('pages job runs newest first, filtered by state and creation time', async () => {
    const runs: JobRunSummary[] = [];
    for await (const page of paginateListJobRuns(
      { client, pageSize: 15 },
      { applicationId: APP_A.id },
    )) {
      runs.push(...(page.jobRuns ?? []));
    }
    expect(runs).toHaveLength(
      t.sandbox.emrServerless.listJobRuns(APP_A.id).length,
    );
    const created = runs.map(r => r.createdAt!.getTime());
    expect([...created].sort((a, b) => b - a)).toEqual(created);
    expect(runs[0].state).toBe('RUNNING');

    const after = new Date(T0 - 7 * DAY);
    const { jobRuns = [] } = await client.send(
      new ListJobRunsCommand({
        applicationId: APP_A.id,
        states: ['SUCCESS', 'FAILED'],
        createdAtAfter: after,
        maxResults: 50,
      }),
    );
    expect(jobRuns.length).toBeGreaterThan(0);
    for (const run of jobRuns) {
      expect(['SUCCESS', 'FAILED']).toContain(run.state);
      expect(run.createdAt!.getTime()).toBeGreaterThanOrEqual(after.getTime());
    }
    // The model caps ListJobRuns pages at 50.
    await expect(
      client.send(
        new ListJobRunsCommand({ applicationId: APP_A.id, maxResults: 51 }),
      ),
    ).rejects.toBeInstanceOf(ValidationException);
    await expect(
      client.send(
        new ListJobRunsCommand({
          applicationId: APP_A.id,
          nextToken: 'forged',
        }),
      ),
    ).rejects.toThrow(/nextToken/);
  });

  it('GetJobRun reports utilisation, billing, attempts and the dashboard', async () => {
    const all = t.sandbox.emrServerless.listJobRuns(APP_B.id);
    const retried = all.find(r => r.plan.attempts.length > 1)!;
    expect(retried).toBeDefined();
    const { jobRun } = await client.send(
      new GetJobRunCommand({ applicationId: APP_B.id, jobRunId: retried.id }),
    );
    expect(jobRun).toMatchObject({
      jobRunId: retried.id,
      attempt: 2,
      tags: { team: 'data-team-b' },
      jobDriver: {
        sparkSubmit: { entryPoint: expect.stringMatching(/^s3:\/\//) },
      },
    });
    const total = jobRun!.totalResourceUtilization!;
    const billed = jobRun!.billedResourceUtilization!;
    expect(total.vCPUHour).toBeGreaterThan(0);
    expect(billed.vCPUHour).toBeGreaterThanOrEqual(total.vCPUHour!);
    // data-team-b's workers have 60 GB disks: 40 GB each above the free 20 GB is billed.
    expect(billed.storageGBHour).toBeCloseTo(
      (total.storageGBHour! * 40) / 60,
      1,
    );
    expect(jobRun!.totalExecutionDurationSeconds).toBeGreaterThan(0);

    const { jobRunAttempts = [] } = await client.send(
      new ListJobRunAttemptsCommand({
        applicationId: APP_B.id,
        jobRunId: retried.id,
      }),
    );
    expect(jobRunAttempts.map(a => a.attempt)).toEqual([1, 2]);
    expect(jobRunAttempts[0].state).toBe('FAILED');

    const first = await client.send(
      new GetJobRunCommand({
        applicationId: APP_B.id,
        jobRunId: retried.id,
        attempt: 1,
      }),
    );
    expect(first.jobRun?.state).toBe('FAILED');

    const { url: dashboard } = await client.send(
      new GetDashboardForJobRunCommand({
        applicationId: APP_B.id,
        jobRunId: retried.id,
      }),
    );
    expect(dashboard).toMatch(
      /^https:\/\/p-.*\.emrappui-prod\.us-east-1\.amazonaws\.com\/shs\//,
    );
  });

  it('unknown applications and runs are ResourceNotFoundException', async () => {
    await expect(
      client.send(new GetApplicationCommand({ applicationId: '00fnothere' })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
    await expect(
      client.send(
        new GetJobRunCommand({
          applicationId: APP_A.id,
          jobRunId: '00fnothere',
        }),
      ),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
    // Applications live in their region only.
    await expect(
      client.send(new GetApplicationCommand({ applicationId: APP_EU.id })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it('a new application goes CREATING → CREATED → STARTING → STARTED → STOPPING → STOPPED', async () => {
    const created = await client.send(
      new CreateApplicationCommand({
        name: 'conformance',
        releaseLabel: 'emr-7.5.0',
        type: 'SPARK',
        clientToken: 'conformance-app',
        tags: { team: 'data-team-a' },
        autoStopConfiguration: { enabled: true, idleTimeoutMinutes: 5 },
        interactiveConfiguration: { sessionEnabled: true },
      }),
    );
    const applicationId = created.applicationId!;
    const state = async () =>
      (await client.send(new GetApplicationCommand({ applicationId })))
        .application!.state;
    expect(await state()).toBe('CREATING');
    t.clock.advance(MINUTE);
    expect(await state()).toBe('CREATED');

    await client.send(
      new UpdateApplicationCommand({
        applicationId,
        clientToken: 'u1',
        maximumCapacity: { cpu: '40 vCPU', memory: '160 GB' },
      }),
    );
    await client.send(new StartApplicationCommand({ applicationId }));
    expect(await state()).toBe('STARTING');
    // Started applications cannot be updated.
    t.clock.advance(MINUTE);
    expect(await state()).toBe('STARTED');
    await expect(
      client.send(
        new UpdateApplicationCommand({
          applicationId,
          clientToken: 'u2',
          releaseLabel: 'emr-7.6.0',
        }),
      ),
    ).rejects.toThrow(/CREATED or STOPPED/);

    await client.send(new StopApplicationCommand({ applicationId }));
    expect(await state()).toBe('STOPPING');
    t.clock.advance(MINUTE);
    expect(await state()).toBe('STOPPED');

    const tags = await client.send(
      new ListTagsForResourceCommand({ resourceArn: created.arn! }),
    );
    expect(tags.tags).toEqual({ team: 'data-team-a' });
    await client.send(
      new TagResourceCommand({
        resourceArn: created.arn!,
        tags: { cost: 'a1' },
      }),
    );
    await client.send(
      new UntagResourceCommand({
        resourceArn: created.arn!,
        tagKeys: ['team'],
      }),
    );
    expect(
      (
        await client.send(
          new ListTagsForResourceCommand({ resourceArn: created.arn! }),
        )
      ).tags,
    ).toEqual({ cost: 'a1' });

    // Sessions: the application starts for them; terminate ends them.
    const session = await client.send(
      new StartSessionCommand({
        applicationId,
        clientToken: 's1',
        executionRoleArn: APP_A.executionRoleArn,
        name: 'notebook',
      }),
    );
    expect(await state()).toBe('STARTING');
    const sessionState = async () =>
      (
        await client.send(
          new GetSessionCommand({
            applicationId,
            sessionId: session.sessionId!,
          }),
        )
      ).session!.state;
    expect(await sessionState()).toBe('SUBMITTED');
    await expect(
      client.send(
        new GetSessionEndpointCommand({
          applicationId,
          sessionId: session.sessionId!,
        }),
      ),
    ).rejects.toBeInstanceOf(ValidationException);
    t.clock.advance(MINUTE);
    expect(await sessionState()).toBe('IDLE');
    const endpoint = await client.send(
      new GetSessionEndpointCommand({
        applicationId,
        sessionId: session.sessionId!,
      }),
    );
    expect(endpoint.endpoint).toMatch(/^https:\/\//);
    expect(
      (await client.send(new ListSessionsCommand({ applicationId }))).sessions,
    ).toHaveLength(1);
    // A busy application refuses to stop.
    await expect(
      client.send(new StopApplicationCommand({ applicationId })),
    ).rejects.toThrow(/not finished/);
    await client.send(
      new TerminateSessionCommand({
        applicationId,
        sessionId: session.sessionId!,
      }),
    );
    expect(await sessionState()).toBe('TERMINATING');
    t.clock.advance(MINUTE);
    expect(await sessionState()).toBe('TERMINATED');
    // Idle for the 5-minute timeout: auto-stopped.
    t.clock.advance(5 * MINUTE);
    expect(['STOPPING', 'STOPPED']).toContain(await state());
    t.clock.advance(MINUTE);
    const { application } = await client.send(
      new GetApplicationCommand({ applicationId }),
    );
    expect(application).toMatchObject({
      state: 'STOPPED',
      stateDetails: expect.stringMatching(/idle/),
    });

    await client.send(new DeleteApplicationCommand({ applicationId }));
    await expect(
      client.send(new GetApplicationCommand({ applicationId })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it('a job run auto-starts its application and moves SUBMITTED → PENDING → SCHEDULED → RUNNING → SUCCESS', async () => {
    expect(t.sandbox.emrServerless.getApplication(APP_B.id)!.state).toBe(
      'STOPPED',
    );
    const started = await client.send(
      new StartJobRunCommand({
        applicationId: APP_B.id,
        clientToken: 'conformance-run',
        executionRoleArn: APP_B.executionRoleArn,
        name: 'conformance',
        jobDriver: {
          sparkSubmit: {
            entryPoint: 's3://bucket/main.py',
            sparkSubmitParameters: '--conf spark.executor.instances=2',
          },
        },
      }),
    );
    // The same client token gives the same run.
    const again = await client.send(
      new StartJobRunCommand({
        applicationId: APP_B.id,
        clientToken: 'conformance-run',
        executionRoleArn: APP_B.executionRoleArn,
        jobDriver: { sparkSubmit: { entryPoint: 's3://bucket/main.py' } },
      }),
    );
    expect(again.jobRunId).toBe(started.jobRunId);
    expect(t.sandbox.emrServerless.getApplication(APP_B.id)!.state).toBe(
      'STARTING',
    );

    const seen: string[] = [];
    let billed;
    for (let i = 0; i < 2000; i++) {
      const { jobRun } = await client.send(
        new GetJobRunCommand({
          applicationId: APP_B.id,
          jobRunId: started.jobRunId!,
        }),
      );
      if (seen[seen.length - 1] !== jobRun!.state) seen.push(jobRun!.state!);
      if (jobRun!.state === 'RUNNING') {
        expect(
          jobRun!.totalResourceUtilization?.vCPUHour,
        ).toBeGreaterThanOrEqual(0);
        expect(jobRun!.billedResourceUtilization).toBeUndefined();
      }
      if (['SUCCESS', 'FAILED'].includes(jobRun!.state!)) {
        billed = jobRun!.billedResourceUtilization;
        break;
      }
      t.clock.advance(200);
    }
    expect(seen.slice(0, 4)).toEqual([
      'SUBMITTED',
      'PENDING',
      'SCHEDULED',
      'RUNNING',
    ]);
    expect(['SUCCESS', 'FAILED']).toContain(seen[4]);
    expect(billed?.vCPUHour).toBeGreaterThan(0);
    // Idle for 15 minutes after the run: auto-stopped.
    t.clock.advance(15 * MINUTE + 10 * 1000);
    expect(['STOPPING', 'STOPPED']).toContain(
      t.sandbox.emrServerless.getApplication(APP_B.id)!.state,
    );
  });

  it('cancel moves a run through CANCELLING to CANCELLED; a finished run cannot be cancelled', async () => {
    const { jobRunId } = await client.send(
      new StartJobRunCommand({
        applicationId: APP_A.id,
        clientToken: 'to-cancel',
        executionRoleArn: APP_A.executionRoleArn,
        jobDriver: { sparkSubmit: { entryPoint: 's3://bucket/main.py' } },
      }),
    );
    await client.send(
      new CancelJobRunCommand({ applicationId: APP_A.id, jobRunId }),
    );
    const state = async () =>
      (
        await client.send(
          new GetJobRunCommand({ applicationId: APP_A.id, jobRunId }),
        )
      ).jobRun;
    expect((await state())!.state).toBe('CANCELLING');
    t.clock.advance(2 * MINUTE);
    expect(await state()).toMatchObject({
      state: 'CANCELLED',
      stateDetails: expect.stringMatching(/cancelled/),
    });
    await expect(
      client.send(
        new CancelJobRunCommand({ applicationId: APP_A.id, jobRunId }),
      ),
    ).rejects.toThrow(/CANCELLED state/);
    // No dashboard before a run has run.
    const queued = await client.send(
      new StartJobRunCommand({
        applicationId: APP_A.id,
        clientToken: 'no-dashboard',
        executionRoleArn: APP_A.executionRoleArn,
        jobDriver: { sparkSubmit: { entryPoint: 's3://bucket/main.py' } },
      }),
    );
    await expect(
      client.send(
        new GetDashboardForJobRunCommand({
          applicationId: APP_A.id,
          jobRunId: queued.jobRunId,
        }),
      ),
    ).rejects.toThrow(/not started running/);
    // Wrong engine driver for a Spark application.
    await expect(
      client.send(
        new StartJobRunCommand({
          applicationId: APP_A.id,
          clientToken: 'hive',
          executionRoleArn: APP_A.executionRoleArn,
          jobDriver: { hive: { query: 's3://bucket/q.sql' } },
        }),
      ),
    ).rejects.toThrow(/sparkSubmit/);
  });

  it('faults are injected by the emr-serverless operation name', async () => {
    t.sandbox.faults.set({
      throttleRate: 1,
      operations: ['emr-serverless:ListJobRuns'],
      count: 1,
    });
    await expect(
      client.send(new ListJobRunsCommand({ applicationId: APP_A.id })),
    ).rejects.toMatchObject({ name: 'ThrottlingException' });
    expect(t.sandbox.stats.count('emr-serverless:ListJobRuns')).toBeGreaterThan(
      0,
    );
    expect(t.sandbox.stats.count('ListJobRuns')).toBe(0);
    t.sandbox.faults.clear();
  });

  it('answered every request with a body that matches the model', () => {
    expectModelAnswers(model, recorded, {
      served: SERVED,
      skip: r => r.headers['x-amzn-errortype'] === 'ThrottlingException',
    });
    // A drifted body is caught: an unknown member, a wrong enum.
    const sample = JSON.parse(
      recorded.find(r => r.operation === 'GetJobRun' && r.status === 200)!.body,
    );
    expect(validator.output('GetJobRunResponse', sample).ok).toBe(true);
    expect(
      validator.output('GetJobRunResponse', {
        jobRun: { ...sample.jobRun, state: 'COMPLETED' },
      }).ok,
    ).toBe(false);
    expect(
      validator.output('GetJobRunResponse', {
        jobRun: { ...sample.jobRun, $metadata: {} },
      }).ok,
    ).toBe(false);
  });
});
