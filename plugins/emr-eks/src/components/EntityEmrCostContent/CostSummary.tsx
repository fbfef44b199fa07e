import { CostReport } from '@emr-eks/plugin-emr-eks-common';
import Box from '@material-ui/core/Box';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { ReactNode } from 'react';
import {
  describeChange,
  describeUnpriced,
  explainBasis,
  formatHours,
  formatPercent,
  formatUsd,
} from '../shared/costFormat';
import { useElementId } from '../shared/useElementId';
import { UpliftAmount } from '../shared/BasisLabel';
import { SecondaryText } from '../shared/SecondaryText';

/** One headline figure, as a region named by its title. */
function Figure(props: {
  title: string;
  value: ReactNode;
  children?: ReactNode;
}) {
  const headingId = useElementId('emr-cost-figure');
  return (
    <Paper
      component="section"
      aria-labelledby={headingId}
      variant="outlined"
      style={{ flex: '1 1 180px', padding: 16 }}
    >
      <SecondaryText id={headingId} component="h3" variant="overline">
        {props.title}
      </SecondaryText>
      <Typography component="p" variant="h5">
        {props.value}
      </Typography>
      {props.children && (
        <SecondaryText component="p" variant="body2">
          {props.children}
        </SecondaryText>
      )}
    </Paper>
  );
}

function Efficiency(props: { title: string; value?: number; used: string }) {
  return (
    <Figure
      title={props.title}
      value={props.value === undefined ? '–' : formatPercent(props.value)}
    >
      {props.value === undefined
        ? 'Not measured: nothing was requested'
        : props.used}
    </Figure>
  );
}

/** Why there is no change to show: the history does not reach the previous period. */
function describeNoComparison(historyStart: string | undefined): string {
  const date = historyStart?.slice(0, 10);
  return date
    ? `no comparison: history starts ${date}`
    : 'no comparison: no stored history before this period';
}

/**
 * The headline figures of a report: total and its change against the period
 * before, compute, EMR uplift with its basis, and CPU and RAM efficiency.
 */
export function CostSummary(props: { report: CostReport }) {
  const { totals, previous } = props.report;
  const serverlessUnpriced =
    totals.uplift !== null && totals.serverless === null;
  const sparkUnpriced =
    totals.uplift !== null &&
    totals.serverless !== null &&
    totals.sparkApplications === null;
  return (
    <Box display="flex" flexWrap="wrap" gridGap={16}>
      {serverlessUnpriced && (
        <Figure
          title="Total"
          value={`${formatUsd(
            totals.compute +
              (totals.uplift ?? 0) +
              (totals.sparkApplications ?? 0),
          )} + EMR Serverless`}
        >
          Without EMR Serverless: some of its runs are unpriced
        </Figure>
      )}
      {sparkUnpriced && (
        <Figure
          title="Total"
          value={`${formatUsd(
            totals.compute + (totals.uplift ?? 0) + (totals.serverless ?? 0),
          )} + Spark Operator`}
        >
          Without Spark Operator applications: the EMR uplift of their region is
          unpriced
        </Figure>
      )}
      {!serverlessUnpriced && !sparkUnpriced && totals.total === null && (
        <Figure title="Total" value={`${formatUsd(totals.compute)} + uplift`}>
          Compute only: {describeUnpriced(totals.upliftUnpricedRegions)}
        </Figure>
      )}
      {totals.total !== null && (
        <Figure title="Total" value={formatUsd(totals.total)}>
          {previous.covered === false
            ? describeNoComparison(props.report.historyStart)
            : previous.totals.total === null
            ? `the previous period's ${describeUnpriced(
                previous.totals.upliftUnpricedRegions,
              )}`
            : describeChange(
                totals.total,
                previous.totals.total,
                previous.window,
              )}
        </Figure>
      )}
      <Figure title="Compute" value={formatUsd(totals.compute)}>
        Pods of the runs (Kubecost): {formatHours(totals.cpuCoreHours)}{' '}
        core-hours, {formatHours(totals.ramGbHours)} GB-hours
      </Figure>
      <Figure
        title="EMR uplift"
        value={
          <UpliftAmount
            uplift={totals.uplift}
            basis={totals.upliftBasis}
            unpricedRegions={totals.upliftUnpricedRegions}
          />
        }
      >
        {explainBasis(totals.uplift === null ? 'unpriced' : totals.upliftBasis)}
      </Figure>
      {totals.serverless !== undefined && (
        <Figure
          title="EMR Serverless"
          value={
            totals.serverless === null
              ? 'Unpriced'
              : formatUsd(totals.serverless)
          }
        >
          Finished job runs' billed vCPU, memory and storage at published prices
        </Figure>
      )}
      {totals.sparkApplications !== undefined &&
        totals.sparkApplications !== 0 && (
          <Figure
            title="Spark Operator"
            value={
              totals.sparkApplications === null
                ? 'Unpriced'
                : formatUsd(totals.sparkApplications)
            }
          >
            Spark Operator and spark-submit runs in the namespaces: compute,
            plus the EMR uplift of those on an EMR runtime image
          </Figure>
        )}
      <Efficiency
        title="CPU efficiency"
        value={totals.cpuEfficiency}
        used="of the requested CPU was used"
      />
      <Efficiency
        title="RAM efficiency"
        value={totals.ramEfficiency}
        used="of the requested memory was used"
      />
    </Box>
  );
}
