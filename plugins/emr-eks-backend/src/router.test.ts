import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { mockServices } from '@backstage/backend-test-utils';
import { createRouter } from './router';
import { EmrEksService } from './services/types';

// Express keeps `:param`; OpenAPI writes `{param}`.
const toOpenApi = (route: string) => route.replace(/:(\w+)/g, '{$1}');

describe('the OpenAPI description', () => {
  it('documents exactly the routes the router serves, with their methods', async () => {
    const router = await createRouter({
      httpAuth: mockServices.httpAuth(),
      auditor: mockServices.auditor.mock(),
      service: {} as EmrEksService,
    });
    const served = new Set<string>();
    for (const layer of (router as any).stack) {
      if (!layer.route) continue;
      for (const method of Object.keys(layer.route.methods)) {
        served.add(`${method.toUpperCase()} ${toOpenApi(layer.route.path)}`);
      }
    }
    const spec = parse(
      fs.readFileSync(path.join(__dirname, 'schema/openapi.yaml'), 'utf8'),
    );
    const documented = new Set<string>();
    for (const [route, item] of Object.entries<Record<string, unknown>>(
      spec.paths,
    )) {
      for (const method of Object.keys(item)) {
        if (method !== 'parameters')
          documented.add(`${method.toUpperCase()} ${route}`);
      }
    }
    expect([...documented].sort()).toEqual([...served].sort());
  });
});
