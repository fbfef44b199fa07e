import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { formatPercent, formatUsd } from '../shared/costFormat';

/** One part of a whole: a label and its compute cost. */
export interface BreakdownPart {
  label: string;
  compute: number;
}

/**
 * How compute cost splits into parts (Spark component, capacity type): each
 * part's cost and share, with a bar for the share. Parts without cost are left
 * out.
 */
export function CostBreakdown(props: {
  /** The table's accessible name, e.g. "Compute by Spark component". */
  label: string;
  /** Heading of the first column, e.g. "Component". */
  partTitle: string;
  parts: BreakdownPart[];
}) {
  const parts = props.parts
    .filter(part => part.compute > 0)
    .sort((a, b) => b.compute - a.compute);
  const total = parts.reduce((sum, part) => sum + part.compute, 0);
  return (
    <Table size="small" aria-label={props.label}>
      <TableHead>
        <TableRow>
          <TableCell>{props.partTitle}</TableCell>
          <TableCell align="right">Compute</TableCell>
          <TableCell align="right">Share</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {parts.length === 0 && (
          <TableRow>
            <TableCell colSpan={3}>No compute cost in this period.</TableCell>
          </TableRow>
        )}
        {parts.map(part => {
          const share = total > 0 ? part.compute / total : 0;
          return (
            <TableRow key={part.label}>
              <TableCell component="th" scope="row" role="rowheader">
                {part.label}
                <Box mt={0.5} aria-hidden>
                  <LinearProgress variant="determinate" value={share * 100} />
                </Box>
              </TableCell>
              <TableCell align="right">{formatUsd(part.compute)}</TableCell>
              <TableCell align="right">{formatPercent(share)}</TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
