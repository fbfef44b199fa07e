import { parseEntityRef } from '@backstage/catalog-model';
import { Link } from '@backstage/core-components';
import { SparkApplicationCost } from '@emr-eks/plugin-emr-eks-common';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { formatHours, formatUsd } from '../shared/costFormat';
import { useEmrTabLink } from '../shared/useEmrTabLink';

/** Where each application's virtual cluster links: its own Cost tab. */
const COST_TAB_PATH = 'emr-cost';
const NOWRAP = { whiteSpace: 'nowrap' } as const;

const KIND_LABEL: Record<SparkApplicationCost['kind'], string> = {
  'spark-operator': 'Spark Operator',
  'spark-submit': 'spark-submit',
};

function describeUplift(app: SparkApplicationCost): string {
  if (!app.emrRuntime) return 'None (not an EMR runtime image)';
  return app.uplift === null ? 'Unpriced' : formatUsd(app.uplift);
}

/**
 * Spark Operator and spark-submit applications' spend in the team's
 * namespaces, dearest first: Kubecost compute, the EMR on EKS uplift of those
 * on an EMR runtime image (none otherwise), and requested vCPU and memory.
 */
export function SparkApplicationCostTable(props: {
  applications: SparkApplicationCost[];
}) {
  const tabLink = useEmrTabLink();
  return (
    <Table size="small" aria-label="Cost by Spark application">
      <TableHead>
        <TableRow>
          <TableCell>Application</TableCell>
          <TableCell>Kind</TableCell>
          <TableCell>Virtual cluster</TableCell>
          <TableCell align="right" style={NOWRAP}>
            vCPU-hours
          </TableCell>
          <TableCell align="right" style={NOWRAP}>
            Memory GB-hours
          </TableCell>
          <TableCell align="right">Compute</TableCell>
          <TableCell align="right">EMR uplift</TableCell>
          <TableCell align="right">Total</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.applications.map(app => {
          const cluster = app.entityRef
            ? parseEntityRef(app.entityRef)
            : undefined;
          return (
            <TableRow
              key={JSON.stringify([
                app.accountId,
                app.region,
                app.virtualClusterId,
                app.namespace,
                app.kind,
                app.application,
                app.emrRuntime,
              ])}
            >
              <TableCell component="th" scope="row" role="rowheader">
                {app.application}
              </TableCell>
              <TableCell style={NOWRAP}>{KIND_LABEL[app.kind]}</TableCell>
              <TableCell>
                {cluster ? (
                  <Link to={tabLink(cluster, COST_TAB_PATH)}>
                    {cluster.name}
                  </Link>
                ) : (
                  app.namespace
                )}
              </TableCell>
              <TableCell align="right">
                {formatHours(app.cpuCoreHours)}
              </TableCell>
              <TableCell align="right">{formatHours(app.ramGbHours)}</TableCell>
              <TableCell align="right" style={NOWRAP}>
                {formatUsd(app.compute)}
              </TableCell>
              <TableCell align="right">{describeUplift(app)}</TableCell>
              <TableCell align="right" style={NOWRAP}>
                {app.total === null ? 'Unpriced' : formatUsd(app.total)}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
