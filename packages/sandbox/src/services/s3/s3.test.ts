import crypto from 'node:crypto';
import { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  NoSuchBucket,
  NoSuchKey,
  NotFound,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import {
  errorOf,
  ListeningSandbox,
  listeningSandbox,
} from '../../__testUtils__/clients';
import { decodeAwsChunked } from '.';

let env: ListeningSandbox;
let s3: S3Client;
const bucket = 'analytics-data-team-c-code-123456789012';

beforeAll(async () => {
  env = await listeningSandbox();
  s3 = new S3Client({ ...env.aws, forcePathStyle: true, maxAttempts: 1 });
});
afterAll(() => env.running.close());
beforeEach(() => env.sandbox.reset());

describe('S3 through @aws-sdk/client-s3', () => {
  it('round-trips an object with MD5 ETag, content type and metadata', async () => {
    const body = 'print("hello from data-team-c")\n';
    const put = await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: 'jobs/hello/main.py',
        Body: body,
        ContentType: 'text/x-python',
        Metadata: { team: 'data-team-c' },
      }),
    );
    const md5 = crypto.createHash('md5').update(body).digest('hex');
    expect(put.ETag).toBe(`"${md5}"`);
    const got = await s3.send(
      new GetObjectCommand({ Bucket: bucket, Key: 'jobs/hello/main.py' }),
    );
    expect(await got.Body!.transformToString()).toBe(body);
    expect(got).toMatchObject({
      ETag: `"${md5}"`,
      ContentType: 'text/x-python',
      ContentLength: body.length,
      Metadata: { team: 'data-team-c' },
    });
    const head = await s3.send(
      new HeadObjectCommand({ Bucket: bucket, Key: 'jobs/hello/main.py' }),
    );
    expect(head.LastModified).toEqual(new Date('2025-03-14T15:00:00Z'));
    await s3.send(
      new DeleteObjectCommand({ Bucket: bucket, Key: 'jobs/hello/main.py' }),
    );
    const gone = await errorOf(
      s3.send(
        new GetObjectCommand({ Bucket: bucket, Key: 'jobs/hello/main.py' }),
      ),
    );
    expect(gone).toBeInstanceOf(NoSuchKey);
    expect(gone.$metadata.httpStatusCode).toBe(404);
    const headGone = await errorOf(
      s3.send(
        new HeadObjectCommand({ Bucket: bucket, Key: 'jobs/hello/main.py' }),
      ),
    );
    expect(headGone).toBeInstanceOf(NotFound);
  });

  it('stores binary bodies and streams (aws-chunked) byte for byte', async () => {
    const bytes = crypto.randomBytes(70_000);
    await s3.send(
      new PutObjectCommand({ Bucket: bucket, Key: 'bin/data', Body: bytes }),
    );
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: 'bin/stream',
        Body: Readable.from([bytes]),
        ContentLength: bytes.length,
      }),
    );
    for (const key of ['bin/data', 'bin/stream']) {
      const got = await s3.send(
        new GetObjectCommand({ Bucket: bucket, Key: key }),
      );
      expect(
        Buffer.from(await got.Body!.transformToByteArray()).equals(bytes),
      ).toBe(true);
    }
    expect(
      decodeAwsChunked(
        Buffer.from(
          '3;chunk-signature=x\r\nabc\r\n2\r\nde\r\n0\r\nx-amz-checksum-crc32:AAAA\r\n\r\n',
        ),
      ).toString(),
    ).toBe('abcde');
  });

  it('lists with prefix, delimiter and continuation tokens', async () => {
    for (const key of ['logs/a/1', 'logs/a/2', 'logs/b/1', 'logs/c', 'other']) {
      await s3.send(
        new PutObjectCommand({ Bucket: bucket, Key: key, Body: key }),
      );
    }
    const all = await s3.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: 'logs/' }),
    );
    expect(all.Contents?.map(o => o.Key)).toEqual([
      'logs/a/1',
      'logs/a/2',
      'logs/b/1',
      'logs/c',
    ]);
    expect(all.KeyCount).toBe(4);
    expect(all.Contents?.[0].Size).toBe(8);
    const folders = await s3.send(
      new ListObjectsV2Command({
        Bucket: bucket,
        Prefix: 'logs/',
        Delimiter: '/',
      }),
    );
    expect(folders.CommonPrefixes?.map(p => p.Prefix)).toEqual([
      'logs/a/',
      'logs/b/',
    ]);
    expect(folders.Contents?.map(o => o.Key)).toEqual(['logs/c']);
    const first = await s3.send(
      new ListObjectsV2Command({ Bucket: bucket, MaxKeys: 2 }),
    );
    expect(first.IsTruncated).toBe(true);
    const second = await s3.send(
      new ListObjectsV2Command({
        Bucket: bucket,
        MaxKeys: 10,
        ContinuationToken: first.NextContinuationToken,
      }),
    );
    expect([...first.Contents!, ...second.Contents!].map(o => o.Key)).toEqual([
      'logs/a/1',
      'logs/a/2',
      'logs/b/1',
      'logs/c',
      'other',
    ]);
    expect(second.IsTruncated).toBe(false);
  });

  it('has the demo buckets, and NoSuchBucket for buckets never written', async () => {
    const demo = await s3.send(
      new ListObjectsV2Command({
        Bucket: 'analytics-data-team-a-logs-123456789012',
      }),
    );
    expect(demo.KeyCount).toBe(0);
    const error = await errorOf(
      s3.send(new ListObjectsV2Command({ Bucket: 'never-written' })),
    );
    expect(error).toBeInstanceOf(NoSuchBucket);
    expect(error.$metadata.httpStatusCode).toBe(404);
    const getError = await errorOf(
      s3.send(new GetObjectCommand({ Bucket: 'never-written', Key: 'k' })),
    );
    expect(getError).toBeInstanceOf(NoSuchBucket);
  });

  it('is routed by the SigV4 scope even on paths other APIs own', async () => {
    await s3.send(
      new PutObjectCommand({
        Bucket: 'model',
        Key: 'allocation',
        Body: 'not kubecost',
      }),
    );
    const got = await s3.send(
      new GetObjectCommand({ Bucket: 'model', Key: 'allocation' }),
    );
    expect(await got.Body!.transformToString()).toBe('not kubecost');
    expect(env.sandbox.stats.count('GetObject')).toBe(1);
  });

  it('answers injected throttling as SlowDown', async () => {
    env.sandbox.faults.set({
      throttleRate: 1,
      throttleStatus: 400,
      operations: ['PutObject'],
      count: 1,
    });
    const error = await errorOf(
      s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'k', Body: 'x' })),
    );
    expect(error.name).toBe('SlowDown');
    expect(env.sandbox.stats.snapshot().faults.PutObject.throttled).toBe(1);
  });
});
