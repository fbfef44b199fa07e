import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';

/**
 * The Resource entities of one `spec.type` a group owns, by name. `groupRef` is
 * the group's full entity ref, as in `relations.ownedBy`.
 */
export function useTeamResources(groupRef: string, type: string) {
  const catalogApi = useApi(catalogApiRef);
  return useAsyncRetry(async () => {
    const { items } = await catalogApi.getEntities({
      filter: {
        kind: 'resource',
        'spec.type': type,
        'relations.ownedBy': groupRef,
      },
      order: { field: 'metadata.name', order: 'asc' },
    });
    return items;
  }, [catalogApi, groupRef, type]);
}
