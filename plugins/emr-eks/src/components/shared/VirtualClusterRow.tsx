import type { ReactNode } from 'react';
import { Entity, getCompoundEntityRef } from '@backstage/catalog-model';
import { Link, StatusError, StatusOK } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { isEmrVirtualClusterAvailable } from '@emr-eks/plugin-emr-eks-common';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import Skeleton from '@material-ui/lab/Skeleton';
import { useVirtualClusterSummary } from '../../hooks/useVirtualClusterSummary';
import { describeError } from './describeError';
import { SecondaryText } from './SecondaryText';
import { describeStaleness } from './StaleBanner';
import { formatCount } from './summaryCount';
import { useEmrTabLink } from './useEmrTabLink';

type Align = 'left' | 'right';

/** A cell whose value is still loading. */
export function LoadingCell(props: { align?: Align }) {
  return (
    <TableCell align={props.align} aria-busy="true">
      <Skeleton width={32} />
    </TableCell>
  );
}

/** A cell saying what could not be read, and why. */
export function UnavailableCell(props: {
  what: string;
  error: Error;
  colSpan?: number;
}) {
  return (
    <TableCell colSpan={props.colSpan}>
      <Typography variant="body2" color="error">
        {props.what} unavailable: {describeError(props.error)}
      </Typography>
    </TableCell>
  );
}

function SummaryCells(props: {
  entity: Entity;
  count: 'active' | 'running';
  align?: Align;
}) {
  const { entity, count, align } = props;
  const { value, error } = useVirtualClusterSummary(
    getCompoundEntityRef(entity),
  );
  if (error) {
    return <UnavailableCell what="Counts" error={error} colSpan={2} />;
  }
  if (!value) {
    return (
      <>
        <LoadingCell align={align} />
        <LoadingCell align={align} />
      </>
    );
  }
  const Failed = value.failedLast24h > 0 ? StatusError : StatusOK;
  return (
    <>
      <TableCell align={align}>{formatCount(value, count)}</TableCell>
      <TableCell align={align}>
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

/**
 * One virtual cluster in a list of them (the EMR home, a team's card): a link
 * to its EMR tab, optionally its owner, its `count` (active or running) and
 * failed-in-24h job runs, then `extraCells` (loaded on their own). Each part
 * loads and fails on its own.
 */
export function VirtualClusterRow(props: {
  entity: Entity;
  /** Path of the EMR tab under the entity page. */
  emrTabPath: string;
  count: 'active' | 'running';
  align?: Align;
  showOwner?: boolean;
  /** Cells after the counts, and how many columns they take. */
  extraCells?: { node: ReactNode; columns: number };
}) {
  const { entity, emrTabPath, count, align, showOwner, extraCells } = props;
  const tabLink = useEmrTabLink();
  const title = entity.metadata.title ?? entity.metadata.name;
  const owner = entity.spec?.owner;
  return (
    <TableRow>
      <TableCell component="th" scope="row" role="rowheader">
        <Link to={tabLink(entity, emrTabPath)}>{title}</Link>
      </TableCell>
      {showOwner && (
        <TableCell>
          {typeof owner === 'string' && (
            <EntityRefLink entityRef={owner} defaultKind="group" />
          )}
        </TableCell>
      )}
      {isEmrVirtualClusterAvailable(entity) ? (
        <>
          <SummaryCells entity={entity} count={count} align={align} />
          {extraCells?.node}
        </>
      ) : (
        <TableCell colSpan={2 + (extraCells?.columns ?? 0)}>
          <SecondaryText variant="body2">
            No virtual cluster ARN annotation
          </SecondaryText>
        </TableCell>
      )}
    </TableRow>
  );
}
