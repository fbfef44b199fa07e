import { CompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import GetAppIcon from '@material-ui/icons/GetApp';
import { useState } from 'react';
import { CostPeriod, emrEksApiRef } from '../../api';
import { describeError } from '../shared/describeError';
import { saveBlob } from '../shared/saveBlob';

/**
 * "Download CSV": fetches the period's cost as CSV through the app's fetch
 * (so with the user's credentials) and saves it. A failure is handed to
 * `onError`.
 */
export function DownloadCsvButton(props: {
  entityRef: CompoundEntityRef;
  period: CostPeriod;
  /** E.g. when the backend said the user may not read the cost. */
  disabled?: boolean;
  onError: (message: string | undefined) => void;
}) {
  const { entityRef, period, disabled, onError } = props;
  const api = useApi(emrEksApiRef);
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    onError(undefined);
    try {
      const csv = await api.getCostCsv(entityRef, period);
      saveBlob(csv.blob, csv.filename);
    } catch (e) {
      onError(`Could not download the CSV: ${describeError(e as Error)}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button
      variant="outlined"
      startIcon={busy ? <CircularProgress size={16} /> : <GetAppIcon />}
      disabled={busy || disabled}
      onClick={download}
    >
      Download CSV
    </Button>
  );
}
