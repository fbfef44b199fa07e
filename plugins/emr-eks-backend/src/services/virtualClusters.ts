import {
  EMR_VIRTUAL_CLUSTER_ARN_ANNOTATION,
  VirtualClusterArn,
  getVirtualClusterArn,
  parseVirtualClusterArn,
} from '@emr-eks/plugin-emr-eks-common';
import { ResolvedTarget, entityTargetResolver } from './entityTargets';

/** The virtual cluster of an entity the caller may act on. */
export type ResolvedVirtualCluster = ResolvedTarget<VirtualClusterArn>;

/** Finds the virtual cluster an entity stands for, as the caller (see resolveEntityTarget). */
export const resolveVirtualCluster = entityTargetResolver({
  annotation: EMR_VIRTUAL_CLUSTER_ARN_ANNOTATION,
  read: getVirtualClusterArn,
  parse: parseVirtualClusterArn,
  expected:
    'a virtual cluster ARN (arn:aws:emr-containers:<region>:<account>:/virtualclusters/<id>)',
});
