import { Clock } from '../../clock';
import { DEMO, virtualClusterArn } from '../../demo';
import { Random } from '../../random';
import {
  eksPrivateSubnets,
  ENDPOINT_FAILURES,
  endpointSecurityGroup,
  endpointServerHost,
  endpointStatusAt,
  isTerminalEndpoint,
  NEW_ENDPOINT_SECONDS,
} from './endpoints';
import {
  hashString,
  jobRunArn,
  jobTemplateArn,
  managedEndpointArn,
  newJobRunId,
  newResourceId,
  wholeSeconds,
} from './ids';
import {
  completeOutcome,
  isTerminal,
  randomOutcome,
  statusAt,
} from './lifecycle';
import { demoData } from './seed';
import {
  EndpointOutcome,
  EndpointRecord,
  FailureReason,
  JobRunRecord,
  JobTemplateRecord,
  Outcome,
  VirtualClusterRecord,
} from './types';
import {
  EmrContainersStoreOptions,
  OutcomeQueue,
  StartJobRunRequest,
  JobRunFilter,
  CreateEndpointRequest,
  EndpointFilter,
  EndpointView,
  DeleteEndpointResult,
  CreateJobTemplateRequest,
  JobTemplateFilter,
  VirtualClusterFilter,
  JobRunView,
  OUTCOME_TAG,
  FAILURE_REASON_TAG,
  VIRTUAL_CLUSTER_TERMINATING_MS,
  CreateVirtualClusterRequest,
  NEW_RUN_SECONDS,
} from './requests';

// The store's request and view types live in requests.ts; re-exported for its importers.
export * from './requests';

const FAILURE_REASONS: readonly FailureReason[] = [
  'INTERNAL_ERROR',
  'USER_ERROR',
  'VALIDATION_ERROR',
  'CLUSTER_UNAVAILABLE',
];

/** The emr-containers ARNs the tag APIs accept (the model's RsiArn). */
const TAGGABLE_ARN =
  /^arn:aws:emr-containers:([^:]+):(\d{12}):\/virtualclusters\/([0-9a-z]+)(?:\/(jobruns|endpoints)\/([0-9a-z]+))?$/;

/** Newest first; ids break ties so the order (and paging) is total. */
export function sortKey(createdAt: number, id: string): string {
  return `${String(createdAt).padStart(15, '0')}:${id}`;
}

export type CancelResult = 'cancelling' | 'terminal' | 'not-found';

/**
 * In-memory emr-containers data of one region: virtual clusters, job runs,
 * managed endpoints and job templates. State is never stored: it is computed
 * from each run's or endpoint's plan and the clock whenever it is read.
 */
export class EmrContainersStore {
  private virtualClusters = new Map<string, VirtualClusterRecord>();
  private clustersByClientToken = new Map<string, string>();
  private jobRuns = new Map<string, JobRunRecord>();
  private byClientToken = new Map<string, string>();
  private endpoints = new Map<string, EndpointRecord>();
  private endpointsByClientToken = new Map<string, string>();
  private jobTemplates = new Map<string, JobTemplateRecord>();
  private templatesByClientToken = new Map<string, string>();
  private readonly outcomes: OutcomeQueue;
  private random!: Random;
  private idRandom!: Random;

  constructor(private readonly options: EmrContainersStoreOptions) {
    if (!(options.accelerate > 0)) {
      throw new Error(
        `accelerate must be a positive number, got ${options.accelerate}`,
      );
    }
    this.outcomes = options.outcomes ?? new OutcomeQueue();
    this.reset();
  }

  get clock(): Clock {
    return this.options.clock;
  }

  /** The AWS region whose data this is. */
  get region(): string {
    return this.options.region ?? DEMO.region;
  }

