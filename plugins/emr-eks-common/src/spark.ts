import type { Staleness } from './types';

/*
 * Wire types of the backend's Spark application routes, under
 * `/v1/entity/:namespace/:kind/:name/spark-applications`: the Spark Operator
 * `SparkApplication`s (sparkoperator.k8s.io/v1beta2) and spark-submit runs (driver pods
 * without an owner) in a virtual cluster's namespace, read from the cluster's Kubernetes
 * API. Times are ISO 8601 strings. Documented in the backend's openapi.yaml.
 */

/** How a Spark application was submitted. @public */
export type SparkApplicationKind = 'spark-operator' | 'spark-submit';

/**
 * The Spark Operator's application states (`status.applicationState.state`); `NEW` for
 * one the operator has not picked up yet (its empty state). A spark-submit run's state
 * comes from its driver pod: Pending → SUBMITTED, Running → RUNNING, Succeeded →
 * COMPLETED, Failed → FAILED, else UNKNOWN.
 *
 * @public
 */
export const SPARK_APPLICATION_STATES = [
  'NEW',
  'SUBMITTED',
  'RUNNING',
  'COMPLETED',
  'FAILED',
  'SUBMISSION_FAILED',
  'PENDING_RERUN',
  'INVALIDATING',
  'SUCCEEDING',
  'FAILING',
  'UNKNOWN',
] as const;

/** @public */
export type SparkApplicationState = (typeof SPARK_APPLICATION_STATES)[number];

/** States after which an application does not change. @public */
export function isTerminalSparkApplicationState(state: string): boolean {
  return (
    state === 'COMPLETED' || state === 'FAILED' || state === 'SUBMISSION_FAILED'
  );
}

/**
 * An EMR runtime image as Amazon EMR publishes it for Spark Operator and spark-submit
 * (`<account>.dkr.ecr.<region>.amazonaws.com/spark/emr-<release>:<tag>`, EMR 6.10 and
 * later). An image a team built from it in its own repository is not recognised.
 *
 * @public
 */
export function isEmrRuntimeImage(image: string | undefined): boolean {
  return (
    !!image &&
    /^\d{12}\.dkr\.ecr\.[a-z]{2}(-[a-z]+)+-\d\.amazonaws\.com(\.cn)?\/spark\/emr-\d+\.\d+\.\d+(-[\w.]+)?(:[\w.-]+)?(@sha256:[0-9a-f]{64})?$/.test(
      image,
    )
  );
}

/** One Spark application of a virtual cluster's namespace. @public */
export interface SparkApplicationSummary {
  /** The SparkApplication's name, or the spark-submit driver pod's: what the detail routes take. */
  id: string;
  kind: SparkApplicationKind;
  /** The application's name: the SparkApplication's, or the pod's `spark-app-name` label. */
  name: string;
  state: SparkApplicationState;
  /** Spark's application id (`spark-…`), the `spark-app-selector` label of its pods. */
  sparkApplicationId?: string;
  driverPod?: string;
  /** Executor pods now, or (finished) the executors the operator recorded. */
  executors?: number;
  image?: string;
  /** Whether `image` is an Amazon EMR runtime image (see {@link isEmrRuntimeImage}). */
  emrRuntimeImage: boolean;
  /**
   * Spark Operator items only: whether the portal started this SparkApplication from a
   * template (its `app.kubernetes.io/managed-by: backstage` and template labels), the
   * rule by which the backend reruns one (it answers 409 for others). For showing Rerun:
   * the labels can be set by anyone who creates SparkApplications in the namespace, and
   * the backend's rerun check is the authority.
   */
  startedByPortal?: boolean;
  submittedAt?: string;
  finishedAt?: string;
  /** Submission to finish, or to now while not finished. */
  durationSeconds?: number;
}

/** The Spark applications of a virtual cluster's namespace, newest first. @public */
export interface SparkApplicationPage {
  items: SparkApplicationSummary[];
  /** The Kubernetes cluster (as the portal's `kubernetes` config names it) and namespace. */
  cluster: string;
  namespace: string;
  /** False when the cluster does not serve the SparkApplication API (no Spark Operator). */
  sparkOperator: boolean;
  stale?: Staleness;
}

/** A Kubernetes event of an application or its driver pod. @public */
export interface SparkApplicationEvent {
  type: string;
  reason: string;
  message: string;
  /** `Kind/name` of the object the event is about. */
  object: string;
  count: number;
  firstSeen?: string;
  lastSeen?: string;
}

/** One application with what it runs, its events and where to look at it. @public */
export interface SparkApplicationDetail extends SparkApplicationSummary {
  /** Scala, Java, Python or R (Spark Operator). */
  type?: string;
  mainApplicationFile?: string;
  mainClass?: string;
  arguments: string[];
  /** The SparkApplication's `sparkConf` (spark-submit keeps its settings in a ConfigMap, not read here). */
  sparkConf: Record<string, string>;
  hadoopConf: Record<string, string>;
  serviceAccount?: string;
  /** Why it failed, as the operator recorded it. */
  errorMessage?: string;
  events: SparkApplicationEvent[];
  links: {
    /** The live Spark UI on the driver, while it runs. */
    sparkUi?: {
      service: string;
      port: number;
      /** Path on the cluster's API server that proxies to the UI service. */
      kubernetesProxyPath: string;
      /** What a user with access to the namespace can run to open it on localhost. */
      portForward: string;
    };
    /** `spark.eventLog.dir`, where the Spark History Server reads the run from. */
    eventLogDir?: string;
    /** The run in the configured Spark History Server, once finished. */
    historyServer?: string;
  };
  stale?: Staleness;
}

/** The tail of a driver pod's log. @public */
export interface SparkDriverLog {
  pod: string;
  container: string;
  tailLines: number;
  lines: string[];
  /** Why there are no lines yet, e.g. the driver is waiting to start. */
  message?: string;
  stale?: Staleness;
}
