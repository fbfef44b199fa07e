import {
  CancelJobRunCommand,
  DeleteManagedEndpointCommand,
  DescribeJobRunCommand,
  DescribeJobTemplateCommand,
  DescribeManagedEndpointCommand,
  DescribeVirtualClusterCommand,
  EMRContainersClient,
  JobRunState as SdkJobRunState,
  JobTemplate as SdkJobTemplate,
  ListJobRunsCommand,
  ListJobTemplatesCommand,
  ListManagedEndpointsCommand,
  StartJobRunCommand,
} from '@aws-sdk/client-emr-containers';
import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  JobRunDetail,
  JobRunPage,
  JobRunQuery,
  JobRunSummary,
  JobTemplate,
  JobTemplatePage,
  Staleness,
  SummaryCount,
  ManagedEndpoint,
  ManagedEndpointPage,
  StartJobRunRequest,
  StartedJobRun,
  VirtualCluster,
  VirtualClusterSummary,
  emrEksEndpointDeletePermission,
  emrEksEndpointReadPermission,
  emrEksJobRunCancelPermission,
  emrEksJobRunReadPermission,
  emrEksJobRunStartPermission,
  isTemplateFor,
  isTerminalJobRunState,
} from '@emr-eks/plugin-emr-eks-common';
import { EmrEksConfig } from '../config';
import { assertEntityOwnsVirtualCluster } from './ownership';
import type {
  EmrEksService,
  EndpointQuery,
  EntityRequest,
  PageQuery,
  VirtualClusterForWrite,
  WriteResult,
} from './types';
import { UpstreamCache } from './UpstreamCache';
import {
  CallAbout,
  UpstreamCalls,
  UpstreamServiceOptions,
  pageOf,
  requireSignedInUser,
  toDate,
  upstreamContext,
  userOf,
} from './upstream';
import { TargetDeps } from './entityTargets';
import {
  ResolvedVirtualCluster,
  resolveVirtualCluster,
} from './virtualClusters';
import { decodePageToken, encodePageToken } from './pageTokens';
import {
  toJobRunDetail,
  toJobRunSummary,
  toJobTemplate,
  toManagedEndpoint,
  toStartedJobRun,
  toVirtualCluster,
  userTags,
} from './wire';

const ACTIVE_STATES: SdkJobRunState[] = [
  'PENDING',
  'SUBMITTED',
  'RUNNING',
  'CANCEL_PENDING',
];
/** Pages of 100 a summary counts through; beyond them a count says "at least". */
const SUMMARY_PAGE_LIMIT = 10;
/** Pages of the account's job templates walked to find a cluster's; 1,000 templates. */
const TEMPLATE_PAGE_LIMIT = 20;
const TEMPLATE_PAGE_SIZE = 50;
const DAY_MS = 86_400_000;
/** Tag on runs started through Backstage, naming the user. */
export const STARTED_BY_TAG = 'backstage:started-by';

/** The default {@link EmrEksService}: the emr-containers API through the AWS SDK. */
export class DefaultEmrEksService implements EmrEksService {
  private constructor(
    private readonly targets: TargetDeps,
    private readonly upstream: UpstreamCalls<
      EMRContainersClient,
      ResolvedVirtualCluster
    >,
    private readonly cache: UpstreamCache,
    private readonly config: EmrEksConfig,
    private readonly logger: LoggerService,
  ) {}

  static create(options: UpstreamServiceOptions): DefaultEmrEksService {
    const { config, cache, clients, targets } = upstreamContext(options);
    return new DefaultEmrEksService(
      targets,
      new UpstreamCalls({
        clients,
        cache,
        config,
        logger: options.logger,
        describe: vc =>
          `virtual cluster ${vc.virtualClusterId} in ${vc.accountId}/${vc.region}`,
      }),
      cache,
      config,
      options.logger,
    );
  }

  async listJobRuns(
    request: EntityRequest & { query: JobRunQuery },
  ): Promise<JobRunPage> {
    const vc = await resolveVirtualCluster(
      this.targets,
      request,
      emrEksJobRunReadPermission,
    );
    return this.listRuns(vc, request.query);
  }

  async describeJobRun(
    request: EntityRequest & { jobRunId: string },
  ): Promise<JobRunDetail> {
    const vc = await resolveVirtualCluster(
      this.targets,
      request,
      emrEksJobRunReadPermission,
    );
    return this.fetchRun(vc, request.jobRunId);
  }

