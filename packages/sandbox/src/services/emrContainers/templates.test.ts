/* eslint jest/expect-expect: ["warn", { "assertFunctionNames": ["expect", "expectValidation"] }] */
import {
  DAY,
  jobRunsPath,
  startBody,
  T0,
  TEAM_A,
  TEAM_B,
  templateBody,
  TEMPLATES_A,
  TEMPLATES_B,
  testSandbox,
} from '../../__testUtils__';
import { OUTCOME_TAG } from './store';

type T = ReturnType<typeof testSandbox>;

const describeRun = async (t: T, id: string, cluster = TEAM_A.id) =>
  (await t.api.get(`${jobRunsPath(cluster)}/${id}`).expect(200)).body.jobRun;

const startFromTemplate = (
  t: T,
  jobTemplateId: string,
  jobTemplateParameters?: Record<string, string>,
  extra: Record<string, unknown> = {},
  cluster = TEAM_A.id,
) =>
  t.api.post(jobRunsPath(cluster)).send({
    clientToken: `token-${Math.random().toString(36).slice(2)}`,
    jobTemplateId,
    ...(jobTemplateParameters ? { jobTemplateParameters } : {}),
    ...extra,
  });

async function expectValidation(
  response: PromiseLike<{
    status: number;
    headers: Record<string, string>;
    body: { message: string };
  }>,
  ...mentions: (string | RegExp)[]
) {
  const res = await response;
  expect(res.status).toBe(400);
  expect(res.headers['x-amzn-errortype']).toBe('ValidationException');
  for (const mention of mentions) expect(res.body.message).toMatch(mention);
}

