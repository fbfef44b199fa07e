import { parseEntityRef } from '@backstage/catalog-model';
import { Link } from '@backstage/core-components';
import {
  ServerlessApplicationCost,
  ServerlessPrice,
} from '@emr-eks/plugin-emr-eks-common';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { formatHours, formatUsd } from '../shared/costFormat';
import { useEmrTabLink } from '../shared/useEmrTabLink';

/** Where each application links: its own Cost tab. */
const COST_TAB_PATH = 'emr-cost';
const NOWRAP = { whiteSpace: 'nowrap' } as const;

/** An application's name: its entity's, else its id. */
export function serverlessApplicationName(
  app: Pick<ServerlessApplicationCost, 'entityRef' | 'applicationId'>,
): string {
  return app.entityRef ? parseEntityRef(app.entityRef).name : app.applicationId;
}

/** "us-east-1: $0.052624/vCPU-h, $0.0057785/GB-h, $0.000111/GB-h storage (source)". */
export function describePrice(price: ServerlessPrice): string {
  return `${price.region}: $${price.vcpuHour}/vCPU-hour, $${price.memoryGbHour}/GB-hour memory, $${price.storageGbHour}/GB-hour storage (${price.source})`;
}

/**
 * EMR Serverless applications' spend, dearest first: finished runs, the billed
 * vCPU, memory and storage hours, the cost, and the price each figure used (or
 * why it has none).
 */
export function ServerlessApplicationCostTable(props: {
  applications: ServerlessApplicationCost[];
}) {
  const tabLink = useEmrTabLink();
  return (
    <Table size="small" aria-label="Cost by EMR Serverless application">
      <TableHead>
        <TableRow>
          <TableCell>Application</TableCell>
          <TableCell align="right">Runs</TableCell>
          <TableCell align="right" style={NOWRAP}>
            vCPU-hours
          </TableCell>
          <TableCell align="right" style={NOWRAP}>
            Memory GB-hours
          </TableCell>
          <TableCell align="right" style={NOWRAP}>
            Storage GB-hours
          </TableCell>
          <TableCell align="right">Cost</TableCell>
          <TableCell>Price used</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.applications.map(app => {
          const name = serverlessApplicationName(app);
          return (
            <TableRow
              key={`${app.accountId}/${app.region}/${app.applicationId}`}
            >
              <TableCell component="th" scope="row" role="rowheader">
                {app.entityRef ? (
                  <Link
                    to={tabLink(parseEntityRef(app.entityRef), COST_TAB_PATH)}
                  >
                    {name}
                  </Link>
                ) : (
                  name
                )}
              </TableCell>
              <TableCell align="right">{app.jobRuns}</TableCell>
              <TableCell align="right">{formatHours(app.vcpuHours)}</TableCell>
              <TableCell align="right">
                {formatHours(app.memoryGbHours)}
              </TableCell>
              <TableCell align="right">
                {formatHours(app.storageGbHours)}
              </TableCell>
              <TableCell align="right" style={NOWRAP}>
                {app.total === null ? 'Unpriced' : formatUsd(app.total)}
              </TableCell>
              <TableCell>
                {[
                  ...app.prices.map(describePrice),
                  ...(app.unpriced ?? []).map(reason => `Unpriced: ${reason}`),
                ].join('; ') || '–'}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