  /** Back to the seeded data, generated against the current clock time. */
  reset(): void {
    this.virtualClusters.clear();
    this.clustersByClientToken.clear();
    this.jobRuns.clear();
    this.byClientToken.clear();
    this.endpoints.clear();
    this.endpointsByClientToken.clear();
    this.jobTemplates.clear();
    this.templatesByClientToken.clear();
    this.outcomes.clear();
    // New resources draw from their own streams so the seeded data stays
    // independent (us-east-1 keeps the streams it always had).
    const salt = this.region === DEMO.region ? 0 : hashString(this.region);
    this.random = new Random(this.options.seed ^ 0x5eed ^ salt);
    this.idRandom = new Random(this.options.seed ^ 0x1d5eed ^ salt);
    if (!this.options.demoData) return;
    const data = demoData(this.region, this.options.seed, this.clock.now());
    for (const cluster of data.virtualClusters) this.addVirtualCluster(cluster);
    for (const run of data.jobRuns) this.addJobRun(run);
    for (const endpoint of data.endpoints) this.addEndpoint(endpoint);
    for (const template of data.jobTemplates) this.addJobTemplate(template);
  }

  addEndpoint(endpoint: EndpointRecord): void {
    this.endpoints.set(endpoint.id, endpoint);
    this.endpointsByClientToken.set(
      `${endpoint.virtualClusterId}|${endpoint.clientToken}`,
      endpoint.id,
    );
  }

  addJobTemplate(template: JobTemplateRecord): void {
    this.jobTemplates.set(template.id, template);
    this.templatesByClientToken.set(template.clientToken, template.id);
  }

  addVirtualCluster(cluster: VirtualClusterRecord): void {
    this.virtualClusters.set(cluster.id, cluster);
  }

  addJobRun(run: JobRunRecord): void {
    this.jobRuns.set(run.id, run);
    this.byClientToken.set(
      `${run.virtualClusterId}|${run.clientToken}`,
      run.id,
    );
  }

  getVirtualCluster(id: string): VirtualClusterRecord | undefined {
    const cluster = this.virtualClusters.get(id);
    if (cluster) this.settle(cluster);
    return cluster;
  }

  /** A deleted cluster is TERMINATING for a while, then TERMINATED. */
  private settle(cluster: VirtualClusterRecord): void {
    if (
      cluster.state === 'TERMINATING' &&
      cluster.deletedAt !== undefined &&
      this.clock.now() >= cluster.deletedAt + VIRTUAL_CLUSTER_TERMINATING_MS
    ) {
      cluster.state = 'TERMINATED';
    }
  }

  /** The RUNNING (or TERMINATING) virtual cluster on an EKS namespace, if any. */
  activeClusterOn(
    eksClusterName: string,
    namespace: string,
  ): VirtualClusterRecord | undefined {
    return this.listVirtualClusters().find(
      c =>
        c.eksClusterName === eksClusterName &&
        c.namespace === namespace &&
        (c.state === 'RUNNING' || c.state === 'TERMINATING'),
    );
  }

  /** The cluster an earlier CreateVirtualCluster made with this token. */
  virtualClusterByClientToken(
    clientToken: string,
  ): VirtualClusterRecord | undefined {
    const id = this.clustersByClientToken.get(clientToken);
    return id === undefined ? undefined : this.getVirtualCluster(id);
  }

  /** A new RUNNING virtual cluster (access checks are the caller's). */
  createVirtualCluster(
    request: CreateVirtualClusterRequest,
  ): VirtualClusterRecord {
    const id = newResourceId(this.idRandom);
    const cluster: VirtualClusterRecord = {
      id,
      name: request.name,
      arn: virtualClusterArn(id, this.region),
      state: 'RUNNING',
      eksClusterName: request.eksClusterName,
      namespace: request.namespace,
      createdAt: wholeSeconds(this.clock.now()),
      tags: { ...(request.tags ?? {}) },
      eksAccessEntryIntegrated: request.eksAccessEntryIntegrated,
      clientToken: request.clientToken,
    };
    this.addVirtualCluster(cluster);
    this.clustersByClientToken.set(request.clientToken, id);
    return cluster;
  }

