import { getCompoundEntityRef } from '@backstage/catalog-model';
import { getVirtualClusterArn } from '@emr-eks/plugin-emr-eks-common';
import { VirtualClusterGate } from '../shared/VirtualClusterGate';
import { JobRunsTable } from './JobRunsTable';

/**
 * The EMR tab of a virtual-cluster entity: its job runs, or how to annotate the
 * entity when the virtual cluster ARN is missing. `?jobRun=<id>` opens that
 * run's details.
 *
 * @public
 */
export function EntityEmrJobRunsContent() {
  return (
    <VirtualClusterGate>
      {entity => (
        <JobRunsTable
          entityRef={getCompoundEntityRef(entity)}
          virtualClusterArn={getVirtualClusterArn(entity)}
        />
      )}
    </VirtualClusterGate>
  );
}
