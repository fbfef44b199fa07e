import { Entity } from '@backstage/catalog-model';
import {
  isEmrServerlessApplicationAvailable,
  isEmrVirtualClusterAvailable,
} from '@emr-eks/plugin-emr-eks-common';

/**
 * Whether an entity gets the Cost tab: a Group, or a Resource that carries the
 * virtual cluster or EMR Serverless application ARN annotation. For the `if` of a legacy entity page route.
 *
 * @public
 */
export function isEmrCostAvailable(entity: Entity): boolean {
  return (
    entity.kind.toLocaleLowerCase('en-US') === 'group' ||
    isEmrVirtualClusterAvailable(entity) ||
    isEmrServerlessApplicationAvailable(entity)
  );
}
