import crypto from 'node:crypto';
import express, { Express, NextFunction, Request, Response } from 'express';
import { Clock } from './clock';
import { controlRouter } from './control';
import { AwsError, sendError } from './errors';
import { SandboxService } from './services/types';

export const DEFAULT_SERVICE = 'emr-containers';

const CREDENTIAL_SCOPE =
  /Credential=[^/,\s]+\/\d{8}\/[^/]+\/([^/]+)\/aws4_request/;

/**
 * The AWS service a request is for, read from the SigV4 credential scope
 * (`Credential=<key>/<date>/<region>/<service>/aws4_request`) in the
 * Authorization header or a presigned URL. Signatures themselves are not
 * checked: any credentials, or none, are accepted.
 */
export function serviceOf(req: Request): string | undefined {
  const header = req.headers.authorization;
  const fromHeader = header ? CREDENTIAL_SCOPE.exec(header)?.[1] : undefined;
  if (fromHeader) return fromHeader;
  const presigned = req.query['X-Amz-Credential'];
  if (typeof presigned === 'string') {
    return CREDENTIAL_SCOPE.exec(`Credential=${presigned}`)?.[1];
  }
  return undefined;
}

export function createApp(clock: Clock, services: SandboxService[]): Express {
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  const byName = new Map(services.map(s => [s.name, s]));

  app.use((_req, res, next) => {
    res.set('x-amzn-RequestId', crypto.randomUUID());
    next();
  });

  app.use('/_sandbox', controlRouter(clock, services));

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
