import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusRunning,
  StatusWarning,
} from '@backstage/core-components';
import { JobRunState, JobRunSummary } from '@emr-eks/plugin-emr-eks-common';
import Box from '@material-ui/core/Box';
import Tooltip from '@material-ui/core/Tooltip';
import { ComponentType, PropsWithChildren } from 'react';

const indicators: Record<JobRunState, ComponentType<PropsWithChildren<{}>>> = {
  PENDING: StatusPending,
  SUBMITTED: StatusPending,
  RUNNING: StatusRunning,
  CANCEL_PENDING: StatusAborted,
  COMPLETED: StatusOK,
  FAILED: StatusError,
  CANCELLED: StatusAborted,
};

/**
 * A job run's state with its status colour. The state text sits outside the
 * status widget, which hides itself from assistive technology.
 */
export function JobRunStatus(props: {
  run: Pick<JobRunSummary, 'state' | 'failureReason' | 'stateDetails'>;
}) {
  const { state, failureReason, stateDetails } = props.run;
  return (
    <StateWithIndicator
      state={state}
      indicator={indicators[state]}
      details={[failureReason, stateDetails].filter(Boolean).join(': ')}
    />
  );
}

/**
 * A state with its status colour and, on hover, its details. A state added to
 * the service later (no `indicator`) still shows, with a neutral marker.
 */
export function StateWithIndicator(props: {
  state: string;
  indicator?: ComponentType<PropsWithChildren<{}>>;
  details?: string;
}) {
  const { state, details } = props;
  const Indicator = props.indicator ?? StatusWarning;
  const text = <span>{state}</span>;
  return (
    <Box display="inline-flex" alignItems="center" whiteSpace="nowrap">
      <Indicator />
      {details ? <Tooltip title={details}>{text}</Tooltip> : text}
    </Box>
  );
}
