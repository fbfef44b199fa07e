import express, { NextFunction, Request, Response, Router } from 'express';
import { AwsError, modelError, sendError, sendJson } from '../errors';
import { getShape, Operation, ServiceModel, ShapeRef } from '../model/loader';
import { ModelValidator } from '../model/validator';

/*
 * Generic AWS rest-json server side, driven by the service model: routes come
 * from each operation's `http` trait, request members are read from the path,
 * query string, headers or JSON body according to their `location`, and the
 * assembled input is validated against the operation's input shape before a
 * handler sees it.
 */

export interface OperationContext {
  operation: string;
  req: Request;
}

/** Receives the validated input; returns the output structure (JSON-ready). */
export type OperationHandler = (
  input: Record<string, unknown>,
  context: OperationContext,
) => unknown;

interface Route {
  operation: Operation;
  method: string;
  pattern: RegExp;
  labels: string[];
}

export interface MatchedRoute {
  operation: Operation;
  labels: Record<string, string>;
}

function compileRoute(operation: Operation): Route {
  const uri = operation.http.requestUri.split('?')[0];
  const labels: string[] = [];
  const source = uri
    .split('/')
    .map(segment =>
      segment.replace(/\{([^}]+)\}|[^{]+/g, (part, label?: string) => {
        if (!label) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        const greedy = label.endsWith('+');
        labels.push(greedy ? label.slice(0, -1) : label);
        return greedy ? '(.+)' : '([^/]+)';
      }),
    )
    .join('/');
  return {
    operation,
    method: operation.http.method.toUpperCase(),
    pattern: new RegExp(`^${source}/?$`),
    labels,
  };
}

export class RestJsonOperations {
  private readonly routes: Route[];

  constructor(private readonly model: ServiceModel) {
    this.routes = Object.values(model.operations).map(compileRoute);
  }

  match(method: string, path: string): MatchedRoute | undefined {
    for (const route of this.routes) {
      if (route.method !== method.toUpperCase()) continue;
      const found = route.pattern.exec(path);
      if (!found) continue;
      const labels: Record<string, string> = {};
      route.labels.forEach((name, i) => {
        labels[name] = decodeURIComponent(found[i + 1]);
      });
      return { operation: route.operation, labels };
    }
    return undefined;
  }

  /** Assembles the operation input from every part of the HTTP request. */
  bindInput(
    route: MatchedRoute,
    query: URLSearchParams,
    headers: Request['headers'],
    body: unknown,
  ): Record<string, unknown> {
    const inputName = route.operation.input?.shape;
    if (!inputName) return {};
    const members = getShape(this.model, inputName).members ?? {};
    const input: Record<string, unknown> = {};
    const payload = withoutNulls(body) as Record<string, unknown>;
    for (const [name, ref] of Object.entries(members)) {
      const wireName = ref.locationName ?? name;
      let value: unknown;
      switch (ref.location) {
        case 'uri':
          value = route.labels[wireName];
          if (value !== undefined)
            value = this.fromString(ref, value as string);
          break;
        case 'querystring':
          value = this.fromQuery(ref, query.getAll(wireName));
          break;
        case 'header': {
          const header = headers[wireName.toLowerCase()];
          value =
            typeof header === 'string'
              ? this.fromString(ref, header)
              : undefined;
          break;
        }
        case undefined:
          value = payload[name];
          break;
        default:
          value = undefined;
      }
      if (value !== undefined) input[name] = value;
    }
    return input;
  }

  private fromQuery(ref: ShapeRef, values: string[]): unknown {
    if (values.length === 0) return undefined;
    const shape = getShape(this.model, ref.shape);
    if (shape.type === 'list') {
      return values.map(v => this.fromString(shape.member!, v));
    }
    return this.fromString(ref, values[0]);
  }

