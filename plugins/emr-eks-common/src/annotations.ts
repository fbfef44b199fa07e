import { Entity } from '@backstage/catalog-model';

/**
 * Annotation holding the ARN of the EMR on EKS virtual cluster an entity stands for,
 * e.g. `arn:aws:emr-containers:us-east-1:123456789012:/virtualclusters/abc123`.
 * Region and account are read from the ARN.
 *
 * @public
 */
export const EMR_VIRTUAL_CLUSTER_ARN_ANNOTATION =
  'aws.amazon.com/emr-virtual-cluster-arn';

/**
 * Catalog `spec.type` of Resource entities that are EMR on EKS virtual clusters.
 *
 * @public
 */
export const EMR_VIRTUAL_CLUSTER_RESOURCE_TYPE = 'emr-virtual-cluster';

/** @public */
export function getVirtualClusterArn(entity: Entity): string | undefined {
  return entity.metadata.annotations?.[EMR_VIRTUAL_CLUSTER_ARN_ANNOTATION];
}

/** @public */
export function isEmrVirtualClusterAvailable(entity: Entity): boolean {
  return Boolean(getVirtualClusterArn(entity));
}

/**
 * Annotation holding the ARN of an EMR on EKS managed (interactive) endpoint.
 *
 * @public
 */
export const EMR_MANAGED_ENDPOINT_ARN_ANNOTATION =
  'aws.amazon.com/emr-managed-endpoint-arn';

/**
 * Catalog `spec.type` of Resource entities that are EMR on EKS managed endpoints.
 *
 * @public
 */
export const EMR_MANAGED_ENDPOINT_RESOURCE_TYPE = 'emr-managed-endpoint';

/**
 * AWS tag on a job template that ties it to one virtual cluster (its id). The portal offers
 * a tagged template only on that virtual cluster, and a new onboarding reuses it.
 *
 * @public
 */
export const JOB_TEMPLATE_VIRTUAL_CLUSTER_TAG = 'virtual-cluster-id';

/**
 * Annotation holding the ARN of the EMR Serverless application an entity stands for,
 * e.g. `arn:aws:emr-serverless:us-east-1:123456789012:/applications/00fabc123`.
 * Region and account are read from the ARN.
 *
 * @public
 */
export const EMR_SERVERLESS_APPLICATION_ARN_ANNOTATION =
  'aws.amazon.com/emr-serverless-application-arn';

/**
 * Catalog `spec.type` of Resource entities that are EMR Serverless applications.
 *
 * @public
 */
export const EMR_SERVERLESS_APPLICATION_RESOURCE_TYPE =
  'emr-serverless-application';

/** @public */
export function getServerlessApplicationArn(
  entity: Entity,
): string | undefined {
  return entity.metadata.annotations?.[
    EMR_SERVERLESS_APPLICATION_ARN_ANNOTATION
  ];
}

/** @public */
export function isEmrServerlessApplicationAvailable(entity: Entity): boolean {
  return Boolean(getServerlessApplicationArn(entity));
}
