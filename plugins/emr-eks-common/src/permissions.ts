import { createPermission } from '@backstage/plugin-permission-common';
import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';

/**
 * Read the job runs, job templates and virtual cluster of an entity.
 *
 * @public
 */
export const emrEksJobRunReadPermission = createPermission({
  name: 'emr-eks.job-run.read',
  attributes: { action: 'read' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Start a job run (from a template, or as a rerun) on an entity's virtual cluster.
 *
 * @public
 */
export const emrEksJobRunStartPermission = createPermission({
  name: 'emr-eks.job-run.start',
  attributes: { action: 'create' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Cancel a job run on an entity's virtual cluster.
 *
 * @public
 */
export const emrEksJobRunCancelPermission = createPermission({
  name: 'emr-eks.job-run.cancel',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Read the managed endpoints of an entity's virtual cluster.
 *
 * @public
 */
export const emrEksEndpointReadPermission = createPermission({
  name: 'emr-eks.endpoint.read',
  attributes: { action: 'read' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Delete a managed endpoint of an entity's virtual cluster.
 *
 * @public
 */
export const emrEksEndpointDeletePermission = createPermission({
  name: 'emr-eks.endpoint.delete',
  attributes: { action: 'delete' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Read the cost of an entity: a virtual-cluster Resource, or a Group's virtual clusters.
 *
 * @public
 */
export const emrEksCostReadPermission = createPermission({
  name: 'emr-eks.cost.read',
  attributes: { action: 'read' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Platform administration of EMR on EKS tenants: provisioning for any team, adopting a
 * namespace the portal did not create, and seeing cost that no team can be charged with.
 * A basic permission, decided by the policy from the user alone (for example, members of
 * the platform team).
 *
 * @public
 */
export const emrEksTenantAdminPermission = createPermission({
  name: 'emr-eks.tenant.admin',
  attributes: {},
});

/** Every permission of the EMR on EKS plugins. @public */
export const emrEksPermissions = [
  emrEksJobRunReadPermission,
  emrEksJobRunStartPermission,
  emrEksJobRunCancelPermission,
  emrEksEndpointReadPermission,
  emrEksEndpointDeletePermission,
  emrEksCostReadPermission,
  emrEksTenantAdminPermission,
];
