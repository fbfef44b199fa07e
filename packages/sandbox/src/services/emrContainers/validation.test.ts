/* eslint jest/expect-expect: ["warn", { "assertFunctionNames": ["expect", "expectError"] }] */
import {
  jobRunsPath,
  startBody,
  TEAM_A,
  TEAM_B,
  testSandbox,
} from '../../__testUtils__';

type Api = ReturnType<typeof testSandbox>['api'];

async function expectError(
  response: Promise<{
    status: number;
    headers: Record<string, string>;
    body: { message?: string };
  }>,
  errorType: string,
  ...mentions: (string | RegExp)[]
) {
  const res = await response;
  expect(res.status).toBe(400);
  expect(res.headers['x-amzn-errortype']).toBe(errorType);
  expect(res.headers['content-type']).toBe('application/json');
  expect(Object.keys(res.body)).toEqual(['message']);
  for (const mention of mentions) expect(res.body.message).toMatch(mention);
  return res.body.message as string;
}

describe('ValidationException from the model', () => {
  let api: Api;
  beforeEach(() => {
    api = testSandbox().api;
  });

  it('rejects an unknown job run state, naming the member and the allowed values', async () => {
    await expectError(
      api.get(jobRunsPath()).query({ states: ['RUNNING', 'DONE'] }),
      'ValidationException',
      "Value 'DONE' at 'states.2.member'",
      /enum value set: \[PENDING, SUBMITTED, RUNNING/,
    );
  });

  it('rejects more states than the model allows (max 10)', async () => {
    await expectError(
      api.get(jobRunsPath()).query({ states: Array(11).fill('RUNNING') }),
      'ValidationException',
      "at 'states'",
      /length less than or equal to 10/,
    );
  });

  it.each([
    [
      'virtual cluster id in ListJobRuns',
      () => jobRunsPath('Team-A'),
      'virtualClusterId',
    ],
    [
      'virtual cluster id in DescribeVirtualCluster',
      () => '/virtualclusters/NOT_AN_ID',
      'id',
    ],
    ['job run id in DescribeJobRun', () => `${jobRunsPath()}/ABC`, 'id'],
  ])(
    'rejects a %s that does not match the id pattern',
    async (_label, path, member) => {
      await expectError(
        api.get(path()),
        'ValidationException',
        `at '${member}'`,
        'regular expression pattern: [0-9a-z]+',
      );
    },
  );

  it('rejects a StartJobRun without the required clientToken', async () => {
    const { clientToken, ...body } = startBody();
    expect(clientToken).toBeDefined();
    await expectError(
      api.post(jobRunsPath()).send(body),
      'ValidationException',
      "Value null at 'clientToken'",
      'Member must not be null',
    );
  });

  it('names nested members and does not echo sensitive values', async () => {
    const message = await expectError(
      api.post(jobRunsPath()).send(
        startBody({
          jobDriver: {
            sparkSubmitJobDriver: {
              entryPoint: '',
              sparkSubmitParameters: 'x',
            },
          },
        }),
      ),
      'ValidationException',
      "at 'jobDriver.sparkSubmitJobDriver.entryPoint'",
    );
    expect(message).toContain("Value '***'");
  });

  it('rejects a missing required member inside a structure', async () => {
    await expectError(
      api
        .post(jobRunsPath())
        .send(startBody({ jobDriver: { sparkSubmitJobDriver: {} } })),
      'ValidationException',
      "Value null at 'jobDriver.sparkSubmitJobDriver.entryPoint'",
    );
  });

  it('rejects a malformed execution role ARN', async () => {
    await expectError(
      api.post(jobRunsPath()).send(startBody({ executionRoleArn: 'my-role' })),
      'ValidationException',
      "Value 'my-role' at 'executionRoleArn'",
    );
  });

  it('asks for what a job template would otherwise supply', async () => {
    const { jobDriver, ...body } = startBody();
    expect(jobDriver).toBeDefined();
    await expectError(
      api.post(jobRunsPath()).send(body),
      'ValidationException',
      "'jobDriver'",
    );
  });

  it.each([
    ['abc', /Member must be an integer/],
    ['1.5', /Member must be an integer/],
    ['0', /greater than or equal to 1/],
    ['-3', /greater than or equal to 1/],
  ])('rejects maxResults=%s', async (maxResults, why) => {
    await expectError(
      api.get(jobRunsPath()).query({ maxResults }),
      'ValidationException',
      "at 'maxResults'",
      why,
    );
  });

  it('rejects maxResults < 1 on ListVirtualClusters too', async () => {
    await expectError(
      api.get('/virtualclusters').query({ maxResults: 0 }),
      'ValidationException',
      'maxResults',
    );
  });

  it('rejects a nextToken the sandbox did not issue', async () => {
    await expectError(
      api.get(jobRunsPath()).query({ nextToken: 'not-a-token' }),
      'ValidationException',
      'nextToken',
    );
  });

  it('rejects a tampered nextToken', async () => {
    const page = await api
      .get(jobRunsPath())
      .query({ maxResults: 2 })
      .expect(200);
    const token: string = page.body.nextToken;
    const [payload, signature] = token.split('.');
    const forged = Buffer.from(
      JSON.stringify({
        ...JSON.parse(Buffer.from(payload, 'base64url').toString()),
        a: '9',
      }),
    ).toString('base64url');
    await expectError(
      api.get(jobRunsPath()).query({ nextToken: `${forged}.${signature}` }),
      'ValidationException',
      'nextToken',
    );
  });

  it('rejects timestamps that are not ISO 8601', async () => {
    await expectError(
      api.get(jobRunsPath()).query({ createdAfter: 'yesterday' }),
      'ValidationException',
      "Value 'yesterday' at 'createdAfter'",
    );
  });

  it('rejects a body that is not JSON', async () => {
    const res = await api
      .post(jobRunsPath())
      .set('Content-Type', 'application/json')
      .send('{"name":');
    expect(res.status).toBe(400);
    expect(res.headers['x-amzn-errortype']).toBe('SerializationException');
  });
});

describe('ResourceNotFoundException', () => {
  let api: Api;
  beforeEach(() => {
    api = testSandbox().api;
  });
  const unknownCluster = '0123456789abcdefghijklmno';
  const unknownRun = '0000000zzzzzzzzzzzz';

  it.each([
    [
      'DescribeVirtualCluster',
      () => api.get(`/virtualclusters/${unknownCluster}`),
    ],
    ['ListJobRuns', () => api.get(jobRunsPath(unknownCluster))],
    [
      'StartJobRun',
      () => api.post(jobRunsPath(unknownCluster)).send(startBody()),
    ],
    [
      'DescribeJobRun (unknown cluster)',
      () => api.get(`${jobRunsPath(unknownCluster)}/${unknownRun}`),
    ],
    [
      'DescribeJobRun (unknown run)',
      () => api.get(`${jobRunsPath()}/${unknownRun}`),
    ],
    [
      'CancelJobRun (unknown run)',
      () => api.delete(`${jobRunsPath()}/${unknownRun}`),
    ],
  ])('is a 400 for %s', async (_label, call) => {
    await expectError(call(), 'ResourceNotFoundException', /doesn't exist/);
  });

  it('is returned for a run asked for under the wrong virtual cluster', async () => {
    const started = await api
      .post(jobRunsPath(TEAM_A.id))
      .send(startBody())
      .expect(200);
    await expectError(
      api.get(`${jobRunsPath(TEAM_B.id)}/${started.body.id}`),
      'ResourceNotFoundException',
      started.body.id,
    );
  });

  it('is returned for an unknown job template', async () => {
    await expectError(
      api
        .post(jobRunsPath())
        .send({ clientToken: 'tpl', jobTemplateId: 'abc123' }),
      'ResourceNotFoundException',
      'abc123',
    );
  });
});

describe('operations the sandbox does not serve', () => {
  it('answer 501 NotImplementedException for modelled operations', async () => {
    const { api } = testSandbox();
    const res = await api.get('/securityconfigurations').expect(501);
    expect(res.headers['x-amzn-errortype']).toBe('NotImplementedException');
    expect(res.body.message).toContain('ListSecurityConfigurations');
  });

  it('answer 404 UnknownOperationException for paths outside the model', async () => {
    const { api } = testSandbox();
    const res = await api.get('/no/such/path').expect(404);
    expect(res.headers['x-amzn-errortype']).toBe('UnknownOperationException');
  });
});
