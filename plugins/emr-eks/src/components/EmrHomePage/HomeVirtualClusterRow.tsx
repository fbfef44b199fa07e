import { Entity, getCompoundEntityRef } from '@backstage/catalog-model';
import { Link } from '@backstage/core-components';
import TableCell from '@material-ui/core/TableCell';
import { useMonthToDateCost } from '../../hooks/useMonthToDateCost';
import { formatUsd } from '../shared/costFormat';
import { useEmrTabLink } from '../shared/useEmrTabLink';
import {
  LoadingCell,
  UnavailableCell,
  VirtualClusterRow,
} from '../shared/VirtualClusterRow';

/** This month's cost, linking to the Cost tab; empty when cost is not set up. */
function CostCell(props: { entity: Entity; costTab: string }) {
  const { value, error } = useMonthToDateCost(
    getCompoundEntityRef(props.entity),
  );
  if (error) {
    return <UnavailableCell what="Cost" error={error} />;
  }
  if (!value) {
    return <LoadingCell />;
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
 * tab.
 */
export function HomeVirtualClusterRow(props: {
  entity: Entity;
  emrTabPath: string;
  costTabPath: string;
}) {
  const { entity, emrTabPath, costTabPath } = props;
  const tabLink = useEmrTabLink();
  return (
    <VirtualClusterRow
      entity={entity}
      emrTabPath={emrTabPath}
      count="active"
      showOwner
      extraCells={{
        node: (
          <CostCell entity={entity} costTab={tabLink(entity, costTabPath)} />
        ),
        columns: 1,
      }}
    />
  );
}
