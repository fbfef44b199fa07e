import IconButton from '@material-ui/core/IconButton';
import Tooltip from '@material-ui/core/Tooltip';
import RefreshIcon from '@material-ui/icons/Refresh';

/** The "Refresh" icon button; disabled while a request is under way. */
export function RefreshButton(props: {
  onClick: () => void;
  disabled?: boolean;
  /** Its name where a page has several: "Refresh Spark applications". */
  label?: string;
}) {
  const label = props.label ?? 'Refresh';
  return (
    <Tooltip title={label}>
      {/* A disabled button fires no mouse events; the span carries the tooltip. */}
      <span>
        <IconButton
          aria-label={label}
          onClick={props.onClick}
          disabled={props.disabled}
        >
          <RefreshIcon />
        </IconButton>
      </span>
    </Tooltip>
  );
}
