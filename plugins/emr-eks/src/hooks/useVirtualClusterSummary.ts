import { CompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { emrEksApiRef } from '../api';

/** Running and recently failed job run counts of an entity's virtual cluster. */
export function useVirtualClusterSummary(entityRef: CompoundEntityRef) {
  const api = useApi(emrEksApiRef);
  const { kind, namespace, name } = entityRef;
  return useAsyncRetry(
    () => api.getVirtualClusterSummary({ kind, namespace, name }),
    [api, kind, namespace, name],
  );
}
