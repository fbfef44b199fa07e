import { CompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import {
  ManagedEndpoint,
  emrEksEndpointDeletePermission,
} from '@emr-eks/plugin-emr-eks-common';
import DeleteIcon from '@material-ui/icons/Delete';
import { emrEksApiRef } from '../../api';
import { ConfirmedActionButton } from '../shared/ConfirmedActionButton';

/** Whether an endpoint in this state can still be deleted. */
export function isDeletable(endpoint: Pick<ManagedEndpoint, 'state'>) {
  return endpoint.state === 'ACTIVE' || endpoint.state === 'CREATING';
}

/**
 * "Delete endpoint" (an icon with that name and tooltip), after a confirmation. Renders nothing for an endpoint that
 * is already going or gone.
 */
export function DeleteEndpointButton(props: {
  entityRef: CompoundEntityRef;
  endpoint: Pick<ManagedEndpoint, 'id' | 'name' | 'state'>;
  onDeleted: () => void;
}) {
  const { entityRef, endpoint, onDeleted } = props;
  const api = useApi(emrEksApiRef);
  if (!isDeletable(endpoint)) {
    return null;
  }
  return (
    <ConfirmedActionButton
      permission={emrEksEndpointDeletePermission}
      entityRef={entityRef}
      deniedReason="You are not allowed to delete endpoints of this virtual cluster."
      label="Delete endpoint"
      startIcon={<DeleteIcon fontSize="small" />}
      iconOnly
      title={`Delete endpoint ${endpoint.name ?? endpoint.id}?`}
      action={() => api.deleteEndpoint(entityRef, endpoint.id)}
      onDone={onDeleted}
    >
      EMR on EKS terminates endpoint {endpoint.id}. Notebooks attached to it
      (EMR Studio workspaces) lose their kernels. This cannot be undone.
    </ConfirmedActionButton>
  );
}
