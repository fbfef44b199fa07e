import {
  CancelJobRunCommand,
  DeleteManagedEndpointCommand,
  DescribeJobRunCommand,
  DescribeJobTemplateCommand,
  DescribeManagedEndpointCommand,
  DescribeVirtualClusterCommand,
  EMRContainersClient,
  JobRunState as SdkJobRunState,
  ListJobRunsCommand,
  ListJobTemplatesCommand,
  ListManagedEndpointsCommand,
  StartJobRunCommand,
} from '@aws-sdk/client-emr-containers';
import {
  BackstageCredentials,
  CacheService,
  LoggerService,
  PermissionsService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import {
  ConflictError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { DefaultAwsCredentialsManager } from '@backstage/integration-aws-node';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  JobRunDetail,
  JobRunPage,
  JobRunQuery,
  JobTemplate,
  JobTemplatePage,
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
import { EmrEksConfig, readEmrEksConfig } from '../config';
import { mapAwsError } from './awsErrors';
import { EmrContainersClientProvider } from './EmrContainersClientProvider';
import { assertEntityOwnsVirtualCluster } from './ownership';
import type {
  EmrEksService,
  EndpointQuery,
  EntityRequest,
  PageQuery,
  WriteResult,
} from './types';
import { UpstreamCache } from './UpstreamCache';
import {
  ResolvedVirtualCluster,
  resolveVirtualCluster,
} from './virtualClusters';
import { toJobRunSummary, toWire, userTags } from './wire';

const ACTIVE_STATES: SdkJobRunState[] = [
  'PENDING',
  'SUBMITTED',
  'RUNNING',
  'CANCEL_PENDING',
];
const SUMMARY_PAGE_LIMIT = 10;
const DAY_MS = 86_400_000;
/** Tag on runs started through Backstage, naming the user. */
export const STARTED_BY_TAG = 'backstage:started-by';

function userOf(credentials: BackstageCredentials): string | undefined {
  const principal = credentials.principal as { userEntityRef?: string };
  return principal.userEntityRef;
}

/** The default {@link EmrEksService}: the emr-containers API through the AWS SDK. */
export class DefaultEmrEksService implements EmrEksService {
  private constructor(
    private readonly catalog: CatalogService,
    private readonly permissions: PermissionsService,
    private readonly clients: EmrContainersClientProvider,
    private readonly cache: UpstreamCache,
    private readonly config: EmrEksConfig,
    private readonly logger: LoggerService,
  ) {}

  static create(options: {
    config: RootConfigService;
    catalog: CatalogService;
    permissions: PermissionsService;
    cache: CacheService;
    logger: LoggerService;
  }): DefaultEmrEksService {
    const config = readEmrEksConfig(options.config);
    return new DefaultEmrEksService(
      options.catalog,
      options.permissions,
      new EmrContainersClientProvider(
        DefaultAwsCredentialsManager.fromConfig(options.config),
        config,
      ),
      new UpstreamCache(options.cache, config.cache.staleTtlMs),
      config,
      options.logger,
    );
  }

  async listJobRuns(
    request: EntityRequest & { query: JobRunQuery },
  ): Promise<JobRunPage> {
    const vc = await this.resolve(request, emrEksJobRunReadPermission);
    return this.listRuns(vc, request.query);
  }

  async describeJobRun(
    request: EntityRequest & { jobRunId: string },
  ): Promise<JobRunDetail> {
    const vc = await this.resolve(request, emrEksJobRunReadPermission);
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
    );
    return this.write(
      vc,
      `job template ${body.jobTemplateId}`,
      user,
      async client =>
        toWire<StartedJobRun>(
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
      `a rerun of job run ${request.jobRunId}`,
      user,
      async client =>
        toWire<StartedJobRun>(
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
      `job run ${request.jobRunId}`,
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
    const vc = await this.resolve(request, emrEksEndpointReadPermission);
    const { query } = request;
    return this.cache.readList(
      vc.arn,
      `endpoints:${JSON.stringify(query)}`,
      () =>
        this.call(vc, `endpoints of ${vc.virtualClusterId}`, async client => {
          const output = await client.send(
            new ListManagedEndpointsCommand({
              virtualClusterId: vc.virtualClusterId,
              states: query.states,
              maxResults: query.maxResults,
              nextToken: query.nextToken,
            }),
          );
          return toWire<ManagedEndpointPage>({
            items: output.endpoints ?? [],
            nextToken: output.nextToken,
          });
        }),
      () => this.config.cache.listTtlMs,
    );
  }

  async describeEndpoint(
    request: EntityRequest & { endpointId: string },
  ): Promise<ManagedEndpoint> {
    const vc = await this.resolve(request, emrEksEndpointReadPermission);
    return this.cache.read(
      await this.cache.scoped(vc.arn, `endpoint:${request.endpointId}`),
      () =>
        this.call(vc, `endpoint ${request.endpointId}`, async client => {
          const output = await client.send(
            new DescribeManagedEndpointCommand({
              id: request.endpointId,
              virtualClusterId: vc.virtualClusterId,
            }),
          );
          return toWire<ManagedEndpoint>(output.endpoint);
        }),
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
      `endpoint ${request.endpointId}`,
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

  async listJobTemplates(
    request: EntityRequest & { query: PageQuery },
  ): Promise<JobTemplatePage> {
    const vc = await this.resolve(request, emrEksJobRunReadPermission);
    const cluster = await this.fetchVirtualCluster(vc);
    const page = await this.cache.readList(
      `${vc.accountId}:${vc.region}:job-templates`,
      JSON.stringify(request.query),
      () =>
        this.call(
          vc,
          `job templates in ${vc.accountId}/${vc.region}`,
          async client => {
            const output = await client.send(
              new ListJobTemplatesCommand({
                maxResults: request.query.maxResults,
                nextToken: request.query.nextToken,
              }),
            );
            return toWire<JobTemplatePage>({
              items: output.templates ?? [],
              nextToken: output.nextToken,
            });
          },
        ),
      () => this.config.cache.listTtlMs,
    );
    return {
      ...page,
      items: page.items.filter(t =>
        isTemplateFor(t, cluster, this.config.ownership),
      ),
    };
  }

  async describeJobTemplate(
    request: EntityRequest & { templateId: string },
  ): Promise<JobTemplate> {
    const vc = await this.resolve(request, emrEksJobRunReadPermission);
    const cluster = await this.fetchVirtualCluster(vc);
    return this.fetchTemplateFor(vc, cluster, request.templateId);
  }

  async describeVirtualCluster(
    request: EntityRequest,
  ): Promise<VirtualCluster> {
    const vc = await this.resolve(request, emrEksJobRunReadPermission);
    return this.fetchVirtualCluster(vc);
  }

  async summarize(request: EntityRequest): Promise<VirtualClusterSummary> {
    const vc = await this.resolve(request, emrEksJobRunReadPermission);
    // Whole hours keep the cache key stable within the hour.
    const since = new Date(
      Math.floor((Date.now() - DAY_MS) / 3_600_000) * 3_600_000,
    );
    const [active, failed] = await Promise.all([
      this.listAllRuns(vc, { states: ACTIVE_STATES }),
      this.listAllRuns(vc, {
        states: ['FAILED'],
        createdAfter: since.toISOString(),
      }),
    ]);
    return {
      virtualClusterId: vc.virtualClusterId,
      active: active.items.length,
      running: active.items.filter(r => r.state === 'RUNNING').length,
      failedLast24h: failed.items.length,
      ...((active.stale ?? failed.stale) && {
        stale: active.stale ?? failed.stale,
      }),
    };
  }

  private resolve(
    request: EntityRequest,
    permission: Parameters<typeof resolveVirtualCluster>[2],
  ) {
    return resolveVirtualCluster(
      {
        catalog: this.catalog,
        permissions: this.permissions,
        accounts: this.config.accounts,
      },
      request,
      permission,
    );
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
    const vc = await this.resolve(request, permission);
    if (!userOf(request.credentials)) {
      throw new NotAllowedError(
        `${permission.name} needs a signed-in user, so that AWS records who acted; a service may only read`,
      );
    }
    const cluster = await this.fetchVirtualCluster(vc);
    assertEntityOwnsVirtualCluster(vc, cluster.tags, this.config.ownership);
    return { vc, cluster };
  }

  /** Calls emr-containers for `vc`, as `user` for writes; AWS errors become caller errors. */
  private async call<T>(
    vc: ResolvedVirtualCluster,
    what: string,
    fn: (client: EMRContainersClient) => Promise<T>,
    user?: string,
  ): Promise<T> {
    try {
      const client = user
        ? await this.clients.getClientForUser(vc, user)
        : await this.clients.getClient(vc);
      return await fn(client);
    } catch (error) {
      const mapped = mapAwsError(
        error,
        `${what} (virtual cluster ${vc.virtualClusterId} in ${vc.accountId}/${vc.region})`,
      );
      this.logger.warn(`EMR on EKS call failed: ${mapped.message}`);
      throw mapped;
    }
  }

  /** A write as `user`; afterwards the cluster's cached lists are retired. */
  private async write<T>(
    vc: ResolvedVirtualCluster,
    what: string,
    user: string | undefined,
    send: (client: EMRContainersClient) => Promise<T>,
  ): Promise<WriteResult<T>> {
    const result = await this.call(vc, what, send, user);
    await this.cache.bump(vc.arn);
    return { result, target: vc };
  }

  private listRuns(vc: ResolvedVirtualCluster, query: JobRunQuery) {
    return this.cache.readList(
      vc.arn,
      `job-runs:${JSON.stringify(query)}`,
      () =>
        this.call(vc, 'job runs', async client => {
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
          return {
            items: (output.jobRuns ?? []).map(toJobRunSummary),
            ...(output.nextToken && { nextToken: output.nextToken }),
          } as JobRunPage;
        }),
      () => this.config.cache.listTtlMs,
    );
  }

  /** Every page of a filtered list, for counts; bounded so a huge history stays cheap. */
  private async listAllRuns(vc: ResolvedVirtualCluster, query: JobRunQuery) {
    const items = [];
    let stale;
    let nextToken: string | undefined;
    for (let page = 0; page < SUMMARY_PAGE_LIMIT; page++) {
      const result = await this.listRuns(vc, {
        ...query,
        maxResults: 100,
        nextToken,
      });
      items.push(...result.items);
      stale ??= result.stale;
      nextToken = result.nextToken;
      if (!nextToken) break;
    }
    return { items, stale };
  }

  private async fetchRun(
    vc: ResolvedVirtualCluster,
    jobRunId: string,
    options: { fresh?: boolean } = {},
  ): Promise<JobRunDetail> {
    const fetch = () =>
      this.call(vc, `job run ${jobRunId}`, async client => {
        const output = await client.send(
          new DescribeJobRunCommand({
            id: jobRunId,
            virtualClusterId: vc.virtualClusterId,
          }),
        );
        return toWire<JobRunDetail>(output.jobRun);
      });
    if (options.fresh) {
      return fetch();
    }
    // Finished runs never change, so they are kept long; others briefly, and a write
    // on the virtual cluster (a cancel) retires them at once.
    const terminal = `${vc.arn}:job-run:${jobRunId}`;
    const cached = await this.cache.peek<JobRunDetail>(terminal);
    if (cached) {
      return cached;
    }
    const run = await this.cache.read(
      await this.cache.scoped(vc.arn, `job-run:${jobRunId}`),
      fetch,
      () => this.config.cache.listTtlMs,
    );
    if (isTerminalJobRunState(run.state)) {
      await this.cache.keep(terminal, run, this.config.cache.terminalTtlMs);
    }
    return run;
  }

  /** A template by id, only if it is offered on `cluster`; otherwise as if it did not exist. */
  private async fetchTemplateFor(
    vc: ResolvedVirtualCluster,
    cluster: VirtualCluster,
    templateId: string,
  ): Promise<JobTemplate> {
    const template = await this.fetchTemplate(vc, templateId);
    if (!isTemplateFor(template, cluster, this.config.ownership)) {
      throw new NotFoundError(
        `job template ${templateId} is not offered on virtual cluster ${vc.virtualClusterId}`,
      );
    }
    return template;
  }

  private fetchTemplate(
    vc: ResolvedVirtualCluster,
    templateId: string,
  ): Promise<JobTemplate> {
    return this.cache.read(
      `${vc.accountId}:${vc.region}:job-template:${templateId}`,
      () =>
        this.call(vc, `job template ${templateId}`, async client => {
          const output = await client.send(
            new DescribeJobTemplateCommand({ id: templateId }),
          );
          return toWire<JobTemplate>(output.jobTemplate);
        }),
      () => this.config.cache.listTtlMs,
    );
  }

  private fetchVirtualCluster(
    vc: ResolvedVirtualCluster,
  ): Promise<VirtualCluster> {
    return this.cache.read(
      `${vc.arn}:virtual-cluster`,
      () =>
        this.call(vc, 'virtual cluster', async client => {
          const output = await client.send(
            new DescribeVirtualClusterCommand({ id: vc.virtualClusterId }),
          );
          return toWire<VirtualCluster>(output.virtualCluster);
        }),
      () => this.config.cache.listTtlMs,
    );
  }
}

function removed(output: { id?: string; virtualClusterId?: string }) {
  return { id: output.id!, virtualClusterId: output.virtualClusterId! };
}

function toDate(value: string | undefined) {
  return value === undefined ? undefined : new Date(value);
}
