import { FailureReason, JobRunSummary } from './types';

/**
 * A job run's failure in plain words: what the failure reason means, and hints
 * for what `stateDetails` points at.
 *
 * @public
 */
export interface JobRunFailureExplanation {
  /** The failure reason as EMR on EKS reports it, when there is one. */
  failureReason?: string;
  /** A short name for the kind of failure, e.g. "Job code or configuration error". */
  title: string;
  /** What the failure reason means and where to look. */
  explanation: string;
  /** What the state details point at, most specific first; may be empty. */
  hints: JobRunFailureHint[];
}

/** @public */
export interface JobRunFailureHint {
  /** A stable id, e.g. `out-of-memory`. */
  id: string;
  text: string;
}

const REASONS: Record<FailureReason, { title: string; explanation: string }> = {
  USER_ERROR: {
    title: 'Job code or configuration error',
    explanation:
      "The job's own code or configuration failed: the Spark application " +
      'ended with an error or one of its containers was killed. EMR on EKS ' +
      "itself worked. The driver's logs (stderr) say what went wrong.",
  },
  VALIDATION_ERROR: {
    title: 'Invalid job set-up',
    explanation:
      'EMR on EKS could not start the job because something in its set-up ' +
      'is not valid, for example the execution role cannot be assumed, the ' +
      'release label or a configuration property is wrong, or a file the ' +
      'job needs to start is missing. Fix the job definition or template ' +
      'and start it again.',
  },
  CLUSTER_UNAVAILABLE: {
    title: 'EKS cluster unavailable',
    explanation:
      'The EKS cluster or namespace behind the virtual cluster could not ' +
      'run the job: it was unreachable, EMR on EKS had lost its access to ' +
      'the namespace, or there was no room for the job’s pods. Ask the ' +
      'team that runs the cluster to check it.',
  },
  INTERNAL_ERROR: {
    title: 'EMR on EKS internal error',
    explanation:
      'Something went wrong inside EMR on EKS, not in the job. Running the ' +
      'job again usually works; if it keeps failing, contact AWS Support ' +
      'with the job run id.',
  },
};

interface HintRule {
  id: string;
  pattern: RegExp;
  text: (match: RegExpExecArray) => string | undefined;
}

