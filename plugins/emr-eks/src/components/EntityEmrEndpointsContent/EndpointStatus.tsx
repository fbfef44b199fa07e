import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import { EndpointState, ManagedEndpoint } from '@emr-eks/plugin-emr-eks-common';
import Box from '@material-ui/core/Box';
import Tooltip from '@material-ui/core/Tooltip';
import { ComponentType, PropsWithChildren } from 'react';

const indicators: Record<
  EndpointState,
  ComponentType<PropsWithChildren<{}>>
> = {
  CREATING: StatusPending,
  ACTIVE: StatusOK,
  TERMINATING: StatusPending,
  TERMINATED: StatusAborted,
  TERMINATED_WITH_ERRORS: StatusError,
};

/** States an endpoint is on its way out of. */
export const CHANGING_ENDPOINT_STATES: ReadonlyArray<EndpointState> = [
  'CREATING',
  'TERMINATING',
];

/** A managed endpoint's state with its status colour; details in a tooltip. */
export function EndpointStatus(props: {
  endpoint: Pick<ManagedEndpoint, 'state' | 'failureReason' | 'stateDetails'>;
}) {
  const { state, failureReason, stateDetails } = props.endpoint;
  const Indicator = (state && indicators[state]) ?? StatusWarning;
  const details = [failureReason, stateDetails].filter(Boolean).join(': ');
  const text = <span>{state ?? 'UNKNOWN'}</span>;
  return (
    <Box display="inline-flex" alignItems="center" whiteSpace="nowrap">
      <Indicator />
      {details ? <Tooltip title={details}>{text}</Tooltip> : text}
    </Box>
  );
}
