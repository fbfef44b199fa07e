import { CostBasis } from '@emr-eks/plugin-emr-eks-common';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { describeBasis, explainBasis } from './costFormat';

/**
 * "(estimated)", "(billed)" or "(partly estimated)" after an uplift figure,
 * with what that means in a tooltip.
 */
export function BasisLabel(props: { basis: CostBasis }) {
  return (
    <Tooltip title={explainBasis(props.basis)}>
      <Typography
        component="span"
        variant="caption"
        color="textSecondary"
        style={{ whiteSpace: 'nowrap' }}
      >
        {' '}
        ({describeBasis(props.basis)})
      </Typography>
    </Tooltip>
  );
}
