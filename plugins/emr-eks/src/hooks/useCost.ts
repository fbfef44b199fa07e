import { CompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { CostQuery, emrEksApiRef } from '../api';

/**
 * The cost report of an entity (a virtual cluster, or a Group's virtual
 * clusters) or of one job run. Pass a memoized `query`: a new object means a
 * new request.
 */
export function useCost(entityRef: CompoundEntityRef, query: CostQuery) {
  const api = useApi(emrEksApiRef);
  const { kind, namespace, name } = entityRef;
  return useAsyncRetry(
    () => api.getCost({ kind, namespace, name }, query),
    [api, kind, namespace, name, query],
  );
}
