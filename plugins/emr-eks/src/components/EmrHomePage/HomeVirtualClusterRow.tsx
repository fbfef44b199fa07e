import { Entity, getCompoundEntityRef } from '@backstage/catalog-model';
import { Link, StatusError, StatusOK } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { isEmrVirtualClusterAvailable } from '@emr-eks/plugin-emr-eks-common';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import Skeleton from '@material-ui/lab/Skeleton';
import { useMonthToDateCost } from '../../hooks/useMonthToDateCost';
import { useVirtualClusterSummary } from '../../hooks/useVirtualClusterSummary';
import { formatUsd } from '../shared/costFormat';
import { describeError } from '../shared/describeError';
import { SecondaryText } from '../shared/SecondaryText';
import { describeStaleness } from '../shared/StaleBanner';
import { formatCount } from '../shared/summaryCount';
import { useEmrTabLink } from '../shared/useEmrTabLink';

function Loading() {
  return (
    <TableCell aria-busy="true">
      <Skeleton width={32} />
    </TableCell>
  );
}

function Unavailable(props: { what: string; error: Error; colSpan?: number }) {
  return (
    <TableCell colSpan={props.colSpan}>
      <Typography variant="body2" color="error">
        {props.what} unavailable: {describeError(props.error)}
      </Typography>
    </TableCell>
  );
}

function SummaryCells(props: { entity: Entity }) {
  const { value, error } = useVirtualClusterSummary(
    getCompoundEntityRef(props.entity),
  );
  if (error) {
    return <Unavailable what="Counts" error={error} colSpan={2} />;
  }
  if (!value) {
    return (
      <>
        <Loading />
        <Loading />
      </>
    );
  }
  const Failed = value.failedLast24h > 0 ? StatusError : StatusOK;
  return (
    <>
      <TableCell>{formatCount(value, 'active')}</TableCell>
      <TableCell>
        <Failed />
        {formatCount(value, 'failedLast24h')}
        {value.stale && (
          <SecondaryText variant="caption" display="block">
            {describeStaleness(value.stale)}
          </SecondaryText>
        )}
      </TableCell>
    </>
  );
}

/** This month's cost, linking to the Cost tab; empty when cost is not set up. */
function CostCell(props: { entity: Entity; costTab: string }) {
  const { value, error } = useMonthToDateCost(
    getCompoundEntityRef(props.entity),
  );
  if (error) {
    return <Unavailable what="Cost" error={error} />;
  }
  if (!value) {
    return <Loading />;
  }
  const total = value.report?.totals.total;
  return (
    <TableCell>
      {value.report && (
        <Link to={props.costTab}>
          {total === null || total === undefined
            ? 'Not priced yet'
            : formatUsd(total)}
        </Link>
      )}
    </TableCell>
  );
}

/**
 * One virtual cluster on the EMR home: a link to its EMR tab, its owner, its
 * active and failed-in-24h runs, and this month's cost linking to its Cost
 * tab. Each part loads and fails on its own.
 */
export function HomeVirtualClusterRow(props: {
  entity: Entity;
  emrTabPath: string;
  costTabPath: string;
}) {
  const { entity, emrTabPath, costTabPath } = props;
  const tabLink = useEmrTabLink();
  const title = entity.metadata.title ?? entity.metadata.name;
  const owner = entity.spec?.owner;
  return (
    <TableRow>
      <TableCell component="th" scope="row" role="rowheader">
        <Link to={tabLink(entity, emrTabPath)}>{title}</Link>
      </TableCell>
      <TableCell>
        {typeof owner === 'string' && (
          <EntityRefLink entityRef={owner} defaultKind="group" />
        )}
      </TableCell>
      {isEmrVirtualClusterAvailable(entity) ? (
        <>
          <SummaryCells entity={entity} />
          <CostCell entity={entity} costTab={tabLink(entity, costTabPath)} />
        </>
      ) : (
        <TableCell colSpan={3}>
          <SecondaryText variant="body2">
            No virtual cluster ARN annotation
          </SecondaryText>
        </TableCell>
      )}
    </TableRow>
  );
}