  async startJobRun(
    request: EntityRequest & { body: StartJobRunRequest },
  ): Promise<WriteResult<StartedJobRun>> {
    const { vc, cluster } = await this.resolveForWrite(
      request,
      emrEksJobRunStartPermission,
    );
    const { body, credentials } = request;
    const user = userOf(credentials);
    const template = await this.fetchTemplateFor(
      vc,
      cluster,
      body.jobTemplateId,
      { fresh: true },
    );
    return this.write(
      vc,
      { what: `job template ${body.jobTemplateId}`, operation: 'StartJobRun' },
      user,
      async client =>
        toStartedJobRun(
          await client.send(
            new StartJobRunCommand({
              virtualClusterId: vc.virtualClusterId,
              name: body.name ?? template.name,
              jobTemplateId: body.jobTemplateId,
              jobTemplateParameters: body.jobTemplateParameters,
              tags: user ? { [STARTED_BY_TAG]: user } : undefined,
            }),
          ),
        ),
    );
  }

  async rerunJobRun(
    request: EntityRequest & { jobRunId: string },
  ): Promise<WriteResult<StartedJobRun>> {
    const { vc } = await this.resolveForWrite(
      request,
      emrEksJobRunStartPermission,
    );
    const user = userOf(request.credentials);
    const original = await this.fetchRun(vc, request.jobRunId);
    return this.write(
      vc,
      {
        what: `a rerun of job run ${request.jobRunId}`,
        operation: 'StartJobRun',
      },
      user,
      async client =>
        toStartedJobRun(
          await client.send(
            new StartJobRunCommand({
              virtualClusterId: vc.virtualClusterId,
              name: original.name,
              executionRoleArn: original.executionRoleArn,
              releaseLabel: original.releaseLabel,
              jobDriver: original.jobDriver,
              configurationOverrides: original.configurationOverrides,
              retryPolicyConfiguration: original.retryPolicyConfiguration,
              tags: {
                ...userTags(original.tags),
                ...(user ? { [STARTED_BY_TAG]: user } : {}),
              },
            }),
          ),
        ),
    );
  }

  async cancelJobRun(
    request: EntityRequest & { jobRunId: string },
  ): Promise<WriteResult<{ id: string; virtualClusterId: string }>> {
    const { vc } = await this.resolveForWrite(
      request,
      emrEksJobRunCancelPermission,
    );
    const run = await this.fetchRun(vc, request.jobRunId, { fresh: true });
    if (isTerminalJobRunState(run.state)) {
      throw new ConflictError(
        `Job run ${run.id} is already ${run.state} and cannot be cancelled`,
      );
    }
    return this.write(
      vc,
      { what: `job run ${request.jobRunId}`, operation: 'CancelJobRun' },
      userOf(request.credentials),
      client =>
        client
          .send(
            new CancelJobRunCommand({
              id: request.jobRunId,
              virtualClusterId: vc.virtualClusterId,
            }),
          )
          .then(removed),
    );
  }

  async listEndpoints(
    request: EntityRequest & { query: EndpointQuery },
  ): Promise<ManagedEndpointPage> {
    const vc = await resolveVirtualCluster(
      this.targets,
      request,
      emrEksEndpointReadPermission,
    );
    const { query } = request;
    return this.upstream.list(
      vc,
      `endpoints:${JSON.stringify(query)}`,
      {
        what: `endpoints of ${vc.virtualClusterId}`,
        operation: 'ListManagedEndpoints',
        pageToken: query.nextToken,
      },
      async client => {
        const output = await client.send(
          new ListManagedEndpointsCommand({
            virtualClusterId: vc.virtualClusterId,
            states: query.states,
            maxResults: query.maxResults,
            nextToken: query.nextToken,
          }),
        );
        return pageOf(
          output.endpoints,
          toManagedEndpoint,
          output.nextToken,
        ) as ManagedEndpointPage;
      },
    );
  }

  async describeEndpoint(
    request: EntityRequest & { endpointId: string },
  ): Promise<ManagedEndpoint> {
    const vc = await resolveVirtualCluster(
      this.targets,
      request,
      emrEksEndpointReadPermission,
    );
    return this.cache.read(
      await this.cache.scoped(vc.arn, `endpoint:${request.endpointId}`),
      () =>
        this.upstream.call(
          vc,
          {
            what: `endpoint ${request.endpointId}`,
            operation: 'DescribeManagedEndpoint',
          },
          async client => {
            const output = await client.send(
              new DescribeManagedEndpointCommand({
                id: request.endpointId,
                virtualClusterId: vc.virtualClusterId,
              }),
            );
            return toManagedEndpoint(output.endpoint);
          },
        ),
      () => this.config.cache.listTtlMs,
    );
  }

