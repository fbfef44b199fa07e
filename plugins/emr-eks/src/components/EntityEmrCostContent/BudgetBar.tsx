import { CompoundEntityRef } from '@backstage/catalog-model';
import { InfoCard, WarningPanel } from '@backstage/core-components';
import {
  BudgetStatus,
  EMR_MONTHLY_BUDGET_ANNOTATION,
} from '@emr-eks/plugin-emr-eks-common';
import Box from '@material-ui/core/Box';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useBudget } from '../../hooks/useBudget';
import { formatPercent, formatUsd } from '../shared/costFormat';

const useStyles = makeStyles(theme => ({
  track: {
    position: 'relative',
    height: 16,
    borderRadius: 4,
    background: theme.palette.action.hover,
    overflow: 'hidden',
  },
  spent: { position: 'absolute', top: 0, bottom: 0, left: 0 },
  range: {
    position: 'absolute',
    top: 4,
    bottom: 4,
    background: theme.palette.text.secondary,
    opacity: 0.35,
  },
  forecast: {
    position: 'absolute',
    top: 0,
    bottom: 0,
    width: 2,
    background: theme.palette.text.primary,
  },
  threshold: {
    position: 'absolute',
    top: 0,
    bottom: 0,
    width: 0,
    borderLeft: `2px dashed ${theme.palette.text.secondary}`,
  },
}));

/** How far a spend has gone: past the highest threshold, past another, or below them. */
export function budgetLevel(
  amount: number,
  status: Pick<BudgetStatus, 'budget' | 'thresholds'>,
): 'over' | 'warning' | 'ok' {
  if (!status.budget) return 'ok';
  const ratio = amount / status.budget;
  const highest = Math.max(...status.thresholds);
  if (ratio >= highest) return 'over';
  return status.thresholds.some(t => ratio >= t) ? 'warning' : 'ok';
}

/**
 * The month's spend against the budget: the bar is the spend so far, the line
 * the forecast for the month's end with its 80 % range, the dashed marks the
 * alert thresholds; the scale reaches the budget or the forecast's high end.
 */
export function BudgetBarView({ status }: { status: BudgetStatus }) {
  const classes = useStyles();
  const { budget, monthToDate, forecast } = status;
  if (budget === null) {
    return (
      <Typography variant="body2" color="textSecondary">
        No monthly budget is set for {status.entityRef}: annotate it with{' '}
        <code>{EMR_MONTHLY_BUDGET_ANNOTATION}</code>, or ask the platform team
        (emrEks.budgets). Spent in {status.month} so far:{' '}
        {formatUsd(monthToDate)}; forecast {formatUsd(forecast.expected)}.
      </Typography>
    );
  }
  const scale = Math.max(budget, forecast.high) * 1.05;
  const at = (amount: number) => `${(100 * amount) / scale}%`;
  const level = budgetLevel(forecast.expected, status);
  const spentLevel = budgetLevel(monthToDate, status);
  const color = (l: string) =>
    l === 'over' ? '#d32f2f' : l === 'warning' ? '#ed6c02' : '#2e7d32';
  return (
    <Box>
      <Typography variant="body1" gutterBottom>
        <strong>{formatUsd(monthToDate)}</strong> of {formatUsd(budget)} spent
        in {status.month} ({formatPercent(monthToDate / budget)}) · forecast{' '}
        <strong>{formatUsd(forecast.expected)}</strong> by the month's end (
        {formatUsd(forecast.low)}–{formatUsd(forecast.high)}),{' '}
        {formatPercent(forecast.expected / budget)} of the budget
      </Typography>
      <Tooltip
        title={`Spent ${formatUsd(monthToDate)}; forecast ${formatUsd(
          forecast.expected,
        )}; thresholds ${status.thresholds
          .map(t => formatPercent(t))
          .join(', ')}`}
      >
        <div
          className={classes.track}
          role="progressbar"
          aria-label={`Budget used in ${status.month}`}
          aria-valuemin={0}
          aria-valuemax={budget}
          aria-valuenow={Math.round(monthToDate * 100) / 100}
        >
          <div
            className={classes.spent}
            style={{ width: at(monthToDate), background: color(spentLevel) }}
          />
          <div
            className={classes.range}
            style={{
              left: at(forecast.low),
              width: `calc(${at(forecast.high)} - ${at(forecast.low)})`,
            }}
          />
          <div
            className={classes.forecast}
            style={{ left: at(forecast.expected) }}
          />
          {status.thresholds.map(t => (
            <div
              key={t}
              className={classes.threshold}
              style={{ left: at(t * budget) }}
            />
          ))}
        </div>
      </Tooltip>
      {level !== 'ok' && (
        <Typography
          variant="body2"
          style={{ color: color(level), marginTop: 8 }}
          role="status"
        >
          {level === 'over'
            ? 'The forecast is over the budget.'
            : 'The forecast is past an alert threshold.'}
        </Typography>
      )}
      {forecast.basisDays < 14 && (
        <Typography variant="caption" color="textSecondary">
          The forecast rests on {forecast.basisDays} days of history.
        </Typography>
      )}
    </Box>
  );
}

/**
 * The budget card of the Cost tab.
 */
export function BudgetBar({ entityRef }: { entityRef: CompoundEntityRef }) {
  const { value, error } = useBudget(entityRef);
  if (error) {
    // 404: cost is not configured, which the tab says itself; the report below
    // shows any failure to reach the backend.
    const status = (error as { response?: { status?: number } }).response
      ?.status;
    if (status === undefined || status === 404) {
      return null;
    }
    return (
      <WarningPanel
        title="The budget could not be read"
        message={error.message}
      />
    );
  }
  if (!value) return null;
  return (
    <InfoCard title={`Budget, ${value.month}`}>
      <BudgetBarView status={value} />
    </InfoCard>
  );
}
