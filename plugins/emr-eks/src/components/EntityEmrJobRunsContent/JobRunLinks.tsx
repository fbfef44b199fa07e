import { Link } from '@backstage/core-components';
import {
  JobRunDetail,
  jobRunConsoleLinks,
  parseVirtualClusterArn,
} from '@emr-eks/plugin-emr-eks-common';
import Typography from '@material-ui/core/Typography';
import { DetailList } from '../shared/DetailList';

/**
 * Where to look at a run in the AWS console: the Spark UI (persistent
 * application UI in the EMR console), its CloudWatch log streams and its S3
 * logs, as far as its monitoring configuration allows.
 */
export function JobRunLinks(props: {
  run: Pick<JobRunDetail, 'id' | 'configurationOverrides'>;
  virtualClusterArn?: string;
}) {
  const { run, virtualClusterArn } = props;
  const arn = virtualClusterArn
    ? parseVirtualClusterArn(virtualClusterArn)
    : undefined;
  if (!virtualClusterArn || !arn) {
    return (
      <Typography variant="body2" color="textSecondary">
        No console links: the virtual cluster ARN of this entity cannot be read.
      </Typography>
    );
  }
  const { sparkUi, cloudWatchLogs, s3Logs } = jobRunConsoleLinks({
    virtualClusterArn,
    jobRunId: run.id,
    monitoringConfiguration:
      run.configurationOverrides?.monitoringConfiguration,
  });
  if (!sparkUi && !cloudWatchLogs && !s3Logs) {
    return (
      <Typography variant="body2" color="textSecondary">
        No console links: the run turned off the persistent application UI and
        sends its logs neither to CloudWatch nor to S3 (or its AWS partition has
        no public console).
      </Typography>
    );
  }
  return (
    <DetailList
      label="Logs and Spark UI"
      details={[
        {
          label: 'Spark UI',
          value: sparkUi && (
            <>
              <Link to={sparkUi.url}>Spark UI</Link>
              <Typography variant="caption" display="block">
                In the EMR console, open run {run.id} and choose its Spark UI
                (persistent application UI).
              </Typography>
            </>
          ),
        },
        {
          label: 'CloudWatch logs',
          value: cloudWatchLogs && (
            <>
              <Link to={cloudWatchLogs.url}>CloudWatch logs</Link>
              <Typography variant="caption" display="block">
                {cloudWatchLogs.logGroupName}, streams{' '}
                {cloudWatchLogs.logStreamNamePrefix}/…
              </Typography>
            </>
          ),
        },
        {
          label: 'S3 logs',
          value: s3Logs && (
            <>
              <Link to={s3Logs.url}>S3 logs</Link>
              <Typography variant="caption" display="block">
                {s3Logs.uri}
              </Typography>
            </>
          ),
        },
      ]}
    />
  );
}