  async deleteEndpoint(
    request: EntityRequest & { endpointId: string },
  ): Promise<WriteResult<{ id: string; virtualClusterId: string }>> {
    const { vc } = await this.resolveForWrite(
      request,
      emrEksEndpointDeletePermission,
    );
    return this.write(
      vc,
      {
        what: `endpoint ${request.endpointId}`,
        operation: 'DeleteManagedEndpoint',
      },
      userOf(request.credentials),
      client =>
        client
          .send(
            new DeleteManagedEndpointCommand({
              id: request.endpointId,
              virtualClusterId: vc.virtualClusterId,
            }),
          )
          .then(removed),
    );
  }

  /**
   * The templates offered on the entity's virtual cluster. ListJobTemplates has no filter,
   * so the account's templates are walked (bounded) and kept as one list, filtered for the
   * cluster, and paged here with a token of our own; without `maxResults`, all of them.
   */
  async listJobTemplates(
    request: EntityRequest & { query: PageQuery },
  ): Promise<JobTemplatePage> {
    const vc = await resolveVirtualCluster(
      this.targets,
      request,
      emrEksJobRunReadPermission,
    );
    const { maxResults, nextToken } = request.query;
    const offset = decodePageToken(vc.virtualClusterId, nextToken);
    const cluster = await this.fetchVirtualCluster(vc);
    const all = await this.cache.readWithFallback(
      `${vc.accountId}:${vc.region}:job-templates`,
      'all',
      () => this.listAllTemplates(vc),
      () => this.config.cache.listTtlMs,
    );
    const offered = all.items.filter(t =>
      isTemplateFor(t, cluster, this.config.ownership),
    );
    const end = maxResults ? offset + maxResults : offered.length;
    const stale: Staleness | undefined = all.stale ?? cluster.stale;
    return {
      items: offered.slice(offset, end),
      ...(end < offered.length && {
        nextToken: encodePageToken(vc.virtualClusterId, end),
      }),
      ...(stale && { stale }),
    };
  }

  async describeJobTemplate(
    request: EntityRequest & { templateId: string },
  ): Promise<JobTemplate> {
    const vc = await resolveVirtualCluster(
      this.targets,
      request,
      emrEksJobRunReadPermission,
    );
    const cluster = await this.fetchVirtualCluster(vc);
    const template = await this.fetchTemplateFor(
      vc,
      cluster,
      request.templateId,
    );
    const stale = template.stale ?? cluster.stale;
    return { ...template, ...(stale && { stale }) };
  }

  async describeVirtualCluster(
    request: EntityRequest,
  ): Promise<VirtualCluster> {
    const vc = await resolveVirtualCluster(
      this.targets,
      request,
      emrEksJobRunReadPermission,
    );
    return this.fetchVirtualCluster(vc);
  }

  async virtualClusterForWrite(
    request: EntityRequest & {
      permission: Parameters<typeof resolveVirtualCluster>[2];
    },
  ): Promise<VirtualClusterForWrite> {
    const { vc, cluster } = await this.resolveForWrite(
      request,
      request.permission,
    );
    return {
      cluster,
      target: {
        accountId: vc.accountId,
        region: vc.region,
        virtualClusterId: vc.virtualClusterId,
      },
      // resolveForWrite refused an entity without one.
      owner: vc.entityOwner!,
      user: userOf(request.credentials)!,
    };
  }

  /**
   * Counts of the entity's runs, counted through at most {@link SUMMARY_PAGE_LIMIT} pages
   * per state; a count that reached the limit is listed in `truncated` ("at least").
   * Kept as one answer for a list TTL, and answered from its last good copy in an outage.
   */
  async summarize(request: EntityRequest): Promise<VirtualClusterSummary> {
    const vc = await resolveVirtualCluster(
      this.targets,
      request,
      emrEksJobRunReadPermission,
    );
    // Whole hours keep the cache key stable within the hour.
    const since = new Date(
      Math.floor((Date.now() - DAY_MS) / 3_600_000) * 3_600_000,
    );
    return this.cache.readWithFallback(
      vc.arn,
      `summary:${since.toISOString()}`,
      () => this.countRuns(vc, since),
      () => this.config.cache.listTtlMs,
    );
  }

