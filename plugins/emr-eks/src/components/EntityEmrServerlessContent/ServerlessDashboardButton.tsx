import { CompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import OpenInNewIcon from '@material-ui/icons/OpenInNew';
import Alert from '@material-ui/lab/Alert';
import { useState } from 'react';
import { emrEksApiRef } from '../../api';
import { describeError } from '../shared/describeError';

/**
 * "Open Spark UI": asks the backend for the run's dashboard link, which EMR
 * Serverless makes on request and which expires soon after, and opens it in a
 * new tab. The tab is opened on the click, before the answer, so that pop-up
 * blockers let it through; it closes again if there is no link.
 */
export function ServerlessDashboardButton(props: {
  entityRef: CompoundEntityRef;
  jobRunId: string;
}) {
  const { entityRef, jobRunId } = props;
  const api = useApi(emrEksApiRef);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();

  const open = async () => {
    const tab = window.open('', '_blank');
    setBusy(true);
    setError(undefined);
    try {
      const { url } = await api.getServerlessDashboard(entityRef, jobRunId);
      if (tab) {
        // The dashboard must not be able to reach back into the portal.
        tab.opener = null;
        tab.location.href = url;
      } else {
        window.open(url, '_blank', 'noopener');
      }
    } catch (e) {
      tab?.close();
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box>
      <Button
        variant="outlined"
        startIcon={<OpenInNewIcon />}
        onClick={open}
        disabled={busy}
      >
        Open Spark UI
      </Button>
      {error && (
        <Box mt={1}>
          <Alert severity="error" role="alert">
            Could not open the dashboard. {describeError(error)}
          </Alert>
        </Box>
      )}
    </Box>
  );
}
