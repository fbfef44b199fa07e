import IconButton from '@material-ui/core/IconButton';
import Tooltip from '@material-ui/core/Tooltip';
import RefreshIcon from '@material-ui/icons/Refresh';

/** The "Refresh" icon button; disabled while a request is under way. */
export function RefreshButton(props: {
  onClick: () => void;
  disabled?: boolean;
}) {
  return (
    <Tooltip title="Refresh">
      {/* A disabled button fires no mouse events; the span carries the tooltip. */}
      <span>
        <IconButton
          aria-label="Refresh"
          onClick={props.onClick}
          disabled={props.disabled}
        >
          <RefreshIcon />
        </IconButton>
      </span>
    </Tooltip>
  );
}
