import { CostTotals } from '@emr-eks/plugin-emr-eks-common';
import TableCell from '@material-ui/core/TableCell';
import { UpliftAmount } from '../shared/BasisLabel';
import { formatUsd } from '../shared/costFormat';

// Amounts and their headers on one line: a narrow column is not a column of digits.
const NOWRAP = { whiteSpace: 'nowrap' } as const;

/** The headers of {@link CostAmountCells}. */
export function CostAmountHeaderCells() {
  return (
    <>
      <TableCell align="right" style={NOWRAP}>
        Compute
      </TableCell>
      <TableCell align="right" style={NOWRAP}>
        EMR uplift
      </TableCell>
      <TableCell align="right" style={NOWRAP}>
        Total
      </TableCell>
    </>
  );
}

/** Compute, uplift (with its basis) and total of a cost table's row; "–" for an unknown total. */
export function CostAmountCells(props: { totals: CostTotals }) {
  const { totals } = props;
  return (
    <>
      <TableCell align="right" style={NOWRAP}>
        {formatUsd(totals.compute)}
      </TableCell>
      <TableCell align="right" style={NOWRAP}>
        <UpliftAmount
          uplift={totals.uplift}
          basis={totals.upliftBasis}
          unpricedRegions={totals.upliftUnpricedRegions}
        />
      </TableCell>
      <TableCell align="right" style={NOWRAP}>
        {totals.total === null ? '–' : formatUsd(totals.total)}
      </TableCell>
    </>
  );
}
