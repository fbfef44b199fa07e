import { CompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { emrEksApiRef } from '../api';

/** One job template with its parameters; nothing while no id is chosen. */
export function useJobTemplate(
  entityRef: CompoundEntityRef,
  templateId: string | undefined,
) {
  const api = useApi(emrEksApiRef);
  const { kind, namespace, name } = entityRef;
  return useAsyncRetry(
    async () =>
      templateId
        ? api.getJobTemplate({ kind, namespace, name }, templateId)
        : undefined,
    [api, kind, namespace, name, templateId],
  );
}
