import { CostWindow, DailyCost } from '@emr-eks/plugin-emr-eks-common';
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

const HEIGHT = 280;

/** The chart's text alternative: the period, the total and the dearest day. */
export function describeDailyCost(days: ChartDay[]): string {
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
  const summary = `Daily cost, compute and EMR uplift stacked, ${period}: ${formatUsd(
    total,
  )} in all, most on ${formatDay(top.date)} (${formatUsd(top.total)})`;
  return unpriced.length > 0
    ? `${summary}; ${describeUnpriced(unpriced)}, not included`
    : summary;
}

/**
 * Compute and EMR uplift per day (UTC), stacked. Fills the container's width;
 * give `width` for a fixed size (tests: jsdom does not lay out).
 */
export function DailyCostChart(props: {
  daily: DailyCost[];
  window: CostWindow;
  width?: number;
}) {
  const theme = useTheme();
  const days = fillDays(props.daily, props.window);
  const tick = { fontSize: 12, fill: theme.palette.text.secondary };
  const size = props.width
    ? { width: props.width, height: HEIGHT }
    : { responsive: true, style: { width: '100%', height: HEIGHT } };
  return (
    <Box role="img" aria-label={describeDailyCost(days)}>
      <BarChart
        {...size}
        data={days}
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
            const day = item.payload as ChartDay;
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
        {[
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
        ].map(series => (
          <Bar
            key={series.dataKey}
            {...series}
            stackId="cost"
            isAnimationActive={false}
          />
        ))}
      </BarChart>
    </Box>
  );
}
