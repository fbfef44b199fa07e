import {
  JobRunSummary,
  explainJobRunFailure,
} from '@emr-eks/plugin-emr-eks-common';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';

/**
 * Why a run failed, in plain words: the failure reason explained, EMR's state
 * details as they are, and hints for what the details point at.
 */
export function FailureExplanation(props: {
  run: Pick<JobRunSummary, 'state' | 'failureReason' | 'stateDetails'>;
}) {
  const { run } = props;
  const explanation = explainJobRunFailure(run);
  if (!explanation) {
    return null;
  }
  return (
    <Alert severity="error" aria-label="Why the run failed">
      <AlertTitle>
        {explanation.title}
        {explanation.failureReason ? ` (${explanation.failureReason})` : ''}
      </AlertTitle>
      <Typography variant="body2" paragraph>
        {explanation.explanation}
      </Typography>
      {run.stateDetails && (
        <Typography variant="body2" paragraph>
          EMR on EKS says: <code>{run.stateDetails}</code>
        </Typography>
      )}
      {explanation.hints.length > 0 && (
        <ul aria-label="Hints" style={{ margin: 0, paddingLeft: 20 }}>
          {explanation.hints.map(hint => (
            <li key={hint.id}>
              <Typography variant="body2">{hint.text}</Typography>
            </li>
          ))}
        </ul>
      )}
    </Alert>
  );
}
