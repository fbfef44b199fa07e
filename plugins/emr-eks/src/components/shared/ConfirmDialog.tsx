import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import Alert from '@material-ui/lab/Alert';
import { ReactNode, useState } from 'react';
import { describeError } from './describeError';
import { useElementId } from './useElementId';

/**
 * Asks before an action that changes something in AWS. The dialog stays open
 * while the action runs and shows its error if it fails; closing after
 * success is up to `onConfirm`'s caller.
 */
export function ConfirmDialog(props: {
  open: boolean;
  title: string;
  children: ReactNode;
  /** Text of the button that goes ahead; "Confirm" unless told. */
  confirmLabel?: string;
  /** The action cannot go ahead yet (say, a choice in `children` is missing). */
  confirmDisabled?: boolean;
  onConfirm: () => Promise<void>;
  onClose: () => void;
}) {
  const { open, title, children, confirmLabel = 'Confirm' } = props;
  const { onConfirm, onClose } = props;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();
  const titleId = useElementId('emr-confirm-title');

  const close = () => {
    if (!busy) {
      setError(undefined);
      onClose();
    }
  };
  const confirm = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await onConfirm();
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={open} onClose={close} aria-labelledby={titleId}>
      <DialogTitle id={titleId}>{title}</DialogTitle>
      <DialogContent>
        <DialogContentText component="div">{children}</DialogContentText>
        {error && (
          <Alert severity="error" role="alert">
            {describeError(error)}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={close} disabled={busy}>
          Go back
        </Button>
        <Button
          onClick={confirm}
          disabled={busy || props.confirmDisabled}
          color="primary"
          variant="contained"
          startIcon={busy ? <CircularProgress size={16} /> : undefined}
        >
          {confirmLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
