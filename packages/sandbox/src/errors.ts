import type { Response } from 'express';
import type { ZodError } from 'zod';
import type { ServiceModel } from './model/loader';

/** An error that goes back to the caller the way AWS sends it. */
export class AwsError extends Error {
  constructor(readonly code: string, message: string, readonly status: number) {
    super(message);
    this.name = code;
  }
}

/**
 * Builds an error modelled by the service; the HTTP status comes from the
 * model's `error.httpStatusCode` (ResourceNotFoundException is a 400 here).
 */
export function modelError(
  model: ServiceModel,
  code: string,
  message: string,
): AwsError {
  const shape = model.shapes[code];
  if (!shape?.exception) {
    throw new Error(
      `${code} is not an error in the ${model.metadata.serviceId} model`,
    );
  }
  return new AwsError(code, message, shape.error?.httpStatusCode ?? 400);
}

/** A zod error as one line: `path: message; ...` (no path for top-level issues). */
export function describeIssues(error: ZodError): string {
  return error.issues
    .map(i => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}

/** Writes JSON with exactly `Content-Type: application/json`, as AWS does. */
export function sendJson(res: Response, status: number, body: unknown): void {
  // setHeader and a Buffer keep express from appending "; charset=utf-8".
  res.status(status);
  res.setHeader('Content-Type', 'application/json');
  res.send(Buffer.from(JSON.stringify(body)));
}

/** AWS rest-json errors: name in x-amzn-ErrorType, body {"message": ...}. */
export function sendError(res: Response, error: AwsError): void {
  res.set('x-amzn-ErrorType', error.code);
  sendJson(res, error.status, { message: error.message });
}
