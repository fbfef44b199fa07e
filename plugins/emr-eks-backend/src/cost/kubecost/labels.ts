import type {
  CapacityType,
  SparkComponent,
} from '@emr-eks/plugin-emr-eks-common';

/**
 * The pod labels EMR on EKS sets on the job submitter, driver and executor pods, as written
 * in Kubernetes (the `aggregate=label:<name>` form).
 *
 * @public
 */
export const EMR_POD_LABELS = {
  jobRunId: 'emr-containers.amazonaws.com/job.id',
  virtualClusterId: 'emr-containers.amazonaws.com/virtual-cluster-id',
  component: 'emr-containers.amazonaws.com/component',
} as const;

/**
 * The labels of Spark pods started outside the emr-containers API: by the Spark Operator
 * (`appName`) or by spark-submit in cluster mode (only Spark's own `appSelector` and
 * `sparkAppName`), and the one EMR runtime images put on their pods so EMR on EKS bills them
 * (`emrRuntime`; the AWS cost exporter reads Spark Operator and spark-submit jobs by it).
 *
 * @public
 */
export const SPARK_POD_LABELS = {
  appSelector: 'spark-app-selector',
  appName: 'sparkoperator.k8s.io/app-name',
  sparkAppName: 'spark-app-name',
  emrRuntime: 'eks-subscription.amazonaws.com/emr.internal.id',
} as const;

/**
 * A Kubernetes label name as Kubecost and OpenCost report it in `labels` maps: Prometheus
 * rules, every character other than a letter, digit or `_` becomes `_`
 * (`emr-containers.amazonaws.com/job.id` → `emr_containers_amazonaws_com_job_id`).
 *
 * @public
 */
export function sanitizeLabelName(name: string): string {
  return name.replace(/[^a-zA-Z0-9_]/g, '_');
}

/**
 * The value of a label in a Kubecost / OpenCost label map, under its sanitized name or under
 * that name with the `label_` prefix of Kubecost v1 (node labels). Empty values count as absent.
 *
 * @public
 */
export function labelValue(
  labels: Record<string, unknown> | null | undefined,
  name: string,
): string | undefined {
  if (!labels) {
    return undefined;
  }
  const sanitized = sanitizeLabelName(name);
  for (const key of [sanitized, `label_${sanitized}`]) {
    const value = labels[key];
    if (typeof value === 'string' && value.trim() !== '') {
      return value.trim();
    }
  }
  return undefined;
}

/** Keys (or key parts) for cost that belongs to no pod: always dropped. */
const NOT_A_POD = new Set(['__idle__', '__unmounted__', '__shared__']);
/** Key part for an aggregate value that is missing (no such label on the pod). */
const UNALLOCATED = '__unallocated__';

/** One part of an aggregate key: the value (older releases wrote `name=value`), absent when missing. */
function keyPart(part: string): string | undefined {
  const value = part.slice(part.lastIndexOf('=') + 1).trim();
  return value === '' || value === UNALLOCATED ? undefined : value;
}

/**
 * Splits a key of an allocation aggregated by `count` properties (values joined by `/` in
 * the order asked); undefined for idle, unmounted and shared cost or a key of another shape.
 * Missing values (`__unallocated__`) come back undefined.
 */
export function parseAggregateKey(
  key: string,
  count: number,
): Array<string | undefined> | undefined {
  const parts = key.split('/');
  if (parts.some(part => NOT_A_POD.has(part)) || parts.length !== count) {
    return undefined;
  }
  return parts.map(keyPart);
}

/** What the key of one allocation of the job query says. */
export interface JobKeyParts {
  pod?: string;
  jobRunId?: string;
  virtualClusterId?: string;
  component?: string;
}

/**
 * Splits the key of an allocation aggregated by `pod,label:job.id,label:virtual-cluster-id,
 * label:component`: the values joined by `/` in that order. Returns `undefined` for idle,
 * unmounted and shared cost, which belong to no pod. `__unallocated__` parts (a missing label)
 * come back absent; a key of another shape gives no parts. Values in the `name=value` form of
 * Kubecost releases before 2023 are reduced to the value.
 */
export function parseJobKey(key: string): JobKeyParts | undefined {
  const parts = key.split('/');
  if (parts.some(part => NOT_A_POD.has(part))) {
    return undefined;
  }
  if (parts.length !== 4) {
    return {};
  }
  const [pod, jobRunId, virtualClusterId, component] = parts.map(keyPart);
  return { pod, jobRunId, virtualClusterId, component };
}

/**
 * The Spark role of an EMR on EKS pod from its `emr-containers.amazonaws.com/component` label
 * (`driver`, `executor`, `job.submitter`; `controller` in early releases) or, failing that,
 * Spark's own `spark-role` label.
 *
 * @public
 */
export function toSparkComponent(
  component: string | undefined,
  sparkRole?: string,
): SparkComponent {
  for (const value of [component, sparkRole]) {
    switch (value?.toLowerCase()) {
      case 'driver':
        return 'driver';
      case 'executor':
        return 'executor';
      case 'job.submitter':
      case 'submitter':
      case 'controller':
        return 'submitter';
      default:
    }
  }
  return 'unknown';
}

const CAPACITY_TYPE_LABELS = [
  'eks.amazonaws.com/capacityType', // managed node groups: ON_DEMAND | SPOT
  'karpenter.sh/capacity-type', // Karpenter and EKS Auto Mode: on-demand | spot
];
const INSTANCE_TYPE_LABELS = [
  'node.kubernetes.io/instance-type',
  'beta.kubernetes.io/instance-type',
];

/**
 * Spot or On-Demand from a node's labels (with or without the `label_` prefix), written the
 * same way for managed node groups (`ON_DEMAND`) and Karpenter (`on-demand`). Without a
 * capacity label a node that was preemptible for the whole window (`preemptible` 1) is spot.
 *
 * @public
 */
export function capacityTypeOf(
  labels: Record<string, unknown> | null | undefined,
  preemptible?: number | null,
): CapacityType {
  for (const name of CAPACITY_TYPE_LABELS) {
    const value = labelValue(labels, name)?.toLowerCase().replace(/_/g, '-');
    if (value === 'spot' || value === 'on-demand') {
      return value;
    }
  }
  return preemptible === 1 ? 'spot' : 'unknown';
}

/**
 * The EC2 instance type from a node's labels (with or without the `label_` prefix), else the
 * asset's `nodeType`.
 *
 * @public
 */
export function instanceTypeOf(
  labels: Record<string, unknown> | null | undefined,
  nodeType?: string | null,
): string | undefined {
  for (const name of INSTANCE_TYPE_LABELS) {
    const value = labelValue(labels, name);
    if (value) {
      return value;
    }
  }
  return nodeType?.trim() || undefined;
}

const AWS_PROVIDER_ID = /^aws:\/\/\/(?:[^/]+\/)?(i-[0-9a-zA-Z]+)$/;

/**
 * The join key of a provider id: the EC2 instance id for the Kubernetes form
 * `aws:///us-east-1a/i-0abc…` (Kubecost reports just `i-0abc…`); any other id unchanged.
 *
 * @public
 */
export function normalizeProviderId(providerId: string): string {
  const trimmed = providerId.trim();
  return AWS_PROVIDER_ID.exec(trimmed)?.[1] ?? trimmed;
}
