import {
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { EmptyState } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  EMR_SERVERLESS_APPLICATION_RESOURCE_TYPE,
  EMR_VIRTUAL_CLUSTER_RESOURCE_TYPE,
} from '@emr-eks/plugin-emr-eks-common';
import { VirtualClusterGate } from '../shared/VirtualClusterGate';
import Box from '@material-ui/core/Box';
import { BudgetBar } from './BudgetBar';
import { CostReportView } from './CostReportView';

/** @public */
export interface EntityEmrCostContentProps {
  /**
   * Path of the EMR tab on a virtual cluster's page, where the most expensive
   * runs link to; `emr` unless the app mounts the tab elsewhere.
   */
  emrTabPath?: string;
}

/**
 * The Cost tab: EMR on EKS cost of a virtual-cluster Resource, EMR Serverless
 * cost of an application Resource, or of every virtual cluster and application
 * a Group owns.
 *
 * @public
 */
export function EntityEmrCostContent(props: EntityEmrCostContentProps) {
  const { emrTabPath = 'emr' } = props;
  const { entity } = useEntity();
  const kind = entity.kind.toLocaleLowerCase('en-US');

  if (kind === 'group') {
    return (
      <>
        <Box mb={2}>
          <BudgetBar entityRef={getCompoundEntityRef(entity)} />
        </Box>
        <CostReportView
          key={stringifyEntityRef(entity)}
          entityRef={getCompoundEntityRef(entity)}
          emrTabPath={emrTabPath}
        />
      </>
    );
  }
  if (
    kind === 'resource' &&
    entity.spec?.type === EMR_VIRTUAL_CLUSTER_RESOURCE_TYPE
  ) {
    return (
      <VirtualClusterGate>
        {cluster => (
          <>
            <Box mb={2}>
              <BudgetBar entityRef={getCompoundEntityRef(cluster)} />
            </Box>
            <CostReportView
              entityRef={getCompoundEntityRef(cluster)}
              virtualClusterRef={stringifyEntityRef(cluster)}
              emrTabPath={emrTabPath}
            />
          </>
        )}
      </VirtualClusterGate>
    );
  }
  if (
    kind === 'resource' &&
    entity.spec?.type === EMR_SERVERLESS_APPLICATION_RESOURCE_TYPE
  ) {
    // The backend checks the application ARN annotation and names what is wrong.
    return (
      <>
        <Box mb={2}>
          <BudgetBar entityRef={getCompoundEntityRef(entity)} />
        </Box>
        <CostReportView
          key={stringifyEntityRef(entity)}
          entityRef={getCompoundEntityRef(entity)}
          serverlessApplicationRef={stringifyEntityRef(entity)}
          emrTabPath={emrTabPath}
        />
      </>
    );
  }
  return (
    <EmptyState
      missing="info"
      title="No EMR on EKS cost for this entity"
      description={`Cost is shown for Resources of type ${EMR_VIRTUAL_CLUSTER_RESOURCE_TYPE} or ${EMR_SERVERLESS_APPLICATION_RESOURCE_TYPE} and for Groups.`}
    />
  );
}
