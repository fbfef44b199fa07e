import {
  CompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import {
  ManagedEndpoint,
  emrEksEndpointDeletePermission,
} from '@emr-eks/plugin-emr-eks-common';
import DeleteIcon from '@material-ui/icons/Delete';
import { useState } from 'react';
import { emrEksApiRef } from '../../api';
import { ConfirmDialog } from '../shared/ConfirmDialog';
import { PermittedButton } from '../shared/PermittedButton';

/** Whether an endpoint in this state can still be deleted. */
export function isDeletable(endpoint: Pick<ManagedEndpoint, 'state'>) {
  return endpoint.state === 'ACTIVE' || endpoint.state === 'CREATING';
}

/**
 * "Delete endpoint", after a confirmation. Renders nothing for an endpoint that
 * is already going or gone.
 */
export function DeleteEndpointButton(props: {
  entityRef: CompoundEntityRef;
  endpoint: Pick<ManagedEndpoint, 'id' | 'name' | 'state'>;
  onDeleted: () => void;
}) {
  const { entityRef, endpoint, onDeleted } = props;
  const api = useApi(emrEksApiRef);
  const [open, setOpen] = useState(false);
  if (!isDeletable(endpoint)) {
    return null;
  }
  const label = endpoint.name ?? endpoint.id;
  return (
    <>
      <PermittedButton
        permission={emrEksEndpointDeletePermission}
        resourceRef={stringifyEntityRef(entityRef)}
        deniedReason="You are not allowed to delete endpoints of this virtual cluster."
        size="small"
        variant="outlined"
        startIcon={<DeleteIcon />}
        onClick={event => {
          event.stopPropagation();
          setOpen(true);
        }}
      >
        Delete endpoint
      </PermittedButton>
      <ConfirmDialog
        open={open}
        title={`Delete endpoint ${label}?`}
        onClose={() => setOpen(false)}
        onConfirm={async () => {
          await api.deleteEndpoint(entityRef, endpoint.id);
          setOpen(false);
          onDeleted();
        }}
      >
        EMR on EKS terminates endpoint {endpoint.id}. Notebooks attached to it
        (EMR Studio workspaces) lose their kernels. This cannot be undone.
      </ConfirmDialog>
    </>
  );
}
