import {
  CostWindow,
  DailyCost,
  ServerlessApplicationCost,
  VirtualClusterCost,
} from '@emr-eks/plugin-emr-eks-common';
import Box from '@material-ui/core/Box';
import { useTheme } from '@material-ui/core/styles';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import {
  ChartDay,
  describeBasis,
  describeUnpriced,
  fillDays,
  formatDay,
  formatUsd,
  formatUsdShort,
} from '../shared/costFormat';
import { serverlessApplicationName } from './ServerlessApplicationCostTable';
import { virtualClusterName } from './VirtualClusterCostTable';

const HEIGHT = 280;

/** Okabe–Ito: told apart with any colour vision; a ninth cluster reuses the first. */
const CLUSTER_COLOURS = [
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#CC79A7',
  '#56B4E9',
  '#D55E00',
  '#F0E442',
  '#999999',
];

/**
 * One stacked series of a Group's chart: a virtual cluster's job runs, an EMR Serverless
 * application, or the Spark Operator and spark-submit applications.
 */
interface GroupSeries {
  name: string;
  serverless?: boolean;
  sparkApplications?: boolean;
  daily: Array<{ date: string; total: number | null }>;
}

/** Series name of the Spark Operator and spark-submit applications. */
export const SPARK_OPERATOR_SERIES = 'Spark Operator';

/** Whether some day has Spark Operator or spark-submit cost (or an unpriced one). */
function hasSparkApplications(daily: DailyCost[]): boolean {
  return daily.some(
    day => day.sparkApplications !== undefined && day.sparkApplications !== 0,
  );
}

/**
 * A Group's series: its virtual clusters' job runs, its EMR Serverless applications, then
 * its Spark Operator and spark-submit applications as one series.
 */
function groupSeries(
  clusters: VirtualClusterCost[],
  applications: ServerlessApplicationCost[] = [],
  daily: DailyCost[] = [],
): GroupSeries[] {
  return [
    ...clusters.map(cluster => ({
      name: virtualClusterName(cluster),
      daily: cluster.daily,
    })),
    ...applications.map(app => ({
      name: `${serverlessApplicationName(app)} (EMR Serverless)`,
      serverless: true,
      daily: app.daily,
    })),
    ...(hasSparkApplications(daily)
      ? [
          {
            name: SPARK_OPERATOR_SERIES,
            sparkApplications: true,
            daily: daily.map(day => ({
              date: day.date,
              // null (unpriced) stays null: the tooltip says so.
              total:
                day.sparkApplications === undefined ? 0 : day.sparkApplications,
            })),
          },
        ]
      : []),
  ];
}

/** A chart day with each cluster's total under `cluster<i>` (0 where unknown). */
type ClusterDay = ChartDay & Record<string, unknown>;

function clusterDays(days: ChartDay[], clusters: GroupSeries[]) {
  const totals = clusters.map(
    cluster => new Map(cluster.daily.map(day => [day.date, day.total])),
  );
  return days.map(day => {
    const row: ClusterDay = { ...day };
    totals.forEach((byDate, i) => {
      const total = byDate.get(day.date);
      row[`cluster${i}`] = total ?? 0;
      // Unknown when the day has cost that is unpriced.
      row[`cluster${i}Known`] = total !== null;
    });
    return row;
  });
}