  /** RUNNING → TERMINATING (→ TERMINATED); false when there is no such cluster. */
  deleteVirtualCluster(id: string): boolean {
    const cluster = this.getVirtualCluster(id);
    if (!cluster) return false;
    if (cluster.state === 'RUNNING' || cluster.state === 'ARRESTED') {
      cluster.state = 'TERMINATING';
      cluster.deletedAt = this.clock.now();
    }
    return true;
  }

  listVirtualClusters(
    filter: VirtualClusterFilter = {},
  ): VirtualClusterRecord[] {
    this.virtualClusters.forEach(c => this.settle(c));
    return [...this.virtualClusters.values()]
      .filter(
        c =>
          (!filter.states || filter.states.includes(c.state)) &&
          inWindow(c.createdAt, filter) &&
          (filter.containerProviderId === undefined ||
            filter.containerProviderId === c.eksClusterName) &&
          (filter.containerProviderType === undefined ||
            filter.containerProviderType === 'EKS') &&
          (filter.eksAccessEntryIntegrated === undefined ||
            filter.eksAccessEntryIntegrated === c.eksAccessEntryIntegrated),
      )
      .sort((a, b) => compareNewestFirst(a.createdAt, a.id, b.createdAt, b.id));
  }

  /** Runs created after the clock's "now" are not visible yet. */
  getJobRun(virtualClusterId: string, id: string): JobRunView | undefined {
    const run = this.jobRuns.get(id);
    const now = this.clock.now();
    if (
      !run ||
      run.virtualClusterId !== virtualClusterId ||
      run.plan.createdAt > now
    ) {
      return undefined;
    }
    return { run, status: statusAt(run.plan, now) };
  }

  listJobRuns(
    virtualClusterId: string,
    filter: JobRunFilter = {},
  ): JobRunView[] {
    const now = this.clock.now();
    const views: JobRunView[] = [];
    for (const run of this.jobRuns.values()) {
      if (run.virtualClusterId !== virtualClusterId || run.plan.createdAt > now)
        continue;
      if (filter.name !== undefined && run.name !== filter.name) continue;
      if (!inWindow(run.plan.createdAt, filter)) continue;
      const status = statusAt(run.plan, now);
      if (filter.states && !filter.states.includes(status.state)) continue;
      views.push({ run, status });
    }
    return views.sort((a, b) =>
      compareNewestFirst(
        a.run.plan.createdAt,
        a.run.id,
        b.run.plan.createdAt,
        b.run.id,
      ),
    );
  }

  /** The run started earlier with this client token on this virtual cluster. */
  findJobRunByClientToken(
    virtualClusterId: string,
    clientToken: string,
  ): JobRunRecord | undefined {
    const id = this.byClientToken.get(`${virtualClusterId}|${clientToken}`);
    return id ? this.jobRuns.get(id) : undefined;
  }

  /**
   * Starts a run, or returns the run already started with the same client
   * token on the same virtual cluster (`created: false`).
   */
  startJobRun(request: StartJobRunRequest): {
    run: JobRunRecord;
    created: boolean;
  } {
    const existing = this.findJobRunByClientToken(
      request.virtualClusterId,
      request.clientToken,
    );
    if (existing) return { run: existing, created: false };

    let id = newJobRunId(this.random);
    while (this.jobRuns.has(id)) id = newJobRunId(this.random);
    const run: JobRunRecord = {
      id,
      name: request.name,
      virtualClusterId: request.virtualClusterId,
      arn: jobRunArn(request.virtualClusterId, id, this.region),
      clientToken: request.clientToken,
      executionRoleArn: request.executionRoleArn,
      releaseLabel: request.releaseLabel,
      jobDriver: request.jobDriver,
      configurationOverrides: request.configurationOverrides,
      createdBy: DEMO.callerArn,
      tags: request.tags ? { ...request.tags } : undefined,
      retryPolicyConfiguration: request.retryPolicyConfiguration,
      plan: this.planNewRun(this.outcomeFor(request.tags)),
    };
    this.addJobRun(run);
    return { run, created: true };
  }

