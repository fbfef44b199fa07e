import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  MissingAnnotationEmptyState,
  useEntity,
} from '@backstage/plugin-catalog-react';
import { Fragment, ReactNode } from 'react';

/**
 * Renders its children for the entity of the page when it carries
 * `annotation`, else explains how to annotate it. The children start over
 * (filters, paging) when the page shows another entity.
 */
export function AnnotationGate(props: {
  annotation: string;
  children: (entity: Entity) => ReactNode;
}) {
  const { entity } = useEntity();
  if (!entity.metadata.annotations?.[props.annotation]) {
    return <MissingAnnotationEmptyState annotation={props.annotation} />;
  }
  return (
    <Fragment key={stringifyEntityRef(entity)}>
      {props.children(entity)}
    </Fragment>
  );
}
