import crypto from 'node:crypto';
import express, { Express, NextFunction, Request, Response } from 'express';
import { controlRouter, ControlOptions } from './control';
import { AwsError, sendError } from './errors';
import { serviceOf } from './sigv4';

export { serviceOf, regionOf } from './sigv4';

export const DEFAULT_SERVICE = 'emr-containers';
const S3_SERVICE = 's3';

export function createApp(control: ControlOptions): Express {
  const { services } = control;
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  // AWS services, picked by the SigV4 scope.
  const byName = new Map(
    services.filter(s => !s.paths?.length).map(s => [s.name, s]),
  );

  // S3 paths (`/<bucket>/<key>`) may look like any other API's, so a request
  // signed for S3 goes to S3 whatever its path.
  const s3 = byName.get(S3_SERVICE);
  if (s3) {
    app.use((req: Request, res: Response, next: NextFunction) => {
      if (serviceOf(req) === S3_SERVICE) s3.router(req, res, next);
      else next();
    });
  }

  // APIs that own their paths (Kubecost, OpenCost, Kubernetes) are not AWS
  // APIs: no SigV4 routing, no x-amzn-RequestId.
  for (const service of services) {
    const prefixes = service.paths ?? [];
    if (prefixes.length === 0) continue;
    app.use((req: Request, res: Response, next: NextFunction) => {
      const owned = prefixes.some(
        prefix => req.path === prefix || req.path.startsWith(`${prefix}/`),
      );
      if (owned) service.router(req, res, next);
      else next();
    });
  }

  app.use((_req, res, next) => {
    res.set('x-amzn-RequestId', crypto.randomUUID());
    next();
  });

  app.use('/_sandbox', controlRouter(control));

  app.use((req: Request, res: Response, next: NextFunction) => {
    const name = serviceOf(req) ?? DEFAULT_SERVICE;
    const service = byName.get(name);
    if (!service) {
      sendError(
        res,
        new AwsError(
          'UnknownServiceException',
          `The sandbox does not serve the AWS service "${name}"`,
          400,
        ),
      );
      return;
    }
    service.router(req, res, next);
  });

  return app;
}
