import { CompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { emrEksApiRef } from '../api';

/** This month's spend of an entity against its budget, with the forecast. */
export function useBudget(entityRef: CompoundEntityRef) {
  const api = useApi(emrEksApiRef);
  const { kind, namespace, name } = entityRef;
  return useAsyncRetry(
    () => api.getBudget({ kind, namespace, name }),
    [api, kind, namespace, name],
  );
}
