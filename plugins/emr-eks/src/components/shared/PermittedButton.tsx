import { ResourcePermission } from '@backstage/plugin-permission-common';
import { usePermission } from '@backstage/plugin-permission-react';
import Button, { ButtonProps } from '@material-ui/core/Button';
import Tooltip from '@material-ui/core/Tooltip';

/**
 * A button for an action that needs a permission on the entity. While the
 * permission is being checked it is disabled; when the permission is denied
 * (or cannot be checked) it stays disabled and a tooltip says why.
 */
export function PermittedButton(
  props: ButtonProps & {
    permission: ResourcePermission;
    /** The entity the action is on, as a full entity ref. */
    resourceRef: string;
    /** Why the button is disabled when the permission is denied. */
    deniedReason: string;
  },
) {
  const { permission, resourceRef, deniedReason, disabled, ...buttonProps } =
    props;
  const { allowed, loading, error } = usePermission({
    permission,
    resourceRef,
  });
  const button = (
    <Button {...buttonProps} disabled={disabled || loading || !allowed} />
  );
  if (loading || allowed) {
    return button;
  }
  // A disabled button fires no mouse events; the span carries the tooltip.
  return (
    <Tooltip
      title={
        error
          ? `Could not check your permission: ${error.message}`
          : deniedReason
      }
    >
      <span>{button}</span>
    </Tooltip>
  );
}
