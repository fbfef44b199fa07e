import crypto from 'node:crypto';
import express, { NextFunction, Request, Response, Router } from 'express';
import { AwsError } from '../errors';

/*
 * The AWS query protocol (IAM, STS): POST form `Action=...&Version=...`
 * (or the same in the query string), XML answers
 * `<{Action}Response xmlns=...><{Action}Result>...</{Action}Result>
 * <ResponseMetadata><RequestId>...</RequestId></ResponseMetadata>`, errors
 * `<ErrorResponse><Error><Type>Sender</Type><Code>...</Code><Message>...`.
 */

/** A value rendered as XML: objects become elements, arrays `<member>` lists. */
export type XmlValue =
  | string
  | number
  | boolean
  | undefined
  | XmlValue[]
  | { [name: string]: XmlValue };

export function xmlEscape(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** Renders the children of an element; arrays as `<member>` items by default. */
export function toXml(value: XmlValue, memberName = 'member'): string {
  if (value === undefined) return '';
  if (Array.isArray(value)) {
    return value
      .map(item => `<${memberName}>${toXml(item, memberName)}</${memberName}>`)
      .join('');
  }
  if (typeof value === 'object') {
    return Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([name, v]) => `<${name}>${toXml(v, memberName)}</${name}>`)
      .join('');
  }
  return xmlEscape(String(value));
}

export function sendXml(res: Response, status: number, xml: string): void {
  res.status(status);
  res.setHeader('Content-Type', 'text/xml');
  res.send(Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n${xml}`));
}

/** The query protocol's input: the form (body and query string merged). */
export type QueryInput = URLSearchParams;

/** `Prefix.member.N` items (N from 1), or `Prefix.member.N.Field` structures. */
export function queryList(input: QueryInput, prefix: string): string[] {
  const out: string[] = [];
  for (let i = 1; input.has(`${prefix}.member.${i}`); i++) {
    out.push(input.get(`${prefix}.member.${i}`)!);
  }
  return out;
}

export function queryStructList(
  input: QueryInput,
  prefix: string,
  fields: string[],
): Record<string, string | undefined>[] {
  const out: Record<string, string | undefined>[] = [];
  for (let i = 1; ; i++) {
    const base = `${prefix}.member.${i}`;
    if (!fields.some(f => input.has(`${base}.${f}`))) break;
    out.push(
      Object.fromEntries(
        fields.map(f => [f, input.get(`${base}.${f}`) ?? undefined]),
      ),
    );
  }
  return out;
}

export type QueryHandler = (
  input: QueryInput,
  req: Request,
) => XmlValue | Promise<XmlValue>;

export interface QueryRouterOptions {
  /** XML namespace of the answers, e.g. https://iam.amazonaws.com/doc/2010-05-08/ */
  xmlns: string;
  version: string;
  handlers: Record<string, QueryHandler>;
  intercept?: (operation: string, req: Request) => void | Promise<void>;
  /** Error codes whose Type is Receiver (server faults). */
  receiverCodes?: string[];
}

/** How the query protocol spells the rest-json fault names of traffic.ts. */
const QUERY_FAULT_CODES: Record<string, string> = {
  ThrottlingException: 'Throttling',
  InternalServerException: 'InternalFailure',
  ServiceUnavailableException: 'ServiceUnavailable',
};

export function sendQueryError(
  res: Response,
  error: AwsError,
  type: 'Sender' | 'Receiver' = error.status >= 500 ? 'Receiver' : 'Sender',
): void {
  const requestId = crypto.randomUUID();
  res.setHeader('x-amzn-RequestId', requestId);
  sendXml(
    res,
    error.status,
    `<ErrorResponse><Error><Type>${type}</Type><Code>${xmlEscape(
      QUERY_FAULT_CODES[error.code] ?? error.code,
    )}</Code><Message>${xmlEscape(error.message)}</Message></Error>` +
      `<RequestId>${requestId}</RequestId></ErrorResponse>`,
  );
}

export function queryRouter(options: QueryRouterOptions): Router {
  const router = express.Router();
  router.use(express.text({ type: () => true, limit: '10mb' }));
  router.use(async (req: Request, res: Response, next: NextFunction) => {
    try {
      const input = new URLSearchParams(
        new URL(req.originalUrl, 'http://sandbox').search,
      );
      if (typeof req.body === 'string' && req.body.length > 0) {
        new URLSearchParams(req.body).forEach((v, k) => input.set(k, v));
      }
      const action = input.get('Action');
      if (!action) {
        throw new AwsError('MissingAction', 'Missing Action', 400);
      }
      const handler = options.handlers[action];
      if (!handler) {
        throw new AwsError(
          'InvalidAction',
          `Could not find operation ${action} for version ${
            input.get('Version') ?? options.version
          }`,
          400,
        );
      }
      await options.intercept?.(action, req);
      const result = await handler(input, req);
      const requestId = crypto.randomUUID();
      res.setHeader('x-amzn-RequestId', requestId);
      const body = toXml(result);
      sendXml(
        res,
        200,
        `<${action}Response xmlns="${options.xmlns}">${
          body ? `<${action}Result>${body}</${action}Result>` : ''
        }<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`,
      );
    } catch (error) {
      next(error);
    }
  });
  router.use(
    (error: unknown, _req: Request, res: Response, _next: NextFunction) => {
      if (error instanceof AwsError) {
        sendQueryError(
          res,
          error,
          options.receiverCodes?.includes(error.code) ? 'Receiver' : undefined,
        );
        return;
      }
      // eslint-disable-next-line no-console
      console.error('sandbox: unexpected error', error);
      sendQueryError(
        res,
        new AwsError('ServiceFailure', 'Internal error in the sandbox', 500),
      );
    },
  );
  return router;
}

/** ISO 8601 with whole seconds, as AWS XML APIs send timestamps. */
export function xmlTimestamp(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000)
    .toISOString()
    .replace('.000Z', 'Z');
}
