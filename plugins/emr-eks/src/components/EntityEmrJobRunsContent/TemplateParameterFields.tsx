import { TemplateParameterField } from '@emr-eks/plugin-emr-eks-common';
import Grid from '@material-ui/core/Grid';
import TextField from '@material-ui/core/TextField';

function helperText(field: TemplateParameterField, error?: string) {
  if (error) {
    return error;
  }
  const kind = field.type === 'NUMBER' ? 'A number' : undefined;
  const fallback =
    field.defaultValue !== undefined
      ? `Default: ${field.defaultValue || '(empty)'}`
      : 'Required';
  return [kind, fallback].filter(Boolean).join('. ');
}

/** One text field per job template parameter, labelled by its name. */
export function TemplateParameterFields(props: {
  /** Prefix of the fields' element ids. */
  idPrefix: string;
  fields: TemplateParameterField[];
  values: Record<string, string>;
  errors: Record<string, string>;
  disabled?: boolean;
  onChange: (name: string, value: string) => void;
}) {
  const { idPrefix, fields, values, errors, disabled, onChange } = props;
  return (
    <Grid container spacing={2}>
      {fields.map((field, index) => (
        <Grid item xs={12} sm={6} key={field.name}>
          <TextField
            fullWidth
            variant="outlined"
            size="small"
            id={`${idPrefix}-${index}`}
            label={field.name}
            value={values[field.name] ?? ''}
            onChange={event => onChange(field.name, event.target.value)}
            disabled={disabled}
            error={!!errors[field.name]}
            helperText={helperText(field, errors[field.name])}
            inputProps={{
              'aria-required': field.required,
              ...(field.type === 'NUMBER' && { inputMode: 'decimal' }),
            }}
          />
        </Grid>
      ))}
    </Grid>
  );
}
