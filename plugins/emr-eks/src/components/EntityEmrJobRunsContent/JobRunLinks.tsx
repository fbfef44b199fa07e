import { Link } from '@backstage/core-components';
import {
  JobRunDetail,
  jobRunConsoleLinks,
  parseVirtualClusterArn,
} from '@emr-eks/plugin-emr-eks-common';
import Typography from '@material-ui/core/Typography';
import { ReactNode } from 'react';
import { DetailList } from '../shared/DetailList';
import { SecondaryText } from '../shared/SecondaryText';

/** A console link with a line under it that says what is found there. */
function ConsoleLink(props: {
  url: string;
  label: string;
  children: ReactNode;
}) {
  return (
    <>
      <Link to={props.url}>{props.label}</Link>
      <Typography variant="caption" display="block">
        {props.children}
      </Typography>
    </>
  );
}

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
      <SecondaryText variant="body2">
        No console links: the virtual cluster ARN of this entity cannot be read.
      </SecondaryText>
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
      <SecondaryText variant="body2">
        No console links: the run turned off the persistent application UI and
        sends its logs neither to CloudWatch nor to S3 (or its AWS partition has
        no public console).
      </SecondaryText>
    );
  }
  return (
    <DetailList
      label="Logs and Spark UI"
      details={[
        {
          label: 'Spark UI',
          value: sparkUi && (
            <ConsoleLink url={sparkUi.url} label="Spark UI">
              In the EMR console, open run {run.id} and choose its Spark UI
              (persistent application UI).
            </ConsoleLink>
          ),
        },
        {
          label: 'CloudWatch logs',
          value: cloudWatchLogs && (
            <ConsoleLink url={cloudWatchLogs.url} label="CloudWatch logs">
              {cloudWatchLogs.logGroupName}, streams{' '}
              {cloudWatchLogs.logStreamNamePrefix}/…
            </ConsoleLink>
          ),
        },
        {
          label: 'S3 logs',
          value: s3Logs && (
            <ConsoleLink url={s3Logs.url} label="S3 logs">
              {s3Logs.uri}
            </ConsoleLink>
          ),
        },
      ]}
    />
  );
}
