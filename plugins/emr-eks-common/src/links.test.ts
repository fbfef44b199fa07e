import { jobRunConsoleLinks } from './links';

const ARN =
  'arn:aws:emr-containers:eu-west-1:123456789012:/virtualclusters/abc123';

describe('jobRunConsoleLinks', () => {
  it('links the Spark UI through the EMR console unless the persistent UI is off', () => {
    expect(
      jobRunConsoleLinks({ virtualClusterArn: ARN, jobRunId: 'run1' }).sparkUi,
    ).toEqual({
      url: 'https://eu-west-1.console.aws.amazon.com/elasticmapreduce/home?region=eu-west-1#virtual-cluster-jobs:abc123',
    });
    expect(
      jobRunConsoleLinks({
        virtualClusterArn: ARN,
        jobRunId: 'run1',
        monitoringConfiguration: { persistentAppUI: 'ENABLED' },
      }).sparkUi,
    ).toEqual({
      url: 'https://eu-west-1.console.aws.amazon.com/elasticmapreduce/home?region=eu-west-1#virtual-cluster-jobs:abc123',
    });
    expect(
      jobRunConsoleLinks({
        virtualClusterArn: ARN,
        jobRunId: 'run1',
        monitoringConfiguration: { persistentAppUI: 'DISABLED' },
      }).sparkUi,
    ).toBeUndefined();
  });

  it('filters the log group to the run’s streams, encoded the CloudWatch way', () => {
    const links = jobRunConsoleLinks({
      virtualClusterArn: ARN,
      jobRunId: 'run1',
      monitoringConfiguration: {
        cloudWatchMonitoringConfiguration: {
          logGroupName: '/emr-on-eks/team a',
          logStreamNamePrefix: 'nightly/',
        },
      },
    });
    expect(links.cloudWatchLogs).toEqual({
      url:
        'https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1' +
        '#logsV2:log-groups/log-group/$252Femr-on-eks$252Fteam$2520a' +
        '$3FlogStreamNameFilter$3Dnightly$252Fabc123$252Fjobs$252Frun1',
      logGroupName: '/emr-on-eks/team a',
      logStreamNamePrefix: 'nightly/abc123/jobs/run1',
    });
  });

  it('starts the streams at the virtual cluster id without a stream prefix', () => {
    const links = jobRunConsoleLinks({
      virtualClusterArn: ARN,
      jobRunId: 'run1',
      monitoringConfiguration: {
        cloudWatchMonitoringConfiguration: { logGroupName: 'spark' },
      },
    });
    expect(links.cloudWatchLogs?.logStreamNamePrefix).toBe('abc123/jobs/run1');
    expect(links.cloudWatchLogs?.url).toContain(
      'log-group/spark$3FlogStreamNameFilter$3Dabc123$252Fjobs$252Frun1',
    );
  });

  it.each([
    ['s3://logs-bucket/emr-on-eks/', 'emr-on-eks/abc123/jobs/run1/'],
    ['s3://logs-bucket/emr-on-eks', 'emr-on-eks/abc123/jobs/run1/'],
    ['s3://logs-bucket/a/b//', 'a/b/abc123/jobs/run1/'],
    ['s3://logs-bucket', 'abc123/jobs/run1/'],
    ['s3://logs-bucket/', 'abc123/jobs/run1/'],
  ])('opens the S3 prefix of the run under %s', (logUri, prefix) => {
    const links = jobRunConsoleLinks({
      virtualClusterArn: ARN,
      jobRunId: 'run1',
      monitoringConfiguration: { s3MonitoringConfiguration: { logUri } },
    });
    expect(links.s3Logs?.uri).toBe(`s3://logs-bucket/${prefix}`);
    const url = new URL(links.s3Logs!.url);
    expect(url.origin).toBe('https://eu-west-1.console.aws.amazon.com');
    expect(url.pathname).toBe('/s3/buckets/logs-bucket');
    expect(url.searchParams.get('prefix')).toBe(prefix);
    expect(url.searchParams.get('region')).toBe('eu-west-1');
  });

  it('gives no S3 link for a log URI that is not S3', () => {
    expect(
      jobRunConsoleLinks({
        virtualClusterArn: ARN,
        jobRunId: 'run1',
        monitoringConfiguration: {
          s3MonitoringConfiguration: { logUri: 'https://example.com/logs' },
        },
      }).s3Logs,
    ).toBeUndefined();
  });

  it('uses the console of the ARN’s partition', () => {
    const cn = jobRunConsoleLinks({
      virtualClusterArn:
        'arn:aws-cn:emr-containers:cn-north-1:123456789012:/virtualclusters/abc123',
      jobRunId: 'run1',
    });
    expect(cn.sparkUi?.url).toMatch(
      /^https:\/\/cn-north-1\.console\.amazonaws\.cn\/elasticmapreduce\//,
    );
    const gov = jobRunConsoleLinks({
      virtualClusterArn:
        'arn:aws-us-gov:emr-containers:us-gov-west-1:123456789012:/virtualclusters/abc123',
      jobRunId: 'run1',
    });
    expect(gov.sparkUi?.url).toMatch(
      /^https:\/\/us-gov-west-1\.console\.amazonaws-us-gov\.com\//,
    );
  });

  it('gives no links for an unreadable ARN or a partition without a public console', () => {
    expect(
      jobRunConsoleLinks({ virtualClusterArn: 'not-an-arn', jobRunId: 'run1' }),
    ).toEqual({});
    expect(
      jobRunConsoleLinks({
        virtualClusterArn:
          'arn:aws-iso:emr-containers:us-iso-east-1:123456789012:/virtualclusters/abc123',
        jobRunId: 'run1',
        monitoringConfiguration: {
          cloudWatchMonitoringConfiguration: { logGroupName: 'spark' },
        },
      }),
    ).toEqual({});
  });
});
