import {
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  MissingAnnotationEmptyState,
  useEntity,
} from '@backstage/plugin-catalog-react';
import {
  EMR_VIRTUAL_CLUSTER_ARN_ANNOTATION,
  getVirtualClusterArn,
  isEmrVirtualClusterAvailable,
} from '@emr-eks/plugin-emr-eks-common';
import { JobRunsTable } from './JobRunsTable';

/**
 * The EMR tab of a virtual-cluster entity: its job runs, or how to annotate the
 * entity when the virtual cluster ARN is missing.
 *
 * @public
 */
export function EntityEmrJobRunsContent() {
  const { entity } = useEntity();
  if (!isEmrVirtualClusterAvailable(entity)) {
    return (
      <MissingAnnotationEmptyState
        annotation={EMR_VIRTUAL_CLUSTER_ARN_ANNOTATION}
      />
    );
  }
  return (
    // A new entity starts over: no filter, first page.
    <JobRunsTable
      key={stringifyEntityRef(entity)}
      entityRef={getCompoundEntityRef(entity)}
      virtualClusterArn={getVirtualClusterArn(entity)}
    />
  );
}
