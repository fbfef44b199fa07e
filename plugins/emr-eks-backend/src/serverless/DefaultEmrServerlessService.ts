import {
  Application,
  CancelJobRunCommand,
  EMRServerlessClient,
  GetApplicationCommand,
  GetDashboardForJobRunCommand,
  GetJobRunCommand,
  JobRunAttemptSummary,
  ListJobRunAttemptsCommand,
  ListJobRunsCommand,
  ListJobRunsCommandInput,
  StartApplicationCommand,
  StopApplicationCommand,
} from '@aws-sdk/client-emr-serverless';
import {
  BackstageCredentials,
  CacheService,
  LoggerService,
  PermissionsService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { ConflictError, NotAllowedError } from '@backstage/errors';
import { DefaultAwsCredentialsManager } from '@backstage/integration-aws-node';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ServerlessApplication,
  ServerlessApplicationAction,
  ServerlessCancelledJobRun,
  ServerlessDashboard,
  ServerlessJobRunDetail,
  ServerlessJobRunPage,
  ServerlessJobRunQuery,
  emrEksJobRunCancelPermission,
  emrEksJobRunReadPermission,
  emrEksJobRunStartPermission,
  isTerminalServerlessJobRunState,
} from '@emr-eks/plugin-emr-eks-common';
import { emrEksClientOptions, mapAwsError } from '@emr-eks/plugin-emr-eks-node';
import { EmrEksConfig, readEmrEksConfig } from '../config';
import {
  EmrContainersClientProvider,
  sessionNameFor,
} from '../services/EmrContainersClientProvider';
import { EntityRequest } from '../services/types';
import { UpstreamCache } from '../services/UpstreamCache';
import {
  ResolvedApplication,
  assertEntityOwnsApplication,
  resolveApplication,
} from './resolve';
import type { EmrServerlessService, ServerlessWriteResult } from './types';
import {
  toApplication,
  toAttempt,
  toJobRunDetail,
  toJobRunSummary,
} from './wire';

/** Attempts listed for a run's detail; AWS retries a run at most 10 times. */
const ATTEMPTS_PAGE_SIZE = 50;

function userOf(credentials: BackstageCredentials): string | undefined {
  return (credentials.principal as { userEntityRef?: string }).userEntityRef;
}

/**
 * The default {@link EmrServerlessService}: the emr-serverless API through the AWS SDK,
 * with the credentials, cache and error mapping of the EMR on EKS routes. Cache scopes are
 * the application ARN, so a write retires the application's lists at once.
 */
export class DefaultEmrServerlessService implements EmrServerlessService {
  readonly #readClients = new Map<string, Promise<EMRServerlessClient>>();

