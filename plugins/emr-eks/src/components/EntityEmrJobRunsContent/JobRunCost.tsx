import { CompoundEntityRef } from '@backstage/catalog-model';
import Skeleton from '@material-ui/lab/Skeleton';
import { useMemo } from 'react';
import { CostQuery } from '../../api';
import { useCost } from '../../hooks/useCost';
import { BasisLabel } from '../shared/BasisLabel';
import { describeUnpriced, formatUsd } from '../shared/costFormat';
import {
  describeError,
  isCostNotConfigured,
  isNotAllowed,
} from '../shared/describeError';
import { SecondaryText } from '../shared/SecondaryText';

const DAY_MS = 24 * 60 * 60 * 1000;
/** The backend reads at most this many days at once. */
const MAX_DAYS = 400;

/**
 * The days a run ran on (UTC, last day included), for reading its cost; none
 * (the backend's default window) when they are not known.
 */
export function jobRunCostQuery(
  run: { id: string; createdAt?: string; finishedAt?: string },
  now: number = Date.now(),
): CostQuery {
  const start = run.createdAt ? Date.parse(run.createdAt) : NaN;
  const end = run.finishedAt ? Date.parse(run.finishedAt) : now;
  if (
    !Number.isFinite(start) ||
    !Number.isFinite(end) ||
    end < start ||
    (end - start) / DAY_MS >= MAX_DAYS - 1
  ) {
    return { jobRunId: run.id };
  }
  const day = (time: number) => new Date(time).toISOString().slice(0, 10);
  return { jobRunId: run.id, start: day(start), end: day(end) };
}

/**
 * What one job run cost: total, compute and EMR uplift with its basis. A cost
 * that cannot be read is a short note; the rest of the details stay.
 */
export function JobRunCost(props: {
  entityRef: CompoundEntityRef;
  run: { id: string; createdAt?: string; finishedAt?: string };
}) {
  const { entityRef } = props;
  const { id, createdAt, finishedAt } = props.run;
  // Asked again when the run ends, not while it runs.
  const query = useMemo(
    () => jobRunCostQuery({ id, createdAt, finishedAt }),
    [id, createdAt, finishedAt],
  );
  const { value, error } = useCost(entityRef, query);

  if (error && isCostNotConfigured(error)) {
    return (
      <SecondaryText variant="body2">
        Not shown: cost is not set up in this portal.
      </SecondaryText>
    );
  }
  if (error) {
    return (
      <SecondaryText variant="body2">
        {isNotAllowed(error)
          ? 'Not shown: you are not allowed to see the cost of this virtual cluster.'
          : `Cost unavailable: ${describeError(error)}`}
      </SecondaryText>
    );
  }
  if (!value) {
    return <Skeleton width={160} aria-label="Loading cost" />;
  }
  const { totals } = value;
  if (totals?.total === null) {
    return (
      <>
        compute {formatUsd(totals.compute)}, EMR{' '}
        {describeUnpriced(totals.upliftUnpricedRegions)}
      </>
    );
  }
  if (!totals || totals.total <= 0) {
    return <SecondaryText variant="body2">No cost recorded yet</SecondaryText>;
  }
  return (
    <>
      {formatUsd(totals.total)} in all: compute {formatUsd(totals.compute)}, EMR
      uplift {formatUsd(totals.uplift ?? 0)}
      <BasisLabel basis={totals.upliftBasis} />
    </>
  );
}
