import { ResourcePermission } from '@backstage/plugin-permission-common';
import { usePermission } from '@backstage/plugin-permission-react';
import Button, { ButtonProps } from '@material-ui/core/Button';
import IconButton from '@material-ui/core/IconButton';
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
    /**
     * Only `startIcon`, with `children` (a plain label) as its accessible name
     * and its tooltip.
     */
    iconOnly?: boolean;
  },
) {
  const {
    permission,
    resourceRef,
    deniedReason,
    disabled,
    iconOnly,
    ...buttonProps
  } = props;
  const { allowed, loading, error } = usePermission({
    permission,
    resourceRef,
  });
  const off = disabled || loading || !allowed;
  const label =
    typeof buttonProps.children === 'string' ? buttonProps.children : undefined;
  const button = iconOnly ? (
    <IconButton
      size="small"
      aria-label={label}
      onClick={buttonProps.onClick}
      disabled={off}
    >
      {buttonProps.startIcon}
    </IconButton>
  ) : (
    <Button {...buttonProps} disabled={off} />
  );
  if (loading || allowed) {
    // A disabled button takes no tooltip; an icon needs one once it is usable.
    return iconOnly && !off ? (
      <Tooltip title={label ?? ''}>{button}</Tooltip>
    ) : (
      button
    );
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
