import { createServiceFactory } from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import { ALICE, startBackend } from './testing/backend';
import { spec } from './testing/openapi';
import { emrEksCostServiceRef } from './cost/costServiceRef';
import { CostService } from './cost/types';

/**
 * The router serves exactly the documented methods on every documented path: asked with any
 * other method, a path answers 405 whose Allow lists the documented ones. (openapi.test.ts
 * checks each documented operation's answers; input.test.ts that other paths answer 404.)
 */
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
const SAMPLE: Record<string, string> = {
  namespace: 'default',
  kind: 'resource',
  name: 'team-a-emr',
  jobRunId: 'run1',
  endpointId: 'ep1',
  templateId: 'tpl1',
};

const documented = Object.entries<Record<string, unknown>>(spec.paths).map(
  ([route, item]) => ({
    url: `/api/emr-eks${route.replace(/\{(\w+)\}/g, (_, p) => SAMPLE[p])}`,
    methods: METHODS.filter(method => method in item),
  }),
);

describe('the routes', () => {
  let server: Awaited<ReturnType<typeof startBackend>>;
  beforeAll(async () => {
    // Nothing answers there: documented methods fail upstream, never with 404 or 405. Cost
    // answers from a stand-in, so that a route's own 404 (cost not configured) is not taken
    // for a missing route.
    server = await startBackend({
      endpoint: 'http://127.0.0.1:1',
      features: [
        createServiceFactory({
          service: emrEksCostServiceRef,
          deps: {},
          factory: (): CostService => ({
            report: async () => ({} as any),
            csv: async () => '',
            budget: async () => ({} as any),
            unattributed: async () => ({} as any),
          }),
        }),
      ],
    });
  });
  const auth = { Authorization: mockCredentials.user.header(ALICE) };

  it.each(documented.map(d => [d.url, d] as const))(
    '%s answers its documented methods, and 405 naming them to the others',
    async (_url, { url, methods }) => {
      const allow = [
        ...methods.map(m => m.toUpperCase()),
        ...(methods.includes('get') ? ['HEAD'] : []),
      ]
        .sort()
        .join(', ');
      const answers = [];
      for (const method of METHODS) {
        const res = await request(server)[method](url).set(auth);
        answers.push({ method, status: res.status, allow: res.headers.allow });
      }
      // Documented: served (whatever upstream says); others: 405 naming the documented.
      expect(
        answers.map(a =>
          methods.includes(a.method)
            ? { method: a.method, served: ![404, 405].includes(a.status) }
            : a,
        ),
      ).toEqual(
        METHODS.map(method =>
          methods.includes(method)
            ? { method, served: true }
            : { method, status: 405, allow },
        ),
      );
    },
  );
});
