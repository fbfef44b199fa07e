import crypto from 'node:crypto';
import express, { NextFunction, Request, Response } from 'express';
import { Clock } from '../../clock';
import { DEMO } from '../../demo';
import { AwsError } from '../../errors';
import { sendXml, toXml, xmlEscape } from '../../protocols/query';
import { SandboxService } from '../types';

/*
 * Amazon S3 objects (rest-xml), path-style (`/<bucket>/<key>`; virtual-host
 * style `<bucket>.localhost` works too). PutObject creates the bucket when it
 * does not exist yet, so any bucket name can be used; the demo teams' log and
 * code buckets exist from the start. Requests reach S3 by their SigV4 scope
 * (`s3`), since S3 paths would collide with the other APIs'.
 */

export const S3 = 's3';
export const S3_XMLNS = 'http://s3.amazonaws.com/doc/2006-03-01/';
export const S3_OPERATIONS = [
  'CreateBucket',
  'HeadBucket',
  'ListObjectsV2',
  'PutObject',
  'GetObject',
  'HeadObject',
  'DeleteObject',
];

export interface S3Object {
  key: string;
  body: Buffer;
  etag: string;
  contentType: string;
  lastModified: number;
  metadata: Record<string, string>;
}

/** The sandbox keeps objects in memory: up to 64 MiB each. */
export const MAX_BODY_BYTES = 64 * 1024 * 1024;

const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

class S3Error extends AwsError {
  constructor(
    code: string,
    message: string,
    status: number,
    readonly extra: Record<string, string> = {},
  ) {
    super(code, message, status);
  }
}

