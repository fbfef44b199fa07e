import { getCompoundEntityRef } from '@backstage/catalog-model';
import {
  EMR_SERVERLESS_APPLICATION_ARN_ANNOTATION,
  getServerlessApplicationArn,
} from '@emr-eks/plugin-emr-eks-common';
import { AnnotationGate } from '../shared/AnnotationGate';
import { ServerlessJobRunsTable } from './ServerlessJobRunsTable';

/**
 * The EMR Serverless tab of an application entity: its job runs, or how to
 * annotate the entity when the application ARN is missing. `?jobRun=<id>`
 * opens that run's details.
 *
 * @public
 */
export function EntityEmrServerlessContent() {
  return (
    <AnnotationGate annotation={EMR_SERVERLESS_APPLICATION_ARN_ANNOTATION}>
      {entity => (
        <ServerlessJobRunsTable
          entityRef={getCompoundEntityRef(entity)}
          applicationArn={getServerlessApplicationArn(entity)}
        />
      )}
    </AnnotationGate>
  );
}
