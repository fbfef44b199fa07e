import {
  Entity,
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { Link } from '@backstage/core-components';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { useServerlessApplication } from '../../hooks/useServerless';
import { describeWorkerResources } from '../shared/format';
import { useEmrTabLink } from '../shared/useEmrTabLink';
import { LoadingCell, UnavailableCell } from '../shared/VirtualClusterRow';

function ApplicationRow(props: { entity: Entity; tabPath: string }) {
  const { entity, tabPath } = props;
  const tabLink = useEmrTabLink();
  const { value, error } = useServerlessApplication(
    getCompoundEntityRef(entity),
  );
  let cells: JSX.Element;
  if (error) {
    cells = <UnavailableCell what="State" error={error} colSpan={2} />;
  } else if (!value) {
    cells = (
      <>
        <LoadingCell />
        <LoadingCell />
      </>
    );
  } else {
    cells = (
      <>
        <TableCell>{value.state}</TableCell>
        <TableCell>
          {value.maximumCapacity
            ? describeWorkerResources(value.maximumCapacity)
            : 'No limit'}
        </TableCell>
      </>
    );
  }
  return (
    <TableRow>
      <TableCell component="th" scope="row" role="rowheader">
        <Link to={tabLink(entity, tabPath)}>
          {entity.metadata.title ?? entity.metadata.name}
        </Link>
      </TableCell>
      {cells}
    </TableRow>
  );
}

/**
 * The EMR Serverless applications a team owns (catalog Resources of type
 * `emr-serverless-application`), with their state and maximum capacity, each
 * linking to its EMR Serverless tab.
 */
export function TeamServerlessApplications(props: {
  applications: Entity[];
  /** Path of the EMR Serverless tab on an application's page. */
  tabPath?: string;
}) {
  const { applications, tabPath = 'emr-serverless' } = props;
  return (
    <Table size="small" aria-label="EMR Serverless applications">
      <TableHead>
        <TableRow>
          <TableCell>EMR Serverless application</TableCell>
          <TableCell>State</TableCell>
          <TableCell>Maximum capacity</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {applications.map(entity => (
          <ApplicationRow
            key={stringifyEntityRef(entity)}
            entity={entity}
            tabPath={tabPath}
          />
        ))}
      </TableBody>
    </Table>
  );
}
