import { CompoundEntityRef, Entity } from '@backstage/catalog-model';
import { useEntityRefLink } from '@backstage/plugin-catalog-react';

/** The search parameter of the EMR tab that opens a job run's details. */
export const JOB_RUN_SEARCH_PARAM = 'jobRun';

/**
 * Builds links to the EMR tab of a virtual cluster's entity page, optionally
 * opening one job run's details there.
 */
export function useEmrTabLink() {
  const entityLink = useEntityRefLink();
  return (
    entityRef: Entity | CompoundEntityRef | string,
    emrTabPath: string,
    jobRunId?: string,
  ) => {
    const base = `${entityLink(entityRef).replace(
      /\/$/,
      '',
    )}/${emrTabPath.replace(/^\/+/, '')}`;
    return jobRunId
      ? `${base}?${new URLSearchParams({ [JOB_RUN_SEARCH_PARAM]: jobRunId })}`
      : base;
  };
}