  /**
   * Converts a string from the path, query or a header to the member's JSON
   * type. Values that do not convert are passed on unchanged so validation
   * reports them with the member name.
   */
  private fromString(ref: ShapeRef, raw: string): unknown {
    switch (getShape(this.model, ref.shape).type) {
      case 'integer':
      case 'long':
      case 'float':
      case 'double':
        return /^-?\d+(\.\d+)?$/.test(raw.trim()) ? Number(raw) : raw;
      case 'boolean':
        if (raw === 'true') return true;
        if (raw === 'false') return false;
        return raw;
      default:
        return raw;
    }
  }
}

/** JSON null means "not set" to AWS; dropping nulls keeps validation simple. */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== null)
        .map(([k, v]) => [k, withoutNulls(v)]),
    );
  }
  return value;
}

/** Response locals key that tells which operation answered a request. */
export const OPERATION_LOCAL = 'awsOperation';

export interface RestJsonRouterOptions {
  /**
   * Runs for every request that matches a modelled operation, before the
   * input is validated (AWS counts and throttles requests at the front
   * door). It may delay the request, or throw an AwsError to answer it.
   */
  intercept?: (operation: string, req: Request) => void | Promise<void>;
  /**
   * The model's error for input that fails validation, and for a failure of the sandbox
   * itself: `ValidationException` and `InternalServerException` unless the service names
   * them otherwise (EKS: `InvalidParameterException`, `ServerException`).
   */
  errors?: { validation?: string; internal?: string };
}

/**
 * An express router serving every operation of `model` that has a handler.
 * Modelled operations without a handler answer 501 so callers see plainly
 * that the sandbox does not implement them yet.
 */
export function restJsonRouter(
  model: ServiceModel,
  handlers: Record<string, OperationHandler>,
  options: RestJsonRouterOptions = {},
): Router {
  const operations = new RestJsonOperations(model);
  const validator = new ModelValidator(model);
  const router = express.Router();

  router.use(express.json({ type: () => true, limit: '10mb' }));

  router.use(async (req: Request, res: Response, next: NextFunction) => {
    try {
      const route = operations.match(req.method, req.path);
      if (!route) {
        throw new AwsError(
          'UnknownOperationException',
          `No ${model.metadata.serviceId} operation matches ${req.method} ${req.path}`,
          404,
        );
      }
      const name = route.operation.name;
      res.locals[OPERATION_LOCAL] = name;
      await options.intercept?.(name, req);
      const handler = handlers[name];
      if (!handler) {
        throw new AwsError(
          'NotImplementedException',
          `The sandbox does not implement ${name} yet`,
          501,
        );
      }
      const body = req.body ?? {};
      if (typeof body !== 'object' || Array.isArray(body)) {
        throw new AwsError(
          'SerializationException',
          'Request body must be a JSON object',
          400,
        );
      }
      const query = new URL(req.originalUrl, 'http://sandbox').searchParams;
      const raw = operations.bindInput(route, query, req.headers, body);
      let input: Record<string, unknown> = raw;
      const inputShape = route.operation.input?.shape;
      if (inputShape) {
        const checked = validator.input(inputShape, raw);
        if (!checked.ok) {
          throw modelError(
            model,
            options.errors?.validation ?? 'ValidationException',
            checked.message,
          );
        }
        input = checked.value;
      }
      const output = await handler(input, { operation: name, req });
      sendJson(res, route.operation.http.responseCode ?? 200, output ?? {});
    } catch (error) {
      next(error);
    }
  });

  router.use(
    (error: unknown, _req: Request, res: Response, _next: NextFunction) => {
      if (error instanceof AwsError) {
        sendError(res, error);
        return;
      }
      if ((error as { type?: string })?.type === 'entity.parse.failed') {
        sendError(
          res,
          new AwsError(
            'SerializationException',
            'Request body is not valid JSON',
            400,
          ),
        );
        return;
      }
      // eslint-disable-next-line no-console
      console.error('sandbox: unexpected error', error);
      sendError(
        res,
        modelError(
          model,
          options.errors?.internal ?? 'InternalServerException',
          'Internal error in the sandbox',
        ),
      );
    },
  );

  return router;
}
