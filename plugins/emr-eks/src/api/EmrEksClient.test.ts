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
});
