import { CostBasis } from '@emr-eks/plugin-emr-eks-common';
import Tooltip from '@material-ui/core/Tooltip';
import {
  describeBasis,
  describeUnpriced,
  explainBasis,
  formatUsd,
} from './costFormat';
import { SecondaryText } from './SecondaryText';

/**
 * "(estimated)", "(billed)" or "(partly estimated)" after an uplift figure,
 * with what that means in a tooltip.
 */
export function BasisLabel(props: { basis: CostBasis }) {
  return (
    <Tooltip title={explainBasis(props.basis)}>
      <SecondaryText
        component="span"
        variant="caption"
        style={{ whiteSpace: 'nowrap' }}
      >
        {' '}
        ({describeBasis(props.basis)})
      </SecondaryText>
    </Tooltip>
  );
}

/**
 * An uplift figure with its basis, or, when it is unknown because a region has no EMR on EKS
 * price, `uplift not priced for eu-west-1` in its place: never a number for it.
 */
export function UpliftAmount(props: {
  uplift: number | null;
  basis: CostBasis;
  unpricedRegions?: string[];
}) {
  if (props.uplift === null) {
    return (
      <Tooltip title={explainBasis('unpriced')}>
        <span>{describeUnpriced(props.unpricedRegions)}</span>
      </Tooltip>
    );
  }
  return (
    <>
      {formatUsd(props.uplift)}
      <BasisLabel basis={props.basis} />
    </>
  );
}
