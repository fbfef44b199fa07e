import { JobRunDetail } from '@emr-eks/plugin-emr-eks-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { ReactNode } from 'react';
import { DetailList } from '../shared/DetailList';
import { formatDateTime, jobRunDuration } from '../shared/format';
import { ApplicationConfigurationTable } from './ApplicationConfigurationTable';
import { FailureExplanation } from './FailureExplanation';
import { JobRunLinks } from './JobRunLinks';
import { JobRunStatus } from './JobRunStatus';
import { SecondaryText } from '../shared/SecondaryText';

export function Section(props: { title: string; children: ReactNode }) {
  return (
    <Box component="section" mt={3}>
      <Typography variant="h6" component="h3" gutterBottom>
        {props.title}
      </Typography>
      {props.children}
    </Box>
  );
}

export function Code(props: { children: ReactNode }) {
  return (
    <Box
      component="pre"
      m={0}
      fontFamily="monospace"
      fontSize="0.8125rem"
      whiteSpace="pre-wrap"
      style={{ wordBreak: 'break-all' }}
    >
      {props.children}
    </Box>
  );
}

export function Time(props: { iso?: string }) {
  const text = formatDateTime(props.iso);
  return text ? <span title={props.iso}>{text}</span> : null;
}

/** Puts each `--option` of a spark-submit command line on its own line. */
export function splitSparkSubmitParameters(parameters: string): string {
  return parameters.trim().replace(/\s+(?=--)/g, '\n');
}

/** Everything about one job run, for the details drawer. */
export function JobRunDetails(props: {
  run: JobRunDetail;
  virtualClusterArn?: string;
  /** What the run cost, for the overview. */
  cost?: ReactNode;
}) {
  const { run, virtualClusterArn } = props;
  const spark = run.jobDriver?.sparkSubmitJobDriver;
  const sql = run.jobDriver?.sparkSqlJobDriver;
  const monitoring = run.configurationOverrides?.monitoringConfiguration;
  const tags = Object.entries(run.tags ?? {});

  return (
    <>
      <FailureExplanation run={run} />

      <Section title="Overview">
        <DetailList
          label="Overview"
          details={[
            { label: 'State', value: <JobRunStatus run={run} /> },
            {
              label: 'State details',
              value: run.state === 'FAILED' ? undefined : run.stateDetails,
            },
            { label: 'ID', value: run.id },
            { label: 'Release label', value: run.releaseLabel },
            { label: 'Execution role', value: run.executionRoleArn },
            {
              label: 'Created',
              value: run.createdAt && <Time iso={run.createdAt} />,
            },
            {
              label: 'Finished',
              value: run.finishedAt && <Time iso={run.finishedAt} />,
            },
            { label: 'Duration', value: jobRunDuration(run) },
            { label: 'Cost', value: props.cost },
            { label: 'Created by', value: run.createdBy },
            {
              label: 'Attempts',
              value:
                run.retryPolicyConfiguration &&
                `${
                  run.retryPolicyExecution?.currentAttemptCount ?? 1
                } of at most ${run.retryPolicyConfiguration.maxAttempts}`,
            },
          ]}
        />
      </Section>

      <Section title="Logs and Spark UI">
        <JobRunLinks run={run} virtualClusterArn={virtualClusterArn} />
      </Section>

      <Section title="Job driver">
        {spark && (
          <DetailList
            label="Job driver"
            details={[
              { label: 'Entry point', value: <Code>{spark.entryPoint}</Code> },
              {
                label: 'Arguments',
                value: spark.entryPointArguments?.length ? (
                  <Box component="ol" m={0} pl={2.5}>
                    {spark.entryPointArguments.map((argument, index) => (
                      <li key={index}>
                        <Code>{argument}</Code>
                      </li>
                    ))}
                  </Box>
                ) : undefined,
              },
              {
                label: 'Spark submit parameters',
                value: spark.sparkSubmitParameters && (
                  <Code>
                    {splitSparkSubmitParameters(spark.sparkSubmitParameters)}
                  </Code>
                ),
              },
            ]}
          />
        )}
        {sql && (
          <DetailList
            label="Job driver"
            details={[
              {
                label: 'SQL entry point',
                value: sql.entryPoint && <Code>{sql.entryPoint}</Code>,
              },
              {
                label: 'Spark SQL parameters',
                value: sql.sparkSqlParameters && (
                  <Code>
                    {splitSparkSubmitParameters(sql.sparkSqlParameters)}
                  </Code>
                ),
              },
            ]}
          />
        )}
        {!spark && !sql && (
          <SecondaryText variant="body2">
            EMR on EKS did not say how this run was submitted.
          </SecondaryText>
        )}
      </Section>

      <Section title="Application configuration">
        <ApplicationConfigurationTable
          configurations={run.configurationOverrides?.applicationConfiguration}
        />
      </Section>

      <Section title="Monitoring configuration">
        <DetailList
          label="Monitoring configuration"
          details={[
            {
              label: 'Persistent application UI',
              value: monitoring?.persistentAppUI ?? 'ENABLED (default)',
            },
            {
              label: 'CloudWatch log group',
              value:
                monitoring?.cloudWatchMonitoringConfiguration?.logGroupName,
            },
            {
              label: 'Log stream prefix',
              value:
                monitoring?.cloudWatchMonitoringConfiguration
                  ?.logStreamNamePrefix,
            },
            {
              label: 'S3 log URI',
              value: monitoring?.s3MonitoringConfiguration?.logUri,
            },
          ]}
        />
      </Section>

      {tags.length > 0 && (
        <Section title="Tags">
          <DetailList
            label="Tags"
            details={tags.map(([key, value]) => ({ label: key, value }))}
          />
        </Section>
      )}
    </>
  );
}
