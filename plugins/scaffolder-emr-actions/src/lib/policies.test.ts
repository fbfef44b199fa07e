import { executionPolicy } from './policies';

describe('executionPolicy', () => {
  const base = { accountId: '123456789012', region: 'us-east-1' };

  it('grants read, read/write, Glue and the namespace log groups', () => {
    const policy = executionPolicy({
      ...base,
      buckets: [
        { bucket: 'raw', access: 'read' },
        { bucket: 'curated', access: 'readWrite', prefix: '/team-a/' },
      ],
      glue: true,
      logGroupPrefix: '/emr-on-eks/team-a',
      podTemplateLocation: { bucket: 'assets', prefix: 'pod-templates/team-a' },
    });
    const bySid = Object.fromEntries(
      policy.Statement.map((s: any) => [s.Sid, s]),
    );
    expect(bySid.S3Read.Action).toEqual(['s3:GetObject', 's3:ListBucket']);
    expect(bySid.S3Read.Resource).toEqual([
      'arn:aws:s3:::raw',
      'arn:aws:s3:::raw/*',
      'arn:aws:s3:::assets',
      'arn:aws:s3:::assets/pod-templates/team-a/*',
    ]);
    expect(bySid.S3ReadWrite.Action).toContain('s3:PutObject');
    expect(bySid.S3ReadWrite.Resource).toEqual([
      'arn:aws:s3:::curated',
      'arn:aws:s3:::curated/team-a/*',
    ]);
    expect(bySid.GlueDataCatalog.Resource[0]).toBe(
      'arn:aws:glue:us-east-1:123456789012:catalog',
    );
    expect(bySid.CloudWatchLogs.Resource[0]).toBe(
      'arn:aws:logs:us-east-1:123456789012:log-group:/emr-on-eks/team-a*',
    );
    expect(bySid.S3ReadWrite.Action).not.toContain('s3:*');
  });

  it('leaves out what was not asked for', () => {
    const policy = executionPolicy({ ...base, buckets: [], glue: false });
    expect(policy.Statement).toEqual([]);
  });

  it('names the buckets field when the policy is too large', () => {
    const buckets = Array.from({ length: 200 }, (_, i) => ({
      bucket: `bucket-with-a-rather-long-name-${i}`,
      access: 'readWrite' as const,
    }));
    expect(() => executionPolicy({ ...base, buckets, glue: true })).toThrow(
      /buckets: the execution policy would be \d+ characters, above IAM's inline policy limit of 10240/,
    );
  });
});
