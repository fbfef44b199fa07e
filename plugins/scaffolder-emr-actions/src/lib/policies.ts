import { InputError } from '@backstage/errors';

/** IAM's limit on the total size of a role's inline policies, without whitespace. */
export const INLINE_POLICY_MAX_LENGTH = 10240;

export interface BucketAccess {
  bucket: string;
  access: 'read' | 'readWrite';
  /** Key prefix the access is limited to; the whole bucket when absent. */
  prefix?: string;
}

export interface ExecutionPolicyOptions {
  partition?: string;
  accountId: string;
  region: string;
  buckets: BucketAccess[];
  glue: boolean;
  /** CloudWatch Logs log group prefix jobs write to; none when absent. */
  logGroupPrefix?: string;
  /** Bucket (and prefix) holding the pod templates; read access is added. */
  podTemplateLocation?: { bucket: string; prefix: string };
}

const READ = ['s3:GetObject', 's3:ListBucket'];
const WRITE = [
  's3:PutObject',
  's3:DeleteObject',
  's3:AbortMultipartUpload',
  's3:ListMultipartUploadParts',
];

function objectArn(partition: string, bucket: string, prefix?: string) {
  const path = prefix ? `${prefix.replace(/^\/+|\/+$/g, '')}/*` : '*';
  return `arn:${partition}:s3:::${bucket}/${path}`;
}

/** The job execution role's inline policy: S3, Glue Data Catalog, CloudWatch Logs. */
export function executionPolicy(options: ExecutionPolicyOptions) {
  const partition = options.partition ?? 'aws';
  const statements: object[] = [];
  const buckets = [...options.buckets];
  if (options.podTemplateLocation) {
    buckets.push({
      bucket: options.podTemplateLocation.bucket,
      access: 'read',
      prefix: options.podTemplateLocation.prefix,
    });
  }
  const read = buckets.filter(b => b.access === 'read');
  const readWrite = buckets.filter(b => b.access === 'readWrite');
  const s3Statement = (
    sid: string,
    list: BucketAccess[],
    actions: string[],
  ) => {
    if (list.length === 0) return;
    statements.push({
      Sid: sid,
      Effect: 'Allow',
      Action: actions,
      Resource: [
        ...new Set(
          list.flatMap(b => [
            `arn:${partition}:s3:::${b.bucket}`,
            objectArn(partition, b.bucket, b.prefix),
          ]),
        ),
      ],
    });
  };
  s3Statement('S3Read', read, READ);
  s3Statement('S3ReadWrite', readWrite, [...READ, ...WRITE]);
  if (options.glue) {
    const base = `arn:${partition}:glue:${options.region}:${options.accountId}`;
    statements.push({
      Sid: 'GlueDataCatalog',
      Effect: 'Allow',
      Action: [
        'glue:GetDatabase',
        'glue:GetDatabases',
        'glue:CreateDatabase',
        'glue:GetTable',
        'glue:GetTables',
        'glue:CreateTable',
        'glue:UpdateTable',
        'glue:DeleteTable',
        'glue:GetPartition',
        'glue:GetPartitions',
        'glue:CreatePartition',
        'glue:BatchCreatePartition',
        'glue:UpdatePartition',
        'glue:DeletePartition',
        'glue:BatchDeletePartition',
        'glue:GetUserDefinedFunctions',
      ],
      Resource: [`${base}:catalog`, `${base}:database/*`, `${base}:table/*`],
    });
  }
  if (options.logGroupPrefix) {
    const group = `arn:${partition}:logs:${options.region}:${options.accountId}:log-group:${options.logGroupPrefix}`;
    statements.push({
      Sid: 'CloudWatchLogs',
      Effect: 'Allow',
      Action: [
        'logs:CreateLogGroup',
        'logs:CreateLogStream',
        'logs:PutLogEvents',
        'logs:DescribeLogStreams',
      ],
      Resource: [`${group}*`, `${group}*:log-stream:*`],
    });
    statements.push({
      Sid: 'CloudWatchLogsDescribe',
      Effect: 'Allow',
      Action: ['logs:DescribeLogGroups'],
      Resource: ['*'],
    });
  }
  const policy = { Version: '2012-10-17', Statement: statements };
  const length = JSON.stringify(policy).length;
  if (length > INLINE_POLICY_MAX_LENGTH) {
    throw new InputError(
      `Invalid input: buckets: the execution policy would be ${length} characters, above IAM's inline policy limit of ${INLINE_POLICY_MAX_LENGTH}; list fewer buckets or prefixes`,
    );
  }
  return policy;
}
