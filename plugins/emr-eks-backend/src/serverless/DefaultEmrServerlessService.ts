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
import { ConflictError } from '@backstage/errors';
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
import { emrEksClientOptions } from '@emr-eks/plugin-emr-eks-node';
import { EmrEksConfig } from '../config';
import { EntityRequest } from '../services/types';
import { UpstreamCache } from '../services/UpstreamCache';
import {
  CallAbout,
  UpstreamCalls,
  UpstreamServiceOptions,
  pageOf,
  requireSignedInUser,
  toDate,
  upstreamContext,
  userOf,
} from '../services/upstream';
import { TargetDeps } from '../services/entityTargets';
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

/**
 * The default {@link EmrServerlessService}: the emr-serverless API through the AWS SDK,
 * with the credentials, cache and error mapping of the EMR on EKS routes. Cache scopes are
 * the application ARN, so a write retires the application's lists at once.
 */
export class DefaultEmrServerlessService implements EmrServerlessService {
  private constructor(
    private readonly targets: TargetDeps,
    private readonly upstream: UpstreamCalls<
      EMRServerlessClient,
      ResolvedApplication
    >,
    private readonly cache: UpstreamCache,
    private readonly config: EmrEksConfig,
  ) {}

  static create(options: UpstreamServiceOptions): DefaultEmrServerlessService {
    const { config, cache, targets, ...context } = upstreamContext(options);
    const clients = context.clients.clientsOf(
      (target, credentials) =>
        new EMRServerlessClient(
          emrEksClientOptions({
            region: target.region,
            credentials,
            endpoint: config.serverlessEndpoint ?? config.endpoint,
            maxAttempts: config.maxAttempts,
            component: 'backend',
          }),
        ),
    );
    return new DefaultEmrServerlessService(
      targets,
      new UpstreamCalls({
        clients,
        cache,
        config,
        logger: options.logger,
        service: 'EMR Serverless',
        describe: app =>
          `EMR Serverless application ${app.applicationId} in ${app.accountId}/${app.region}`,
      }),
      cache,
      config,
    );
  }

  async getApplication(request: EntityRequest): Promise<ServerlessApplication> {
    const app = await resolveApplication(
      this.targets,
      request,
      emrEksJobRunReadPermission,
    );
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
    const app = await resolveApplication(
      this.targets,
      request,
      emrEksJobRunReadPermission,
    );
    const { query } = request;
    return this.upstream.list(
      app,
      `job-runs:${JSON.stringify(query)}`,
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
        return pageOf(
          output.jobRuns,
          toJobRunSummary,
          output.nextToken,
        ) as ServerlessJobRunPage;
      },
    );
  }

  async getJobRun(
    request: EntityRequest & { jobRunId: string },
  ): Promise<ServerlessJobRunDetail> {
    const app = await resolveApplication(
      this.targets,
      request,
      emrEksJobRunReadPermission,
    );
    return this.fetchRun(app, request.jobRunId);
  }

  /** Not cached: the link carries a short-lived token. */
  async getDashboard(
    request: EntityRequest & { jobRunId: string },
  ): Promise<ServerlessDashboard> {
    const app = await resolveApplication(
      this.targets,
      request,
      emrEksJobRunReadPermission,
    );
    const { jobRunId } = request;
    return this.upstream.call(
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

  /**
   * The way into a write, as for virtual clusters: the entity and permission as for reads,
   * a signed-in user (AWS records who acted), and the application's owner tag — read
   * fresh, never from an outage's last good copy — naming the entity's owner.
   */
  private async resolveForWrite(
    request: EntityRequest,
    permission: Parameters<typeof resolveApplication>[2],
  ): Promise<ResolvedApplication> {
    const app = await resolveApplication(this.targets, request, permission);
    requireSignedInUser(request.credentials, permission);
    const current = await this.upstream.read(
      app.arn,
      'application-for-write',
      () => this.fetchApplication(app),
      { fresh: true },
    );
    assertEntityOwnsApplication(app, current.tags, this.config.ownership);
    return app;
  }

  private fetchApplication(app: ResolvedApplication): Promise<Application> {
    return this.upstream.call(
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
      this.upstream.call(
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
    return this.upstream.run(
      app,
      jobRunId,
      fetch,
      isTerminalServerlessJobRunState,
      options,
    );
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

  private async write<T>(
    app: ResolvedApplication,
    about: Omit<CallAbout, 'pageToken'>,
    user: string | undefined,
    send: (client: EMRServerlessClient) => Promise<T>,
  ): Promise<ServerlessWriteResult<T>> {
    return {
      result: await this.upstream.write(app, about, user, send),
      target: {
        accountId: app.accountId,
        region: app.region,
        applicationId: app.applicationId,
      },
    };
  }
}
