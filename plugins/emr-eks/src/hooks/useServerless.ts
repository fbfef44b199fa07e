import { CompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { ServerlessJobRunQuery } from '@emr-eks/plugin-emr-eks-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { emrEksApiRef } from '../api';

/*
 * One hook per EMR Serverless read, each for the entity that stands for the
 * application. The entity ref is taken apart so that a new object for the same
 * entity is not a new request.
 */

/** The application's state, capacity and settings. */
export function useServerlessApplication(entityRef: CompoundEntityRef) {
  const api = useApi(emrEksApiRef);
  const { kind, namespace, name } = entityRef;
  return useAsyncRetry(
    () => api.getServerlessApplication({ kind, namespace, name }),
    [api, kind, namespace, name],
  );
}

/**
 * One page of the application's job runs. Pass a memoized `query`: a new
 * object means a new request.
 */
export function useServerlessJobRuns(
  entityRef: CompoundEntityRef,
  query: ServerlessJobRunQuery,
) {
  const api = useApi(emrEksApiRef);
  const { kind, namespace, name } = entityRef;
  return useAsyncRetry(
    () => api.listServerlessJobRuns({ kind, namespace, name }, query),
    [api, kind, namespace, name, query],
  );
}

/** Everything about one job run of the application. */
export function useServerlessJobRun(
  entityRef: CompoundEntityRef,
  jobRunId: string,
) {
  const api = useApi(emrEksApiRef);
  const { kind, namespace, name } = entityRef;
  return useAsyncRetry(
    () => api.getServerlessJobRun({ kind, namespace, name }, jobRunId),
    [api, kind, namespace, name, jobRunId],
  );
}

/** The job definitions the team saved for the application. */
export function useServerlessJobDefinitions(entityRef: CompoundEntityRef) {
  const api = useApi(emrEksApiRef);
  const { kind, namespace, name } = entityRef;
  return useAsyncRetry(
    () => api.listServerlessJobDefinitions({ kind, namespace, name }),
    [api, kind, namespace, name],
  );
}
