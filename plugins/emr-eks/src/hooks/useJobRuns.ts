import { CompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { JobRunQuery } from '@emr-eks/plugin-emr-eks-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { emrEksApiRef } from '../api';

/**
 * One page of an entity's job runs. Pass a memoized `query`: a new object
 * means a new request.
 */
export function useJobRuns(entityRef: CompoundEntityRef, query: JobRunQuery) {
  const api = useApi(emrEksApiRef);
  const { kind, namespace, name } = entityRef;
  return useAsyncRetry(
    () => api.listJobRuns({ kind, namespace, name }, query),
    [api, kind, namespace, name, query],
  );
}
