import { EMR_VIRTUAL_CLUSTER_RESOURCE_TYPE } from '@emr-eks/plugin-emr-eks-common';
import { useTeamResources } from './useTeamResources';

/**
 * The EMR on EKS virtual-cluster entities a group owns, by name. `groupRef` is
 * the group's full entity ref, as in `relations.ownedBy`.
 */
export function useTeamVirtualClusters(groupRef: string) {
  return useTeamResources(groupRef, EMR_VIRTUAL_CLUSTER_RESOURCE_TYPE);
}
