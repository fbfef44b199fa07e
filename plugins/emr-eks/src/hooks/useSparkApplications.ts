import { CompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { emrEksApiRef } from '../api';

/** The Spark Operator and spark-submit runs in an entity's namespace. */
export function useSparkApplications(entityRef: CompoundEntityRef) {
  const api = useApi(emrEksApiRef);
  const { kind, namespace, name } = entityRef;
  return useAsyncRetry(
    () => api.listSparkApplications({ kind, namespace, name }),
    [api, kind, namespace, name],
  );
}

/** One Spark application: spec, events, links. */
export function useSparkApplication(entityRef: CompoundEntityRef, id: string) {
  const api = useApi(emrEksApiRef);
  const { kind, namespace, name } = entityRef;
  return useAsyncRetry(
    () => api.getSparkApplication({ kind, namespace, name }, id),
    [api, kind, namespace, name, id],
  );
}

/** The tail of a Spark application's driver log. */
export function useSparkDriverLog(
  entityRef: CompoundEntityRef,
  id: string,
  tailLines: number,
) {
  const api = useApi(emrEksApiRef);
  const { kind, namespace, name } = entityRef;
  return useAsyncRetry(
    () => api.getSparkDriverLog({ kind, namespace, name }, id, tailLines),
    [api, kind, namespace, name, id, tailLines],
  );
}

/** The Spark application templates the team saved for an entity's virtual cluster. */
export function useSparkApplicationTemplates(entityRef: CompoundEntityRef) {
  const api = useApi(emrEksApiRef);
  const { kind, namespace, name } = entityRef;
  return useAsyncRetry(
    () => api.listSparkApplicationTemplates({ kind, namespace, name }),
    [api, kind, namespace, name],
  );
}
