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
  isEmrVirtualClusterAvailable,
} from '@emr-eks/plugin-emr-eks-common';
import { EndpointsTable } from './EndpointsTable';

/**
 * The "EMR endpoints" tab of a virtual-cluster entity: its managed endpoints,
 * or how to annotate the entity when the virtual cluster ARN is missing.
 *
 * @public
 */
export function EntityEmrEndpointsContent() {
  const { entity } = useEntity();
  if (!isEmrVirtualClusterAvailable(entity)) {
    return (
      <MissingAnnotationEmptyState
        annotation={EMR_VIRTUAL_CLUSTER_ARN_ANNOTATION}
      />
    );
  }
  return (
    <EndpointsTable
      key={stringifyEntityRef(entity)}
      entityRef={getCompoundEntityRef(entity)}
    />
  );
}
