/**
 * Whether an EMR uplift figure is the estimate from requested vCPU and memory, the amount
 * billed in the Cost and Usage Report, or `unpriced`: not billed yet, and the region's EMR on
 * EKS price is not known, so there is no estimate either (never another region's price).
 * `mixed` when a sum holds more than one of these.
 *
 * @public
 */
export type CostBasis = 'estimated' | 'billed' | 'unpriced' | 'mixed';

/** @public */
export type SparkComponent = 'driver' | 'executor' | 'submitter' | 'unknown';

/** @public */
export type CapacityType = 'spot' | 'on-demand' | 'unknown';

/** A time span, ISO 8601, end exclusive. @public */
export interface CostWindow {
  start: string;
  end: string;
}

/**
 * Compute (Kubecost / OpenCost) plus EMR on EKS uplift, in US dollars.
 *
 * @public
 */
export interface CostTotals {
  compute: number;
  /** Unknown (null) when any part of it is unpriced: see `upliftUnpricedRegions`. */
  uplift: number | null;
  /** `compute + uplift`; unknown (null) with the uplift. */
  total: number | null;
  upliftBasis: CostBasis;
  /** Regions whose unbilled uplift has no known price; present only when there are some. */
  upliftUnpricedRegions?: string[];
  /**
   * EMR Serverless job runs' cost, in `total` too; unknown (null) when a run is unpriced.
   * Present only when the report covers EMR Serverless applications.
   */
  serverless?: number | null;
  /**
   * Spark Operator and spark-submit applications' cost (compute, plus the EMR uplift of those
   * on an EMR runtime), in `total` too; unknown (null) when such an uplift is unpriced.
   * Present only when the report covers virtual clusters.
   */
  sparkApplications?: number | null;
  cpuCoreHours: number;
  ramGbHours: number;
  /** Used over requested CPU, 0–1; absent when nothing was requested. */
  cpuEfficiency?: number;
  ramEfficiency?: number;
}

/** One day of a cost series. @public */
export interface DailyCost {
  /** `YYYY-MM-DD`, UTC. */
  date: string;
  compute: number;
  /** Unknown (null) when any part of it is unpriced. */
  uplift: number | null;
  upliftBasis: CostBasis;
  upliftUnpricedRegions?: string[];
  /** EMR Serverless cost of the day; null when a run is unpriced; absent without applications. */
  serverless?: number | null;
  /** Spark Operator and spark-submit cost of the day; null when unpriced; absent without virtual clusters. */
  sparkApplications?: number | null;
  /** Their compute, known though their uplift is not: present only when `sparkApplications` is null. */
  sparkApplicationsCompute?: number;
}

/**
 * What is known of a day's cost: EMR on EKS job runs' compute and uplift, EMR Serverless, and
 * Spark Operator / spark-submit applications, each counted once; an unknown part counts 0
 * (the caller flags it, see {@link hasUnpricedPart}).
 *
 * @public
 */
export function knownDailyTotal(day: DailyCost): number {
  return (
    day.compute +
    (day.uplift ?? 0) +
    (day.serverless ?? 0) +
    (day.sparkApplications ?? day.sparkApplicationsCompute ?? 0)
  );
}

/** Whether some part of a day's cost is unpriced (and so left out of {@link knownDailyTotal}). @public */
export function hasUnpricedPart(day: DailyCost): boolean {
  return (
    day.uplift === null ||
    day.serverless === null ||
    day.sparkApplications === null
  );
}

/**
 * Where a virtual cluster's cost is kept: ids are unique only within an account and region.
 *
 * @public
 */
export interface VirtualClusterKey {
  accountId: string;
  region: string;
  virtualClusterId: string;
}

/** The cost of one job run in a window. @public */
export interface JobRunCost extends CostTotals {
  jobRunId: string;
  virtualClusterId: string;
  accountId?: string;
  region?: string;
  /** Catalog entity of the virtual cluster, for links. */
  entityRef?: string;
}

/**
 * The cost of one virtual cluster in a report's window, with its daily totals (null on a day
 * whose uplift is unpriced).
 *
 * @public
 */
export interface VirtualClusterCost extends VirtualClusterKey {
  /** Catalog entity of the virtual cluster, for links. */
  entityRef?: string;
  totals: CostTotals;
  daily: Array<{ date: string; total: number | null }>;
}

/**
 * `GET /v1/entity/:namespace/:kind/:name/cost`: the cost of a virtual-cluster Resource or of
 * every virtual cluster a Group owns, for a window and the window before it.
 *
 * @public
 */
export interface CostReport {
  currency: 'USD';
  window: CostWindow;
  totals: CostTotals;
  previous: {
    window: CostWindow;
    totals: CostTotals;
    /**
     * Whether the stored history reaches back to the previous window's start: without it a
     * comparison compares with days that were never recorded. Absent from older backends.
     */
    covered?: boolean;
  };
  daily: DailyCost[];
  byComponent: Array<{ component: SparkComponent; compute: number }>;
  byCapacityType: Array<{ capacityType: CapacityType; compute: number }>;
  /** The most expensive runs, highest first (ten by default). */
  topJobRuns: JobRunCost[];
  /** Each virtual cluster's cost, highest first; absent from older backends. */
  byVirtualCluster?: VirtualClusterCost[];
  /** Stored history is complete up to this hour; later hours are not ingested yet. */
  completeUntil?: string;
  /** The earliest hour of stored history; absent when nothing is stored yet. */
  historyStart?: string;
  /** The virtual clusters the report covers. */
  virtualClusters: Array<
    { entityRef: string; virtualClusterId: string } & Partial<VirtualClusterKey>
  >;
  /** Each EMR Serverless application's cost, highest first; absent from older backends. */
  byServerlessApplication?: ServerlessApplicationCost[];
  /** The EMR Serverless applications the report covers; absent from older backends. */
  serverlessApplications?: Array<
    { entityRef: string } & ServerlessApplicationKey
  >;
  /**
   * Each Spark Operator / spark-submit application's cost in the virtual clusters' namespaces,
   * highest first; absent from older backends and from a report about one job run.
   */
  bySparkApplication?: SparkApplicationCost[];
}

