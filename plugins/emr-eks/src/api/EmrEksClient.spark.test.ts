import { ResponseError } from '@backstage/errors';
import { registerMswTestHooks } from '@backstage/test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { EmrEksClient } from './EmrEksClient';

const base =
  'http://backstage.test/api/emr-eks/v1/entity/:namespace/:kind/:name/spark-applications';
const entityRef = { kind: 'Resource', namespace: 'default', name: 'vc/one' };

describe('EmrEksClient, Spark applications', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const client = new EmrEksClient({
    discoveryApi: {
      getBaseUrl: async pluginId => `http://backstage.test/api/${pluginId}`,
    },
    fetchApi: { fetch: (input, init) => fetch(input, init) },
  });

  it('reads the list, one application and its driver log tail at encoded paths', async () => {
    const seen: string[] = [];
    server.use(
      http.get(base, ({ request }) => {
        seen.push(new URL(request.url).pathname);
        return HttpResponse.json({
          items: [],
          cluster: 'c',
          namespace: 'n',
          sparkOperator: true,
        });
      }),
      http.get(`${base}/:id`, ({ request, params }) => {
        seen.push(new URL(request.url).pathname);
        return HttpResponse.json({ id: params.id });
      }),
      http.get(`${base}/:id/logs`, ({ request }) => {
        const url = new URL(request.url);
        seen.push(`${url.pathname}?${url.searchParams}`);
        return HttpResponse.json({ lines: ['a'] });
      }),
    );

    expect((await client.listSparkApplications(entityRef)).cluster).toBe('c');
    expect((await client.getSparkApplication(entityRef, 'spark-pi')).id).toBe(
      'spark-pi',
    );
    expect(
      (await client.getSparkDriverLog(entityRef, 'spark-pi', 50)).lines,
    ).toEqual(['a']);
    expect(seen).toEqual([
      '/api/emr-eks/v1/entity/default/Resource/vc%2Fone/spark-applications',
      '/api/emr-eks/v1/entity/default/Resource/vc%2Fone/spark-applications/spark-pi',
      '/api/emr-eks/v1/entity/default/Resource/vc%2Fone/spark-applications/spark-pi/logs?tailLines=50',
    ]);
  });

  it.each([
    [404, 'NotFoundError', "No Spark application 'x'"],
    [
      503,
      'ServiceUnavailableError',
      "cluster 'analytics-eu' is not configured",
    ],
  ])(
    'turns a %s into a ResponseError with the backend’s message',
    async (status, name, message) => {
      server.use(
        http.get(`${base}/:id`, () =>
          HttpResponse.json(
            { error: { name, message }, response: { statusCode: status } },
            { status },
          ),
        ),
      );
      const error = await client.getSparkApplication(entityRef, 'x').then(
        () => undefined,
        (e: ResponseError) => e,
      );
      expect(error).toBeInstanceOf(ResponseError);
      expect(error?.statusCode).toBe(status);
      expect(error?.body.error.message).toBe(message);
    },
  );
});
