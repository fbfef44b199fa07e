import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusRunning,
} from '@backstage/core-components';
import {
  ServerlessJobRunState,
  ServerlessJobRunSummary,
} from '@emr-eks/plugin-emr-eks-common';
import { ComponentType, PropsWithChildren } from 'react';
import { StateWithIndicator } from '../EntityEmrJobRunsContent/JobRunStatus';

const indicators: Record<
  ServerlessJobRunState,
  ComponentType<PropsWithChildren<{}>>
> = {
  SUBMITTED: StatusPending,
  PENDING: StatusPending,
  SCHEDULED: StatusPending,
  QUEUED: StatusPending,
  RUNNING: StatusRunning,
  SUCCESS: StatusOK,
  FAILED: StatusError,
  CANCELLING: StatusAborted,
  CANCELLED: StatusAborted,
};

/** An EMR Serverless job run's state with its status colour, details on hover. */
export function ServerlessJobRunStatus(props: {
  run: Pick<ServerlessJobRunSummary, 'state' | 'stateDetails'>;
}) {
  const { state, stateDetails } = props.run;
  return (
    <StateWithIndicator
      state={state}
      indicator={indicators[state]}
      details={stateDetails}
    />
  );
}
