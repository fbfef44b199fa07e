import { CompoundEntityRef } from '@backstage/catalog-model';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import {
  JobRunState,
  StartedJobRun,
  isTerminalJobRunState,
} from '@emr-eks/plugin-emr-eks-common';
import Box from '@material-ui/core/Box';
import Drawer from '@material-ui/core/Drawer';
import IconButton from '@material-ui/core/IconButton';
import Typography from '@material-ui/core/Typography';
import CloseIcon from '@material-ui/icons/Close';
import { useAutoRefresh } from '../../hooks/useAutoRefresh';
import { useJobRun } from '../../hooks/useJobRun';
import { couldNotLoad } from '../shared/describeError';
import { useElementId } from '../shared/useElementId';
import { CancelJobRunButton } from './CancelJobRunButton';
import { JobRunCost } from './JobRunCost';
import { JobRunDetails } from './JobRunDetails';
import { RerunJobRunButton } from './RerunJobRunButton';
import { SecondaryText } from '../shared/SecondaryText';

/** The run a drawer is opened on: from the table, or just started. */
export interface SelectedJobRun {
  id: string;
  name?: string;
  state?: JobRunState;
}

interface DrawerProps {
  entityRef: CompoundEntityRef;
  virtualClusterArn?: string;
  onClose: () => void;
  /** The run changed (was cancelled): the list should refresh. */
  onChanged: () => void;
  /** A rerun started. */
  onStarted: (started: StartedJobRun) => void;
}

function JobRunDrawerContent(
  props: DrawerProps & { run: SelectedJobRun; headingId: string },
) {
  const { entityRef, virtualClusterArn, run, headingId } = props;
  const { value, error, retry } = useJobRun(entityRef, run.id);
  const state = value?.state ?? run.state;
  // Follow a run that has not ended, like the table does.
  useAutoRefresh(!!value && !isTerminalJobRunState(value.state), retry);

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
    body = (
      <JobRunDetails
        run={value}
        virtualClusterArn={virtualClusterArn}
        cost={<JobRunCost entityRef={entityRef} run={value} />}
      />
    );
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
        <RerunJobRunButton
          entityRef={entityRef}
          run={{ id: run.id, name: label }}
          onStarted={props.onStarted}
        />
        <CancelJobRunButton
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
 * Everything about one job run in a drawer on the right, with Rerun and
 * Cancel run. The drawer is a dialog named by the run's name.
 */
export function JobRunDrawer(props: DrawerProps & { run?: SelectedJobRun }) {
  const { run, ...rest } = props;
  const headingId = useElementId('emr-job-run-heading');
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
        <JobRunDrawerContent
          key={run.id}
          {...rest}
          run={run}
          headingId={headingId}
        />
      )}
    </Drawer>
  );
}