describe('StartJobRun with a job template', () => {
  it('fills in ${placeholders} from jobTemplateParameters and defaults, and the run shows the values', async () => {
    const t = testSandbox();
    const started = await startFromTemplate(
      t,
      TEMPLATES_A['daily-sales-etl'].id,
      { RunDate: '2025-03-13' },
      { name: 'daily-sales-etl', tags: { 'started-by': 'user:default/guest' } },
    ).expect(200);
    expect(started.body).toMatchObject({
      name: 'daily-sales-etl',
      virtualClusterId: TEAM_A.id,
    });

    const run = await describeRun(t, started.body.id);
    expect(run.executionRoleArn).toBe(TEAM_A.executionRoleArn);
    // ReleaseLabel and ExecutorInstances come from their defaults.
    expect(run.releaseLabel).toBe('emr-7.1.0-latest');
    expect(run.jobDriver.sparkSubmitJobDriver).toEqual({
      entryPoint: `${TEAM_A.codeBucket}/jobs/daily-sales-etl/main.py`,
      entryPointArguments: [
        '--run-date',
        '2025-03-13',
        '--target',
        'sales.daily_orders',
      ],
      sparkSubmitParameters: expect.stringContaining(
        '--conf spark.executor.instances=4 ',
      ),
    });
    expect(JSON.stringify(run)).not.toContain('${');
    expect(
      run.configurationOverrides.monitoringConfiguration
        .cloudWatchMonitoringConfiguration,
    ).toEqual({
      logGroupName: TEAM_A.logGroupName,
      logStreamNamePrefix: 'daily-sales-etl',
    });
    // Request tags and the template's jobTags.
    expect(run.tags).toEqual({
      'started-by': 'user:default/guest',
      team: 'data-team-a',
      job: 'daily-sales-etl',
    });
  });

  it('lets parameters override defaults', async () => {
    const t = testSandbox();
    const started = await startFromTemplate(
      t,
      TEMPLATES_A['ad-hoc-pyspark-data-team-a'].id,
      {
        EntryPoint: 's3://analytics-data-team-a-code-123456789012/jobs/x.py',
        ExecutorInstances: '7',
        ReleaseLabel: 'emr-6.15.0-latest',
      },
    ).expect(200);
    const run = await describeRun(t, started.body.id);
    expect(run.releaseLabel).toBe('emr-6.15.0-latest');
    expect(run.jobDriver.sparkSubmitJobDriver.entryPoint).toBe(
      's3://analytics-data-team-a-code-123456789012/jobs/x.py',
    );
    expect(run.jobDriver.sparkSubmitJobDriver.sparkSubmitParameters).toMatch(
      /spark\.executor\.instances=7 .*spark\.executor\.memory=4G /,
    );
  });

  it('works for a template created through the API, on any virtual cluster', async () => {
    const t = testSandbox();
    const created = await t.api
      .post('/jobtemplates')
      .send(templateBody())
      .expect(200);
    const started = await startFromTemplate(
      t,
      created.body.id,
      { EntryPoint: 's3://b/main.py', Executors: '2.5e1' },
      {},
      TEAM_B.id,
    ).expect(200);
    const run = await describeRun(t, started.body.id, TEAM_B.id);
    expect(run.releaseLabel).toBe('emr-7.5.0-latest');
    expect(run.jobDriver.sparkSubmitJobDriver).toEqual({
      entryPoint: 's3://b/main.py',
      entryPointArguments: ['--day', '2025-03-14'],
      sparkSubmitParameters: '--conf spark.executor.instances=2.5e1',
    });
  });

  it('refuses a parameter without value or default, naming it', async () => {
    const t = testSandbox();
    const before = t.sandbox.emrContainers.listJobRuns(TEAM_A.id).length;
    await expectValidation(
      startFromTemplate(t, TEMPLATES_A['daily-sales-etl'].id),
      /\bRunDate\b/,
    );
    await expectValidation(
      startFromTemplate(t, TEMPLATES_A['daily-sales-etl'].id, {
        ExecutorInstances: '3',
      }),
      /\bRunDate\b/,
    );
    expect(t.sandbox.emrContainers.listJobRuns(TEAM_A.id)).toHaveLength(before);
  });

  it.each(['four', '4 executors', '1,000', '0x10'])(
    'refuses the non-numeric value %p for a NUMBER parameter',
    async value => {
      const t = testSandbox();
      const before = t.sandbox.emrContainers.listJobRuns(TEAM_A.id).length;
      await expectValidation(
        startFromTemplate(t, TEMPLATES_A['daily-sales-etl'].id, {
          RunDate: '2025-03-13',
          ExecutorInstances: value,
        }),
        /ExecutorInstances/,
        /NUMBER/,
      );
      expect(t.sandbox.emrContainers.listJobRuns(TEAM_A.id)).toHaveLength(
        before,
      );
    },
  );

  it('accepts numeric values in the usual notations', async () => {
    const t = testSandbox();
    for (const value of ['4', '-1', '2.5', '+3', '1e2']) {
      const { body } = await startFromTemplate(
        t,
        TEMPLATES_A['daily-sales-etl'].id,
        { RunDate: '2025-03-13', ExecutorInstances: value },
      ).expect(200);
      const run = await describeRun(t, body.id);
      expect(
        run.jobDriver.sparkSubmitJobDriver.sparkSubmitParameters,
      ).toContain(`spark.executor.instances=${value} `);
    }
  });

  it('refuses parameters the template does not declare', async () => {
    const t = testSandbox();
    await expectValidation(
      startFromTemplate(t, TEMPLATES_A['daily-sales-etl'].id, {
        RunDate: '2025-03-13',
        Colour: 'blue',
      }),
      /Colour/,
    );
  });

  it('answers ResourceNotFoundException for an unknown template', async () => {
    const t = testSandbox();
    const res = await startFromTemplate(t, 'nosuchtemplate', {});
    expect(res.status).toBe(400);
    expect(res.headers['x-amzn-errortype']).toBe('ResourceNotFoundException');
    expect(res.body.message).toContain('nosuchtemplate');
  });

  it('refuses request members the template supplies, and parameters without a template', async () => {
    const t = testSandbox();
    await expectValidation(
      startFromTemplate(
        t,
        TEMPLATES_A['daily-sales-etl'].id,
        { RunDate: '2025-03-13' },
        { releaseLabel: 'emr-7.5.0-latest' },
      ),
      /releaseLabel/,
    );
    await expectValidation(
      t.api
        .post(jobRunsPath())
        .send(startBody({ jobTemplateParameters: { RunDate: 'x' } })),
      /jobTemplateParameters/,
    );
  });

  it('checks the filled-in values against the model', async () => {
    const t = testSandbox();
    await expectValidation(
      startFromTemplate(t, TEMPLATES_A['daily-sales-etl'].id, {
        RunDate: '2025-03-13',
        ReleaseLabel: 'emr 7 please',
      }),
      "at 'releaseLabel'",
    );
  });

  it('is idempotent on clientToken and honours sandbox:outcome tags', async () => {
    const t = testSandbox();
    const extra = {
      clientToken: 'template-token',
      tags: { [OUTCOME_TAG]: 'FAILED' },
    };
    const params = { RunDate: '2025-03-13' };
    const a = await startFromTemplate(
      t,
      TEMPLATES_A['daily-sales-etl'].id,
      params,
      extra,
    ).expect(200);
    const b = await startFromTemplate(
      t,
      TEMPLATES_A['daily-sales-etl'].id,
      params,
      extra,
    ).expect(200);
    expect(b.body.id).toBe(a.body.id);
    t.clock.advance(2 * 60 * 60 * 1000);
    expect((await describeRun(t, a.body.id)).state).toBe('FAILED');
  });
});

