import { JOB_RUN_STATES, JobRunState } from '@emr-eks/plugin-emr-eks-common';
import Checkbox from '@material-ui/core/Checkbox';
import TextField from '@material-ui/core/TextField';
import CheckBoxIcon from '@material-ui/icons/CheckBox';
import CheckBoxOutlineBlankIcon from '@material-ui/icons/CheckBoxOutlineBlank';
import Autocomplete from '@material-ui/lab/Autocomplete';
import { useSecondaryTextClass } from '../shared/SecondaryText';

/**
 * Multi-select of job run states; none selected means all states. `options`
 * are EMR on EKS's states unless given (EMR Serverless has its own).
 */
export function JobRunStateFilter<S extends string = JobRunState>(props: {
  value: S[];
  onChange: (states: S[]) => void;
  options?: readonly S[];
}) {
  const { value, onChange } = props;
  const options =
    props.options ?? (JOB_RUN_STATES as readonly string[] as readonly S[]);
  const labelClass = useSecondaryTextClass();
  return (
    <Autocomplete<S, true, false, false>
      multiple
      disableCloseOnSelect
      openOnFocus
      size="small"
      options={[...options]}
      value={value}
      onChange={(_event, states) => onChange(states)}
      renderOption={(option, { selected }) => (
        <>
          <Checkbox
            icon={<CheckBoxOutlineBlankIcon fontSize="small" />}
            checkedIcon={<CheckBoxIcon fontSize="small" />}
            checked={selected}
            size="small"
            tabIndex={-1}
            inputProps={{ 'aria-hidden': true }}
          />
          {option}
        </>
      )}
      renderInput={params => (
        <TextField
          {...params}
          variant="outlined"
          label="State"
          InputLabelProps={{ ...params.InputLabelProps, className: labelClass }}
          placeholder={value.length === 0 ? 'All states' : undefined}
        />
      )}
    />
  );
}
