import { CompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { emrEksApiRef } from '../api';

/** The job templates runs of an entity's virtual cluster can start from. */
export function useJobTemplates(entityRef: CompoundEntityRef) {
  const api = useApi(emrEksApiRef);
  const { kind, namespace, name } = entityRef;
  return useAsyncRetry(
    () => api.listJobTemplates({ kind, namespace, name }),
    [api, kind, namespace, name],
  );
}
