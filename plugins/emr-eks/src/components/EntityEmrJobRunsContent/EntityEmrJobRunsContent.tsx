import { getCompoundEntityRef } from '@backstage/catalog-model';
import { getVirtualClusterArn } from '@emr-eks/plugin-emr-eks-common';
import { VirtualClusterGate } from '../shared/VirtualClusterGate';
import Box from '@material-ui/core/Box';
import { JobRunsTable } from './JobRunsTable';
import { SparkApplicationsSection } from './SparkApplicationsSection';
import { SparkConnectSection } from './SparkConnectSection';

/**
 * The EMR tab of a virtual-cluster entity: its job runs and, below them, the
 * Spark Operator and spark-submit runs of its namespace and its Spark Connect
 * servers; or how to annotate the entity when the virtual cluster ARN is
 * missing. `?jobRun=<id>` opens that run's details.
 *
 * @public
 */
export function EntityEmrJobRunsContent() {
  return (
    <VirtualClusterGate>
      {entity => (
        <Box display="flex" flexDirection="column" gridGap={24}>
          <JobRunsTable
            entityRef={getCompoundEntityRef(entity)}
            virtualClusterArn={getVirtualClusterArn(entity)}
          />
          <SparkApplicationsSection entityRef={getCompoundEntityRef(entity)} />
          <SparkConnectSection entityRef={getCompoundEntityRef(entity)} />
        </Box>
      )}
    </VirtualClusterGate>
  );
}
