import { parseEntityRef } from '@backstage/catalog-model';
import { Link } from '@backstage/core-components';
import { VirtualClusterCost } from '@emr-eks/plugin-emr-eks-common';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { formatPercent } from '../shared/costFormat';
import { useEmrTabLink } from '../shared/useEmrTabLink';
import { CostAmountCells, CostAmountHeaderCells } from './CostAmountCells';

/** Where each cluster links: its own Cost tab. */
const COST_TAB_PATH = 'emr-cost';

/** A cluster's name: its entity's, else its id. */
export function virtualClusterName(cluster: VirtualClusterCost): string {
  return cluster.entityRef
    ? parseEntityRef(cluster.entityRef).name
    : cluster.virtualClusterId;
}

/**
 * A Group's spend by virtual cluster, dearest first: compute, uplift, total
 * and share of the team's total, each cluster linking to its own Cost tab.
 */
export function VirtualClusterCostTable(props: {
  clusters: VirtualClusterCost[];
}) {
  const tabLink = useEmrTabLink();
  const known = props.clusters.map(c => c.totals.total ?? 0);
  const sum = known.reduce((a, b) => a + b, 0);
  return (
    <Table size="small" aria-label="Cost by virtual cluster">
      <TableHead>
        <TableRow>
          <TableCell>Virtual cluster</TableCell>
          <CostAmountHeaderCells />
          <TableCell align="right">Share</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.clusters.map(cluster => {
          const { totals } = cluster;
          const name = virtualClusterName(cluster);
          return (
            <TableRow
              key={`${cluster.accountId}/${cluster.region}/${cluster.virtualClusterId}`}
            >
              <TableCell component="th" scope="row" role="rowheader">
                {cluster.entityRef ? (
                  <Link
                    to={tabLink(
                      parseEntityRef(cluster.entityRef),
                      COST_TAB_PATH,
                    )}
                  >
                    {name}
                  </Link>
                ) : (
                  name
                )}
              </TableCell>
              <CostAmountCells totals={totals} />
              <TableCell align="right">
                {totals.total === null || sum <= 0
                  ? '–'
                  : formatPercent(totals.total / sum)}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
