import { CompoundEntityRef } from '@backstage/catalog-model';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import {
  ServerlessJobRunState,
  ServerlessStartedJobRun,
  isTerminalServerlessJobRunState,
} from '@emr-eks/plugin-emr-eks-common';
import Box from '@material-ui/core/Box';
import Drawer from '@material-ui/core/Drawer';
import IconButton from '@material-ui/core/IconButton';
import Typography from '@material-ui/core/Typography';
import CloseIcon from '@material-ui/icons/Close';
import { useAutoRefresh } from '../../hooks/useAutoRefresh';
import { useServerlessJobRun } from '../../hooks/useServerless';
import { couldNotLoad } from '../shared/describeError';
import { SecondaryText } from '../shared/SecondaryText';
import { useElementId } from '../shared/useElementId';
import {
  CancelServerlessJobRunButton,
  RerunServerlessJobRunButton,
} from './ServerlessJobRunActions';
import { ServerlessJobRunDetails } from './ServerlessJobRunDetails';

/** The run a drawer is opened on: from the table, or just started. */
export interface SelectedServerlessJobRun {
  id: string;
  name?: string;
  state?: ServerlessJobRunState;
}

interface DrawerProps {
  entityRef: CompoundEntityRef;
  onClose: () => void;
  /** The run changed (was cancelled): the list should refresh. */
  onChanged: () => void;
  /** A rerun started. */
  onStarted: (started: ServerlessStartedJobRun) => void;
}

function DrawerContent(
  props: DrawerProps & { run: SelectedServerlessJobRun; headingId: string },
) {
  const { entityRef, run, headingId } = props;
  const { value, error, retry } = useServerlessJobRun(entityRef, run.id);
  const state = value?.state ?? run.state;
  // Follow a run that has not ended, like the table does.
  useAutoRefresh(
    !!value && !isTerminalServerlessJobRunState(value.state),
    retry,
  );

  const label = value?.name ?? run.name ?? run.id;
  let body: JSX.Element;
  if (error) {
    body = (
      <ResponseErrorPanel
        error={error}
        title={couldNotLoad(`job run ${run.id}`, error)}
      />
    );
  } else if (!value) {
    body = <Progress />;
  } else {
    body = <ServerlessJobRunDetails entityRef={entityRef} run={value} />;
  }

  return (
    <Box p={3}>
      <Box
        display="flex"
        alignItems="flex-start"
        justifyContent="space-between"
      >
        <Box>
          <Typography variant="h5" component="h2" id={headingId}>
            {label}
          </Typography>
          <SecondaryText variant="body2">Job run {run.id}</SecondaryText>
        </Box>
        <IconButton aria-label="Close details" onClick={props.onClose}>
          <CloseIcon />
        </IconButton>
      </Box>
      <Box display="flex" gridGap={8} mt={2}>
        <RerunServerlessJobRunButton
          entityRef={entityRef}
          run={{ id: run.id, name: label }}
          onStarted={props.onStarted}
        />
        <CancelServerlessJobRunButton
          entityRef={entityRef}
          run={{ id: run.id, name: label, state }}
          onCancelled={() => {
            retry();
            props.onChanged();
          }}
        />
      </Box>
      <Box mt={2}>{body}</Box>
    </Box>
  );
}

/**
 * Everything about one EMR Serverless job run in a drawer on the right, with
 * Rerun and Cancel run. The drawer is a dialog named by the run's name.
 */
export function ServerlessJobRunDrawer(
  props: DrawerProps & { run?: SelectedServerlessJobRun },
) {
  const { run, ...rest } = props;
  const headingId = useElementId('emr-serverless-job-run-heading');
  return (
    <Drawer
      anchor="right"
      open={!!run}
      onClose={props.onClose}
      PaperProps={{
        role: 'dialog',
        'aria-modal': true,
        'aria-labelledby': headingId,
        style: { width: 'min(760px, 100vw)' },
      }}
    >
      {run && (
        <DrawerContent key={run.id} {...rest} run={run} headingId={headingId} />
      )}
    </Drawer>
  );
}
