import {
  CompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { ResourcePermission } from '@backstage/plugin-permission-common';
import { ButtonProps } from '@material-ui/core/Button';
import { ReactNode, useState } from 'react';
import { ConfirmDialog } from './ConfirmDialog';
import { PermittedButton } from './PermittedButton';

/**
 * A button for an action on the entity that needs a permission and a
 * confirmation: it opens a {@link ConfirmDialog}, which runs `action`, closes
 * once it succeeded and then hands its result to `onDone`.
 */
export function ConfirmedActionButton<T>(props: {
  permission: ResourcePermission;
  entityRef: CompoundEntityRef;
  /** Why the button is disabled when the permission is denied. */
  deniedReason: string;
  label: string;
  startIcon: ReactNode;
  size?: ButtonProps['size'];
  /** Only the icon, with the label as its name and tooltip: for narrow table cells. */
  iconOnly?: boolean;
  /** The dialog's title and text. */
  title: string;
  children: ReactNode;
  action: () => Promise<T>;
  onDone: (result: T) => void;
}) {
  const { entityRef, action, onDone } = props;
  const [open, setOpen] = useState(false);
  return (
    <>
      <PermittedButton
        permission={props.permission}
        resourceRef={stringifyEntityRef(entityRef)}
        deniedReason={props.deniedReason}
        size={props.size}
        variant="outlined"
        startIcon={props.startIcon}
        iconOnly={props.iconOnly}
        onClick={event => {
          // In a table row, the click opens the dialog and not the row.
          event.stopPropagation();
          setOpen(true);
        }}
      >
        {props.label}
      </PermittedButton>
      <ConfirmDialog
        open={open}
        title={props.title}
        onClose={() => setOpen(false)}
        onConfirm={async () => {
          const result = await action();
          setOpen(false);
          onDone(result);
        }}
      >
        {props.children}
      </ConfirmDialog>
    </>
  );
}