/**
 * How a Spark application that is not an EMR on EKS job run was submitted, as its pods' labels
 * tell: `sparkoperator.k8s.io/app-name` (Spark Operator), else only `spark-app-selector`
 * (spark-submit in cluster mode).
 *
 * @public
 */
export type SparkApplicationCostKind = 'spark-operator' | 'spark-submit';

/**
 * The cost of one Spark Operator or spark-submit application in a virtual cluster's namespace
 * over a report's window, from Kubecost, with the EMR on EKS uplift of its pods that ran an EMR
 * runtime image (their `eks-subscription.amazonaws.com/emr.internal.id` label).
 *
 * @public
 */
export interface SparkApplicationCost extends VirtualClusterKey {
  /** Catalog entity of the virtual cluster, for links. */
  entityRef?: string;
  namespace: string;
  /** The SparkApplication's name, else the pods' `spark-app-name`, else their `spark-app-selector`. */
  application: string;
  kind: SparkApplicationCostKind;
  /** Whether its pods ran an EMR runtime image (and so owe the EMR on EKS uplift). */
  emrRuntime: boolean;
  compute: number;
  /** 0 off the EMR runtime; null when on it and the region has no known price. */
  uplift: number | null;
  /** `compute + uplift`; null with the uplift. */
  total: number | null;
  cpuCoreHours: number;
  ramGbHours: number;
  daily: Array<{ date: string; total: number | null }>;
}

/**
 * Where an EMR Serverless application's cost is kept: ids are unique only within an account
 * and region.
 *
 * @public
 */
export interface ServerlessApplicationKey {
  accountId: string;
  region: string;
  applicationId: string;
}

/**
 * An EMR Serverless price a figure used (USD, on-demand): per vCPU-hour, per GB-hour of
 * memory and per GB-hour of storage beyond the free 20 GB per worker.
 *
 * @public
 */
export interface ServerlessPrice {
  region: string;
  vcpuHour: number;
  memoryGbHour: number;
  storageGbHour: number;
  /** `config` (`emrEks.cost.serverless.prices`) or the published table the price comes from. */
  source: string;
}

/**
 * The cost of one EMR Serverless application's finished job runs in a report's window, from
 * their billed vCPU, memory and storage hours at the region's price (an estimate: the CUR's
 * EMR Serverless lines are not read yet).
 *
 * @public
 */
export interface ServerlessApplicationCost extends ServerlessApplicationKey {
  /** Catalog entity of the application, for links. */
  entityRef?: string;
  /** Null when a run is unpriced: see `unpriced`. */
  total: number | null;
  jobRuns: number;
  vcpuHours: number;
  memoryGbHours: number;
  storageGbHours: number;
  /** The prices the figure used. */
  prices: ServerlessPrice[];
  /** Why some runs have no price (a region not in the table, an Arm application). */
  unpriced?: string[];
  daily: Array<{ date: string; total: number | null }>;
}

/**
 * Why a pod's cost is charged to no virtual cluster:
 * - `namespace-mismatch`: labelled with a virtual cluster's id, but running outside its namespace;
 * - `unknown-virtual-cluster`: labelled with an id that is no virtual cluster of that EKS cluster;
 * - `missing-labels`: an EMR on EKS pod without a job run id or virtual cluster id label;
 * - `missing-namespace`: Kubecost did not report the pod's namespace.
 *
 * @public
 */
export type UnattributedReason =
  | 'namespace-mismatch'
  | 'unknown-virtual-cluster'
  | 'missing-labels'
  | 'missing-namespace';

/**
 * Cost of EMR on EKS pods that no team is charged with, summed over a window.
 *
 * @public
 */
export interface UnattributedCost {
  /** The configured cost cluster (`emrEks.cost.clusters[].name`) it was read from. */
  cluster: string;
  accountId: string;
  region: string;
  /** Where the pods ran; empty when Kubecost did not say. */
  namespace: string;
  /** The pods' virtual cluster id label; empty when absent. */
  virtualClusterId: string;
  /** The pods' job run id label; empty when absent. */
  jobRunId: string;
  reason: UnattributedReason;
  compute: number;
  /** Null when the region's EMR on EKS price is not known. */
  upliftEstimate: number | null;
}

/**
 * `GET /v1/cost/unattributed`: for platform admins, the cost no team is charged with.
 *
 * @public
 */
export interface UnattributedCostReport {
  currency: 'USD';
  window: CostWindow;
  /** Sum of `compute` over the rows. */
  compute: number;
  /** Highest compute first. */
  rows: UnattributedCost[];
  completeUntil?: string;
}

/**
 * `error.name` of the answer the cost routes give when `emrEks.cost` is not configured
 * (HTTP 404): a portal without Kubecost yet, not a failure. The Cost tab shows a calm
 * "not set up" state for it.
 *
 * @public
 */
export const COST_NOT_CONFIGURED_ERROR = 'CostNotConfiguredError';
