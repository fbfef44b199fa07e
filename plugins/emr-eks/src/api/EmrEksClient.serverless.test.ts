import { ResponseError } from '@backstage/errors';
import { registerMswTestHooks } from '@backstage/test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  failedServerlessRun,
  failedServerlessRunDetail,
} from '../__testUtils__/serverless';
import { EmrEksClient } from './EmrEksClient';

const base =
  'http://backstage.test/api/emr-eks/v1/entity/:namespace/:kind/:name/serverless';
const entityRef = { kind: 'Resource', namespace: 'default', name: 'app/one' };

describe('EmrEksClient, EMR Serverless', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const client = new EmrEksClient({
    discoveryApi: {
      getBaseUrl: async pluginId => `http://backstage.test/api/${pluginId}`,
    },
    fetchApi: { fetch: (input, init) => fetch(input, init) },
  });

  it('lists job runs with the query on the wire and encoded path segments', async () => {
    let seen: URL | undefined;
    server.use(
      http.get(`${base}/job-runs`, ({ request }) => {
        seen = new URL(request.url);
        return HttpResponse.json({ items: [failedServerlessRun] });
      }),
    );

    const page = await client.listServerlessJobRuns(entityRef, {
      states: ['FAILED', 'SCHEDULED'],
      createdBefore: '2024-05-02T00:00:00Z',
      maxResults: 50,
      nextToken: 'a+b/c=',
    });

    expect(page.items).toEqual([failedServerlessRun]);
    expect(seen!.pathname).toBe(
      '/api/emr-eks/v1/entity/default/Resource/app%2Fone/serverless/job-runs',
    );
    expect(seen!.searchParams.getAll('states')).toEqual([
      'FAILED',
      'SCHEDULED',
    ]);
    expect(seen!.searchParams.get('createdBefore')).toBe(
      '2024-05-02T00:00:00Z',
    );
    expect(seen!.searchParams.get('maxResults')).toBe('50');
    expect(seen!.searchParams.get('nextToken')).toBe('a+b/c=');
  });

  it('starts a run from a job definition with a JSON body', async () => {
    let body: unknown;
    server.use(
      http.post(`${base}/job-runs`, async ({ request }) => {
        body = await request.json();
        return HttpResponse.json(
          { id: 'r1', name: 'x', arn: 'arn', applicationId: 'a1' },
          { status: 202 },
        );
      }),
    );
    const started = await client.startServerlessJobRun(entityRef, {
      jobDefinition: 'daily-orders',
      name: 'x',
    });
    expect(body).toEqual({ jobDefinition: 'daily-orders', name: 'x' });
    expect(started.id).toBe('r1');
  });

  it.each([
    ['getServerlessJobRun', 'GET', `${base}/job-runs/r%201`],
    ['getServerlessDashboard', 'GET', `${base}/job-runs/r%201/dashboard`],
    ['cancelServerlessJobRun', 'POST', `${base}/job-runs/r%201/cancel`],
    ['rerunServerlessJobRun', 'POST', `${base}/job-runs/r%201/rerun`],
  ] as const)('%s calls %s %s', async (method, verb, url) => {
    let called = false;
    const handler = verb === 'GET' ? http.get : http.post;
    server.use(
      handler(url, () => {
        called = true;
        return HttpResponse.json(failedServerlessRunDetail);
      }),
    );
    await client[method](entityRef, 'r 1');
    expect(called).toBe(true);
  });

  it.each([
    [404, 'NotFoundError', 'Job run r1 does not exist'],
    [500, 'Error', 'EMR Serverless failed'],
  ])(
    'turns a %s into a ResponseError with the backend’s message',
    async (status, name, message) => {
      server.use(
        http.get(`${base}/application`, () =>
          HttpResponse.json(
            { error: { name, message }, response: { statusCode: status } },
            { status },
          ),
        ),
      );
      const error = await client
        .getServerlessApplication(entityRef)
        .catch(e => e);
      expect(error).toBeInstanceOf(ResponseError);
      expect(error.statusCode).toBe(status);
      expect(error.cause.message).toBe(message);
    },
  );
});
