import {
  CancelJobRunCommand,
  CreateJobTemplateCommand,
  CreateManagedEndpointCommand,
  DeleteJobTemplateCommand,
  DeleteManagedEndpointCommand,
  DescribeJobRunCommand,
  DescribeJobTemplateCommand,
  DescribeManagedEndpointCommand,
  DescribeVirtualClusterCommand,
  EMRContainersClient,
  Endpoint,
  JobRun,
  JobTemplate,
  ListJobRunsCommand,
  ListJobTemplatesCommand,
  ListManagedEndpointsCommand,
  ListTagsForResourceCommand,
  ListVirtualClustersCommand,
  paginateListJobRuns,
  paginateListJobTemplates,
  paginateListManagedEndpoints,
  paginateListVirtualClusters,
  ResourceNotFoundException,
  StartJobRunCommand,
  TagResourceCommand,
  UntagResourceCommand,
  ValidationException,
} from '@aws-sdk/client-emr-containers';
import {
  DAY,
  ENDPOINTS_A,
  HOUR,
  T0,
  TEAM_A,
  TEAM_B,
  TEMPLATES_A,
  testSandbox,
} from '../../__testUtils__';
import { loadModel } from '../../model/loader';
import { ModelValidator } from '../../model/validator';
import {
  expectModelAnswers,
  recordedSandbox,
} from '../../__testUtils__/conformance';

/*
 * Drives every served operation through the real AWS SDK against a listening
 * sandbox, records each raw response, and checks every body against the
 * official model's output (or error) shape. The SDK alone would not catch
 * drift: it silently drops members it does not know.
 */

const SERVED = [
  'ListVirtualClusters',
  'DescribeVirtualCluster',
  'ListJobRuns',
  'DescribeJobRun',
  'StartJobRun',
  'CancelJobRun',
  'CreateManagedEndpoint',
  'DescribeManagedEndpoint',
  'ListManagedEndpoints',
  'DeleteManagedEndpoint',
  'CreateJobTemplate',
  'DescribeJobTemplate',
  'ListJobTemplates',
  'DeleteJobTemplate',
  'ListTagsForResource',
  'TagResource',
  'UntagResource',
];

const { service: model } = loadModel('emr-containers');
const validator = new ModelValidator(model);

