import type { LoggerService } from '@backstage/backend-plugin-api';
import type {
  CapacityType,
  SparkComponent,
} from '@emr-eks/plugin-emr-eks-common';

/**
 * Which product answers at the base URL: Kubecost (`/model/allocation/compute`,
 * `/model/allocation`, `/model/assets`) or OpenCost (`/allocation`, `/assets`).
 *
 * @public
 */
export type KubecostFlavor = 'kubecost' | 'opencost';

/**
 * Which Kubecost allocation API to read (ignored for OpenCost, which has one):
 * `compute` is `/model/allocation/compute`, computed from Prometheus on request, which honours
 * `step=1h` exactly (what the AWS exporter uses since Kubecost 2); `etl` is `/model/allocation`,
 * reconciled with the cloud bill but answered in precomputed daily sets whatever the step.
 *
 * @public
 */
export type KubecostAllocationApi = 'compute' | 'etl';

/**
 * What {@link DefaultKubecostClient.create} takes.
 *
 * @public
 */
export interface KubecostClientOptions {
  /**
   * Where the API answers, with any path prefix of a proxy in front of it, for example
   * `http://kubecost-cost-analyzer.kubecost:9090` or `http://opencost.opencost:9003`.
   */
  baseUrl: string;
  flavor: KubecostFlavor;
  /** Kubecost only; defaults to `compute`. */
  allocationApi?: KubecostAllocationApi;
  /** Give up on a request after this long; defaults to 60 000 ms. */
  timeoutMs?: number;
  /** Defaults to the global `fetch`. */
  fetch?: typeof fetch;
  logger?: LoggerService;
}

/**
 * A time span to query, start inclusive, end exclusive. Sent as whole seconds in UTC.
 *
 * @public
 */
export interface KubecostWindow {
  start: Date;
  end: Date;
}

/**
 * Cost and usage of one EMR on EKS pod in one step of the allocation query.
 * Costs are in the currency Kubecost is configured with (US dollars by default). Numbers
 * reported as `null` (NaN or Inf upstream) or absent are 0, except the efficiencies, which are
 * then absent.
 *
 * @public
 */
export interface JobAllocationRow {
  /** Start of the allocation set (the step), ISO 8601 UTC. */
  windowStart: string;
  /** End of the allocation set (the step), ISO 8601 UTC, exclusive. */
  windowEnd: string;
  /** The pod name; empty when neither the key nor the properties name it. */
  pod: string;
  namespace?: string;
  node?: string;
  cluster?: string;
  /** The node's provider id as reported (on EKS, the EC2 instance id `i-…`). */
  providerId?: string;
  /**
   * The EMR labels; one of them may be absent on a pod that carries the other (or only the
   * component label): such a row is kept, to be reported as unattributed, never dropped.
   */
  jobRunId?: string;
  virtualClusterId?: string;
  component: SparkComponent;
  /** Minutes the pod ran inside the step. */
  minutes: number;
  cpuCoreHours: number;
  cpuCoreRequestAverage: number;
  cpuCoreUsageAverage: number;
  ramByteHours: number;
  ramByteRequestAverage: number;
  ramByteUsageAverage: number;
  /** Requested vCPU-hours, `cpuCoreRequestAverage * minutes / 60`: the basis of the EMR uplift. */
  cpuCoreRequestHours: number;
  /** Requested memory GB-hours (GiB), `ramByteRequestAverage * minutes / 60 / 2^30`: the basis of the EMR uplift. */
  ramGbRequestHours: number;
  cpuCost: number;
  ramCost: number;
  pvCost: number;
  networkCost: number;
  totalCost: number;
  /** CPU used over requested, as Kubecost reports it. */
  cpuEfficiency?: number;
  ramEfficiency?: number;
}

/**
 * Cost of the pods of one Spark application that is not an EMR on EKS job run (a Spark
 * Operator or spark-submit one) in one namespace, accumulated over the query's window.
 *
 * @public
 */
export interface SparkAllocationRow {
  namespace: string;
  /** `spark-app-selector`: Spark's id of the run. */
  sparkAppSelector?: string;
  /** `sparkoperator.k8s.io/app-name`: the SparkApplication, when the operator started it. */
  operatorAppName?: string;
  /** `spark-app-name`: the name given to Spark. */
  sparkAppName?: string;
  /** Whether the pods carry the label of EMR runtime images (see `SPARK_POD_LABELS.emrRuntime`). */
  emrRuntime: boolean;
  minutes: number;
  /** Requested vCPU-hours: the basis of the EMR uplift. */
  cpuCoreRequestHours: number;
  /** Requested memory GB-hours (GiB): the basis of the EMR uplift. */
  ramGbRequestHours: number;
  totalCost: number;
}

/**
 * A Kubernetes node from the assets API.
 *
 * @public
 */
export interface KubecostNode {
  /** As reported; on EKS the EC2 instance id `i-…`, the join key with {@link JobAllocationRow.providerId}. */
  providerId: string;
  name: string;
  instanceType?: string;
  capacityType: CapacityType;
}

/**
 * A {@link JobAllocationRow} with what its node tells: capacity type and instance type.
 *
 * @public
 */
export interface JobAllocationWithCapacity extends JobAllocationRow {
  /** `unknown` when the row has no provider id or no node matches it. */
  capacityType: CapacityType;
  instanceType?: string;
}

/**
 * Reads EMR on EKS pod costs and node facts from Kubecost or OpenCost.
 *
 * Errors: `ServiceUnavailableError` when the API cannot be reached, does not answer in time,
 * or its gateway answers 502/503/504; {@link KubecostResponseError} when it answers with an
 * error or with a body that is not the documented format; `InputError` for an empty window.
 *
 * @public
 */
export interface KubecostClient {
  /**
   * Allocation per EMR pod and step, aggregated as the AWS cost exporter does (by pod, job id,
   * virtual cluster id and component), idle excluded. Pods without any EMR label (not started
   * by EMR on EKS) are left out; an EMR pod missing one of them is kept without it.
   */
  allocationByJob(
    window: KubecostWindow,
    options?: { step?: '1h' },
  ): Promise<JobAllocationRow[]>;

  /**
   * Allocation of Spark pods that are no EMR on EKS job run's, per namespace and application,
   * accumulated over the window, idle excluded: pods with a `sparkoperator.k8s.io/app-name` or
   * `spark-app-selector` label and no `emr-containers.amazonaws.com/job.id` label.
   */
  allocationBySparkApplication(
    window: KubecostWindow,
  ): Promise<SparkAllocationRow[]>;

  /** The Node assets seen in the window, one per provider id. */
  nodes(window: KubecostWindow): Promise<KubecostNode[]>;
}
