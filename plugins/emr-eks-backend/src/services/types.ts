import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import { JobRunPage, JobRunQuery } from '@emr-eks/plugin-emr-eks-common';

/** What every entity-scoped request carries. @public */
export interface EntityRequest {
  entityRef: CompoundEntityRef;
  credentials: BackstageCredentials;
}

/**
 * EMR on EKS data for catalog entities, served only to callers who may see the entity.
 *
 * @public
 */
export interface EmrEksService {
  listJobRuns(
    request: EntityRequest & { query: JobRunQuery },
  ): Promise<JobRunPage>;
}
