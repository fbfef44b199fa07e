import { CompoundEntityRef } from '@backstage/catalog-model';
import { createApiRef } from '@backstage/core-plugin-api';
import { JobRunPage, JobRunQuery } from '@emr-eks/plugin-emr-eks-common';

/**
 * Reads Amazon EMR on EKS data for catalog entities through the emr-eks backend.
 *
 * @public
 */
export interface EmrEksApi {
  /**
   * Lists one page of the job runs of the virtual cluster an entity stands for,
   * newest first. Pass the `nextToken` of a page to get the page after it.
   */
  listJobRuns(
    entityRef: CompoundEntityRef,
    query?: JobRunQuery,
  ): Promise<JobRunPage>;
}

/** @public */
export const emrEksApiRef = createApiRef<EmrEksApi>({
  id: 'plugin.emr-eks.service',
});