  /**
   * Adds a runaway job run to a virtual cluster: started `hoursAgo` hours ago with
   * `executors` executors of 8 vCPU and 32 GiB each, running for `hoursLeft` more hours. The
   * cost simulation turns it into pods, so the hours a cost ingestion re-reads (the last few)
   * cost far more than usual: the way to drive a team over its budget on demand.
   * Undefined when there is no such virtual cluster.
   */
  startRunawayRun(options: {
    virtualClusterId: string;
    executors: number;
    hoursAgo: number;
    hoursLeft: number;
  }): JobRunRecord | undefined {
    const cluster = this.getVirtualCluster(options.virtualClusterId);
    if (!cluster) return undefined;
    let id = newJobRunId(this.random);
    while (this.jobRuns.has(id)) id = newJobRunId(this.random);
    const now = wholeSeconds(this.clock.now());
    const createdAt = now - options.hoursAgo * 3_600_000;
    const run: JobRunRecord = {
      id,
      name: 'runaway-backfill',
      virtualClusterId: cluster.id,
      arn: jobRunArn(cluster.id, id, this.region),
      clientToken: `runaway-${id}`,
      releaseLabel: 'emr-7.1.0-latest',
      jobDriver: {
        sparkSubmitJobDriver: {
          entryPoint: 's3://sandbox-code/jobs/runaway-backfill/main.py',
          sparkSubmitParameters: `--conf spark.executor.instances=${options.executors} --conf spark.executor.cores=8 --conf spark.executor.memory=32g`,
        },
      },
      createdBy: DEMO.callerArn,
      tags: {
        ...(cluster.tags.team ? { team: cluster.tags.team } : {}),
        job: 'runaway-backfill',
      },
      plan: {
        createdAt,
        submittedAt: createdAt + 5_000,
        runningAt: createdAt + 60_000,
        endsAt: now + options.hoursLeft * 3_600_000,
        outcome: 'COMPLETED',
      },
    };
    this.addJobRun(run);
    return run;
  }

  cancelJobRun(virtualClusterId: string, id: string): CancelResult {
    const view = this.getJobRun(virtualClusterId, id);
    if (!view) return 'not-found';
    if (isTerminal(view.status.state)) return 'terminal';
    if (view.status.state !== 'CANCEL_PENDING') {
      const now = this.clock.now();
      view.run.plan.cancelRequestedAt = now;
      view.run.plan.cancelledAt = now + this.scaled(NEW_RUN_SECONDS.cancelling);
    }
    return 'cancelling';
  }

  /** Forces the outcome of the next new run(s), first in, first used. */
  queueOutcome(outcome: Outcome): void {
    this.outcomes.push(outcome);
  }

  clearOutcomes(): void {
    this.outcomes.clear();
  }

  get queuedOutcomes(): readonly Outcome[] {
    return this.outcomes.list;
  }

  // Managed endpoints

  /** Endpoints created after the clock's "now" are not visible yet. */
  getEndpoint(virtualClusterId: string, id: string): EndpointView | undefined {
    const endpoint = this.endpoints.get(id);
    const now = this.clock.now();
    if (
      !endpoint ||
      endpoint.virtualClusterId !== virtualClusterId ||
      endpoint.plan.createdAt > now
    ) {
      return undefined;
    }
    return { endpoint, status: endpointStatusAt(endpoint.plan, now) };
  }

  listEndpoints(
    virtualClusterId: string,
    filter: EndpointFilter = {},
  ): EndpointView[] {
    const now = this.clock.now();
    const views: EndpointView[] = [];
    for (const endpoint of this.endpoints.values()) {
      if (
        endpoint.virtualClusterId !== virtualClusterId ||
        endpoint.plan.createdAt > now
      )
        continue;
      if (filter.types && !filter.types.includes(endpoint.type)) continue;
      if (!inWindow(endpoint.plan.createdAt, filter)) continue;
      const status = endpointStatusAt(endpoint.plan, now);
      if (filter.states && !filter.states.includes(status.state)) continue;
      views.push({ endpoint, status });
    }
    return views.sort((a, b) =>
      compareNewestFirst(
        a.endpoint.plan.createdAt,
        a.endpoint.id,
        b.endpoint.plan.createdAt,
        b.endpoint.id,
      ),
    );
  }