const bucketOf = (uri: string) => uri.replace(/^s3:\/\//, '').split('/')[0];

export class S3Store {
  private buckets = new Map<
    string,
    { createdAt: number; objects: Map<string, S3Object> }
  >();

  constructor(
    private readonly clock: Clock,
    private readonly demoData: boolean,
  ) {
    this.reset();
  }

  reset(): void {
    this.buckets.clear();
    if (!this.demoData) return;
    const teams = [
      ...Object.values(DEMO.virtualClusters),
      ...Object.values(DEMO.secondaryRegion.virtualClusters),
    ];
    for (const team of teams) {
      this.createBucket(bucketOf(team.logUri));
      this.createBucket(bucketOf(team.codeBucket));
    }
  }

  hasBucket(name: string): boolean {
    return this.buckets.has(name);
  }

  createBucket(name: string): void {
    if (!BUCKET_NAME.test(name)) {
      throw new S3Error(
        'InvalidBucketName',
        'The specified bucket is not valid.',
        400,
        { BucketName: name },
      );
    }
    if (!this.buckets.has(name))
      this.buckets.set(name, {
        createdAt: this.clock.now(),
        objects: new Map(),
      });
  }

  private bucket(name: string) {
    const found = this.buckets.get(name);
    if (!found)
      throw new S3Error(
        'NoSuchBucket',
        'The specified bucket does not exist',
        404,
        { BucketName: name },
      );
    return found;
  }

  putObject(
    bucket: string,
    key: string,
    body: Buffer,
    contentType: string,
    metadata: Record<string, string>,
  ): S3Object {
    this.createBucket(bucket);
    const object: S3Object = {
      key,
      body,
      etag: `"${crypto.createHash('md5').update(body).digest('hex')}"`,
      contentType,
      lastModified: this.clock.now(),
      metadata,
    };
    this.bucket(bucket).objects.set(key, object);
    return object;
  }

  getObject(bucket: string, key: string): S3Object {
    const found = this.bucket(bucket).objects.get(key);
    if (!found)
      throw new S3Error('NoSuchKey', 'The specified key does not exist.', 404, {
        Key: key,
      });
    return found;
  }

  deleteObject(bucket: string, key: string): void {
    this.bucket(bucket).objects.delete(key);
  }

  listObjects(bucket: string): S3Object[] {
    return [...this.bucket(bucket).objects.values()].sort((a, b) => {
      if (a.key === b.key) return 0;
      return a.key < b.key ? -1 : 1;
    });
  }
}

/** Decodes an `aws-chunked` body (`<hex size>;chunk-signature=...\r\n<data>\r\n`... `0`, trailers). */
export function decodeAwsChunked(raw: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  while (at < raw.length) {
    const lineEnd = raw.indexOf('\r\n', at);
    if (lineEnd < 0) break;
    const size = parseInt(
      raw.subarray(at, lineEnd).toString('latin1').split(';')[0],
      16,
    );
    if (!Number.isFinite(size) || size === 0) break;
    parts.push(raw.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts);
}

const httpDate = (ms: number) =>
  new Date(Math.floor(ms / 1000) * 1000).toUTCString();
const isoMs = (ms: number) => new Date(ms).toISOString();

function sendS3Error(req: Request, res: Response, error: AwsError): void {
  const requestId = crypto
    .randomUUID()
    .replace(/-/g, '')
    .slice(0, 16)
    .toUpperCase();
  res.setHeader('x-amz-request-id', requestId);
  let code = error.code;
  if (code === 'ThrottlingException') code = 'SlowDown';
  if (code === 'InternalServerException') code = 'InternalError';
  if (code === 'ServiceUnavailableException') code = 'ServiceUnavailable';
  if (req.method === 'HEAD') {
    res.status(error.status).end();
    return;
  }
  const extra = error instanceof S3Error ? error.extra : {};
  sendXml(
    res,
    error.status,
    `<Error><Code>${xmlEscape(code)}</Code><Message>${xmlEscape(
      error.message,
    )}</Message>${toXml(
      extra,
    )}<RequestId>${requestId}</RequestId><HostId>sandbox</HostId></Error>`,
  );
}

export interface S3Service extends SandboxService {
  store: S3Store;
}

export function createS3Service(options: {
  clock: Clock;
  demoData: boolean;
  intercept?: (operation: string, req: Request) => void | Promise<void>;
}): S3Service {
  const store = new S3Store(options.clock, options.demoData);
  const router = express.Router();
  // Read the body ourselves: express.raw refuses `Content-Encoding: aws-chunked`.
  router.use((req: Request, _res: Response, next: NextFunction) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => {
      req.body =
        size > MAX_BODY_BYTES
          ? new S3Error(
              'EntityTooLarge',
              'Your proposed upload exceeds the maximum allowed size',
              400,
            )
          : Buffer.concat(chunks);
      next();
    });
    req.on('error', next);
  });
  router.use(async (req: Request, res: Response, next: NextFunction) => {
    try {
      const url = new URL(req.originalUrl, 'http://sandbox');
      const segments = url.pathname.split('/').slice(1);
      const virtualHost = /^(.+)\.localhost(:\d+)?$/.exec(
        req.headers.host ?? '',
      );
      const bucket = virtualHost
        ? virtualHost[1]
        : decodeURIComponent(segments.shift() ?? '');
      const key = segments.map(decodeURIComponent).join('/');
      const q = url.searchParams;
      const intercept = (operation: string) =>
        options.intercept?.(operation, req);
      if (!bucket) {
        throw new S3Error(
          'NotImplemented',
          'The sandbox does not serve ListBuckets',
          501,
        );
      }
      if (!key) {
        if (req.method === 'PUT') {
          await intercept('CreateBucket');
          store.createBucket(bucket);
          res.setHeader('Location', `/${bucket}`);
          res.status(200).end();
          return;
        }
        if (req.method === 'HEAD') {
          await intercept('HeadBucket');
          if (!store.hasBucket(bucket))
            throw new S3Error('NoSuchBucket', 'Not Found', 404);
          res.setHeader('x-amz-bucket-region', DEMO.region);
          res.status(200).end();
          return;
        }
        if (req.method === 'GET' && q.get('list-type') === '2') {
          await intercept('ListObjectsV2');
          const prefix = q.get('prefix') ?? '';
          const delimiter = q.get('delimiter') ?? '';
          const maxKeys = Math.min(
            Math.max(Number(q.get('max-keys') ?? 1000), 0),
            1000,
          );
          const token = q.get('continuation-token');
          const after = token
            ? Buffer.from(token, 'base64url').toString()
            : q.get('start-after') ?? '';
          const contents: S3Object[] = [];
          const prefixes: string[] = [];
          let truncated = false;
          let last = '';
          for (const object of store.listObjects(bucket)) {
            if (!object.key.startsWith(prefix) || object.key <= after) continue;
            let common: string | undefined;
            if (delimiter) {
              const at = object.key.indexOf(delimiter, prefix.length);
              if (at >= 0) common = object.key.slice(0, at + delimiter.length);
            }
            if (common && prefixes.includes(common)) continue;
            if (contents.length + prefixes.length >= maxKeys) {
              truncated = true;
              break;
            }
            if (common) {
              prefixes.push(common);
              last = `${common}\uffff`;
            } else {
              contents.push(object);
              last = object.key;
            }
          }
          const result = {
            Name: bucket,
            Prefix: prefix,
            Delimiter: delimiter || undefined,
            MaxKeys: maxKeys,
            KeyCount: contents.length + prefixes.length,
            IsTruncated: truncated,
            ContinuationToken: token ?? undefined,
            NextContinuationToken: truncated
              ? Buffer.from(last).toString('base64url')
              : undefined,
            StartAfter: q.get('start-after') ?? undefined,
          };
          sendXml(
            res,
            200,
            `<ListBucketResult xmlns="${S3_XMLNS}">${toXml(result)}${contents
              .map(
                o =>
                  `<Contents>${toXml({
                    Key: o.key,
                    LastModified: isoMs(o.lastModified),
                    ETag: o.etag,
                    Size: o.body.length,
                    StorageClass: 'STANDARD',
                  })}</Contents>`,
              )
              .join('')}${prefixes
              .map(
                p =>
                  `<CommonPrefixes><Prefix>${xmlEscape(
                    p,
                  )}</Prefix></CommonPrefixes>`,
              )
              .join('')}</ListBucketResult>`,
          );
          return;
        }
        throw new S3Error(
          'NotImplemented',
          'A header you provided implies functionality that is not implemented',
          501,
        );
      }
      if (req.method === 'PUT') {
        await intercept('PutObject');
        if (req.headers['x-amz-copy-source']) {
          throw new S3Error(
            'NotImplemented',
            'The sandbox does not serve CopyObject',
            501,
          );
        }
        let body: Buffer = Buffer.isBuffer(req.body)
          ? req.body
          : Buffer.alloc(0);
        const encoding = String(req.headers['content-encoding'] ?? '');
        const sha = String(req.headers['x-amz-content-sha256'] ?? '');
        if (encoding.includes('aws-chunked') || sha.startsWith('STREAMING-'))
          body = decodeAwsChunked(body);
        const metadata: Record<string, string> = {};
        for (const [name, value] of Object.entries(req.headers)) {
          if (name.startsWith('x-amz-meta-') && typeof value === 'string')
            metadata[name.slice(11)] = value;
        }
        const object = store.putObject(
          bucket,
          key,
          body,
          String(req.headers['content-type'] ?? 'binary/octet-stream'),
          metadata,
        );
        res.setHeader('ETag', object.etag);
        res.status(200).end();
        return;
      }
      if (req.method === 'GET' || req.method === 'HEAD') {
        await intercept(req.method === 'GET' ? 'GetObject' : 'HeadObject');
        const object = store.getObject(bucket, key);
        res.setHeader('ETag', object.etag);
        res.setHeader('Last-Modified', httpDate(object.lastModified));
        res.setHeader('Content-Type', object.contentType);
        res.setHeader('Content-Length', String(object.body.length));
        res.setHeader('Accept-Ranges', 'bytes');
        for (const [name, value] of Object.entries(object.metadata))
          res.setHeader(`x-amz-meta-${name}`, value);
        res.status(200);
        if (req.method === 'HEAD') res.end();
        else res.end(object.body);
        return;
      }
      if (req.method === 'DELETE') {
        await intercept('DeleteObject');
        store.deleteObject(bucket, key);
        res.status(204).end();
        return;
      }
      throw new S3Error(
        'MethodNotAllowed',
        'The specified method is not allowed against this resource.',
        405,
      );
    } catch (error) {
      next(error);
    }
  });
  router.use(
    (error: unknown, req: Request, res: Response, _next: NextFunction) => {
      if (error instanceof AwsError) {
        sendS3Error(req, res, error);
        return;
      }
      // eslint-disable-next-line no-console
      console.error('sandbox: unexpected error', error);
      sendS3Error(
        req,
        res,
        new AwsError(
          'InternalError',
          'We encountered an internal error. Please try again.',
          500,
        ),
      );
    },
  );
  return {
    name: S3,
    store,
    router,
    operations: S3_OPERATIONS,
    reset: () => store.reset(),
  };
}
