import { CompoundEntityRef } from '@backstage/catalog-model';
import Typography from '@material-ui/core/Typography';
import Skeleton from '@material-ui/lab/Skeleton';
import { useMemo } from 'react';
import { CostQuery } from '../../api';
import { useCost } from '../../hooks/useCost';
import { BasisLabel } from '../shared/BasisLabel';
import { formatUsd } from '../shared/costFormat';
import { describeError, isNotAllowed } from '../shared/describeError';

/**
 * What one job run cost: total, compute and EMR uplift with its basis. A cost
 * that cannot be read is a short note; the rest of the details stay.
 */
export function JobRunCost(props: {
  entityRef: CompoundEntityRef;
  jobRunId: string;
}) {
  const { entityRef, jobRunId } = props;
  const query = useMemo<CostQuery>(() => ({ jobRunId }), [jobRunId]);
  const { value, error } = useCost(entityRef, query);

  if (error) {
    return (
      <Typography variant="body2" color="textSecondary">
        {isNotAllowed(error)
          ? 'Not shown: you are not allowed to see the cost of this virtual cluster.'
          : `Cost unavailable: ${describeError(error)}`}
      </Typography>
    );
  }
  if (!value) {
    return <Skeleton width={160} aria-label="Loading cost" />;
  }
  const { totals } = value;
  if (!totals || totals.total <= 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No cost recorded yet
      </Typography>
    );
  }
  return (
    <>
      {formatUsd(totals.total)} in all: compute {formatUsd(totals.compute)}, EMR
      uplift {formatUsd(totals.uplift)}
      <BasisLabel basis={totals.upliftBasis} />
    </>
  );
}
