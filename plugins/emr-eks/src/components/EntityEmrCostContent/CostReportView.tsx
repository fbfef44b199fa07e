import { CompoundEntityRef } from '@backstage/catalog-model';
import {
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { CostReport } from '@emr-eks/plugin-emr-eks-common';
import Box from '@material-ui/core/Box';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { useMemo, useState } from 'react';
import { CostPeriod, CostWindowName } from '../../api';
import { useCost } from '../../hooks/useCost';
import {
  describeCapacityType,
  describeComponent,
  formatPeriod,
  isHistoryBehind,
} from '../shared/costFormat';
import {
  couldNotLoad,
  isCostNotConfigured,
  isNotAllowed,
} from '../shared/describeError';
import { CostNotConfigured } from './CostNotConfigured';
import { formatDateTime } from '../shared/format';
import { RefreshButton } from '../shared/RefreshButton';
import { useElementId } from '../shared/useElementId';
import { CostBreakdown } from './CostBreakdown';
import { CostSummary } from './CostSummary';
import { DailyCostChart } from './DailyCostChart';
import { DownloadCsvButton } from './DownloadCsvButton';
import { ServerlessApplicationCostTable } from './ServerlessApplicationCostTable';
import { SparkApplicationCostTable } from './SparkApplicationCostTable';
import { TopJobRunsTable } from './TopJobRunsTable';
import { VirtualClusterCostTable } from './VirtualClusterCostTable';
import { SecondaryText, useSecondaryTextClass } from '../shared/SecondaryText';

/** The windows offered, ending now. */
export const COST_WINDOWS: Array<{ value: CostWindowName; label: string }> = [
  { value: '7d', label: '7 days' },
  { value: '30d', label: '30 days' },
  { value: '90d', label: '90 days' },
];
const DEFAULT_WINDOW: CostWindowName = '30d';

/** Titles of the cards as headings under the tab's "Cost" heading. */
const cardTitleProps = { component: 'h3', variant: 'h6' } as const;

function hasCost(report: CostReport): boolean {
  return (
    report.totals.compute > 0 ||
    report.totals.uplift !== 0 ||
    (report.totals.serverless ?? 0) !== 0 ||
    (report.totals.sparkApplications ?? 0) !== 0 ||
    (report.bySparkApplication ?? []).length > 0 ||
    report.topJobRuns.length > 0 ||
    (report.byServerlessApplication ?? []).some(app => app.jobRuns > 0) ||
    report.daily.some(day => day.compute > 0 || day.uplift !== 0)
  );
}

/** What a report is about, for its wording. */
type Subject = 'group' | 'application' | 'cluster';

function subjectOf(refs: {
  virtualClusterRef?: string;
  serverlessApplicationRef?: string;
}): Subject {
  if (refs.virtualClusterRef) return 'cluster';
  return refs.serverlessApplicationRef ? 'application' : 'group';
}

function ReportBody(props: {
  report: CostReport;
  virtualClusterRef?: string;
  serverlessApplicationRef?: string;
  emrTabPath: string;
  windowLabel: string;
}) {
  const {
    report,
    virtualClusterRef,
    serverlessApplicationRef,
    emrTabPath,
    windowLabel,
  } = props;
  const isGroup = !virtualClusterRef && !serverlessApplicationRef;
  const applications = report.byServerlessApplication ?? [];
  // A Group's chart stacks its clusters and applications, so the one that spends stands out.
  const byCluster = isGroup ? report.byVirtualCluster : undefined;
  const historyNote = isHistoryBehind(report.completeUntil) && (
    <Alert severity="info">
      History complete until {formatDateTime(report.completeUntil)}. Later hours
      are not stored yet, so the most recent cost is missing.
    </Alert>
  );

  if (
    isGroup &&
    report.virtualClusters.length === 0 &&
    (report.serverlessApplications ?? []).length === 0
  ) {
    return (
      <EmptyState
        missing="data"
        title="No virtual clusters"
        description="This team owns no EMR on EKS virtual clusters or EMR Serverless applications, so there is no cost to show."
      />
    );
  }
  if (!hasCost(report)) {
    return (
      <>
        {historyNote}
        <EmptyState
          missing="data"
          title="No cost recorded"
          description={`No job run on ${
            {
              group: "this team's virtual clusters or applications",
              application: 'this EMR Serverless application',
              cluster: 'this virtual cluster',
            }[subjectOf(props)]
          } cost anything in the last ${windowLabel}.`}
        />
      </>
    );
  }

  return (
    <>
      {historyNote}
      <CostSummary report={report} />
      <InfoCard
        title="Daily cost"
        subheader={
          {
            group:
              'Cost of each virtual cluster and EMR Serverless application per day (UTC), stacked',
            application: 'EMR Serverless cost of finished runs per day (UTC)',
            cluster: 'Compute and EMR uplift per day (UTC), stacked',
          }[subjectOf(props)]
        }
        titleTypographyProps={cardTitleProps}
      >
        <DailyCostChart
          daily={report.daily}
          window={report.window}
          byVirtualCluster={byCluster}
          byServerlessApplication={byCluster && applications}
        />
      </InfoCard>
      {applications.length > 0 && (
        <InfoCard
          title="By EMR Serverless application"
          subheader="Finished job runs' billed vCPU, memory and storage (beyond the free 20 GB per worker) at the region's published price"
          titleTypographyProps={cardTitleProps}
        >
          <ServerlessApplicationCostTable applications={applications} />
        </InfoCard>
      )}
      {(report.bySparkApplication ?? []).length > 0 && (
        <InfoCard
          title="By Spark application"
          subheader="Spark Operator and spark-submit runs in the namespaces (Kubecost), with the EMR uplift estimated from the requested vCPU and memory of those on an EMR runtime image"
          titleTypographyProps={cardTitleProps}
        >
          <SparkApplicationCostTable
            applications={report.bySparkApplication ?? []}
          />
        </InfoCard>
      )}
      {!serverlessApplicationRef && (
        <Box display="flex" flexWrap="wrap" gridGap={16}>
          {[
            {
              title: 'By Spark component',
              label: 'Compute by Spark component',
              subheader:
                'Compute cost of drivers, executors and job submitters',
              partTitle: 'Component',
              parts: report.byComponent.map(part => ({
                label: describeComponent(part.component),
                compute: part.compute,
              })),
            },
            {
              title: 'By capacity type',
              label: 'Compute by capacity type',
              subheader: 'Compute cost on Spot and On-Demand nodes',
              partTitle: 'Capacity type',
              parts: report.byCapacityType.map(part => ({
                label: describeCapacityType(part.capacityType),
                compute: part.compute,
              })),
            },
          ].map(breakdown => (
            <Box key={breakdown.title} flex="1 1 360px">
              <InfoCard
                title={breakdown.title}
                subheader={breakdown.subheader}
                titleTypographyProps={cardTitleProps}
              >
                <CostBreakdown
                  label={breakdown.label}
                  partTitle={breakdown.partTitle}
                  parts={breakdown.parts}
                />
              </InfoCard>
            </Box>
          ))}
        </Box>
      )}
      {isGroup &&
        report.byVirtualCluster &&
        report.byVirtualCluster.length > 0 && (
          <InfoCard
            title="By virtual cluster"
            subheader="What each of the team's virtual clusters cost in this period"
            titleTypographyProps={cardTitleProps}
          >
            <VirtualClusterCostTable clusters={report.byVirtualCluster} />
          </InfoCard>
        )}
      {!serverlessApplicationRef && (
        <InfoCard
          title="Most expensive job runs"
          subheader="Open a run to see its details on the EMR tab"
          titleTypographyProps={cardTitleProps}
        >
          {report.topJobRuns.length > 0 ? (
            <TopJobRunsTable
              report={report}
              virtualClusterRef={virtualClusterRef}
              emrTabPath={emrTabPath}
            />
          ) : (
            <SecondaryText variant="body2">
              No job run has a cost of its own in this period.
            </SecondaryText>
          )}
        </InfoCard>
      )}
    </>
  );
}

/**
 * The cost of a virtual cluster, of an EMR Serverless application, or of a
 * Group's virtual clusters and applications: a window picker, CSV download,
 * headline figures, the daily chart, breakdowns and the most expensive runs.
 */
export function CostReportView(props: {
  entityRef: CompoundEntityRef;
  /** The virtual cluster's entity ref; absent on a Group's page. */
  virtualClusterRef?: string;
  /** The EMR Serverless application's entity ref; absent on a Group's page. */
  serverlessApplicationRef?: string;
  emrTabPath: string;
}) {
  const { entityRef, virtualClusterRef, serverlessApplicationRef, emrTabPath } =
    props;
  const [windowName, setWindowName] = useState<CostWindowName>(DEFAULT_WINDOW);
  const period = useMemo<CostPeriod>(
    () => ({ window: windowName }),
    [windowName],
  );
  const { value, loading, error, retry } = useCost(entityRef, period);
  const [downloadError, setDownloadError] = useState<string>();
  const windowId = useElementId('emr-cost-window');
  const labelClass = useSecondaryTextClass();
  const windowLabel =
    COST_WINDOWS.find(option => option.value === windowName)?.label ??
    windowName;

  let content: JSX.Element;
  if (error && isCostNotConfigured(error)) {
    return <CostNotConfigured />;
  } else if (error && isNotAllowed(error)) {
    content = (
      <Alert severity="warning" role="alert">
        <AlertTitle>You are not allowed to see this cost</AlertTitle>
        Reading the cost of{' '}
        {
          {
            cluster: 'this virtual cluster',
            application: 'this EMR Serverless application',
            group: "this team's virtual clusters",
          }[subjectOf(props)]
        }{' '}
        needs the permission emr-eks.cost.read. Ask the owners of the entity or
        your Backstage administrators for it.
      </Alert>
    );
  } else if (error) {
    content = (
      <ResponseErrorPanel error={error} title={couldNotLoad('cost', error)} />
    );
  } else if (!value) {
    content = <Progress />;
  } else {
    content = (
      <ReportBody
        report={value}
        virtualClusterRef={virtualClusterRef}
        serverlessApplicationRef={serverlessApplicationRef}
        emrTabPath={emrTabPath}
        windowLabel={windowLabel}
      />
    );
  }

  return (
    <Box display="flex" flexDirection="column" gridGap={16}>
      <Box display="flex" flexWrap="wrap" alignItems="center" gridGap={16}>
        <Box flex="1 1 auto">
          <Typography variant="h5" component="h2">
            Cost
          </Typography>
          <SecondaryText variant="body2">
            {
              {
                cluster:
                  'Compute (Kubecost) and EMR uplift of this virtual cluster, in US dollars',
                application:
                  "EMR Serverless job runs' cost of this application, in US dollars",
                group:
                  'Compute (Kubecost) and EMR uplift of the virtual clusters this team owns, and its EMR Serverless applications, in US dollars',
              }[subjectOf(props)]
            }
            {value && !error && `, ${formatPeriod(value.window)} (UTC)`}
          </SecondaryText>
        </Box>
        <TextField
          select
          variant="outlined"
          size="small"
          id={windowId}
          label="Window"
          value={windowName}
          onChange={event =>
            setWindowName(event.target.value as CostWindowName)
          }
          SelectProps={{ native: true }}
          InputLabelProps={{ shrink: true, className: labelClass }}
        >
          {COST_WINDOWS.map(option => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </TextField>
        <DownloadCsvButton
          entityRef={entityRef}
          period={period}
          disabled={!!error && isNotAllowed(error)}
          onError={setDownloadError}
        />
        <RefreshButton onClick={retry} disabled={loading} />
      </Box>
      {downloadError && (
        <Alert severity="error" onClose={() => setDownloadError(undefined)}>
          {downloadError}
        </Alert>
      )}
      {loading && value && <Progress />}
      {content}
    </Box>
  );
}
