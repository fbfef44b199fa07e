import { EmptyState } from '@backstage/core-components';
import Button from '@material-ui/core/Button';

/** Where an adopter learns to connect Kubecost or OpenCost and the CUR. */
export const COST_SETUP_DOCS =
  'https://www.npmjs.com/package/@emr-eks/plugin-emr-eks-backend#cost';

/**
 * The Cost tab of a portal that has no cost source configured yet: a state to set up, not
 * an error. Adopters who never want the tab can disable its extension instead.
 */
export function CostNotConfigured() {
  return (
    <EmptyState
      missing="info"
      title="Cost is not set up in this portal"
      description="The cost of Spark jobs comes from your clusters' Kubecost or OpenCost and, for the EMR uplift, from the AWS Cost and Usage Report. Until a platform engineer connects them (emrEks.cost in the backend's configuration), there is nothing to show here."
      action={
        <Button
          variant="outlined"
          color="primary"
          href={COST_SETUP_DOCS}
          target="_blank"
          rel="noopener noreferrer"
        >
          How to set up cost
        </Button>
      }
    />
  );
}
