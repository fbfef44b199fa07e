import { Staleness } from '@emr-eks/plugin-emr-eks-common';
import Alert from '@material-ui/lab/Alert';
import { describeAge } from './format';

/** The sentence that says an answer is an old copy, and why. */
export function describeStaleness(stale: Staleness): string {
  return `Showing data from ${describeAge(stale.ageSeconds)}: ${stale.reason}`;
}

/**
 * Says plainly that the data shown is the last good copy because EMR on EKS
 * could not be reached; renders nothing for fresh data.
 */
export function StaleBanner(props: { stale?: Staleness }) {
  const { stale } = props;
  if (!stale) {
    return null;
  }
  return (
    <Alert severity="warning" title={`As of ${stale.asOf}`}>
      {describeStaleness(stale)}
    </Alert>
  );
}