/** The chart's text alternative: the period, the total and the dearest day. */
export function describeDailyCost(
  days: ChartDay[],
  clusters?: Array<{
    name: string;
    serverless?: boolean;
    sparkApplications?: boolean;
  }>,
): string {
  if (days.length === 0) {
    return 'Daily cost: no days';
  }
  const total = days.reduce((sum, day) => sum + day.total, 0);
  const top = days.reduce((a, b) => (b.total > a.total ? b : a));
  const period = `${formatDay(days[0].date)} to ${formatDay(
    days[days.length - 1].date,
  )}`;
  const unpriced = [
    ...new Set(days.flatMap(day => day.upliftUnpricedRegions ?? [])),
  ].sort();
  const serverlessUnpriced = days.some(day => !day.serverlessKnown);
  const sparkUnpriced = days.some(day => !day.sparkApplicationsKnown);
  const parts = [
    'compute',
    'EMR uplift',
    ...(days.some(day => day.serverless > 0 || !day.serverlessKnown)
      ? ['EMR Serverless']
      : []),
    ...(days.some(day => day.sparkApplications > 0 || sparkUnpriced)
      ? [SPARK_OPERATOR_SERIES]
      : []),
  ];
  const stacked = clusters
    ? `by virtual cluster${
        clusters.some(cluster => cluster.serverless)
          ? ' and EMR Serverless application'
          : ''
      }${
        clusters.some(cluster => cluster.sparkApplications)
          ? ` with ${SPARK_OPERATOR_SERIES}`
          : ''
      } stacked (${clusters.map(cluster => cluster.name).join(', ')})`
    : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]} stacked`;
  const summary = `Daily cost, ${stacked}, ${period}: ${formatUsd(
    total,
  )} in all, most on ${formatDay(top.date)} (${formatUsd(top.total)})`;
  const notIncluded = [
    ...(unpriced.length > 0 ? [describeUnpriced(unpriced)] : []),
    ...(serverlessUnpriced ? ['some EMR Serverless runs are unpriced'] : []),
    ...(sparkUnpriced
      ? ['some Spark Operator applications’ EMR uplift is unpriced']
      : []),
  ];
  return notIncluded.length > 0
    ? `${summary}; ${notIncluded.join('; ')}, not included`
    : summary;
}

/**
 * Compute, EMR uplift and EMR Serverless per day (UTC), stacked; or, given
 * `byVirtualCluster` (a Group's clusters, with its `byServerlessApplication`),
 * each cluster's and application's total per day, stacked. Fills the
 * container's width; give `width` for a fixed size (tests: jsdom does not lay
 * out).
 */
export function DailyCostChart(props: {
  daily: DailyCost[];
  window: CostWindow;
  byVirtualCluster?: VirtualClusterCost[];
  byServerlessApplication?: ServerlessApplicationCost[];
  width?: number;
}) {
  const theme = useTheme();
  const clusters = props.byVirtualCluster
    ? groupSeries(
        props.byVirtualCluster,
        props.byServerlessApplication,
        props.daily,
      )
    : undefined;
  const days = fillDays(props.daily, props.window);
  const hasServerless = props.daily.some(day => day.serverless !== undefined);
  const hasSpark = hasSparkApplications(props.daily);
  const series = clusters
    ? clusters.map((cluster, i) => ({
        dataKey: `cluster${i}`,
        name: cluster.name,
        fill: CLUSTER_COLOURS[i % CLUSTER_COLOURS.length],
      }))
    : [
        {
          dataKey: 'compute',
          name: 'Compute',
          fill: theme.palette.primary.main,
        },
        {
          dataKey: 'uplift',
          name: 'EMR uplift',
          fill: theme.palette.secondary.main,
        },
        ...(hasServerless
          ? [
              {
                dataKey: 'serverless',
                name: 'EMR Serverless',
                fill: CLUSTER_COLOURS[2],
              },
            ]
          : []),
        ...(hasSpark
          ? [
              {
                dataKey: 'sparkApplications',
                name: SPARK_OPERATOR_SERIES,
                fill: CLUSTER_COLOURS[3],
              },
            ]
          : []),
      ];
  const tick = { fontSize: 12, fill: theme.palette.text.secondary };
  const size = props.width
    ? { width: props.width, height: HEIGHT }
    : { responsive: true, style: { width: '100%', height: HEIGHT } };
  return (
    <Box role="img" aria-label={describeDailyCost(days, clusters)}>
      <BarChart
        {...size}
        data={clusters ? clusterDays(days, clusters) : days}
        margin={{ top: 8, right: 8, bottom: 0, left: 8 }}
        // The figure is one image for assistive technology; its label says
        // what it shows, the CSV has every figure.
        accessibilityLayer={false}
      >
        <CartesianGrid
          strokeDasharray="3 3"
          vertical={false}
          stroke={theme.palette.divider}
        />
        <XAxis
          dataKey="date"
          tickFormatter={formatDay}
          minTickGap={16}
          tick={tick}
        />
        <YAxis tickFormatter={formatUsdShort} width={56} tick={tick} />
        <Tooltip
          // Readable in the dark theme too.
          contentStyle={{
            backgroundColor: theme.palette.background.paper,
            borderColor: theme.palette.divider,
          }}
          labelStyle={{ color: theme.palette.text.primary }}
          labelFormatter={label => formatDay(String(label))}
          formatter={(value, name, item) => {
            const day = item.payload as ClusterDay;
            if (clusters) {
              return day[`${item.dataKey}Known`]
                ? [formatUsd(Number(value)), name]
                : ['not priced', name];
            }
            if (name === 'EMR Serverless') {
              return day.serverlessKnown
                ? [formatUsd(Number(value)), name]
                : ['some runs not priced', name];
            }
            if (name === SPARK_OPERATOR_SERIES) {
              return day.sparkApplicationsKnown
                ? [formatUsd(Number(value)), name]
                : [`${formatUsd(Number(value))} + EMR uplift not priced`, name];
            }
            if (name !== 'EMR uplift') {
              return [formatUsd(Number(value)), name];
            }
            return day.upliftKnown
              ? [
                  formatUsd(Number(value)),
                  `EMR uplift (${describeBasis(day.upliftBasis)})`,
                ]
              : [describeUnpriced(day.upliftUnpricedRegions), 'EMR uplift'];
          }}
        />
        <Legend />
        {series.map(bar => (
          <Bar
            key={bar.dataKey}
            {...bar}
            stackId="cost"
            isAnimationActive={false}
          />
        ))}
      </BarChart>
    </Box>
  );
}
