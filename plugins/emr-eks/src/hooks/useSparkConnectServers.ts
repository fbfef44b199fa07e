import { CompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { emrEksApiRef } from '../api';

/** The Spark Connect servers in an entity's namespace. */
export function useSparkConnectServers(entityRef: CompoundEntityRef) {
  const api = useApi(emrEksApiRef);
  const { kind, namespace, name } = entityRef;
  return useAsyncRetry(
    () => api.listSparkConnectServers({ kind, namespace, name }),
    [api, kind, namespace, name],
  );
}