describe('emr-containers model conformance', () => {
  const t = testSandbox();
  const served = recordedSandbox(() => t.sandbox);
  const { recorded } = served;
  let client: EMRContainersClient;

  beforeAll(async () => {
    client = new EMRContainersClient({
      endpoint: served.url,
      region: 'us-east-1',
      credentials: {
        accessKeyId: 'AKIDSANDBOX',
        secretAccessKey: 'not-a-secret',
      },
      maxAttempts: 1,
    });
  });

  afterAll(async () => {
    client.destroy();
  });

  it('ListVirtualClusters / DescribeVirtualCluster return the demo clusters', async () => {
    const { virtualClusters = [] } = await client.send(
      new ListVirtualClustersCommand({}),
    );
    expect(virtualClusters.map(c => c.id).sort()).toEqual(
      [TEAM_A.id, TEAM_B.id].sort(),
    );

    const pages = [];
    for await (const page of paginateListVirtualClusters(
      { client, pageSize: 1 },
      {},
    )) {
      pages.push(page.virtualClusters ?? []);
    }
    expect(pages.map(p => p.length)).toEqual([1, 1]);

    const { virtualCluster } = await client.send(
      new DescribeVirtualClusterCommand({ id: TEAM_A.id }),
    );
    expect(virtualCluster).toMatchObject({
      id: TEAM_A.id,
      name: 'data-team-a',
      arn: `arn:aws:emr-containers:us-east-1:123456789012:/virtualclusters/${TEAM_A.id}`,
      state: 'RUNNING',
      containerProvider: {
        type: 'EKS',
        id: 'analytics-shared',
        info: { eksInfo: { namespace: 'data-team-a' } },
      },
      tags: { team: 'data-team-a' },
    });
    expect(virtualCluster?.createdAt).toBeInstanceOf(Date);
  });

  it('ListJobRuns pages through every run of both teams with parsed timestamps', async () => {
    for (const cluster of [TEAM_A, TEAM_B]) {
      const runs: JobRun[] = [];
      for await (const page of paginateListJobRuns(
        { client, pageSize: 30 },
        { virtualClusterId: cluster.id },
      )) {
        runs.push(...(page.jobRuns ?? []));
      }
      expect(runs).toHaveLength(
        t.sandbox.emrContainers.listJobRuns(cluster.id).length,
      );
      for (const run of runs) {
        expect(run.createdAt).toBeInstanceOf(Date);
        const terminal = ['COMPLETED', 'FAILED', 'CANCELLED'].includes(
          run.state!,
        );
        expect(run.finishedAt instanceof Date).toBe(terminal);
      }
    }
  });

  it('ListJobRuns sends states, dates and maxResults the way the service reads them', async () => {
    const createdAfter = new Date(T0 - 10 * DAY);
    const createdBefore = new Date(T0 - 2 * DAY);
    const { jobRuns = [], nextToken } = await client.send(
      new ListJobRunsCommand({
        virtualClusterId: TEAM_B.id,
        states: ['FAILED', 'COMPLETED'],
        createdAfter,
        createdBefore,
        maxResults: 5,
      }),
    );
    expect(jobRuns).toHaveLength(5);
    expect(nextToken).toEqual(expect.any(String));
    for (const run of jobRuns) {
      expect(['FAILED', 'COMPLETED']).toContain(run.state);
      expect(run.createdAt!.getTime()).toBeGreaterThanOrEqual(
        createdAfter.getTime(),
      );
      expect(run.createdAt!.getTime()).toBeLessThan(createdBefore.getTime());
    }
  });

  it('StartJobRun / DescribeJobRun / CancelJobRun work end to end', async () => {
    const started = await client.send(
      new StartJobRunCommand({
        virtualClusterId: TEAM_A.id,
        name: 'sdk-started',
        executionRoleArn: TEAM_A.executionRoleArn,
        releaseLabel: 'emr-7.5.0-latest',
        jobDriver: {
          sparkSubmitJobDriver: {
            entryPoint:
              's3://analytics-data-team-a-code-123456789012/jobs/sdk/main.py',
            entryPointArguments: ['--date', '2025-03-14'],
          },
        },
        retryPolicyConfiguration: { maxAttempts: 2 },
      }),
    );
    expect(started).toMatchObject({
      name: 'sdk-started',
      virtualClusterId: TEAM_A.id,
    });
    expect(started.arn).toBe(
      `arn:aws:emr-containers:us-east-1:123456789012:/virtualclusters/${TEAM_A.id}/jobruns/${started.id}`,
    );

    const { jobRun } = await client.send(
      new DescribeJobRunCommand({
        virtualClusterId: TEAM_A.id,
        id: started.id!,
      }),
    );
    expect(jobRun).toMatchObject({
      id: started.id,
      state: 'PENDING',
      releaseLabel: 'emr-7.5.0-latest',
    });
    // The SDK fills in clientToken itself when it is left out.
    expect(jobRun?.clientToken).toEqual(expect.any(String));
    expect(jobRun?.finishedAt).toBeUndefined();
    expect(
      jobRun?.jobDriver?.sparkSubmitJobDriver?.entryPointArguments,
    ).toEqual(['--date', '2025-03-14']);

    const cancelled = await client.send(
      new CancelJobRunCommand({ virtualClusterId: TEAM_A.id, id: started.id! }),
    );
    expect(cancelled).toMatchObject({
      id: started.id,
      virtualClusterId: TEAM_A.id,
    });
    t.clock.advance(HOUR);
    const after = await client.send(
      new DescribeJobRunCommand({
        virtualClusterId: TEAM_A.id,
        id: started.id!,
      }),
    );
    expect(after.jobRun?.state).toBe('CANCELLED');
    expect(after.jobRun?.finishedAt).toBeInstanceOf(Date);

    await expect(
      client.send(
        new CancelJobRunCommand({
          virtualClusterId: TEAM_A.id,
          id: started.id!,
        }),
      ),
    ).rejects.toBeInstanceOf(ValidationException);
  });

  it('StartJobRun with the same clientToken returns the same run through the SDK', async () => {
    const input = {
      virtualClusterId: TEAM_B.id,
      clientToken: 'sdk-idempotent',
      executionRoleArn: TEAM_B.executionRoleArn,
      releaseLabel: 'emr-7.1.0-latest',
      jobDriver: { sparkSubmitJobDriver: { entryPoint: 's3://b/jobs/x.py' } },
    };
    const a = await client.send(new StartJobRunCommand(input));
    const b = await client.send(new StartJobRunCommand(input));
    expect(b.id).toBe(a.id);
  });

  it('CreateManagedEndpoint / DescribeManagedEndpoint / ListManagedEndpoints / DeleteManagedEndpoint work end to end', async () => {
    const created = await client.send(
      new CreateManagedEndpointCommand({
        virtualClusterId: TEAM_A.id,
        name: 'sdk-notebooks',
        type: 'JUPYTER_ENTERPRISE_GATEWAY',
        releaseLabel: 'emr-7.1.0-latest',
        executionRoleArn: TEAM_A.executionRoleArn,
        certificateArn:
          'arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b',
        configurationOverrides: {
          applicationConfiguration: [
            {
              classification: 'spark-defaults',
              properties: { 'spark.driver.memory': '2G' },
            },
          ],
        },
        tags: { team: 'data-team-a' },
      }),
    );
    expect(created).toMatchObject({
      name: 'sdk-notebooks',
      virtualClusterId: TEAM_A.id,
      arn: `${TEAM_A.arn}/endpoints/${created.id}`,
    });
    const describe = () =>
      client.send(
        new DescribeManagedEndpointCommand({
          virtualClusterId: TEAM_A.id,
          id: created.id!,
        }),
      );
    expect((await describe()).endpoint).toMatchObject({
      state: 'CREATING',
      type: 'JUPYTER_ENTERPRISE_GATEWAY',
      tags: { team: 'data-team-a' },
    });
    t.clock.advance(HOUR);
    const { endpoint } = await describe();
    expect(endpoint?.state).toBe('ACTIVE');
    expect(endpoint?.createdAt).toBeInstanceOf(Date);
    expect(endpoint?.serverUrl).toMatch(
      /^https:\/\/[0-9a-z]+\.[0-9a-z]+\.emr-containers\.us-east-1\.amazonaws\.com$/,
    );
    expect(endpoint?.certificateArn).toMatch(/^arn:aws:acm:/);

    const all: Endpoint[] = [];
    for await (const page of paginateListManagedEndpoints(
      { client, pageSize: 2 },
      {
        virtualClusterId: TEAM_A.id,
        states: ['ACTIVE', 'TERMINATED'],
        types: ['JUPYTER_ENTERPRISE_GATEWAY'],
        createdAfter: new Date(T0 - 365 * DAY),
      },
    )) {
      all.push(...(page.endpoints ?? []));
    }
    expect(all.map(e => e.id)).toEqual([
      created.id,
      ENDPOINTS_A.active.id,
      ENDPOINTS_A.terminated.id,
    ]);

    const activeOnly = await client.send(
      new ListManagedEndpointsCommand({
        virtualClusterId: TEAM_A.id,
        states: ['ACTIVE'],
        maxResults: 1,
      }),
    );
    expect(activeOnly.endpoints?.map(e => e.id)).toEqual([created.id]);
    expect(activeOnly.nextToken).toEqual(expect.any(String));

    const deleted = await client.send(
      new DeleteManagedEndpointCommand({
        virtualClusterId: TEAM_A.id,
        id: created.id!,
      }),
    );
    expect(deleted).toMatchObject({
      id: created.id,
      virtualClusterId: TEAM_A.id,
    });
    expect((await describe()).endpoint?.state).toBe('TERMINATING');
  });

  it('CreateJobTemplate / DescribeJobTemplate / ListJobTemplates / DeleteJobTemplate and StartJobRun from a template work end to end', async () => {
    const created = await client.send(
      new CreateJobTemplateCommand({
        name: 'sdk-template',
        jobTemplateData: {
          executionRoleArn: TEAM_B.executionRoleArn,
          releaseLabel: '${Release}',
          jobDriver: {
            sparkSqlJobDriver: {
              entryPoint:
                's3://analytics-data-team-b-code-123456789012/sql/${Query}.sql',
              sparkSqlParameters:
                '--conf spark.executor.instances=${Executors}',
            },
          },
          configurationOverrides: {
            monitoringConfiguration: {
              persistentAppUI: '${AppUI}',
              cloudWatchMonitoringConfiguration: {
                logGroupName: '/emr-on-eks/data-team-b',
              },
            },
          },
          parameterConfiguration: {
            Release: { type: 'STRING', defaultValue: 'emr-7.5.0-latest' },
            Query: { type: 'STRING' },
            Executors: { type: 'NUMBER', defaultValue: '2' },
            AppUI: { type: 'STRING', defaultValue: 'DISABLED' },
          },
          jobTags: { team: 'data-team-b' },
        },
        tags: { team: 'data-team-b' },
      }),
    );
    expect(created.createdAt).toBeInstanceOf(Date);
    expect(created.arn).toBe(
      `arn:aws:emr-containers:us-east-1:123456789012:/jobtemplates/${created.id}`,
    );

    const { jobTemplate } = await client.send(
      new DescribeJobTemplateCommand({ id: created.id! }),
    );
    expect(jobTemplate?.jobTemplateData?.parameterConfiguration?.Query).toEqual(
      {
        type: 'STRING',
      },
    );
    expect(jobTemplate?.createdBy).toBe(
      'arn:aws:iam::123456789012:user/sandbox-user',
    );

    const started = await client.send(
      new StartJobRunCommand({
        virtualClusterId: TEAM_B.id,
        name: 'from-template',
        jobTemplateId: created.id,
        jobTemplateParameters: { Query: 'daily_revenue', Executors: '6' },
      }),
    );
    const { jobRun } = await client.send(
      new DescribeJobRunCommand({
        virtualClusterId: TEAM_B.id,
        id: started.id!,
      }),
    );
    expect(jobRun).toMatchObject({
      releaseLabel: 'emr-7.5.0-latest',
      executionRoleArn: TEAM_B.executionRoleArn,
      jobDriver: {
        sparkSqlJobDriver: {
          entryPoint:
            's3://analytics-data-team-b-code-123456789012/sql/daily_revenue.sql',
          sparkSqlParameters: '--conf spark.executor.instances=6',
        },
      },
      configurationOverrides: {
        monitoringConfiguration: { persistentAppUI: 'DISABLED' },
      },
      tags: { team: 'data-team-b' },
    });

    await expect(
      client.send(
        new StartJobRunCommand({
          virtualClusterId: TEAM_B.id,
          jobTemplateId: created.id,
          jobTemplateParameters: { Executors: 'six' },
        }),
      ),
    ).rejects.toBeInstanceOf(ValidationException);
    await expect(
      client.send(
        new StartJobRunCommand({
          virtualClusterId: TEAM_B.id,
          jobTemplateId: 'nosuchtemplate',
        }),
      ),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);

    const templates: JobTemplate[] = [];
    for await (const page of paginateListJobTemplates(
      { client, pageSize: 3 },
      { createdBefore: new Date(T0 + DAY) },
    )) {
      templates.push(...(page.templates ?? []));
    }
    expect(templates).toHaveLength(7);
    expect(templates[0].id).toBe(created.id);
    expect(
      (await client.send(new ListJobTemplatesCommand({ maxResults: 2 })))
        .templates,
    ).toHaveLength(2);

    expect(
      await client.send(new DeleteJobTemplateCommand({ id: created.id! })),
    ).toMatchObject({ id: created.id });
    await expect(
      client.send(new DescribeJobTemplateCommand({ id: created.id! })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
    expect(
      (
        await client.send(
          new DescribeJobTemplateCommand({
            id: TEMPLATES_A['daily-sales-etl'].id,
          }),
        )
      ).jobTemplate?.name,
    ).toBe('daily-sales-etl');
  });

  it('ListTagsForResource / TagResource / UntagResource round-trip with URL-encoded ARNs', async () => {
    const [run] = t.sandbox.emrContainers.listJobRuns(TEAM_B.id);
    for (const resourceArn of [
      TEAM_B.arn,
      run.run.arn,
      ENDPOINTS_A.active.arn,
    ]) {
      const before = (
        await client.send(new ListTagsForResourceCommand({ resourceArn }))
      ).tags;
      await client.send(
        new TagResourceCommand({
          resourceArn,
          tags: { 'cost-center': 'cc-4711', owner: 'someone' },
        }),
      );
      await client.send(
        new UntagResourceCommand({ resourceArn, tagKeys: ['owner'] }),
      );
      expect(
        (await client.send(new ListTagsForResourceCommand({ resourceArn })))
          .tags,
      ).toEqual({ ...before, 'cost-center': 'cc-4711' });
    }
    const { virtualCluster } = await client.send(
      new DescribeVirtualClusterCommand({ id: TEAM_B.id }),
    );
    expect(virtualCluster?.tags).toEqual({
      team: 'data-team-b',
      'cost-center': 'cc-4711',
    });
    await expect(
      client.send(
        new ListTagsForResourceCommand({
          resourceArn: `${TEAM_A.arn}/jobruns/0000000zzzzzzzzzzzz`,
        }),
      ),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it('surfaces sandbox errors as the SDK error classes with AWS status codes', async () => {
    const missing = client.send(
      new DescribeVirtualClusterCommand({ id: 'abcdef0123456789abcdef012' }),
    );
    await expect(missing).rejects.toBeInstanceOf(ResourceNotFoundException);
    await expect(missing).rejects.toMatchObject({
      $metadata: { httpStatusCode: 400 },
    });

    const invalid = client.send(
      new ListJobRunsCommand({ virtualClusterId: TEAM_A.id, maxResults: 0 }),
    );
    await expect(invalid).rejects.toBeInstanceOf(ValidationException);
    await expect(invalid).rejects.toThrow(/maxResults/);
  });

  it('answered every request with a body that matches the model', () => {
    expectModelAnswers(model, recorded, { served: SERVED });
    expect(recorded.filter(r => r.status === 200).length).toBeGreaterThan(30);
    expect(recorded.some(r => r.status === 400)).toBe(true);
  });

  describe('the output check catches drift', () => {
    const sample = () => {
      const found = recorded.find(
        r => r.operation === 'DescribeJobRun' && r.status === 200,
      );
      return JSON.parse(found!.body);
    };
    const cluster = () => {
      const found = recorded.find(
        r => r.operation === 'DescribeVirtualCluster' && r.status === 200,
      );
      return JSON.parse(found!.body);
    };

    it('accepts the untouched sample', () => {
      expect(validator.output('DescribeJobRunResponse', sample()).ok).toBe(
        true,
      );
      expect(
        validator.output('DescribeVirtualClusterResponse', cluster()).ok,
      ).toBe(true);
    });

    it.each<[string, (body: any) => void, RegExp]>([
      [
        'a member the model lacks',
        b => (b.jobRun.costUsd = 1.5),
        /jobRun\.costUsd.*not defined/,
      ],
      [
        'a nested member the model lacks',
        b => (b.jobRun.jobDriver.pythonDriver = {}),
        /jobRun\.jobDriver\.pythonDriver/,
      ],
      [
        'a wrong enum value',
        b => (b.jobRun.state = 'DONE'),
        /jobRun\.state.*enum/,
      ],
      [
        'an epoch-number timestamp',
        b => (b.jobRun.createdAt = 1710428400),
        /jobRun\.createdAt/,
      ],
      [
        'a non-ISO timestamp string',
        b => (b.jobRun.createdAt = 'Thu, 14 Mar 2025 15:00:00 GMT'),
        /jobRun\.createdAt/,
      ],
      [
        'an ARN without ":/"',
        b => (b.jobRun.arn = b.jobRun.arn.replace(':/', ':')),
        /jobRun\.arn.*pattern/,
      ],
      [
        'stateDetails over 256 characters',
        b => (b.jobRun.stateDetails = 'x'.repeat(257)),
        /jobRun\.stateDetails.*256/,
      ],
      ['an uppercase id', b => (b.jobRun.id = 'ABC'), /jobRun\.id.*pattern/],
      ['a wrong type', b => (b.jobRun.tags = ['team']), /jobRun\.tags/],
    ])('rejects %s', (_label, mutate, message) => {
      const body = sample();
      mutate(body);
      const result = validator.output('DescribeJobRunResponse', body);
      expect(result.ok).toBe(false);
      expect(result.ok || result.message).toMatch(message);
    });

    it('checks endpoints and templates too', () => {
      const body = (operation: string) =>
        JSON.parse(
          recorded.find(r => r.operation === operation && r.status === 200)!
            .body,
        );
      const endpoint = body('DescribeManagedEndpoint');
      expect(
        validator.output('DescribeManagedEndpointResponse', endpoint).ok,
      ).toBe(true);
      endpoint.endpoint.state = 'DELETED';
      expect(
        validator.output('DescribeManagedEndpointResponse', endpoint).ok,
      ).toBe(false);
      const template = body('DescribeJobTemplate');
      delete template.jobTemplate.jobTemplateData.jobDriver;
      const result = validator.output('DescribeJobTemplateResponse', template);
      expect(result.ok || result.message).toMatch(
        /jobTemplateData\.jobDriver.*must not be null/,
      );
    });

    it('rejects a structure missing a required member', () => {
      const body = cluster();
      delete body.virtualCluster.containerProvider.type;
      const result = validator.output('DescribeVirtualClusterResponse', body);
      expect(result.ok || result.message).toMatch(
        /containerProvider\.type.*must not be null/,
      );
    });
  });
});
