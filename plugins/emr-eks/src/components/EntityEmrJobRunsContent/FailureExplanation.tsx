import {
  JobRunFailureExplanation,
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
  /** An EMR on EKS run, or any run's state details when `explanation` is given. */
  run:
    | Pick<JobRunSummary, 'state' | 'failureReason' | 'stateDetails'>
    | { stateDetails?: string };
  /** EMR on EKS's explanation of `run` unless given (EMR Serverless has its own). */
  explanation?: JobRunFailureExplanation;
  /** Who reported the state details. */
  service?: string;
}) {
  const { run, service = 'EMR on EKS' } = props;
  const explanation =
    'explanation' in props
      ? props.explanation
      : explainJobRunFailure(run as Pick<JobRunSummary, 'state'>);
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
          {service} says: <code>{run.stateDetails}</code>
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
