import { CompoundEntityRef } from '@backstage/catalog-model';
import {
  ApplicationConfiguration,
  ServerlessJobRunDetail,
  ServerlessResourceUtilization,
  explainServerlessJobRunFailure,
} from '@emr-eks/plugin-emr-eks-common';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { ApplicationConfigurationTable } from '../EntityEmrJobRunsContent/ApplicationConfigurationTable';
import { FailureExplanation } from '../EntityEmrJobRunsContent/FailureExplanation';
import {
  Code,
  Section,
  Time,
  splitSparkSubmitParameters,
} from '../EntityEmrJobRunsContent/JobRunDetails';
import { DetailList } from '../shared/DetailList';
import { formatDuration } from '../shared/format';
import { SecondaryText } from '../shared/SecondaryText';
import { ServerlessDashboardButton } from './ServerlessDashboardButton';
import { ServerlessJobRunStatus } from './ServerlessJobRunStatus';

const RESOURCES: Array<{
  key: keyof ServerlessResourceUtilization;
  label: string;
  unit: string;
}> = [
  { key: 'vCPUHour', label: 'vCPU', unit: 'vCPU-hours' },
  { key: 'memoryGBHour', label: 'Memory', unit: 'GB-hours' },
  { key: 'storageGBHour', label: 'Storage', unit: 'GB-hours' },
];

const amount = (value: number | undefined, unit: string) =>
  value === undefined
    ? '—'
    : `${value.toLocaleString(undefined, {
        maximumFractionDigits: 3,
      })} ${unit}`;

/**
 * What the run used (growing while it runs) beside what is billed (once it
 * ended: at least a minute per worker, storage above the free 20 GB per worker).
 */
export function ResourceUtilizationTable(props: {
  used?: ServerlessResourceUtilization;
  billed?: ServerlessResourceUtilization;
}) {
  const { used, billed } = props;
  if (!used && !billed) {
    return (
      <SecondaryText variant="body2">
        EMR Serverless reports no utilisation for this run yet.
      </SecondaryText>
    );
  }
  return (
    <Table size="small" aria-label="Resource utilisation">
      <TableHead>
        <TableRow>
          <TableCell>Resource</TableCell>
          <TableCell align="right">Used</TableCell>
          <TableCell align="right">Billed</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {RESOURCES.map(({ key, label, unit }) => (
          <TableRow key={key}>
            <TableCell component="th" scope="row">
              {label}
            </TableCell>
            <TableCell align="right">{amount(used?.[key], unit)}</TableCell>
            <TableCell align="right">{amount(billed?.[key], unit)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** Everything about one EMR Serverless job run, for the details drawer. */
export function ServerlessJobRunDetails(props: {
  entityRef: CompoundEntityRef;
  run: ServerlessJobRunDetail;
}) {
  const { entityRef, run } = props;
  const spark = run.jobDriver?.sparkSubmit;
  const hive = run.jobDriver?.hive;
  const monitoring = run.configurationOverrides?.monitoringConfiguration;
  const tags = Object.entries(run.tags ?? {});
  const maxAttempts = run.retryPolicy?.maxAttempts;

  return (
    <>
      <FailureExplanation
        run={run}
        explanation={explainServerlessJobRunFailure(run)}
        service="EMR Serverless"
      />

      <Section title="Overview">
        <DetailList
          label="Overview"
          details={[
            { label: 'State', value: <ServerlessJobRunStatus run={run} /> },
            {
              label: 'State details',
              value: run.state === 'FAILED' ? undefined : run.stateDetails,
            },
            { label: 'ID', value: run.id },
            { label: 'Mode', value: run.mode },
            { label: 'Release label', value: run.releaseLabel },
            { label: 'Execution role', value: run.executionRole },
            { label: 'Created', value: <Time iso={run.createdAt} /> },
            {
              label: 'Started',
              value: run.startedAt && <Time iso={run.startedAt} />,
            },
            {
              label: 'Ended',
              value: run.endedAt && <Time iso={run.endedAt} />,
            },
            {
              label: 'Execution time',
              value:
                run.totalExecutionDurationSeconds !== undefined &&
                formatDuration(run.totalExecutionDurationSeconds * 1000),
            },
            {
              label: 'Queued',
              value:
                run.queuedDurationMilliseconds !== undefined &&
                formatDuration(run.queuedDurationMilliseconds),
            },
            {
              label: 'Execution timeout',
              value:
                run.executionTimeoutMinutes !== undefined &&
                `${run.executionTimeoutMinutes} minutes`,
            },
            { label: 'Created by', value: run.createdBy },
            {
              label: 'Attempt',
              value:
                run.attempt !== undefined &&
                (maxAttempts
                  ? `${run.attempt} of at most ${maxAttempts}`
                  : String(run.attempt)),
            },
          ].map(detail => ({ ...detail, value: detail.value || undefined }))}
        />
      </Section>

      <Section title="Spark UI">
        {run.startedAt ? (
          <ServerlessDashboardButton entityRef={entityRef} jobRunId={run.id} />
        ) : (
          <SecondaryText variant="body2">
            The dashboard opens once the run is running.
          </SecondaryText>
        )}
      </Section>

      <Section title="Resources">
        <ResourceUtilizationTable
          used={run.totalResourceUtilization}
          billed={run.billedResourceUtilization}
        />
      </Section>

      {run.attempts.length > 0 && (
        <Section title="Attempts">
          <Table size="small" aria-label="Attempts">
            <TableHead>
              <TableRow>
                <TableCell>Attempt</TableCell>
                <TableCell>State</TableCell>
                <TableCell>Created</TableCell>
                <TableCell>Updated</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {run.attempts.map(attempt => (
                <TableRow key={attempt.attempt}>
                  <TableCell>{attempt.attempt}</TableCell>
                  <TableCell>
                    <ServerlessJobRunStatus run={attempt} />
                  </TableCell>
                  <TableCell>
                    <Time iso={attempt.createdAt} />
                  </TableCell>
                  <TableCell>
                    <Time iso={attempt.updatedAt} />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Section>
      )}

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
        {hive && (
          <DetailList
            label="Job driver"
            details={[
              { label: 'Hive query', value: <Code>{hive.query}</Code> },
              {
                label: 'Init query file',
                value: hive.initQueryFile && <Code>{hive.initQueryFile}</Code>,
              },
              {
                label: 'Parameters',
                value: hive.parameters && <Code>{hive.parameters}</Code>,
              },
            ]}
          />
        )}
        {!spark && !hive && (
          <SecondaryText variant="body2">
            EMR Serverless did not say how this run was submitted.
          </SecondaryText>
        )}
      </Section>

      <Section title="Application configuration">
        <ApplicationConfigurationTable
          configurations={
            run.configurationOverrides?.applicationConfiguration as
              | ApplicationConfiguration[]
              | undefined
          }
        />
      </Section>

      {monitoring && Object.keys(monitoring).length > 0 && (
        <Section title="Monitoring configuration">
          <Code>{JSON.stringify(monitoring, null, 2)}</Code>
        </Section>
      )}

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