const HINT_RULES: HintRule[] = [
  {
    id: 'out-of-memory',
    pattern:
      /OOMKilled|OutOfMemoryError|exit(?:ed)?(?: with)? (?:code|status) 137\b|exceeding memory limits|Container killed .*memory/i,
    text: () =>
      'A container ran out of memory and was killed (OOMKilled / exit code ' +
      '137). Give the driver or executors more memory (spark.driver.memory, ' +
      'spark.executor.memory and the memory overhead, e.g. ' +
      'spark.kubernetes.memoryOverheadFactor), or give each task less data ' +
      'by using more partitions.',
  },
  {
    id: 'executor-lost',
    pattern: /executor(?:s)? lost|ExecutorLostFailure|lost executor/i,
    text: () =>
      'Spark lost executors while the job ran. Usually an executor pod was ' +
      'killed for using too much memory, or its node went away (Spot ' +
      'interruption, scale-in, eviction). The executor pod logs tell which; ' +
      'more memory overhead or On-Demand nodes for executors help.',
  },
  {
    id: 'evicted',
    pattern: /\bEvicted\b|DiskPressure|MemoryPressure|ephemeral-storage/i,
    text: () =>
      'Kubernetes evicted a pod because its node ran short of memory or ' +
      'local disk. Ask for more local storage or memory per pod, or spread ' +
      'the work over more executors.',
  },
  {
    id: 'unschedulable',
    pattern:
      /could not be scheduled|FailedScheduling|Unschedulable|Insufficient (?:cpu|memory)|nodes are available/i,
    text: () =>
      'Kubernetes found no node with enough CPU or memory for a pod. Ask for ' +
      'smaller pods, or let the cluster add nodes (Karpenter or Cluster ' +
      'Autoscaler); a namespace resource quota can also be the limit.',
  },
  {
    id: 'image-pull',
    pattern: /ImagePullBackOff|ErrImagePull|Failed to pull image/i,
    text: () =>
      'A container image could not be pulled. Check the custom image URI ' +
      '(spark.kubernetes.container.image) and that the nodes may read it ' +
      'from Amazon ECR.',
  },
  {
    id: 'access-denied',
    pattern:
      /AccessDenied|Access Denied|not authorized|could not be assumed|cannot be assumed|\bForbidden\b/i,
    text: () =>
      'An AWS permission was missing. Check the job execution role: its ' +
      'policies must allow what the job reads and writes (S3, Glue, ' +
      'CloudWatch Logs) and its trust policy must trust the EKS cluster’s ' +
      'OIDC provider for the EMR on EKS service accounts.',
  },
  {
    id: 'table-not-found',
    pattern:
      /AnalysisException|TABLE_OR_VIEW_NOT_FOUND|Table or view not found/i,
    text: () =>
      'Spark SQL rejected a query: a table, view or column it names does not ' +
      'exist or is misspelled. Check the database and table names and the ' +
      'catalog (AWS Glue Data Catalog or Hive metastore) the job uses.',
  },
  {
    id: 'missing-file',
    pattern:
      /FileNotFoundException|No such file|NoSuchKey|NoSuchBucket|path does not exist/i,
    text: () =>
      'A file or path the job reads does not exist. Check the entry point, ' +
      'its arguments and the input locations in Amazon S3.',
  },
  {
    id: 'missing-code',
    pattern:
      /ClassNotFoundException|NoClassDefFoundError|ModuleNotFoundError|ImportError/i,
    text: () =>
      'Code the job needs was not found. Check --class, --jars, --py-files ' +
      'and the packages in the image.',
  },
  {
    id: 'exit-code',
    pattern: /exit(?:ed)?(?: with)? (?:code|status) (\d+)/i,
    text: match => {
      const code = Number(match[1]);
      if (code === 137) {
        return undefined; // out-of-memory says it better
      }
      if (code === 143) {
        return (
          'A container was stopped from outside (exit code 143, SIGTERM), ' +
          'for example because its node was drained or the run was cancelled.'
        );
      }
      return (
        `The driver exited with code ${code}: the application itself stopped ` +
        'with an error. Its stack trace is in the driver’s stderr log.'
      );
    },
  },
  {
    id: 'timeout',
    pattern: /timed out|timeout|deadline exceeded/i,
    text: () =>
      'Something took too long: a pod did not start in time or a call the ' +
      'job made timed out. Check node capacity and the services the job ' +
      'calls.',
  },
];

/**
 * Hints for what a run's `stateDetails` point at, most specific first.
 *
 * @public
 */
export function stateDetailHints(
  stateDetails: string | undefined,
): JobRunFailureHint[] {
  if (!stateDetails) {
    return [];
  }
  const hints: JobRunFailureHint[] = [];
  for (const rule of HINT_RULES) {
    const match = rule.pattern.exec(stateDetails);
    const text = match ? rule.text(match) : undefined;
    if (text) {
      hints.push({ id: rule.id, text });
    }
  }
  return hints;
}

/**
 * Explains a failed run in plain words; undefined for a run that has no
 * failure reason and did not fail.
 *
 * @public
 */
export function explainJobRunFailure(
  run: Pick<JobRunSummary, 'state' | 'failureReason' | 'stateDetails'>,
): JobRunFailureExplanation | undefined {
  const { failureReason, stateDetails } = run;
  if (!failureReason && run.state !== 'FAILED') {
    return undefined;
  }
  const hints = stateDetailHints(stateDetails);
  const known = failureReason
    ? REASONS[failureReason as FailureReason]
    : undefined;
  if (known) {
    return { failureReason, ...known, hints };
  }
  if (failureReason) {
    return {
      failureReason,
      title: 'Job run failed',
      explanation: `EMR on EKS reported the failure reason ${failureReason}. The state details and the driver's logs say more.`,
      hints,
    };
  }
  return {
    title: 'Job run failed',
    explanation:
      "EMR on EKS gave no failure reason. The state details and the driver's logs say more.",
    hints,
  };
}