describe('job template operations', () => {
  it('create → describe → list → delete', async () => {
    const t = testSandbox();
    const body = templateBody({ name: 'round-trip' });
    const created = await t.api.post('/jobtemplates').send(body).expect(200);
    expect(created.body).toEqual({
      id: expect.stringMatching(/^[0-9a-z]{25}$/),
      name: 'round-trip',
      arn: `arn:aws:emr-containers:us-east-1:123456789012:/jobtemplates/${created.body.id}`,
      createdAt: '2025-03-14T15:00:00Z',
    });
    // Same clientToken: the same template, nothing new.
    const again = await t.api.post('/jobtemplates').send(body).expect(200);
    expect(again.body).toEqual(created.body);

    const described = await t.api
      .get(`/jobtemplates/${created.body.id}`)
      .expect(200);
    expect(described.body.jobTemplate).toEqual({
      id: created.body.id,
      name: 'round-trip',
      arn: created.body.arn,
      createdAt: '2025-03-14T15:00:00Z',
      createdBy: 'arn:aws:iam::123456789012:user/sandbox-user',
      tags: { team: 'data-team-a' },
      jobTemplateData: body.jobTemplateData,
    });

    const listed = await t.api.get('/jobtemplates').expect(200);
    expect(listed.body.templates[0].id).toBe(created.body.id);
    expect(listed.body.templates).toHaveLength(7);

    expect(
      (await t.api.delete(`/jobtemplates/${created.body.id}`).expect(200)).body,
    ).toEqual({ id: created.body.id });
    const gone = await t.api.get(`/jobtemplates/${created.body.id}`);
    expect(gone.headers['x-amzn-errortype']).toBe('ResourceNotFoundException');
    const deleteAgain = await t.api.delete(`/jobtemplates/${created.body.id}`);
    expect(deleteAgain.headers['x-amzn-errortype']).toBe(
      'ResourceNotFoundException',
    );
    expect((await t.api.get('/jobtemplates')).body.templates).toHaveLength(6);
  });

  it('refuses placeholders that parameterConfiguration does not declare', async () => {
    const t = testSandbox();
    const body = templateBody();
    delete (
      body.jobTemplateData.parameterConfiguration as Record<string, unknown>
    ).Day;
    await expectValidation(t.api.post('/jobtemplates').send(body), /\$\{Day\}/);
  });

  it('refuses a NUMBER parameter whose default is not a number', async () => {
    const t = testSandbox();
    const body = templateBody();
    (
      body.jobTemplateData.parameterConfiguration as any
    ).Executors.defaultValue = 'three';
    await expectValidation(t.api.post('/jobtemplates').send(body), /Executors/);
  });

  it('validates jobTemplateData against the model', async () => {
    const t = testSandbox();
    const body = templateBody();
    (body.jobTemplateData.parameterConfiguration as any).Day.type = 'DATE';
    await expectValidation(
      t.api.post('/jobtemplates').send(body),
      /Value 'DATE' at 'jobTemplateData\.parameterConfiguration\.Day\.type'.*enum/,
    );
  });

  it('filters ListJobTemplates by creation time and pages', async () => {
    const t = testSandbox();
    const list = async (query: Record<string, unknown>) =>
      (await t.api.get('/jobtemplates').query(query).expect(200)).body;
    const recent = await list({
      createdAfter: new Date(T0 - 100 * DAY).toISOString(),
    });
    expect(recent.templates.map((x: { name: string }) => x.name)).toEqual([
      'ad-hoc-pyspark-data-team-b',
      'ml-feature-backfill',
      'ad-hoc-pyspark-data-team-a',
    ]);
    const first = await list({ maxResults: 4 });
    expect(first.templates).toHaveLength(4);
    const second = await list({ maxResults: 4, nextToken: first.nextToken });
    expect(second.templates).toHaveLength(2);
    expect(second.nextToken).toBeUndefined();
  });
});

