import { CostBasis } from '@emr-eks/plugin-emr-eks-common';
import Tooltip from '@material-ui/core/Tooltip';
import { describeBasis, explainBasis } from './costFormat';
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
