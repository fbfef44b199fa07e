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
  it('lists and saves templates, starts, reruns and deletes at encoded paths with the right verbs and bodies', async () => {
    const seen: Array<{ method: string; path: string; body?: unknown }> = [];
    const record = async ({ request }: { request: Request }) => {
      const text = await request.text();
      seen.push({
        method: request.method,
        path: new URL(request.url).pathname,
        ...(text && { body: JSON.parse(text) }),
      });
    };
    const started = {
      id: 'taxi-zones-0a1b2c3d',
      cluster: 'c',
      namespace: 'n',
      template: 'taxi-zones',
      image: 'i',
      serviceAccount: 's',
    };
    const templates = base.replace(
      /spark-applications$/,
      'spark-application-templates',
    );
    server.use(
      http.get(templates, async args => {
        await record(args);
        return HttpResponse.json({ items: [] });
      }),
      http.post(templates, async args => {
        await record(args);
        return HttpResponse.json({ name: 'taxi-zones' }, { status: 201 });
      }),
      http.post(base, async args => {
        await record(args);
        return HttpResponse.json(started, { status: 201 });
      }),
      http.post(`${base}/:id/rerun`, async args => {
        await record(args);
        return HttpResponse.json(started, { status: 201 });
      }),
      http.delete(`${base}/:id`, async args => {
        await record(args);
        return HttpResponse.json(
          { id: args.params.id, cluster: 'c', namespace: 'n' },
          { status: 202 },
        );
      }),
    );
    const template = {
      name: 'taxi-zones',
      type: 'Python' as const,
      mainApplicationFile: 's3://code/a.py',
      arguments: [],
      sparkConf: {},
      driver: { cores: 1, memory: '1g' },
      executor: { cores: 1, memory: '1g', instances: 1 },
      releaseLabel: 'emr-6.15.0',
    };

    expect(await client.listSparkApplicationTemplates(entityRef)).toEqual({
      items: [],
    });
    await client.saveSparkApplicationTemplate(entityRef, template);
    expect(
      await client.startSparkApplication(entityRef, { template: 'taxi-zones' }),
    ).toEqual(started);
    await client.rerunSparkApplication(entityRef, 'taxi-zones-0a1b2c3d');
    expect(
      (await client.deleteSparkApplication(entityRef, 'taxi-zones-0a1b2c3d'))
        .id,
    ).toBe('taxi-zones-0a1b2c3d');

    const entity = '/api/emr-eks/v1/entity/default/Resource/vc%2Fone';
    expect(seen).toEqual([
      { method: 'GET', path: `${entity}/spark-application-templates` },
      {
        method: 'POST',
        path: `${entity}/spark-application-templates`,
        body: template,
      },
      {
        method: 'POST',
        path: `${entity}/spark-applications`,
        body: { template: 'taxi-zones' },
      },
      {
        method: 'POST',
        path: `${entity}/spark-applications/taxi-zones-0a1b2c3d/rerun`,
      },
      {
        method: 'DELETE',
        path: `${entity}/spark-applications/taxi-zones-0a1b2c3d`,
      },
    ]);
  });

  it.each([
    [403, 'NotAllowedError', 'You are not allowed: emr-eks.job-run.start'],
    [409, 'ConflictError', 'was not created by the portal'],
    [503, 'ServiceUnavailableError', "cluster 'analytics-shared' is down"],
  ])(
    'turns a %s from a start into a ResponseError with the backend’s message',
    async (status, name, message) => {
      server.use(
        http.post(base, () =>
          HttpResponse.json(
            { error: { name, message }, response: { statusCode: status } },
            { status },
          ),
        ),
      );
      const error = await client
        .startSparkApplication(entityRef, { template: 'x' })
        .then(
          () => undefined,
          (e: ResponseError) => e,
        );
      expect(error).toBeInstanceOf(ResponseError);
      expect(error?.statusCode).toBe(status);
      expect(error?.body.error.message).toBe(message);
    },
  );
});
