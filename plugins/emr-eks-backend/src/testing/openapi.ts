import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

/** The plugin's API description, as the tests check answers against it. */
export const spec = parse(
  fs.readFileSync(path.join(__dirname, '../schema/openapi.yaml'), 'utf8'),
);
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema({ $id: 'openapi', components: spec.components });

/** An inline schema of the description, its `#/components/…` refs pointing into it. */
export function compile(schema: unknown) {
  return ajv.compile(
    JSON.parse(
      JSON.stringify(schema).replace(
        /"#\/components\//g,
        '"openapi#/components/',
      ),
    ),
  );
}

export function responseSchema(route: string, method: string, status: number) {
  const operation = spec.paths[route][method];
  let response =
    operation.responses[String(status)] ?? operation.responses.default;
  if (response.$ref) {
    response = spec.components.responses[response.$ref.split('/').pop()];
  }
  return { operationId: operation.operationId as string, response };
}

/** The documented route a request path is an instance of. */
export function routeOf(urlPath: string) {
  const local = urlPath.replace(/^\/api\/emr-eks/, '').split('?')[0];
  return Object.keys(spec.paths).find(route =>
    new RegExp(`^${route.replace(/\{\w+\}/g, '[^/]+')}$`).test(local),
  )!;
}

/**
 * The problems ajv finds in an answer to `method url` with `status` against the documented
 * schema; an empty list when it conforms.
 */
export function undocumented(
  method: string,
  url: string,
  status: number,
  body: unknown,
) {
  const { operationId, response } = responseSchema(
    routeOf(url),
    method,
    status,
  );
  const schema = response.content?.['application/json']?.schema;
  if (!schema) {
    return { operationId, errors: [] };
  }
  const validate = compile(schema);
  validate(body);
  return { operationId, errors: validate.errors ?? [] };
}
