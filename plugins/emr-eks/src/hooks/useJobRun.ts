import { CompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { emrEksApiRef } from '../api';

/** Everything about one job run of an entity's virtual cluster. */
export function useJobRun(entityRef: CompoundEntityRef, jobRunId: string) {
  const api = useApi(emrEksApiRef);
  const { kind, namespace, name } = entityRef;
  return useAsyncRetry(
    () => api.getJobRun({ kind, namespace, name }, jobRunId),
    [api, kind, namespace, name, jobRunId],
  );
}
