import { Clock } from '../../clock';
import { EndpointStatus } from './endpoints';
import { JobRunStatus } from './lifecycle';
import {
  ConfigurationOverrides,
  EndpointRecord,
  EndpointState,
  JobDriver,
  JobRunRecord,
  JobRunState,
  JobTemplateData,
  Outcome,
  VirtualClusterState,
} from './types';

/*
 * What the store's callers pass and get back: its options, the request, filter and view
 * types of each resource, and the tags and timings that steer new runs.
 */

export interface EmrContainersStoreOptions {
  clock: Clock;
  seed: number;
  /** How many times faster than real life new runs move through their states. */
  accelerate: number;
  demoData: boolean;
  /** The AWS region whose data this store holds (default us-east-1). */
  region?: string;
  /** Forced outcomes, shared by every region's store; its own when left out. */
  outcomes?: OutcomeQueue;
}

/** Forced outcomes of the next new job runs, first in, first used. */
export class OutcomeQueue {
  private items: Outcome[] = [];

  push(outcome: Outcome): void {
    this.items.push(outcome);
  }

  shift(): Outcome | undefined {
    return this.items.shift();
  }

  clear(): void {
    this.items = [];
  }

  get list(): readonly Outcome[] {
    return this.items;
  }
}

export interface StartJobRunRequest {
  virtualClusterId: string;
  clientToken: string;
  name?: string;
  executionRoleArn?: string;
  releaseLabel?: string;
  jobDriver?: JobDriver;
  configurationOverrides?: ConfigurationOverrides;
  tags?: Record<string, string>;
  retryPolicyConfiguration?: { maxAttempts: number };
}

export interface JobRunFilter {
  states?: JobRunState[];
  createdAfter?: Date;
  createdBefore?: Date;
  name?: string;
}

export interface CreateEndpointRequest {
  virtualClusterId: string;
  name: string;
  type: string;
  releaseLabel: string;
  executionRoleArn: string;
  clientToken: string;
  certificateArn?: string;
  configurationOverrides?: ConfigurationOverrides;
  tags?: Record<string, string>;
}

export interface EndpointFilter {
  states?: EndpointState[];
  types?: string[];
  createdAfter?: Date;
  createdBefore?: Date;
}

/** An endpoint together with its state at the moment it was read. */
export interface EndpointView {
  endpoint: EndpointRecord;
  status: EndpointStatus;
}

export type DeleteEndpointResult = 'deleting' | 'terminal' | 'not-found';

export interface CreateJobTemplateRequest {
  name: string;
  clientToken: string;
  jobTemplateData: JobTemplateData;
  tags?: Record<string, string>;
  kmsKeyArn?: string;
}

export interface JobTemplateFilter {
  createdAfter?: Date;
  createdBefore?: Date;
}

export interface VirtualClusterFilter {
  states?: VirtualClusterState[];
  createdAfter?: Date;
  createdBefore?: Date;
  containerProviderId?: string;
  containerProviderType?: string;
  eksAccessEntryIntegrated?: boolean;
}

/** A job run together with its state at the moment it was read. */
export interface JobRunView {
  run: JobRunRecord;
  status: JobRunStatus;
}

/**
 * Tags that force the outcome of a new run, e.g. for end-to-end tests that
 * run in parallel and cannot share the outcome queue.
 */
export const OUTCOME_TAG = 'sandbox:outcome';
export const FAILURE_REASON_TAG = 'sandbox:failureReason';

/** Most tags one resource may carry. */
export const MAX_TAGS = 50;

/** How long a deleted virtual cluster stays TERMINATING (sandbox clock). */
export const VIRTUAL_CLUSTER_TERMINATING_MS = 30_000;

export interface CreateVirtualClusterRequest {
  name: string;
  eksClusterName: string;
  namespace: string;
  clientToken: string;
  tags?: Record<string, string>;
  eksAccessEntryIntegrated: boolean;
}

/**
 * Real-life durations of a new run's phases, in seconds; divided by the
 * `accelerate` factor (default 30: a few seconds PENDING and SUBMITTED,
 * 20-60 s RUNNING).
 */
export const NEW_RUN_SECONDS = {
  pending: [60, 180],
  submitted: [60, 180],
  running: [600, 1800],
  cancelling: [20, 40],
} as const;
