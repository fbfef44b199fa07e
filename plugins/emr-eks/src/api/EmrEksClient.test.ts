import { ResponseError } from '@backstage/errors';
import { registerMswTestHooks } from '@backstage/test-utils';
import { JobRunPage } from '@emr-eks/plugin-emr-eks-common';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { costReport } from '../__testUtils__/cost';
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

    /**
     * Every entity-scoped route but the job run list: how the client calls it,
     * what the backend answers when it works, and an error it can answer.
     */
    const routes = [
      {
        method: 'GET',
        path: '/job-runs/run%201',
        subPath: '/job-runs/:id',
        call: () => client.getJobRun(ref, 'run 1'),
        ok: [200, detail],
        fails: [404, 'NotFoundError', 'Job run run 1 not found'],
      },
      {
        method: 'POST',
        path: '/job-runs',
        subPath: '/job-runs',
        call: () =>
          client.startJobRun(ref, {
            jobTemplateId: 'tpl-1',
            jobTemplateParameters: { date: '2024-05-01' },
            name: 'etl',
          }),
        sent: {
          jobTemplateId: 'tpl-1',
          jobTemplateParameters: { date: '2024-05-01' },
          name: 'etl',
        },
        ok: [201, started],
        fails: [400, 'InputError', 'jobTemplateId must not be empty'],
      },
      {
        method: 'POST',
        path: '/job-runs/run%201/rerun',
        subPath: '/job-runs/:id/rerun',
        call: () => client.rerunJobRun(ref, 'run 1'),
        ok: [201, started],
        fails: [403, 'NotAllowedError', 'Not allowed to start job runs'],
      },
      {
        method: 'POST',
        path: '/job-runs/run%201/cancel',
        subPath: '/job-runs/:id/cancel',
        call: () => client.cancelJobRun(ref, 'run 1'),
        ok: [202, accepted],
        fails: [409, 'ConflictError', 'Job run run 1 has already ended'],
      },
      {
        method: 'GET',
        path: '/endpoints',
        subPath: '/endpoints',
        call: () => client.listEndpoints(ref),
        ok: [200, { items: [] }],
        fails: [503, 'ServiceUnavailableError', 'EMR on EKS is unavailable'],
      },
      {
        method: 'GET',
        path: '/endpoints/ep%2F1',
        subPath: '/endpoints/:id',
        call: () => client.getEndpoint(ref, 'ep/1'),
        ok: [200, { id: 'ep/1', virtualClusterId: 'abc123', state: 'ACTIVE' }],
        fails: [404, 'NotFoundError', 'Endpoint ep/1 not found'],
      },
      {
        method: 'DELETE',
        path: '/endpoints/ep%2F1',
        subPath: '/endpoints/:id',
        call: () => client.deleteEndpoint(ref, 'ep/1'),
        ok: [202, { id: 'ep/1', virtualClusterId: 'abc123' }],
        fails: [500, 'Error', 'boom'],
      },
      {
        method: 'GET',
        path: '/job-templates',
        subPath: '/job-templates',
        call: () => client.listJobTemplates(ref),
        ok: [200, { items: [{ id: 'tpl-1', name: 'nightly' }] }],
        fails: [502, 'Error', 'Bad gateway'],
      },
      {
        method: 'GET',
        path: '/job-templates/tpl%201',
        subPath: '/job-templates/:id',
        call: () => client.getJobTemplate(ref, 'tpl 1'),
        ok: [200, { id: 'tpl 1', name: 'nightly' }],
        fails: [404, 'NotFoundError', 'Job template tpl 1 not found'],
      },
      {
        method: 'GET',
        path: '/virtual-cluster',
        subPath: '/virtual-cluster',
        call: () => client.getVirtualCluster(ref),
        ok: [200, { id: 'abc123', state: 'RUNNING' }],
        fails: [504, 'Error', 'Timed out'],
      },
      {
        method: 'GET',
        path: '/summary',
        subPath: '/summary',
        call: () => client.getVirtualClusterSummary(ref),
        ok: [
          200,
          {
            virtualClusterId: 'abc123',
            active: 3,
            running: 2,
            failedLast24h: 1,
          },
        ],
        fails: [500, 'Error', 'boom'],
      },
    ] as Array<{
      method: string;
      path: string;
      subPath: string;
      call: () => Promise<unknown>;
      sent?: unknown;
      ok: [number, unknown];
      fails: [number, string, string];
    }>;

    it.each(routes)(
      '$method $path answers what the backend answers',
      async ({ call, subPath, method, path, sent, ok: [status, answered] }) => {
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

    it.each(routes)(
      '$method $path turns a non-ok answer into a ResponseError',
      async ({ call, subPath, fails: [status, name, message] }) => {
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

    describe('cost', () => {
      const report = costReport();

      it.each([
        [{ window: '7d' as const }, { window: '7d' }],
        [
          { start: '2024-05-01', end: '2024-05-31' },
          { start: '2024-05-01', end: '2024-05-31' },
        ],
        [{ jobRunId: 'run/1' }, { jobRunId: 'run/1' }],
        [
          { jobRunId: 'run-1', start: '2024-05-01', end: '2024-05-02' },
          { jobRunId: 'run-1', start: '2024-05-01', end: '2024-05-02' },
        ],
      ])('reads the cost for %j', async (query, onTheWire) => {
        const seen = answer('/cost', 200, report);
        await expect(client.getCost(ref, query)).resolves.toEqual(report);
        expect(seen[0].method).toBe('GET');
        expect(seen[0].pathname).toBe(`${entityPath}/cost`);
        expect(Object.fromEntries(seen[0].search)).toEqual(onTheWire);
      });

      it.each([
        [403, 'NotAllowedError', 'Not allowed to read the cost'],
        [500, 'Error', 'Cost store unavailable'],
      ])(
        'turns a %d for the cost into a ResponseError',
        async (status, name, message) => {
          answer('/cost', status, errorBody(name, message, status));
          const error = await client.getCost(ref, { window: '30d' }).then(
            () => undefined,
            e => e,
          );
          expect(error).toBeInstanceOf(ResponseError);
          expect(error.statusCode).toBe(status);
          expect(error.body.error).toEqual({ name, message });
        },
      );

      const csv =
        'date,virtual cluster,job run id,compute,uplift,uplift basis,total\n';

      it('fetches the CSV with the same query, named as the backend says', async () => {
        const seen: Array<{ url: URL; authorization: string | null }> = [];
        server.use(
          http.get(`${entityRoute}/cost.csv`, ({ request }) => {
            seen.push({
              url: new URL(request.url),
              authorization: request.headers.get('authorization'),
            });
            return new HttpResponse(csv, {
              headers: {
                'Content-Type': 'text/csv',
                'Content-Disposition':
                  'attachment; filename="emr-cost-vc-2024-05.csv"',
              },
            });
          }),
        );
        const authorized = new EmrEksClient({
          discoveryApi: {
            getBaseUrl: async () => baseUrl,
          },
          // The app's fetchApi adds the user's token; so does this one.
          fetchApi: {
            fetch: (input, init) =>
              fetch(input, {
                ...init,
                headers: { authorization: 'Bearer user-token' },
              }),
          },
        });

        const result = await authorized.getCostCsv(ref, {
          start: '2024-05-01',
          end: '2024-05-31',
        });

        expect(result.filename).toBe('emr-cost-vc-2024-05.csv');
        expect(await result.blob.text()).toBe(csv);
        expect(seen).toHaveLength(1);
        expect(seen[0].url.pathname).toBe(`${entityPath}/cost.csv`);
        expect(Object.fromEntries(seen[0].url.searchParams)).toEqual({
          start: '2024-05-01',
          end: '2024-05-31',
        });
        expect(seen[0].authorization).toBe('Bearer user-token');
      });

      it('names the CSV after the entity and window when the backend does not', async () => {
        server.use(
          http.get(
            `${entityRoute}/cost.csv`,
            () =>
              new HttpResponse(csv, {
                headers: { 'Content-Type': 'text/csv' },
              }),
          ),
        );
        const result = await client.getCostCsv(ref, { window: '90d' });
        expect(result.filename).toBe('emr-cost-vc-1-90d.csv');
      });

      it('turns a 403 for the CSV into a ResponseError', async () => {
        answer(
          '/cost.csv',
          403,
          errorBody('NotAllowedError', 'Not allowed to read the cost', 403),
        );
        const error = await client.getCostCsv(ref, { window: '7d' }).then(
          () => undefined,
          e => e,
        );
        expect(error).toBeInstanceOf(ResponseError);
        expect(error.statusCode).toBe(403);
      });
    });

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
  });
});
