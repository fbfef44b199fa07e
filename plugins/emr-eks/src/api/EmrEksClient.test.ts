import { ResponseError } from '@backstage/errors';
import { registerMswTestHooks } from '@backstage/test-utils';
import { JobRunPage } from '@emr-eks/plugin-emr-eks-common';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { EmrEksClient } from './EmrEksClient';

const baseUrl = 'http://backstage.test/api/emr-eks';
const route = `${baseUrl}/v1/entity/:namespace/:kind/:name/job-runs`;

const page: JobRunPage = {
  items: [
    {
      id: '000000034ftu4a3ipvr',
      name: 'nightly-etl',
      virtualClusterId: 'abc123',
      state: 'FAILED',
      releaseLabel: 'emr-7.2.0-latest',
      createdAt: '2024-05-01T10:00:00Z',
    },
  ],
  nextToken: 'token-2',
};

function errorBody(name: string, message: string, statusCode: number) {
  return {
    error: { name, message },
    request: { method: 'GET', url: '/api/emr-eks/v1/entity/...' },
    response: { statusCode },
  };
}

describe('EmrEksClient', () => {
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
    let params: Record<string, unknown> = {};
    server.use(
      http.get(route, ({ request, params: p }) => {
        seen = new URL(request.url);
        params = p;
        return HttpResponse.json(page);
      }),
    );

    const result = await client.listJobRuns(
      { kind: 'Resource', namespace: 'team a', name: 'vc/one#1' },
      {
        states: ['FAILED', 'RUNNING'],
        createdAfter: '2024-05-01T00:00:00Z',
        name: 'nightly-etl',
        maxResults: 25,
        nextToken: 'a+b/c=',
      },
    );

    expect(result).toEqual(page);
    expect(seen!.pathname).toBe(
      '/api/emr-eks/v1/entity/team%20a/Resource/vc%2Fone%231/job-runs',
    );
    expect(params).toEqual({
      namespace: 'team a',
      kind: 'Resource',
      name: 'vc/one#1',
    });
    expect(seen!.searchParams.getAll('states')).toEqual(['FAILED', 'RUNNING']);
    expect(seen!.searchParams.get('createdAfter')).toBe('2024-05-01T00:00:00Z');
    expect(seen!.searchParams.get('name')).toBe('nightly-etl');
    expect(seen!.searchParams.get('maxResults')).toBe('25');
    expect(seen!.searchParams.get('nextToken')).toBe('a+b/c=');
    expect(seen!.searchParams.has('createdBefore')).toBe(false);
  });

  it('sends no query string without a query', async () => {
    let search: string | undefined;
    server.use(
      http.get(route, ({ request }) => {
        search = new URL(request.url).search;
        return HttpResponse.json({ items: [] });
      }),
    );

    await expect(
      client.listJobRuns({
        kind: 'resource',
        namespace: 'default',
        name: 'vc',
      }),
    ).resolves.toEqual({ items: [] });
    expect(search).toBe('');
  });

  it.each([
    [404, 'NotFoundError', 'resource:default/vc not found'],
    [500, 'Error', 'something broke upstream'],
  ])(
    'turns a %d into a ResponseError with the backend message',
    async (status, name, message) => {
      server.use(
        http.get(route, () =>
          HttpResponse.json(errorBody(name, message, status), { status }),
        ),
      );

      const error = await client
        .listJobRuns({ kind: 'resource', namespace: 'default', name: 'vc' })
        .then(
          () => undefined,
          e => e,
        );

      expect(error).toBeInstanceOf(ResponseError);
      expect(error.statusCode).toBe(status);
      expect(error.message).toContain(String(status));
      expect(error.cause).toMatchObject({ name, message });
      expect(error.body.error.message).toBe(message);
    },
  );

  describe('entity-scoped routes', () => {
    const ref = { kind: 'Resource', namespace: 'team a', name: 'vc/1' };
    const entityPath = '/api/emr-eks/v1/entity/team%20a/Resource/vc%2F1';
    const entityRoute = `${baseUrl}/v1/entity/:namespace/:kind/:name`;

    type Seen = {
      method: string;
      pathname: string;
      search: URLSearchParams;
      contentType: string | null;
      body: string;
    };

    /** Answers every method on `route` and records what was asked. */
    function answer(subPath: string, status: number, body: unknown) {
      const seen: Seen[] = [];
      server.use(
        http.all(`${entityRoute}${subPath}`, async ({ request }) => {
          const url = new URL(request.url);
          seen.push({
            method: request.method,
            pathname: url.pathname,
            search: url.searchParams,
            contentType: request.headers.get('content-type'),
            body: await request.text(),
          });
          return HttpResponse.json(body as any, { status });
        }),
      );
      return seen;
    }

    const detail = {
      id: 'run 1',
      virtualClusterId: 'abc123',
      state: 'RUNNING',
      jobDriver: { sparkSubmitJobDriver: { entryPoint: 's3://code/main.py' } },
    };
    const started = { id: 'run-2', name: 'etl', virtualClusterId: 'abc123' };
    const accepted = { id: 'run 1', virtualClusterId: 'abc123' };

    it.each([
      {
        call: () => client.getJobRun(ref, 'run 1'),
        subPath: '/job-runs/:id',
        method: 'GET',
        path: '/job-runs/run%201',
        status: 200,
        answer: detail,
      },
      {
        call: () =>
          client.startJobRun(ref, {
            jobTemplateId: 'tpl-1',
            jobTemplateParameters: { date: '2024-05-01' },
            name: 'etl',
          }),
        subPath: '/job-runs',
        method: 'POST',
        path: '/job-runs',
        status: 201,
        answer: started,
        sent: {
          jobTemplateId: 'tpl-1',
          jobTemplateParameters: { date: '2024-05-01' },
          name: 'etl',
        },
      },
      {
        call: () => client.rerunJobRun(ref, 'run 1'),
        subPath: '/job-runs/:id/rerun',
        method: 'POST',
        path: '/job-runs/run%201/rerun',
        status: 201,
        answer: started,
      },
      {
        call: () => client.cancelJobRun(ref, 'run 1'),
        subPath: '/job-runs/:id/cancel',
        method: 'POST',
        path: '/job-runs/run%201/cancel',
        status: 202,
        answer: accepted,
      },
      {
        call: () => client.getEndpoint(ref, 'ep/1'),
        subPath: '/endpoints/:id',
        method: 'GET',
        path: '/endpoints/ep%2F1',
        status: 200,
        answer: { id: 'ep/1', virtualClusterId: 'abc123', state: 'ACTIVE' },
      },
      {
        call: () => client.deleteEndpoint(ref, 'ep/1'),
        subPath: '/endpoints/:id',
        method: 'DELETE',
        path: '/endpoints/ep%2F1',
        status: 202,
        answer: { id: 'ep/1', virtualClusterId: 'abc123' },
      },
      {
        call: () => client.listJobTemplates(ref),
        subPath: '/job-templates',
        method: 'GET',
        path: '/job-templates',
        status: 200,
        answer: { items: [{ id: 'tpl-1', name: 'nightly' }] },
      },
      {
        call: () => client.getJobTemplate(ref, 'tpl 1'),
        subPath: '/job-templates/:id',
        method: 'GET',
        path: '/job-templates/tpl%201',
        status: 200,
        answer: { id: 'tpl 1', name: 'nightly' },
      },
      {
        call: () => client.getVirtualCluster(ref),
        subPath: '/virtual-cluster',
        method: 'GET',
        path: '/virtual-cluster',
        status: 200,
        answer: { id: 'abc123', state: 'RUNNING' },
      },
      {
        call: () => client.getVirtualClusterSummary(ref),
        subPath: '/summary',
        method: 'GET',
        path: '/summary',
        status: 200,
        answer: {
          virtualClusterId: 'abc123',
          active: 3,
          running: 2,
          failedLast24h: 1,
        },
      },
    ])(
      '$method $path answers $status',
      async ({
        call,
        subPath,
        method,
        path,
        status,
        answer: answered,
        ...rest
      }) => {
        const sent = 'sent' in rest ? rest.sent : undefined;
        const seen = answer(subPath, status, answered);

        await expect(call()).resolves.toEqual(answered);

        expect(seen).toHaveLength(1);
        expect(seen[0].method).toBe(method);
        expect(seen[0].pathname).toBe(`${entityPath}${path}`);
        expect([...seen[0].search.keys()]).toEqual([]);
        // A JSON body exactly when there is something to send.
        expect(seen[0].contentType).toBe(sent ? 'application/json' : null);
        expect(seen[0].body ? JSON.parse(seen[0].body) : undefined).toEqual(
          sent,
        );
      },
    );

    it('lists endpoints with states and paging on the wire', async () => {
      const endpoints = {
        items: [{ id: 'ep-1', virtualClusterId: 'abc123', state: 'ACTIVE' }],
        nextToken: 'next',
      };
      const seen = answer('/endpoints', 200, endpoints);

      await expect(
        client.listEndpoints(ref, {
          states: ['ACTIVE', 'CREATING'],
          maxResults: 50,
          nextToken: 'a+b',
        }),
      ).resolves.toEqual(endpoints);
      expect(seen[0].method).toBe('GET');
      expect(seen[0].pathname).toBe(`${entityPath}/endpoints`);
      expect(seen[0].search.getAll('states')).toEqual(['ACTIVE', 'CREATING']);
      expect(seen[0].search.get('maxResults')).toBe('50');
      expect(seen[0].search.get('nextToken')).toBe('a+b');

      await client.listEndpoints(ref);
      expect([...seen[1].search.keys()]).toEqual([]);
    });

    it.each([
      [
        'getJobRun',
        () => client.getJobRun(ref, 'gone'),
        '/job-runs/:id',
        404,
        'NotFoundError',
        'Job run gone not found',
      ],
      [
        'startJobRun',
        () => client.startJobRun(ref, { jobTemplateId: '' }),
        '/job-runs',
        400,
        'InputError',
        'jobTemplateId must not be empty',
      ],
      [
        'rerunJobRun',
        () => client.rerunJobRun(ref, 'run 1'),
        '/job-runs/:id/rerun',
        403,
        'NotAllowedError',
        'Not allowed to start job runs',
      ],
      [
        'cancelJobRun',
        () => client.cancelJobRun(ref, 'run 1'),
        '/job-runs/:id/cancel',
        409,
        'ConflictError',
        'Job run run 1 has already ended',
      ],
      [
        'listEndpoints',
        () => client.listEndpoints(ref),
        '/endpoints',
        503,
        'ServiceUnavailableError',
        'EMR on EKS is unavailable',
      ],
      [
        'getEndpoint',
        () => client.getEndpoint(ref, 'ep-1'),
        '/endpoints/:id',
        404,
        'NotFoundError',
        'Endpoint ep-1 not found',
      ],
      [
        'deleteEndpoint',
        () => client.deleteEndpoint(ref, 'ep-1'),
        '/endpoints/:id',
        500,
        'Error',
        'boom',
      ],
      [
        'listJobTemplates',
        () => client.listJobTemplates(ref),
        '/job-templates',
        502,
        'Error',
        'Bad gateway',
      ],
      [
        'getJobTemplate',
        () => client.getJobTemplate(ref, 'tpl-1'),
        '/job-templates/:id',
        404,
        'NotFoundError',
        'Job template tpl-1 not found',
      ],
      [
        'getVirtualCluster',
        () => client.getVirtualCluster(ref),
        '/virtual-cluster',
        504,
        'Error',
        'Timed out',
      ],
      [
        'getVirtualClusterSummary',
        () => client.getVirtualClusterSummary(ref),
        '/summary',
        500,
        'Error',
        'boom',
      ],
    ])(
      '%s turns a non-ok answer into a ResponseError',
      async (_method, call, subPath, status, name, message) => {
        answer(subPath, status, errorBody(name, message, status));

        const error = await call().then(
          () => undefined,
          e => e,
        );

        expect(error).toBeInstanceOf(ResponseError);
        expect(error.statusCode).toBe(status);
        expect(error.body.error).toEqual({ name, message });
      },
    );
  });
});
