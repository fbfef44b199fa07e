import { explainServerlessJobRunFailure } from './serverlessFailures';

const hintIds = (stateDetails: string) =>
  explainServerlessJobRunFailure({ state: 'FAILED', stateDetails })?.hints.map(
    hint => hint.id,
  );

describe('explainServerlessJobRunFailure', () => {
  it('explains only failed runs', () => {
    expect(
      explainServerlessJobRunFailure({ state: 'SUCCESS' }),
    ).toBeUndefined();
    expect(
      explainServerlessJobRunFailure({
        state: 'CANCELLED',
        stateDetails: 'Cancelled by user',
      }),
    ).toBeUndefined();
    expect(
      explainServerlessJobRunFailure({ state: 'FAILED' })?.explanation,
    ).toMatch(/EMR Serverless gives no failure reason/);
  });

  it.each([
    [
      'ExitCode: 1. Last few exceptions: java.lang.OutOfMemoryError: Java heap space',
      ['out-of-memory'],
    ],
    [
      'Job failed: the job runtime role could not be assumed by EMR Serverless',
      ['access-denied'],
    ],
    [
      'Job run failed: the application reached its maximum capacity (cpu).',
      ['maximum-capacity'],
    ],
    [
      'org.apache.spark.sql.AnalysisException: [TABLE_OR_VIEW_NOT_FOUND] `raw`.`orders`',
      ['table-not-found'],
    ],
    // Kubernetes findings do not apply: there are no pods or nodes to look at.
    ['Pod Evicted: DiskPressure; FailedScheduling', []],
  ])('hints for %s', (stateDetails, ids) => {
    expect(hintIds(stateDetails)).toEqual(ids);
  });

  it('gives EMR Serverless advice, not EMR on EKS advice', () => {
    const hints = explainServerlessJobRunFailure({
      state: 'FAILED',
      stateDetails: 'OOMKilled; AccessDenied',
    })!.hints;
    const text = hints.map(hint => hint.text).join(' ');
    expect(text).toContain('emr-serverless.amazonaws.com');
    expect(text).not.toMatch(/OIDC|Kubernetes|pod/i);
  });
});
