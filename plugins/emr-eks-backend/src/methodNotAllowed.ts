import { CustomErrorBase } from '@backstage/errors';
import type { NextFunction, Request, Response, Router } from 'express';

/** A path the router serves, asked with a method it does not serve there. */
export class MethodNotAllowedError extends CustomErrorBase {
  name = 'MethodNotAllowedError';
  readonly statusCode = 405;
}

interface RouteLayer {
  match(path: string): boolean;
  route?: { path: string; methods: Record<string, boolean> };
}

/**
 * Mounted after every route: a request for a served path with another method is a 405
 * naming the allowed methods in `Allow` (HTTP's rule), with Backstage's JSON error body,
 * instead of falling through to an empty 404.
 */
export function methodNotAllowed(router: Router) {
  return (req: Request, res: Response, next: NextFunction) => {
    const allowed = new Set<string>();
    for (const layer of router.stack as unknown as RouteLayer[]) {
      if (layer.route && layer.match(req.path)) {
        for (const method of Object.keys(layer.route.methods)) {
          allowed.add(method.toUpperCase());
        }
      }
    }
    if (allowed.size === 0) {
      next();
      return;
    }
    if (allowed.has('GET')) allowed.add('HEAD');
    const allow = [...allowed].sort().join(', ');
    res.set('Allow', allow);
    next(
      new MethodNotAllowedError(
        `${req.method} is not allowed on ${req.baseUrl}${req.path}; allowed: ${allow}`,
      ),
    );
  };
}
