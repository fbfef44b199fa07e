import { createPermission } from '@backstage/plugin-permission-common';
import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';

/**
 * Read the job runs of a virtual-cluster entity.
 *
 * @public
 */
export const emrEksJobRunReadPermission = createPermission({
  name: 'emr-eks.job-run.read',
  attributes: { action: 'read' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/** Every permission of the EMR on EKS plugins. @public */
export const emrEksPermissions = [emrEksJobRunReadPermission];
