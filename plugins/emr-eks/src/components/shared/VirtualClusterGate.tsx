import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  MissingAnnotationEmptyState,
  useEntity,
} from '@backstage/plugin-catalog-react';
import {
  EMR_VIRTUAL_CLUSTER_ARN_ANNOTATION,
  isEmrVirtualClusterAvailable,
} from '@emr-eks/plugin-emr-eks-common';
import { Fragment, ReactNode } from 'react';

/**
 * Renders its children for the entity of the page when it carries the virtual
 * cluster ARN annotation, else explains how to annotate it. The children start
 * over (filters, paging) when the page shows another entity.
 */
export function VirtualClusterGate(props: {
  children: (entity: Entity) => ReactNode;
}) {
  const { entity } = useEntity();
  if (!isEmrVirtualClusterAvailable(entity)) {
    return (
      <MissingAnnotationEmptyState
        annotation={EMR_VIRTUAL_CLUSTER_ARN_ANNOTATION}
      />
    );
  }
  return (
    <Fragment key={stringifyEntityRef(entity)}>
      {props.children(entity)}
    </Fragment>
  );
}
