import TextField from '@material-ui/core/TextField';
import { useSecondaryTextClass } from './SecondaryText';

/** "Rows": how many items a server-paged table asks for at a time. */
export function PageSizeSelect(props: {
  sizes: readonly number[];
  value: number;
  onChange: (size: number) => void;
}) {
  const labelClass = useSecondaryTextClass();
  return (
    <TextField
      select
      variant="outlined"
      size="small"
      label="Rows"
      value={props.value}
      onChange={event => props.onChange(Number(event.target.value))}
      SelectProps={{ native: true }}
      InputLabelProps={{ shrink: true, className: labelClass }}
      inputProps={{ 'aria-label': 'Rows per page' }}
    >
      {props.sizes.map(size => (
        <option key={size} value={size}>
          {size}
        </option>
      ))}
    </TextField>
  );
}