  private async countRuns(
    vc: ResolvedVirtualCluster,
    since: Date,
  ): Promise<VirtualClusterSummary> {
    const [active, failed] = await Promise.all([
      this.walkRuns(vc, { states: ACTIVE_STATES }),
      this.walkRuns(vc, {
        states: ['FAILED'],
        createdAfter: since.toISOString(),
      }),
    ]);
    // Among the first pages of active runs, the running ones are not all of them.
    const running = active.truncated
      ? await this.walkRuns(vc, { states: ['RUNNING'] })
      : {
          items: active.items.filter(r => r.state === 'RUNNING'),
          truncated: false,
        };
    const truncated: SummaryCount[] = [];
    if (active.truncated) truncated.push('active');
    if (running.truncated) truncated.push('running');
    if (failed.truncated) truncated.push('failedLast24h');
    return {
      virtualClusterId: vc.virtualClusterId,
      active: active.items.length,
      running: running.items.length,
      failedLast24h: failed.items.length,
      ...(truncated.length > 0 && { truncated }),
    };
  }

  /**
   * The one way into a write: the entity and permission as for reads; a signed-in user, so
   * that the write is recorded under their name (session name, started-by tag); then the
   * virtual cluster's owner (platform config, else its AWS tag, read at most a list TTL
   * ago) must be the entity's owner.
   */
  private async resolveForWrite(
    request: EntityRequest,
    permission: Parameters<typeof resolveVirtualCluster>[2],
  ): Promise<{ vc: ResolvedVirtualCluster; cluster: VirtualCluster }> {
    const vc = await resolveVirtualCluster(this.targets, request, permission);
    requireSignedInUser(request.credentials, permission);
    // Fresh or refused: never the last good copy of an outage, whose tags may be old.
    const cluster = await this.fetchVirtualCluster(vc, { fresh: true });
    assertEntityOwnsVirtualCluster(vc, cluster.tags, this.config.ownership);
    return { vc, cluster };
  }

  /** A write as `user`; afterwards the cluster's cached lists are retired. */
  private async write<T>(
    vc: ResolvedVirtualCluster,
    about: Omit<CallAbout, 'pageToken'>,
    user: string | undefined,
    send: (client: EMRContainersClient) => Promise<T>,
  ): Promise<WriteResult<T>> {
    return {
      result: await this.upstream.write(vc, about, user, send),
      target: vc,
    };
  }

  private listRuns(vc: ResolvedVirtualCluster, query: JobRunQuery) {
    return this.cache.readWithFallback(
      vc.arn,
      `job-runs:${JSON.stringify(query)}`,
      () => this.fetchRunsPage(vc, query),
      () => this.config.cache.listTtlMs,
    );
  }

  private fetchRunsPage(
    vc: ResolvedVirtualCluster,
    query: JobRunQuery,
  ): Promise<JobRunPage> {
    return this.upstream.call(
      vc,
      {
        what: 'job runs',
        operation: 'ListJobRuns',
        pageToken: query.nextToken,
      },
      async client => {
        const output = await client.send(
          new ListJobRunsCommand({
            virtualClusterId: vc.virtualClusterId,
            states: query.states,
            createdAfter: toDate(query.createdAfter),
            createdBefore: toDate(query.createdBefore),
            name: query.name,
            maxResults: query.maxResults,
            nextToken: query.nextToken,
          }),
        );
        return pageOf(output.jobRuns, toJobRunSummary, output.nextToken);
      },
    );
  }

  /** Every page of a filtered list, for counts, up to {@link SUMMARY_PAGE_LIMIT} pages. */
  private async walkRuns(
    vc: ResolvedVirtualCluster,
    query: JobRunQuery,
  ): Promise<{ items: JobRunSummary[]; truncated: boolean }> {
    const items: JobRunSummary[] = [];
    let nextToken: string | undefined;
    for (let page = 0; page < SUMMARY_PAGE_LIMIT; page++) {
      const result = await this.fetchRunsPage(vc, {
        ...query,
        maxResults: 100,
        nextToken,
      });
      items.push(...result.items);
      nextToken = result.nextToken;
      if (!nextToken) break;
    }
    return { items, truncated: nextToken !== undefined };
  }

