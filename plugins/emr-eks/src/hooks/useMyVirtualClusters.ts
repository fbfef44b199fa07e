import { parseEntityRef } from '@backstage/catalog-model';
import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { EMR_VIRTUAL_CLUSTER_RESOURCE_TYPE } from '@emr-eks/plugin-emr-eks-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';

/**
 * The EMR on EKS virtual-cluster entities owned by the groups the signed-in
 * user belongs to (their identity's ownership refs of kind Group), by name.
 * `teams` is empty when the user belongs to no group.
 */
export function useMyVirtualClusters() {
  const identityApi = useApi(identityApiRef);
  const catalogApi = useApi(catalogApiRef);
  return useAsyncRetry(async () => {
    const { ownershipEntityRefs } = await identityApi.getBackstageIdentity();
    const teams = ownershipEntityRefs.filter(
      ref => parseEntityRef(ref).kind.toLocaleLowerCase('en-US') === 'group',
    );
    if (teams.length === 0) {
      return { teams, clusters: [] };
    }
    const { items } = await catalogApi.getEntities({
      filter: {
        kind: 'resource',
        'spec.type': EMR_VIRTUAL_CLUSTER_RESOURCE_TYPE,
        'relations.ownedBy': teams,
      },
      order: { field: 'metadata.name', order: 'asc' },
    });
    return { teams, clusters: items };
  }, [identityApi, catalogApi]);
}