describe('demo job templates', () => {
  it.each([
    ['data-team-a', TEMPLATES_A],
    ['data-team-b', TEMPLATES_B],
  ] as const)(
    '%s has its templates, tagged with the team',
    async (team, fixed) => {
      const t = testSandbox();
      const { templates } = (await t.api.get('/jobtemplates').expect(200)).body;
      const mine = templates.filter(
        (x: { tags: Record<string, string> }) => x.tags.team === team,
      );
      expect(mine.map((x: { id: string }) => x.id).sort()).toEqual(
        Object.values(fixed)
          .map(f => f.id)
          .sort(),
      );
      for (const template of mine) {
        expect(template.arn).toBe(
          `arn:aws:emr-containers:us-east-1:123456789012:/jobtemplates/${template.id}`,
        );
        expect(template.jobTemplateData.executionRoleArn).toMatch(
          new RegExp(`role/emr-eks-${team}-job-execution$`),
        );
        expect(template.createdBy).toMatch(/^arn:aws:(iam|sts)::123456789012:/);
      }
    },
  );

  it('declares daily-sales-etl parameters as documented', async () => {
    const t = testSandbox();
    const { jobTemplate } = (
      await t.api.get(`/jobtemplates/${TEMPLATES_A['daily-sales-etl'].id}`)
    ).body;
    expect(jobTemplate.jobTemplateData.parameterConfiguration).toEqual({
      RunDate: { type: 'STRING' },
      ExecutorInstances: { type: 'NUMBER', defaultValue: '4' },
      ReleaseLabel: { type: 'STRING', defaultValue: 'emr-7.1.0-latest' },
    });
  });

  it('every demo template starts a run once its required parameters are given', async () => {
    const t = testSandbox();
    const { templates } = (await t.api.get('/jobtemplates').expect(200)).body;
    for (const template of templates) {
      const params: Record<string, string> = {};
      for (const [name, config] of Object.entries<{ defaultValue?: string }>(
        template.jobTemplateData.parameterConfiguration,
      )) {
        if (config.defaultValue === undefined) {
          params[name] = name === 'EntryPoint' ? 's3://x/y.py' : '2025-03-13';
        }
      }
      const cluster = template.tags.team === 'data-team-a' ? TEAM_A : TEAM_B;
      const res = await startFromTemplate(
        t,
        template.id,
        params,
        {},
        cluster.id,
      );
      expect([template.name, res.status, res.body.message]).toEqual([
        template.name,
        200,
        undefined,
      ]);
    }
  });
});