  /**
   * Creates an endpoint (CREATING, then ACTIVE or, when the request is tagged
   * `sandbox:outcome=TERMINATED_WITH_ERRORS`, TERMINATED_WITH_ERRORS), or
   * returns the one created earlier with the same client token.
   */
  createEndpoint(request: CreateEndpointRequest): {
    endpoint: EndpointRecord;
    created: boolean;
  } {
    const tokenKey = `${request.virtualClusterId}|${request.clientToken}`;
    const existingId = this.endpointsByClientToken.get(tokenKey);
    const existing = existingId ? this.endpoints.get(existingId) : undefined;
    if (existing) return { endpoint: existing, created: false };

    const cluster = this.virtualClusters.get(request.virtualClusterId);
    let id = newResourceId(this.idRandom);
    while (this.endpoints.has(id)) id = newResourceId(this.idRandom);
    const createdAt = wholeSeconds(this.clock.now());
    const endpoint: EndpointRecord = {
      id,
      name: request.name,
      virtualClusterId: request.virtualClusterId,
      arn: managedEndpointArn(request.virtualClusterId, id, this.region),
      type: request.type,
      clientToken: request.clientToken,
      releaseLabel: request.releaseLabel,
      executionRoleArn: request.executionRoleArn,
      certificateArn: request.certificateArn,
      configurationOverrides: request.configurationOverrides,
      serverHost: endpointServerHost(id, request.virtualClusterId, this.region),
      securityGroup: endpointSecurityGroup(id),
      subnetIds: eksPrivateSubnets(
        this.region,
        cluster?.eksClusterName ?? DEMO.eksClusterName,
      ),
      tags: { ...request.tags },
      plan: {
        createdAt,
        readyAt: createdAt + this.scaled(NEW_ENDPOINT_SECONDS.creating),
        ...this.endpointOutcomeFor(request.tags),
      },
    };
    this.addEndpoint(endpoint);
    return { endpoint, created: true };
  }

  /** Starts deleting an endpoint; deleting one already TERMINATING is a no-op. */
  deleteEndpoint(virtualClusterId: string, id: string): DeleteEndpointResult {
    const view = this.getEndpoint(virtualClusterId, id);
    if (!view) return 'not-found';
    if (isTerminalEndpoint(view.status.state)) return 'terminal';
    if (view.status.state !== 'TERMINATING') {
      const now = this.clock.now();
      view.endpoint.plan.deleteRequestedAt = now;
      view.endpoint.plan.terminatedAt =
        now + this.scaled(NEW_ENDPOINT_SECONDS.terminating);
    }
    return 'deleting';
  }

  private endpointOutcomeFor(
    tags: Record<string, string> | undefined,
  ): EndpointOutcome {
    if (tags?.[OUTCOME_TAG]?.toUpperCase() !== 'TERMINATED_WITH_ERRORS') {
      return { outcome: 'ACTIVE' };
    }
    const reason = tags?.[FAILURE_REASON_TAG]?.toUpperCase();
    const failure =
      ENDPOINT_FAILURES.find(f => f.failureReason === reason) ??
      ENDPOINT_FAILURES[0];
    return { outcome: 'TERMINATED_WITH_ERRORS', ...failure };
  }

  // Job templates (region wide, not per virtual cluster)

  getJobTemplate(id: string): JobTemplateRecord | undefined {
    const template = this.jobTemplates.get(id);
    return template && template.createdAt <= this.clock.now()
      ? template
      : undefined;
  }

  listJobTemplates(filter: JobTemplateFilter = {}): JobTemplateRecord[] {
    const now = this.clock.now();
    return [...this.jobTemplates.values()]
      .filter(t => t.createdAt <= now && inWindow(t.createdAt, filter))
      .sort((a, b) => compareNewestFirst(a.createdAt, a.id, b.createdAt, b.id));
  }

