import { CompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { EndpointQuery, emrEksApiRef } from '../api';

/**
 * One page of the managed endpoints of an entity's virtual cluster. Pass a
 * memoized `query`: a new object means a new request.
 */
export function useEndpoints(
  entityRef: CompoundEntityRef,
  query: EndpointQuery,
) {
  const api = useApi(emrEksApiRef);
  const { kind, namespace, name } = entityRef;
  return useAsyncRetry(
    () => api.listEndpoints({ kind, namespace, name }, query),
    [api, kind, namespace, name, query],
  );
}
