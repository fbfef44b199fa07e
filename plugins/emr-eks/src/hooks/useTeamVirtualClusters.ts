import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { EMR_VIRTUAL_CLUSTER_RESOURCE_TYPE } from '@emr-eks/plugin-emr-eks-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';

/**
 * The EMR on EKS virtual-cluster entities a group owns, by name. `groupRef` is
 * the group's full entity ref, as in `relations.ownedBy`.
 */
export function useTeamVirtualClusters(groupRef: string) {
  const catalogApi = useApi(catalogApiRef);
  return useAsyncRetry(async () => {
    const { items } = await catalogApi.getEntities({
      filter: {
        kind: 'resource',
        'spec.type': EMR_VIRTUAL_CLUSTER_RESOURCE_TYPE,
        'relations.ownedBy': groupRef,
      },
      order: { field: 'metadata.name', order: 'asc' },
    });
    return items;
  }, [catalogApi, groupRef]);
}
