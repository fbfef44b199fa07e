import type { UnattributedReason } from '@emr-eks/plugin-emr-eks-common';
import type { JobAllocationWithCapacity } from './kubecost';

/** The virtual clusters of one EKS cluster: id → the namespace EMR registered it on. */
export type VirtualClusterNamespaces = ReadonlyMap<string, string>;

/** A pod row that may be charged to the virtual cluster its labels name. */
export type AttributedRow = JobAllocationWithCapacity & {
  jobRunId: string;
  virtualClusterId: string;
};

/** A pod row charged to no virtual cluster, and why. */
export type UnattributedRow = JobAllocationWithCapacity & {
  reason: UnattributedReason;
};

/**
 * Why a pod's cost is not its labelled virtual cluster's, or undefined when it is. Labels
 * can be set by anyone who can create a pod, so they only name a candidate: the pod must
 * also have run in that virtual cluster's namespace, which EMR on EKS alone decides.
 */
export function unattributedReason(
  row: JobAllocationWithCapacity,
  namespaces: VirtualClusterNamespaces,
): UnattributedReason | undefined {
  if (!row.jobRunId || !row.virtualClusterId) {
    return 'missing-labels';
  }
  const namespace = namespaces.get(row.virtualClusterId);
  if (namespace === undefined) {
    return 'unknown-virtual-cluster';
  }
  if (!row.namespace) {
    return 'missing-namespace';
  }
  return row.namespace === namespace ? undefined : 'namespace-mismatch';
}

/** Splits pod rows into those charged to their virtual cluster and the rest, with reasons. */
export function attribute(
  rows: readonly JobAllocationWithCapacity[],
  namespaces: VirtualClusterNamespaces,
): { attributed: AttributedRow[]; unattributed: UnattributedRow[] } {
  const attributed: AttributedRow[] = [];
  const unattributed: UnattributedRow[] = [];
  for (const row of rows) {
    const reason = unattributedReason(row, namespaces);
    if (reason) {
      unattributed.push({ ...row, reason });
    } else {
      attributed.push(row as AttributedRow);
    }
  }
  return { attributed, unattributed };
}
