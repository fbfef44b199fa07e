import { CompoundEntityRef } from '@backstage/catalog-model';
import { Link } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { useBudget } from '../../hooks/useBudget';
import { budgetLevel } from '../EntityEmrCostContent/BudgetBar';
import { formatPercent, formatUsd } from '../shared/costFormat';
import { describeError, isCostNotConfigured } from '../shared/describeError';
import { SecondaryText } from '../shared/SecondaryText';

const LEVEL_COLOR = { over: '#c62828', warning: '#b35300', ok: undefined };

/**
 * The team's spend this month against its budget, with the forecast to the month's end, and
 * a link to the Cost tab for the rest. Nothing when cost is not configured (the Cost tab
 * explains that).
 */
export function TeamBudget(props: {
  entityRef: CompoundEntityRef;
  costTabPath: string;
}) {
  const { value, error } = useBudget(props.entityRef);
  if (error) {
    if (isCostNotConfigured(error)) return null;
    return (
      <SecondaryText variant="body2">
        The team's budget could not be read: {describeError(error)}
      </SecondaryText>
    );
  }
  if (!value) return null;
  const { budget, monthToDate, forecast, month } = value;
  const level = budgetLevel(forecast.expected, value);
  return (
    <Box mb={2} aria-label={`Spend in ${month}`} role="group">
      <Typography variant="body2">
        Spent in {month}: <strong>{formatUsd(monthToDate)}</strong>
        {budget === null ? (
          <>
            {' '}
            · forecast {formatUsd(forecast.expected)} · no monthly budget set
          </>
        ) : (
          <>
            {' '}
            of a {formatUsd(budget)} budget (
            {formatPercent(monthToDate / budget)}) · forecast{' '}
            <strong style={{ color: LEVEL_COLOR[level] }}>
              {formatUsd(forecast.expected)} (
              {formatPercent(forecast.expected / budget)})
            </strong>
          </>
        )}{' '}
        · <Link to={props.costTabPath}>Cost</Link>
      </Typography>
      {level === 'over' && (
        <Typography
          variant="body2"
          role="status"
          style={{ color: LEVEL_COLOR.over }}
        >
          The forecast is over the budget.
        </Typography>
      )}
    </Box>
  );
}
