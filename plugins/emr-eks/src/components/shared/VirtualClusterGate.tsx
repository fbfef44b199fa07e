import { Entity } from '@backstage/catalog-model';
import { EMR_VIRTUAL_CLUSTER_ARN_ANNOTATION } from '@emr-eks/plugin-emr-eks-common';
import { ReactNode } from 'react';
import { AnnotationGate } from './AnnotationGate';

/**
 * Renders its children for the entity of the page when it carries the virtual
 * cluster ARN annotation, else explains how to annotate it. The children start
 * over (filters, paging) when the page shows another entity.
 */
export function VirtualClusterGate(props: {
  children: (entity: Entity) => ReactNode;
}) {
  return (
    <AnnotationGate annotation={EMR_VIRTUAL_CLUSTER_ARN_ANNOTATION}>
      {props.children}
    </AnnotationGate>
  );
}