  /** Creates a template, or returns the one created with the same client token. */
  createJobTemplate(request: CreateJobTemplateRequest): {
    template: JobTemplateRecord;
    created: boolean;
  } {
    const existingId = this.templatesByClientToken.get(request.clientToken);
    const existing = existingId ? this.jobTemplates.get(existingId) : undefined;
    if (existing) return { template: existing, created: false };

    let id = newResourceId(this.idRandom);
    while (this.jobTemplates.has(id)) id = newResourceId(this.idRandom);
    const template: JobTemplateRecord = {
      id,
      name: request.name,
      arn: jobTemplateArn(id, this.region),
      clientToken: request.clientToken,
      createdAt: wholeSeconds(this.clock.now()),
      createdBy: DEMO.callerArn,
      tags: { ...request.tags },
      jobTemplateData: request.jobTemplateData,
      kmsKeyArn: request.kmsKeyArn,
    };
    this.addJobTemplate(template);
    return { template, created: true };
  }

  deleteJobTemplate(id: string): boolean {
    const template = this.getJobTemplate(id);
    if (!template) return false;
    this.jobTemplates.delete(id);
    this.templatesByClientToken.delete(template.clientToken);
    return true;
  }

  // Tags of virtual clusters, job runs and endpoints, by ARN

  /**
   * The live tag map of the resource an ARN names, or undefined when this
   * region has no such resource (visible now).
   */
  tagsOf(arn: string): Record<string, string> | undefined {
    const parsed = TAGGABLE_ARN.exec(arn);
    if (!parsed || parsed[1] !== this.region || parsed[2] !== DEMO.accountId) {
      return undefined;
    }
    const [, , , clusterId, kind, id] = parsed;
    const cluster = this.virtualClusters.get(clusterId);
    if (!cluster) return undefined;
    if (kind === undefined) return cluster.tags;
    if (kind === 'jobruns') {
      const view = this.getJobRun(clusterId, id);
      if (!view) return undefined;
      view.run.tags ??= {};
      return view.run.tags;
    }
    return this.getEndpoint(clusterId, id)?.endpoint.tags;
  }

  /** Tag first, then the queue, then the seeded dice (~12% FAILED). */
  private outcomeFor(tags: Record<string, string> | undefined): Outcome {
    const tagged = tags?.[OUTCOME_TAG]?.toUpperCase();
    if (tagged === 'COMPLETED' || tagged === 'FAILED') {
      const reason = tags?.[FAILURE_REASON_TAG]?.toUpperCase() as FailureReason;
      return completeOutcome(
        {
          outcome: tagged,
          failureReason: FAILURE_REASONS.includes(reason) ? reason : undefined,
        },
        this.random,
      );
    }
    const queued = this.outcomes.shift();
    if (queued) return completeOutcome(queued, this.random);
    return randomOutcome(this.random);
  }

  private scaled(range: readonly [number, number]): number {
    const seconds = this.random.between(range[0], range[1]);
    return Math.max(1, Math.round((seconds * 1000) / this.options.accelerate));
  }

  private planNewRun(outcome: Outcome) {
    const createdAt = wholeSeconds(this.clock.now());
    const submittedAt = createdAt + this.scaled(NEW_RUN_SECONDS.pending);
    const runningAt = submittedAt + this.scaled(NEW_RUN_SECONDS.submitted);
    const endsAt = runningAt + this.scaled(NEW_RUN_SECONDS.running);
    return { createdAt, submittedAt, runningAt, endsAt, ...outcome };
  }
}

function inWindow(
  createdAt: number,
  filter: { createdAfter?: Date; createdBefore?: Date },
): boolean {
  // [createdAfter, createdBefore): inclusive start, exclusive end.
  return (
    (!filter.createdAfter || createdAt >= filter.createdAfter.getTime()) &&
    (!filter.createdBefore || createdAt < filter.createdBefore.getTime())
  );
}

function compareNewestFirst(
  aAt: number,
  aId: string,
  bAt: number,
  bId: string,
): number {
  const a = sortKey(aAt, aId);
  const b = sortKey(bAt, bId);
  if (a === b) return 0;
  return a < b ? 1 : -1;
}
