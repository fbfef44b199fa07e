import { stableHex } from './ids';
import {
  EndpointOutcome,
  EndpointPlan,
  EndpointState,
  FailureReason,
} from './types';

export interface EndpointStatus {
  state: EndpointState;
  stateDetails?: string;
  failureReason?: FailureReason;
}

/**
 * Real-life durations of a new endpoint's phases, in seconds (the ALB, the
 * Jupyter Enterprise Gateway pods and the ingress take minutes); divided by
 * the `accelerate` factor like job runs' (default 30: 10-20 s CREATING,
 * 2-6 s TERMINATING).
 */
export const NEW_ENDPOINT_SECONDS = {
  creating: [300, 600],
  terminating: [60, 180],
} as const;

export const TERMINAL_ENDPOINT_STATES: readonly EndpointState[] = [
  'TERMINATED',
  'TERMINATED_WITH_ERRORS',
];

/** Why endpoints fail to come up, as EMR on EKS reports it. */
export const ENDPOINT_FAILURES: readonly Required<
  Omit<EndpointOutcome, 'outcome'>
>[] = [
  {
    failureReason: 'CLUSTER_UNAVAILABLE',
    stateDetails:
      'The AWS Load Balancer Controller is not running on the EKS cluster, so the endpoint ingress could not be created',
  },
  {
    failureReason: 'VALIDATION_ERROR',
    stateDetails:
      'The execution role could not be assumed by the Jupyter Enterprise Gateway service account',
  },
  {
    failureReason: 'INTERNAL_ERROR',
    stateDetails:
      'The endpoint could not be created due to an internal error. Delete it and create it again.',
  },
  {
    failureReason: 'USER_ERROR',
    stateDetails:
      'No private subnets with a free IP address were found for the endpoint load balancer',
  },
];

/** The state of an endpoint at time `now`, read from its plan. */
export function endpointStatusAt(
  plan: EndpointPlan,
  now: number,
): EndpointStatus {
  if (plan.deleteRequestedAt !== undefined && plan.deleteRequestedAt <= now) {
    if (plan.terminatedAt === undefined || now < plan.terminatedAt) {
      return { state: 'TERMINATING' };
    }
    return { state: 'TERMINATED' };
  }
  if (now < plan.readyAt) return { state: 'CREATING' };
  if (plan.outcome === 'TERMINATED_WITH_ERRORS') {
    return {
      state: 'TERMINATED_WITH_ERRORS',
      failureReason: plan.failureReason,
      stateDetails: plan.stateDetails,
    };
  }
  return { state: 'ACTIVE' };
}

export function isTerminalEndpoint(state: EndpointState): boolean {
  return TERMINAL_ENDPOINT_STATES.includes(state);
}

/** serverUrl is only known once the endpoint is up, and gone once it is deleted. */
export function hasServerUrl(state: EndpointState): boolean {
  return state === 'ACTIVE' || state === 'TERMINATING';
}

/**
 * Host name of an endpoint's serverUrl. The real service hands out a
 * service-managed HTTPS host per endpoint; the sandbox spells it
 * `<endpoint-id>.<virtual-cluster-id>.emr-containers.<region>.amazonaws.com`.
 */
export function endpointServerHost(
  endpointId: string,
  virtualClusterId: string,
  region: string,
): string {
  return `${endpointId}.${virtualClusterId}.emr-containers.${region}.amazonaws.com`;
}

/** The security group EMR creates for an endpoint's load balancer. */
export function endpointSecurityGroup(endpointId: string): string {
  return `sg-${stableHex(`sg:${endpointId}`, 17)}`;
}

/** The EKS cluster's private subnets (two availability zones), stable per region and cluster. */
export function eksPrivateSubnets(
  region: string,
  eksCluster: string,
): string[] {
  return [1, 2].map(
    az => `subnet-${stableHex(`subnet:${region}:${eksCluster}:${az}`, 17)}`,
  );
}
