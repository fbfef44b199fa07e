import { mockCredentials } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createSandbox } from '@emr-eks/sandbox';
import request from 'supertest';
import { startAwsErrorServer } from './testing/awsErrorServer';
import { ALICE, MALLORY, startBackend, teamA } from './testing/backend';

const jobRunsPath = (name: string) =>
  `/api/emr-eks/v1/entity/default/resource/${name}/job-runs`;

describe('GET /v1/entity/:namespace/:kind/:name/job-runs against the sandbox', () => {
  let sandbox: Awaited<ReturnType<ReturnType<typeof createSandbox>['listen']>>;
  let server: Awaited<ReturnType<typeof startBackend>>;

  beforeAll(async () => {
    sandbox = await createSandbox({ seed: 7 }).listen(0);
    server = await startBackend({ endpoint: sandbox.url });
  });

  afterAll(async () => {
    await sandbox.close();
  });

  const get = (path: string, user = ALICE) =>
    request(server)
      .get(path)
      .set('Authorization', mockCredentials.user.header(user));

  it('lists the job runs of the entity’s virtual cluster, newest first', async () => {
    const res = await get(`${jobRunsPath('team-a-emr')}?maxResults=10`);
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(10);
    expect(res.body.nextToken).toEqual(expect.any(String));
    for (const run of res.body.items) {
      expect(run.virtualClusterId).toBe(teamA.id);
      expect(Date.parse(run.createdAt)).not.toBeNaN();
    }
    const created = res.body.items.map((r: any) => Date.parse(r.createdAt));
    expect([...created].sort((a, b) => b - a)).toEqual(created);
  });

  it('pages through every run exactly once with nextToken', async () => {
    const seen: string[] = [];
    let nextToken: string | undefined;
    do {
      const res = await get(jobRunsPath('team-a-emr')).query({
        maxResults: 25,
        ...(nextToken ? { nextToken } : {}),
      });
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((r: any) => r.id));
      nextToken = res.body.nextToken;
    } while (nextToken);
    expect(seen.length).toBeGreaterThan(50);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('passes the state filter through, repeated or single', async () => {
    const failed = await get(
      `${jobRunsPath('team-a-emr')}?states=FAILED&maxResults=100`,
    );
    expect(failed.status).toBe(200);
    expect(failed.body.items.length).toBeGreaterThan(0);
    expect(failed.body.items.every((r: any) => r.state === 'FAILED')).toBe(
      true,
    );
    expect(failed.body.items[0].failureReason).toEqual(expect.any(String));

    const two = await get(
      `${jobRunsPath(
        'team-a-emr',
      )}?states=FAILED&states=CANCELLED&maxResults=100`,
    );
    const cancelled = await get(
      `${jobRunsPath('team-a-emr')}?states=CANCELLED&maxResults=100`,
    );
    const ids = (res: request.Response) =>
      res.body.items.map((r: any) => r.id).sort();
    expect(two.status).toBe(200);
    expect(ids(two)).toEqual([...ids(failed), ...ids(cancelled)].sort());
  });

  it('passes the createdAfter filter through', async () => {
    const all = await get(`${jobRunsPath('team-a-emr')}?maxResults=100`);
    const cutoff = all.body.items[20].createdAt;
    const res = await get(jobRunsPath('team-a-emr')).query({
      createdAfter: cutoff,
      maxResults: 100,
    });
    expect(res.status).toBe(200);
    // createdAfter is inclusive: the 21 newest runs, in the same order.
    expect(res.body.items.map((r: any) => r.id)).toEqual(
      all.body.items.slice(0, 21).map((r: any) => r.id),
    );
  });

  it.each([
    ['states=DONE', 'states'],
    ['maxResults=0', 'maxResults'],
    ['maxResults=ten', 'maxResults'],
    ['createdAfter=yesterday', 'createdAfter'],
    ['name=has%20space', 'name'],
    ['colour=blue', 'colour'],
  ])('rejects %s with a 400 naming %s', async (qs, param) => {
    const res = await get(`${jobRunsPath('team-a-emr')}?${qs}`);
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('InputError');
    expect(res.body.error.message).toContain(param);
  });

  it('answers 404 for an entity the caller cannot see', async () => {
    const res = await get(jobRunsPath('team-a-emr'), MALLORY);
    expect(res.status).toBe(404);
    expect(res.body.error.name).toBe('NotFoundError');
  });

  it('answers 404 for an entity that does not exist', async () => {
    const res = await get(jobRunsPath('nope'));
    expect(res.status).toBe(404);
  });

  it('answers 400 naming the annotation when the entity lacks it', async () => {
    const res = await get(jobRunsPath('no-annotation'));
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(
      'aws.amazon.com/emr-virtual-cluster-arn',
    );
  });

  it('answers 400 when the annotation is not a virtual cluster ARN', async () => {
    const res = await get(jobRunsPath('bad-arn'));
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('arn:aws:s3:::not-a-cluster');
  });

  it('maps ResourceNotFoundException from AWS to 404', async () => {
    const res = await get(jobRunsPath('unknown-cluster'));
    expect(res.status).toBe(404);
    expect(res.body.error.message).toContain('0000000000000000000000000');
  });

  it('refuses an account missing from emrEks.accounts with a 400, before calling AWS', async () => {
    const res = await get(jobRunsPath('other-account'));
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      'virtual cluster arn:aws:emr-containers:eu-west-1:999999999999:/virtualclusters/abc is in account 999999999999, which is not configured for EMR on EKS (emrEks.accounts)',
    );
  });
});

