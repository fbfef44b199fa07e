import { CompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { emrEksApiRef } from '../api';
import { isCostNotConfigured } from '../components/shared/describeError';

/** The first of this month to today, as the backend's inclusive `YYYY-MM-DD` dates (UTC). */
export function monthToDate(now: Date = new Date()) {
  const today = now.toISOString().slice(0, 10);
  return { start: `${today.slice(0, 8)}01`, end: today };
}

/**
 * What an entity's virtual clusters cost this month so far. `undefined` (not
 * an error) when the portal has no cost configured.
 */
export function useMonthToDateCost(entityRef: CompoundEntityRef) {
  const api = useApi(emrEksApiRef);
  const { kind, namespace, name } = entityRef;
  return useAsyncRetry(async () => {
    try {
      const report = await api.getCost(
        { kind, namespace, name },
        monthToDate(),
      );
      return { report };
    } catch (error) {
      if (isCostNotConfigured(error as Error)) {
        return { report: undefined };
      }
      throw error;
    }
  }, [api, kind, namespace, name]);
}