  /** The account and region's job templates, up to {@link TEMPLATE_PAGE_LIMIT} pages. */
  private async listAllTemplates(
    vc: ResolvedVirtualCluster,
  ): Promise<{ items: JobTemplate[] }> {
    const items: JobTemplate[] = [];
    let nextToken: string | undefined;
    for (let page = 0; page < TEMPLATE_PAGE_LIMIT; page++) {
      const pageToken = nextToken;
      const output = await this.upstream.call(
        vc,
        {
          what: `job templates in ${vc.accountId}/${vc.region}`,
          operation: 'ListJobTemplates',
        },
        client =>
          client.send(
            new ListJobTemplatesCommand({
              maxResults: TEMPLATE_PAGE_SIZE,
              nextToken: pageToken,
            }),
          ),
      );
      items.push(
        ...(output.templates ?? []).map((t: SdkJobTemplate) =>
          toJobTemplate(t),
        ),
      );
      nextToken = output.nextToken;
      if (!nextToken) break;
    }
    if (nextToken) {
      this.logger.warn(
        `${vc.accountId}/${vc.region} has more than ${
          TEMPLATE_PAGE_LIMIT * TEMPLATE_PAGE_SIZE
        } job templates; only the first ${items.length} are offered`,
      );
    }
    return { items };
  }

  private async fetchRun(
    vc: ResolvedVirtualCluster,
    jobRunId: string,
    options: { fresh?: boolean } = {},
  ): Promise<JobRunDetail> {
    const fetch = () =>
      this.upstream.call(
        vc,
        { what: `job run ${jobRunId}`, operation: 'DescribeJobRun' },
        async client => {
          const output = await client.send(
            new DescribeJobRunCommand({
              id: jobRunId,
              virtualClusterId: vc.virtualClusterId,
            }),
          );
          return toJobRunDetail(output.jobRun);
        },
      );
    return this.upstream.run(
      vc,
      jobRunId,
      fetch,
      isTerminalJobRunState,
      options,
    );
  }

  /**
   * A template by id, only if it is offered on `cluster`; otherwise as if it did not exist.
   * `fresh` for a start, which must not trust the last good copy of an outage.
   */
  private async fetchTemplateFor(
    vc: ResolvedVirtualCluster,
    cluster: VirtualCluster,
    templateId: string,
    options: { fresh?: boolean } = {},
  ): Promise<JobTemplate> {
    const template = await this.fetchTemplate(vc, templateId, options);
    if (!isTemplateFor(template, cluster, this.config.ownership)) {
      throw new NotFoundError(
        `job template ${templateId} is not offered on virtual cluster ${vc.virtualClusterId}`,
      );
    }
    return template;
  }

  private async fetchTemplate(
    vc: ResolvedVirtualCluster,
    templateId: string,
    options: { fresh?: boolean },
  ): Promise<JobTemplate> {
    const scope = `${vc.accountId}:${vc.region}:job-templates`;
    const query = `job-template:${templateId}`;
    const fetch = () =>
      this.upstream.call(
        vc,
        {
          what: `job template ${templateId}`,
          operation: 'DescribeJobTemplate',
        },
        async client => {
          const output = await client.send(
            new DescribeJobTemplateCommand({ id: templateId }),
          );
          return toJobTemplate(output.jobTemplate);
        },
      );
    return this.upstream.read(scope, query, fetch, options);
  }

  /**
   * The virtual cluster, at most a list TTL old. Reads may get the last good copy during an
   * outage, marked stale; `fresh` (a write's owner check) gets a current copy or an error.
   */
  private async fetchVirtualCluster(
    vc: ResolvedVirtualCluster,
    options: { fresh?: boolean } = {},
  ): Promise<VirtualCluster> {
    const fetch = () =>
      this.upstream.call(
        vc,
        { what: 'virtual cluster', operation: 'DescribeVirtualCluster' },
        async client => {
          const output = await client.send(
            new DescribeVirtualClusterCommand({ id: vc.virtualClusterId }),
          );
          return toVirtualCluster(output.virtualCluster);
        },
      );
    return this.upstream.read(vc.arn, 'virtual-cluster', fetch, options);
  }
}

function removed(output: { id?: string; virtualClusterId?: string }) {
  return { id: output.id!, virtualClusterId: output.virtualClusterId! };
}
