import { parseVirtualClusterArn } from './arn';
import { MonitoringConfiguration } from './types';

/**
 * Where to look at a job run in the AWS console.
 *
 * @public
 */
export interface JobRunConsoleLinks {
  /**
   * The virtual cluster's job runs in the Amazon EMR console, where the run's
   * Spark UI (the persistent application UI, a Spark History Server kept by
   * EMR) opens. Absent when the run's `persistentAppUI` is `DISABLED`.
   */
  sparkUi?: { url: string };
  /**
   * The run's log streams in CloudWatch Logs. EMR on EKS names them
   * `<logStreamNamePrefix>/<virtualClusterId>/jobs/<jobRunId>/...` in the
   * configured log group.
   */
  cloudWatchLogs?: {
    url: string;
    logGroupName: string;
    logStreamNamePrefix: string;
  };
  /**
   * The run's logs in Amazon S3, under
   * `<logUri>/<virtualClusterId>/jobs/<jobRunId>/`.
   */
  s3Logs?: { url: string; uri: string };
}

/**
 * The console host of a partition and region, or undefined for a partition
 * whose console is not on the public internet.
 */
function consoleOrigin(partition: string, region: string): string | undefined {
  switch (partition) {
    case 'aws':
      return `https://${region}.console.aws.amazon.com`;
    case 'aws-cn':
      return `https://${region}.console.amazonaws.cn`;
    case 'aws-us-gov':
      return `https://${region}.console.amazonaws-us-gov.com`;
    default:
      return undefined;
  }
}

/**
 * The CloudWatch console keeps its own state in the URL fragment, encoded
 * twice with `$` in place of `%`: `/` becomes `$252F`, `?` becomes `$3F`.
 */
function cloudWatchFragmentEncode(text: string): string {
  return encodeURIComponent(encodeURIComponent(text)).replace(/%/g, '$');
}

function trimSlashes(text: string): string {
  return text.replace(/^\/+|\/+$/g, '');
}

/** `s3://bucket/some/prefix/` to bucket and key prefix (without slashes at the ends). */
function parseS3Uri(uri: string): { bucket: string; key: string } | undefined {
  const match = /^s3a?:\/\/([^/]+)\/?(.*)$/i.exec(uri.trim());
  if (!match || !match[1]) {
    return undefined;
  }
  return { bucket: match[1], key: trimSlashes(match[2]) };
}

/**
 * AWS console links for one job run: its Spark UI (through the EMR console),
 * its CloudWatch log streams and its S3 logs, as far as the run's monitoring
 * configuration sends them there. Region, partition and virtual cluster come
 * from the virtual cluster ARN; an unreadable ARN gives no links.
 *
 * @public
 */
export function jobRunConsoleLinks(options: {
  virtualClusterArn: string;
  jobRunId: string;
  monitoringConfiguration?: MonitoringConfiguration;
}): JobRunConsoleLinks {
  const arn = parseVirtualClusterArn(options.virtualClusterArn);
  if (!arn) {
    return {};
  }
  const { partition, region, virtualClusterId } = arn;
  const origin = consoleOrigin(partition, region);
  if (!origin) {
    return {};
  }
  const monitoring = options.monitoringConfiguration ?? {};
  const runPath = `${virtualClusterId}/jobs/${options.jobRunId}`;
  const links: JobRunConsoleLinks = {};

  // The persistent application UI is on unless a run turns it off.
  if (monitoring.persistentAppUI !== 'DISABLED') {
    links.sparkUi = {
      url: `${origin}/elasticmapreduce/home?region=${region}#virtual-cluster-jobs:${virtualClusterId}`,
    };
  }

  const cloudWatch = monitoring.cloudWatchMonitoringConfiguration;
  if (cloudWatch?.logGroupName) {
    const prefix = trimSlashes(cloudWatch.logStreamNamePrefix ?? '');
    const logStreamNamePrefix = prefix ? `${prefix}/${runPath}` : runPath;
    links.cloudWatchLogs = {
      url:
        `${origin}/cloudwatch/home?region=${region}#logsV2:log-groups/log-group/` +
        `${cloudWatchFragmentEncode(cloudWatch.logGroupName)}` +
        `$3FlogStreamNameFilter$3D${cloudWatchFragmentEncode(
          logStreamNamePrefix,
        )}`,
      logGroupName: cloudWatch.logGroupName,
      logStreamNamePrefix,
    };
  }

  const s3 = monitoring.s3MonitoringConfiguration?.logUri
    ? parseS3Uri(monitoring.s3MonitoringConfiguration.logUri)
    : undefined;
  if (s3) {
    const key = s3.key ? `${s3.key}/${runPath}/` : `${runPath}/`;
    const query = new URLSearchParams({
      region,
      prefix: key,
      showversions: 'false',
    });
    links.s3Logs = {
      url: `${origin}/s3/buckets/${encodeURIComponent(
        s3.bucket,
      )}?${query.toString()}`,
      uri: `s3://${s3.bucket}/${key}`,
    };
  }

  return links;
}