  private constructor(
    private readonly catalog: CatalogService,
    private readonly permissions: PermissionsService,
    private readonly credentials: EmrContainersClientProvider,
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
  }): DefaultEmrServerlessService {
    const config = readEmrEksConfig(options.config);
    return new DefaultEmrServerlessService(
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

  async getApplication(request: EntityRequest): Promise<ServerlessApplication> {
    const app = await this.resolve(request, emrEksJobRunReadPermission);
    return this.cache.readWithFallback(
      app.arn,
      'application',
      () => this.fetchApplication(app).then(toApplication),
      () => this.config.cache.listTtlMs,
    );
  }

  startApplication(
    request: EntityRequest,
  ): Promise<ServerlessWriteResult<ServerlessApplicationAction>> {
    return this.applicationAction(request, 'start');
  }

  stopApplication(
    request: EntityRequest,
  ): Promise<ServerlessWriteResult<ServerlessApplicationAction>> {
    return this.applicationAction(request, 'stop');
  }

  async listJobRuns(
    request: EntityRequest & { query: ServerlessJobRunQuery },
  ): Promise<ServerlessJobRunPage> {
    const app = await this.resolve(request, emrEksJobRunReadPermission);
    const { query } = request;
    return this.cache.readWithFallback(
      app.arn,
      `job-runs:${JSON.stringify(query)}`,
      () =>
        this.call(
          app,
          {
            what: 'job runs',
            operation: 'ListJobRuns',
            pageToken: query.nextToken,
          },
          async client => {
            const output = await client.send(
              new ListJobRunsCommand({
                applicationId: app.applicationId,
                states: query.states as ListJobRunsCommandInput['states'],
                createdAtAfter: toDate(query.createdAfter),
                createdAtBefore: toDate(query.createdBefore),
                maxResults: query.maxResults,
                nextToken: query.nextToken,
              }),
            );
            return {
              items: (output.jobRuns ?? []).map(toJobRunSummary),
              ...(output.nextToken && { nextToken: output.nextToken }),
            } as ServerlessJobRunPage;
          },
        ),
      () => this.config.cache.listTtlMs,
    );
  }

  async getJobRun(
    request: EntityRequest & { jobRunId: string },
  ): Promise<ServerlessJobRunDetail> {
    const app = await this.resolve(request, emrEksJobRunReadPermission);
    return this.fetchRun(app, request.jobRunId);
  }

  /** Not cached: the link carries a short-lived token. */
  async getDashboard(
    request: EntityRequest & { jobRunId: string },
  ): Promise<ServerlessDashboard> {
    const app = await this.resolve(request, emrEksJobRunReadPermission);
    const { jobRunId } = request;
    return this.call(
      app,
      {
        what: `the dashboard of job run ${jobRunId}`,
        operation: 'GetDashboardForJobRun',
      },
      async client => {
        const output = await client.send(
          new GetDashboardForJobRunCommand({
            applicationId: app.applicationId,
            jobRunId,
          }),
        );
        return { url: output.url! };
      },
    );
  }

  async cancelJobRun(
    request: EntityRequest & { jobRunId: string },
  ): Promise<ServerlessWriteResult<ServerlessCancelledJobRun>> {
    const app = await this.resolveForWrite(
      request,
      emrEksJobRunCancelPermission,
    );
    const run = await this.fetchRun(app, request.jobRunId, { fresh: true });
    if (isTerminalServerlessJobRunState(run.state)) {
      throw new ConflictError(
        `Job run ${run.id} is already ${run.state} and cannot be cancelled`,
      );
    }
    return this.write(
      app,
      { what: `job run ${request.jobRunId}`, operation: 'CancelJobRun' },
      userOf(request.credentials),
      async client => {
        const output = await client.send(
          new CancelJobRunCommand({
            applicationId: app.applicationId,
            jobRunId: request.jobRunId,
          }),
        );
        return { id: output.jobRunId!, applicationId: output.applicationId! };
      },
    );
  }

  private async applicationAction(
    request: EntityRequest,
    action: 'start' | 'stop',
  ): Promise<ServerlessWriteResult<ServerlessApplicationAction>> {
    const app = await this.resolveForWrite(
      request,
      emrEksJobRunStartPermission,
    );
    return this.write(
      app,
      {
        what: `${action} of the application`,
        operation: action === 'start' ? 'StartApplication' : 'StopApplication',
      },
      userOf(request.credentials),
      async client => {
        await client.send(
          action === 'start'
            ? new StartApplicationCommand({ applicationId: app.applicationId })
            : new StopApplicationCommand({ applicationId: app.applicationId }),
        );
        return { id: app.applicationId, action };
      },
    );
  }

  private resolve(
    request: EntityRequest,
    permission: Parameters<typeof resolveApplication>[2],
  ) {
    return resolveApplication(
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
   * The way into a write, as for virtual clusters: the entity and permission as for reads,
   * a signed-in user (AWS records who acted), and the application's owner tag — read
   * fresh, never from an outage's last good copy — naming the entity's owner.
   */
  private async resolveForWrite(
    request: EntityRequest,
    permission: Parameters<typeof resolveApplication>[2],
  ): Promise<ResolvedApplication> {
    const app = await this.resolve(request, permission);
    if (!userOf(request.credentials)) {
      throw new NotAllowedError(
        `${permission.name} needs a signed-in user, so that AWS records who acted; a service may only read`,
      );
    }
    const current = await this.cache.read(
      await this.cache.scoped(app.arn, 'application-for-write'),
      () => this.fetchApplication(app),
      () => this.config.cache.listTtlMs,
    );
    assertEntityOwnsApplication(app, current.tags, this.config.ownership);
    return app;
  }

  private fetchApplication(app: ResolvedApplication): Promise<Application> {
    return this.call(
      app,
      { what: 'application', operation: 'GetApplication' },
      async client => {
        const output = await client.send(
          new GetApplicationCommand({ applicationId: app.applicationId }),
        );
        return output.application ?? ({} as Application);
      },
    );
  }

  /** A run with its attempts; finished runs never change and are kept long. */
  private async fetchRun(
    app: ResolvedApplication,
    jobRunId: string,
    options: { fresh?: boolean } = {},
  ): Promise<ServerlessJobRunDetail> {
    const fetch = () =>
      this.call(
        app,
        { what: `job run ${jobRunId}`, operation: 'GetJobRun' },
        async client => {
          const [output, attempts] = await Promise.all([
            client.send(
              new GetJobRunCommand({
                applicationId: app.applicationId,
                jobRunId,
              }),
            ),
            this.listAttempts(client, app, jobRunId),
          ]);
          return toJobRunDetail(output.jobRun, attempts.map(toAttempt));
        },
      );
    if (options.fresh) {
      return fetch();
    }
    const terminal = `${app.arn}:job-run:${jobRunId}`;
    const cached = await this.cache.peek<ServerlessJobRunDetail>(terminal);
    if (cached) {
      return cached;
    }
    const run = await this.cache.read(
      await this.cache.scoped(app.arn, `job-run:${jobRunId}`),
      fetch,
      () => this.config.cache.listTtlMs,
    );
    if (isTerminalServerlessJobRunState(run.state)) {
      await this.cache.keep(terminal, run, this.config.cache.terminalTtlMs);
    }
    return run;
  }

  private async listAttempts(
    client: EMRServerlessClient,
    app: ResolvedApplication,
    jobRunId: string,
  ): Promise<JobRunAttemptSummary[]> {
    const output = await client.send(
      new ListJobRunAttemptsCommand({
        applicationId: app.applicationId,
        jobRunId,
        maxResults: ATTEMPTS_PAGE_SIZE,
      }),
    );
    return output.jobRunAttempts ?? [];
  }

  /**
   * Calls emr-serverless for `app`, as `user` for writes; AWS errors become caller errors
   * through the suite's one mapping.
   */
  private async call<T>(
    app: ResolvedApplication,
    about: { what: string; operation: string; pageToken?: string },
    fn: (client: EMRServerlessClient) => Promise<T>,
    user?: string,
  ): Promise<T> {
    try {
      return await fn(await this.client(app, user));
    } catch (error) {
      const mapped = mapAwsError(
        error,
        `${about.what} (EMR Serverless application ${app.applicationId} in ${app.accountId}/${app.region})`,
        {
          service: 'EMR Serverless',
          operation: about.operation,
          ...(about.pageToken && { pageTokenParameter: 'nextToken' }),
        },
      );
      this.logger.warn(`EMR Serverless call failed: ${mapped.message}`);
      throw mapped;
    }
  }

  private async write<T>(
    app: ResolvedApplication,
    about: { what: string; operation: string },
    user: string | undefined,
    send: (client: EMRServerlessClient) => Promise<T>,
  ): Promise<ServerlessWriteResult<T>> {
    const result = await this.call(app, about, send, user);
    await this.cache.bump(app.arn);
    return {
      result,
      target: {
        accountId: app.accountId,
        region: app.region,
        applicationId: app.applicationId,
      },
    };
  }

  /** One shared client per account and region for reads; a user-named session for writes. */
  private client(
    app: ResolvedApplication,
    user?: string,
  ): Promise<EMRServerlessClient> {
    if (user && this.credentials.hasUserSessions(app.accountId, user)) {
      return this.createClient(app, sessionNameFor(user));
    }
    const key = `${app.accountId}/${app.region}`;
    let client = this.#readClients.get(key);
    if (!client) {
      client = this.createClient(app);
      client.catch(() => this.#readClients.delete(key));
      this.#readClients.set(key, client);
    }
    return client;
  }

  private async createClient(
    app: ResolvedApplication,
    sessionName?: string,
  ): Promise<EMRServerlessClient> {
    return new EMRServerlessClient(
      emrEksClientOptions({
        region: app.region,
        credentials: await this.credentials.credentialsFor(app, sessionName),
        endpoint: this.config.serverlessEndpoint ?? this.config.endpoint,
        maxAttempts: this.config.maxAttempts,
        component: 'backend',
      }),
    );
  }
}

function toDate(value: string | undefined) {
  return value === undefined ? undefined : new Date(value);
}
