import {
  CompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { Progress } from '@backstage/core-components';
import { emrEksJobRunStartPermission } from '@emr-eks/plugin-emr-eks-common';
import TextField from '@material-ui/core/TextField';
import PlayArrowIcon from '@material-ui/icons/PlayArrow';
import Alert from '@material-ui/lab/Alert';
import { ReactNode, useState } from 'react';
import { ConfirmDialog } from './ConfirmDialog';
import { describeError } from './describeError';
import { PermittedButton } from './PermittedButton';
import { useElementId } from './useElementId';

/** What a saved item must have: its name is what the select offers and starts. */
export interface SavedItem {
  name: string;
}

/** The words of one start button and its dialog. */
export interface StartFromSavedWords {
  /** The button's text and accessible name. */
  button: string;
  /** The button's tooltip when the start permission is denied. */
  deniedReason: string;
  /** The dialog's title and accessible name. */
  dialogTitle: string;
  /** The dialog's button that starts. */
  confirm: string;
  /** The select's label and accessible name. */
  select: string;
  /** The select's first, disabled option. */
  placeholder: string;
  /** Said before the reason when the saved items cannot be loaded. */
  loadFailed: string;
  /** Shown instead of the select when nothing is saved. */
  noneSaved: ReactNode;
}

function SavedItemFields<Item extends SavedItem>(props: {
  entityRef: CompoundEntityRef;
  words: StartFromSavedWords;
  useItems: StartFromSavedProps<Item, unknown>['useItems'];
  describe: (item: Item) => ReactNode;
  extraFields?: ReactNode;
  chosen: string;
  onChoose: (name: string) => void;
}) {
  const { words, useItems } = props;
  const fieldId = useElementId('emr-start-from-saved');
  const saved = useItems(props.entityRef);
  if (saved.error) {
    return (
      <Alert severity="error">
        {words.loadFailed} {describeError(saved.error)}
      </Alert>
    );
  }
  if (!saved.value) {
    return <Progress />;
  }
  const items = saved.value.items;
  if (items.length === 0) {
    return <Alert severity="info">{words.noneSaved}</Alert>;
  }
  const chosen = items.find(item => item.name === props.chosen);
  return (
    <>
      <TextField
        select
        fullWidth
        variant="outlined"
        margin="normal"
        id={fieldId}
        label={words.select}
        value={props.chosen}
        onChange={event => props.onChoose(event.target.value)}
        SelectProps={{ native: true }}
        InputLabelProps={{ shrink: true }}
      >
        <option value="" disabled>
          {words.placeholder}
        </option>
        {items.map(item => (
          <option key={item.name} value={item.name}>
            {item.name}
          </option>
        ))}
      </TextField>
      {chosen && props.describe(chosen)}
      {props.extraFields}
    </>
  );
}

export interface StartFromSavedProps<Item extends SavedItem, Started> {
  entityRef: CompoundEntityRef;
  words: StartFromSavedWords;
  /**
   * Loads the team's saved items; a hook, called only while the dialog is
   * open, so pass the same module-level hook on every render.
   */
  useItems: (entityRef: CompoundEntityRef) => {
    value?: { items: Item[] };
    error?: Error;
  };
  /** What the chosen item runs, shown under the select. */
  describe: (item: Item) => ReactNode;
  /** The caller's own fields under the choice (say, a run name). */
  extraFields?: ReactNode;
  /** Starts the chosen item; a rejection is shown in the dialog. */
  start: (name: string) => Promise<Started>;
  onStarted: (started: Started) => void;
  /** Clears the caller's own fields when the dialog closes. */
  onClose?: () => void;
}

/**
 * A permission-gated button whose dialog starts one of the team's saved items
 * (a Spark application template, an EMR Serverless job definition). The two
 * differ only in words, loading, summary and API call, so the dialog's
 * behaviour — Start disabled until a choice, the backend's refusal kept in the
 * open dialog, the choice cleared on close — is written once here.
 */
export function StartFromSavedButton<Item extends SavedItem, Started>(
  props: StartFromSavedProps<Item, Started>,
) {
  const { entityRef, words, start, onStarted, onClose } = props;
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState('');
  const close = () => {
    setOpen(false);
    setChosen('');
    onClose?.();
  };
  return (
    <>
      <PermittedButton
        permission={emrEksJobRunStartPermission}
        resourceRef={stringifyEntityRef(entityRef)}
        deniedReason={words.deniedReason}
        variant="contained"
        color="primary"
        startIcon={<PlayArrowIcon />}
        onClick={() => setOpen(true)}
      >
        {words.button}
      </PermittedButton>
      <ConfirmDialog
        open={open}
        title={words.dialogTitle}
        confirmLabel={words.confirm}
        confirmDisabled={!chosen}
        onClose={close}
        onConfirm={async () => {
          const started = await start(chosen);
          close();
          onStarted(started);
        }}
      >
        {open && (
          <SavedItemFields
            entityRef={entityRef}
            words={words}
            useItems={props.useItems}
            describe={props.describe}
            extraFields={props.extraFields}
            chosen={chosen}
            onChoose={setChosen}
          />
        )}
      </ConfirmDialog>
    </>
  );
}
