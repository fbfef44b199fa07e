import { Entity, getCompoundEntityRef } from '@backstage/catalog-model';
import { Link, StatusError, StatusOK } from '@backstage/core-components';
import { isEmrVirtualClusterAvailable } from '@emr-eks/plugin-emr-eks-common';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import Skeleton from '@material-ui/lab/Skeleton';
import { useVirtualClusterSummary } from '../../hooks/useVirtualClusterSummary';
import { describeError } from '../shared/describeError';
import { describeStaleness } from '../shared/StaleBanner';
import { useEmrTabLink } from '../shared/useEmrTabLink';
import { SecondaryText } from '../shared/SecondaryText';
import { formatCount } from '../shared/summaryCount';

function SummaryCells(props: { entity: Entity }) {
  const { value, error } = useVirtualClusterSummary(
    getCompoundEntityRef(props.entity),
  );
  if (error) {
    return (
      <TableCell colSpan={2}>
        <Typography variant="body2" color="error">
          Counts unavailable: {describeError(error)}
        </Typography>
      </TableCell>
    );
  }
  if (!value) {
    return (
      <>
        <TableCell aria-busy="true">
          <Skeleton width={24} />
        </TableCell>
        <TableCell aria-busy="true">
          <Skeleton width={24} />
        </TableCell>
      </>
    );
  }
  const Failed = value.failedLast24h > 0 ? StatusError : StatusOK;
  return (
    <>
      <TableCell align="right">{formatCount(value, 'running')}</TableCell>
      <TableCell align="right">
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
 * One virtual cluster of a team: a link to its EMR tab, and its running and
 * failed-in-24h job run counts.
 */
export function TeamVirtualClusterRow(props: {
  entity: Entity;
  /** Path of the EMR tab under the entity page. */
  emrTabPath: string;
}) {
  const { entity, emrTabPath } = props;
  const emrTabLink = useEmrTabLink();
  const title = entity.metadata.title ?? entity.metadata.name;
  const to = emrTabLink(entity, emrTabPath);
  return (
    <TableRow>
      <TableCell component="th" scope="row" role="rowheader">
        <Link to={to}>{title}</Link>
      </TableCell>
      {isEmrVirtualClusterAvailable(entity) ? (
        <SummaryCells entity={entity} />
      ) : (
        <TableCell colSpan={2}>
          <SecondaryText variant="body2">
            No virtual cluster ARN annotation
          </SecondaryText>
        </TableCell>
      )}
    </TableRow>
  );
}