describe('job-runs with permission denied', () => {
  it('answers 403 when the policy denies emr-eks.job-run.read', async () => {
    const sandbox = await createSandbox({ seed: 7 }).listen(0);
    try {
      const server = await startBackend({
        endpoint: sandbox.url,
        permission: AuthorizeResult.DENY,
      });
      const res = await request(server)
        .get(jobRunsPath('team-a-emr'))
        .set('Authorization', mockCredentials.user.header(ALICE));
      expect(res.status).toBe(403);
      expect(res.body.error.message).toContain('emr-eks.job-run.read');
    } finally {
      await sandbox.close();
    }
  });
});

describe('job-runs when AWS fails', () => {
  it.each([
    [
      'throttling after the SDK retries',
      { status: 400, type: 'ThrottlingException' },
      503,
      'throttling',
    ],
    [
      'an internal error',
      { status: 500, type: 'InternalServerException' },
      502,
      'InternalServerException',
    ],
    [
      'denied credentials, without echoing AWS’s text',
      { status: 403, type: 'AccessDeniedException' },
      502,
      'refused the credentials',
    ],
  ])('maps %s', async (_what, answer, status, text) => {
    const upstream = await startAwsErrorServer({
      ...answer,
      message:
        'User: arn:aws:sts::123456789012:assumed-role/secret-role is not authorized',
    });
    try {
      const server = await startBackend({
        endpoint: upstream.url,
        maxAttempts: 3,
      });
      const res = await request(server)
        .get(jobRunsPath('team-a-emr'))
        .set('Authorization', mockCredentials.user.header(ALICE));
      expect(res.status).toBe(status);
      expect(res.body.error.message).toContain(text);
      expect(res.body.error.message).not.toContain('secret-role');
      expect(JSON.stringify(res.body)).not.toContain(
        'test-secret-never-logged',
      );
      // Retryable failures are retried by the SDK's strategy, the rest are not.
      expect(upstream.requests()).toBe(
        status === 502 && answer.status === 403 ? 1 : 3,
      );
    } finally {
      await upstream.close();
    }
  });

  it('answers 503 when the endpoint cannot be reached', async () => {
    const upstream = await startAwsErrorServer({ status: 500, type: 'x' });
    await upstream.close();
    const server = await startBackend({ endpoint: upstream.url });
    const res = await request(server)
      .get(jobRunsPath('team-a-emr'))
      .set('Authorization', mockCredentials.user.header(ALICE));
    expect(res.body.error.message).toContain('Cannot reach');
    expect(res.status).toBe(503);
  });
});
