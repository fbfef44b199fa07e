import { explainJobRunFailure, stateDetailHints } from './failures';

const ids = (stateDetails: string) =>
  stateDetailHints(stateDetails).map(hint => hint.id);

describe('explainJobRunFailure', () => {
  it.each([
    ['USER_ERROR', /job's own code or configuration failed/],
    ['VALIDATION_ERROR', /could not start the job/],
    ['CLUSTER_UNAVAILABLE', /EKS cluster or namespace/],
    ['INTERNAL_ERROR', /inside EMR on EKS, not in the job/],
  ] as const)('explains %s', (failureReason, explanation) => {
    const result = explainJobRunFailure({ state: 'FAILED', failureReason });
    expect(result?.failureReason).toBe(failureReason);
    expect(result?.explanation).toMatch(explanation);
    expect(result?.hints).toEqual([]);
  });

  it('names a failure reason it does not know', () => {
    const result = explainJobRunFailure({
      state: 'FAILED',
      failureReason: 'QUOTA_EXCEEDED' as any,
    });
    expect(result?.title).toBe('Job run failed');
    expect(result?.explanation).toContain('QUOTA_EXCEEDED');
  });

  it('explains a failed run without a reason, and nothing for a healthy run', () => {
    expect(explainJobRunFailure({ state: 'FAILED' })?.title).toBe(
      'Job run failed',
    );
    expect(explainJobRunFailure({ state: 'COMPLETED' })).toBeUndefined();
    expect(
      explainJobRunFailure({ state: 'CANCELLED', stateDetails: 'cancelled' }),
    ).toBeUndefined();
  });

  it('adds hints from the state details', () => {
    const result = explainJobRunFailure({
      state: 'FAILED',
      failureReason: 'USER_ERROR',
      stateDetails: 'Job failed: executor lost; OOMKilled',
    });
    expect(result?.hints.map(hint => hint.id)).toEqual([
      'out-of-memory',
      'executor-lost',
    ]);
    expect(result?.hints[0].text).toMatch(/ran out of memory/);
  });
});

describe('stateDetailHints', () => {
  it.each([
    [
      'Job failed: executor lost; OOMKilled',
      ['out-of-memory', 'executor-lost'],
    ],
    ['Driver pod exited with code 137', ['out-of-memory']],
    ['java.lang.OutOfMemoryError: Java heap space', ['out-of-memory']],
    [
      'ExecutorLostFailure (executor 3 exited caused by one of the running tasks)',
      ['executor-lost'],
    ],
    ['Driver pod exited with code 1', ['exit-code']],
    ['Container exited with exit code 143', ['exit-code']],
    [
      'Driver pod could not be scheduled: 0/12 nodes are available: 12 Insufficient memory',
      ['unschedulable'],
    ],
    [
      'The node was low on resource: ephemeral-storage. Pod Evicted',
      ['evicted'],
    ],
    ['Back-off pulling image: ImagePullBackOff', ['image-pull']],
    [
      'Job failed: execution role could not be assumed by the job driver',
      ['access-denied'],
    ],
    ['S3 AccessDenied: Access Denied (Status Code: 403)', ['access-denied']],
    [
      'org.apache.spark.sql.AnalysisException: [TABLE_OR_VIEW_NOT_FOUND] The table or view `raw`.`orders` cannot be found',
      ['table-not-found'],
    ],
    [
      'java.io.FileNotFoundException: No such file or directory: s3 input path does not exist',
      ['missing-file'],
    ],
    ['java.lang.ClassNotFoundException: com.example.Main', ['missing-code']],
    ["ModuleNotFoundError: No module named 'pandas'", ['missing-code']],
    ['Pod did not start: timed out waiting for condition', ['timeout']],
    ['Job failed due to an internal error. Retry the job run.', []],
  ])('reads %j', (stateDetails, expected) => {
    expect(ids(stateDetails)).toEqual(expected);
  });

  it('says which exit code the driver ended with', () => {
    expect(stateDetailHints('Driver pod exited with code 2')[0].text).toContain(
      'exited with code 2',
    );
    expect(stateDetailHints('exit code 143')[0].text).toContain('SIGTERM');
  });

  it('has no hints without details', () => {
    expect(stateDetailHints(undefined)).toEqual([]);
    expect(stateDetailHints('')).toEqual([]);
  });
});
