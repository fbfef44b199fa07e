import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import { ReactNode } from 'react';

/** One labelled value; rows without a value are left out. */
export interface Detail {
  label: string;
  value: ReactNode;
}

/**
 * Labelled values as a two-column table whose labels are row headers, so that
 * each value is announced with its label.
 */
export function DetailList(props: { details: Detail[]; label: string }) {
  const rows = props.details.filter(
    detail =>
      detail.value !== undefined &&
      detail.value !== null &&
      detail.value !== '',
  );
  return (
    <Table size="small" aria-label={props.label}>
      <TableBody>
        {rows.map(detail => (
          <TableRow key={detail.label}>
            <TableCell
              component="th"
              scope="row"
              role="rowheader"
              style={{ width: '30%', verticalAlign: 'top' }}
            >
              {detail.label}
            </TableCell>
            <TableCell style={{ wordBreak: 'break-word' }}>
              {detail.value}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
