import { getCompoundEntityRef } from '@backstage/catalog-model';
import { VirtualClusterGate } from '../shared/VirtualClusterGate';
import { EndpointsTable } from './EndpointsTable';

/**
 * The "EMR endpoints" tab of a virtual-cluster entity: its managed endpoints,
 * or how to annotate the entity when the virtual cluster ARN is missing.
 *
 * @public
 */
export function EntityEmrEndpointsContent() {
  return (
    <VirtualClusterGate>
      {entity => <EndpointsTable entityRef={getCompoundEntityRef(entity)} />}
    </VirtualClusterGate>
  );
}
