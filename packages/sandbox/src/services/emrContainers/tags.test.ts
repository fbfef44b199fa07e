/* eslint jest/expect-expect: ["warn", { "assertFunctionNames": ["expect", "expectError"] }] */
import {
  ENDPOINTS_A,
  jobRunsPath,
  signedFor,
  startBody,
  tagsPath,
  TEAM_A,
  TEAM_B,
  TEMPLATES_A,
  testSandbox,
} from '../../__testUtils__';

type T = ReturnType<typeof testSandbox>;

const listTags = async (t: T, arn: string) =>
  (await t.api.get(tagsPath(arn)).expect(200)).body.tags;

async function expectError(
  response: PromiseLike<{
    status: number;
    headers: Record<string, string>;
    body: { message: string };
  }>,
  errorType: string,
  mention?: RegExp,
) {
  const res = await response;
  expect(res.status).toBe(400);
  expect(res.headers['x-amzn-errortype']).toBe(errorType);
  if (mention) expect(res.body.message).toMatch(mention);
}

describe('tags', () => {
  it('round-trips on a virtual cluster, and ListVirtualClusters / DescribeVirtualCluster show the same tags', async () => {
    const t = testSandbox();
    expect(await listTags(t, TEAM_A.arn)).toEqual({ team: 'data-team-a' });

    const tagged = await t.api
      .post(tagsPath(TEAM_A.arn))
      .send({ tags: { 'cost-center': 'cc-4711', env: 'prod' } })
      .expect(200);
    expect(tagged.body).toEqual({});
    await t.api
      .delete(tagsPath(TEAM_A.arn))
      .query({ tagKeys: ['env', 'not-there'] })
      .expect(200);

    const expected = { team: 'data-team-a', 'cost-center': 'cc-4711' };
    expect(await listTags(t, TEAM_A.arn)).toEqual(expected);
    const described = await t.api.get(`/virtualclusters/${TEAM_A.id}`);
    expect(described.body.virtualCluster.tags).toEqual(expected);
    const listed = await t.api.get('/virtualclusters');
    const byId = Object.fromEntries(
      listed.body.virtualClusters.map((c: { id: string; tags: unknown }) => [
        c.id,
        c.tags,
      ]),
    );
    expect(byId[TEAM_A.id]).toEqual(expected);
    expect(byId[TEAM_B.id]).toEqual({ team: 'data-team-b' });
  });

  it('round-trips on a job run (seeded and new) and shows in DescribeJobRun and ListJobRuns', async () => {
    const t = testSandbox();
    const [seeded] = t.sandbox.emrContainers.listJobRuns(TEAM_A.id);
    expect(await listTags(t, seeded.run.arn)).toEqual({
      team: 'data-team-a',
      job: seeded.run.name,
    });
    await t.api
      .post(tagsPath(seeded.run.arn))
      .send({ tags: { job: 'renamed', reviewed: 'yes' } })
      .expect(200);
    const described = await t.api.get(`${jobRunsPath()}/${seeded.run.id}`);
    expect(described.body.jobRun.tags).toEqual({
      team: 'data-team-a',
      job: 'renamed',
      reviewed: 'yes',
    });
    const listed = await t.api.get(jobRunsPath()).query({ maxResults: 100 });
    expect(
      listed.body.jobRuns.find((r: { id: string }) => r.id === seeded.run.id)
        .tags.reviewed,
    ).toBe('yes');

    // A run started without tags can be tagged too.
    const { body } = await t.api
      .post(jobRunsPath())
      .send(startBody())
      .expect(200);
    expect(await listTags(t, body.arn)).toEqual({});
    await t.api
      .post(tagsPath(body.arn))
      .send({ tags: { a: '1' } })
      .expect(200);
    expect(await listTags(t, body.arn)).toEqual({ a: '1' });
    await t.api.delete(tagsPath(body.arn)).query({ tagKeys: 'a' }).expect(200);
    expect(await listTags(t, body.arn)).toEqual({});
  });

  it('round-trips on a managed endpoint and shows in DescribeManagedEndpoint', async () => {
    const t = testSandbox();
    await t.api
      .post(tagsPath(ENDPOINTS_A.active.arn))
      .send({ tags: { owner: 'maria.garcia' } })
      .expect(200);
    const described = await t.api.get(
      `/virtualclusters/${TEAM_A.id}/endpoints/${ENDPOINTS_A.active.id}`,
    );
    expect(described.body.endpoint.tags).toEqual({
      team: 'data-team-a',
      owner: 'maria.garcia',
    });
  });

  it('does not share tag maps between resources or with the demo constants', async () => {
    const t = testSandbox();
    await t.api
      .post(tagsPath(TEAM_A.arn))
      .send({ tags: { team: 'someone-else' } })
      .expect(200);
    expect(TEAM_A.tags).toEqual({ team: 'data-team-a' });
    expect(await listTags(t, ENDPOINTS_A.active.arn)).toEqual({
      team: 'data-team-a',
    });
    t.sandbox.reset();
    expect(await listTags(t, TEAM_A.arn)).toEqual({ team: 'data-team-a' });
  });

  it.each([
    [
      'an unknown virtual cluster',
      TEAM_A.arn.replace(TEAM_A.id, 'abc0123456789'),
    ],
    ['an unknown job run', `${TEAM_A.arn}/jobruns/0000000zzzzzzzzzzzz`],
    ['an unknown endpoint', `${TEAM_A.arn}/endpoints/nosuchendpoint`],
    ['another account', TEAM_A.arn.replace('123456789012', '210987654321')],
    ['another region', TEAM_A.arn.replace('us-east-1', 'eu-west-1')],
  ])('answers ResourceNotFoundException for %s', async (_label, arn) => {
    const t = testSandbox();
    await expectError(t.api.get(tagsPath(arn)), 'ResourceNotFoundException');
    await expectError(
      t.api.post(tagsPath(arn)).send({ tags: { a: 'b' } }),
      'ResourceNotFoundException',
    );
    await expectError(
      t.api.delete(tagsPath(arn)).query({ tagKeys: 'a' }),
      'ResourceNotFoundException',
    );
  });

  it('answers ResourceNotFoundException for a run or endpoint named under the wrong cluster', async () => {
    const t = testSandbox();
    const [run] = t.sandbox.emrContainers.listJobRuns(TEAM_A.id);
    await expectError(
      t.api.get(tagsPath(`${TEAM_B.arn}/jobruns/${run.run.id}`)),
      'ResourceNotFoundException',
    );
    await expectError(
      t.api.get(tagsPath(`${TEAM_B.arn}/endpoints/${ENDPOINTS_A.active.id}`)),
      'ResourceNotFoundException',
    );
  });

  it('finds an ARN only in the region the request is signed for', async () => {
    const t = testSandbox();
    await expectError(
      t.api
        .get(tagsPath(TEAM_A.arn))
        .set('Authorization', signedFor('eu-west-1')),
      'ResourceNotFoundException',
    );
  });

  it('refuses ARNs the tag APIs do not take (the model allows virtual clusters and below)', async () => {
    const t = testSandbox();
    await expectError(
      t.api.get(tagsPath(TEMPLATES_A['daily-sales-etl'].arn)),
      'ValidationException',
      /resourceArn/,
    );
  });

  it('refuses reserved aws: keys and more than 50 tags', async () => {
    const t = testSandbox();
    await expectError(
      t.api.post(tagsPath(TEAM_A.arn)).send({ tags: { 'aws:owner': 'x' } }),
      'ValidationException',
      /aws:/,
    );
    const many = Object.fromEntries(
      Array.from({ length: 50 }, (_, i) => [`k${i}`, 'v']),
    );
    await expectError(
      t.api.post(tagsPath(TEAM_A.arn)).send({ tags: many }),
      'ValidationException',
      /50/,
    );
    expect(await listTags(t, TEAM_A.arn)).toEqual({ team: 'data-team-a' });
    await expectError(
      t.api.delete(tagsPath(TEAM_A.arn)),
      'ValidationException',
      /tagKeys/,
    );
  });
});
