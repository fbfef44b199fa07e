import crypto from 'node:crypto';
import express, { Express, NextFunction, Request, Response } from 'express';
import { controlRouter, ControlOptions } from './control';
import { AwsError, sendError } from './errors';
import { serviceOf } from './sigv4';

export { serviceOf, regionOf } from './sigv4';

export const DEFAULT_SERVICE = 'emr-containers';

export function createApp(control: ControlOptions): Express {
  const { services } = control;
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  const byName = new Map(services.map(s => [s.name, s]));

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
