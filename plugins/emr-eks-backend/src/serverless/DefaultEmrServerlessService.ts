import {
  Application,
  CancelJobRunCommand,
  EMRServerlessClient,
  GetApplicationCommand,
  GetDashboardForJobRunCommand,
  GetJobRunCommand,
  GetSessionCommand,
  GetSessionEndpointCommand,
  ListSessionsCommand,
  ListSessionsCommandInput,
  TerminateSessionCommand,
  JobRunAttemptSummary,
  ListJobRunAttemptsCommand,
  ListJobRunsCommand,
  ListJobRunsCommandInput,
  StartApplicationCommand,
  StartJobRunCommand,
  StartJobRunCommandInput,
  StopApplicationCommand,
} from '@aws-sdk/client-emr-serverless';
import { IAMClient, ListRoleTagsCommand } from '@aws-sdk/client-iam';
import { DatabaseService } from '@backstage/backend-plugin-api';
import { randomUUID } from 'node:crypto';
import {
  ConflictError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
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
  LIVE_SERVERLESS_SESSION_STATES,
  ServerlessJobDefinition,
  ServerlessJobDefinitionPage,
  ServerlessJobDefinitionRequest,
  ServerlessStartedJobRun,
  StartServerlessJobRunRequest,
  ownerRefFromTags,
  ServerlessSessionDetail,
  ServerlessSessionPage,
  ServerlessSessionQuery,
  ServerlessTerminatedSession,
  isTerminalServerlessJobRunState,
} from '@emr-eks/plugin-emr-eks-common';
import {
  assertRoleOfTeam,
  emrEksClientOptions,
  mapAwsError,
} from '@emr-eks/plugin-emr-eks-node';
import {
  AwsClients,
  sessionNameFor,
} from '../services/EmrContainersClientProvider';
import { STARTED_BY_TAG } from '../services/DefaultEmrEksService';
import { userTags } from '../services/wire';
import { JobDefinitionStore } from './JobDefinitionStore';
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
  toSessionDetail,
  toSessionSummary,
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
    private readonly iam: AwsClients<IAMClient>,
    private readonly definitions: Promise<JobDefinitionStore> | undefined,
  ) {
    // A database that cannot be opened fails the job definition routes, not startup.
    definitions?.catch(() => undefined);
  }

  static create(
    options: UpstreamServiceOptions & { database?: DatabaseService },
  ): DefaultEmrServerlessService {
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
      context.clients.clientsOf(
        (target, credentials) =>
          new IAMClient(
            emrEksClientOptions({
              region: target.region,
              credentials,
              endpoint: config.iamEndpoint ?? config.endpoint,
              maxAttempts: config.maxAttempts,
              component: 'backend',
            }),
          ),
      ),
      options.database && JobDefinitionStore.create(options.database),
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

  async listSessions(
    request: EntityRequest & { query: ServerlessSessionQuery },
  ): Promise<ServerlessSessionPage> {
    const app = await resolveApplication(
      this.targets,
      request,
      emrEksJobRunReadPermission,
    );
    const { query } = request;
    return this.upstream.list(
      app,
      `sessions:${JSON.stringify(query)}`,
      {
        what: 'sessions',
        operation: 'ListSessions',
        pageToken: query.nextToken,
      },
      async client => {
        const output = await client.send(
          new ListSessionsCommand({
            applicationId: app.applicationId,
            states: query.states as ListSessionsCommandInput['states'],
            maxResults: query.maxResults,
            nextToken: query.nextToken,
          }),
        );
        return pageOf(
          output.sessions,
          toSessionSummary,
          output.nextToken,
        ) as ServerlessSessionPage;
      },
    );
  }

  /** The session, with its endpoint URL while it is live; kept a list TTL. */
  async getSession(
    request: EntityRequest & { sessionId: string },
  ): Promise<ServerlessSessionDetail> {
    const app = await resolveApplication(
      this.targets,
      request,
      emrEksJobRunReadPermission,
    );
    return this.upstream.read(app.arn, `session:${request.sessionId}`, () =>
      this.fetchSession(app, request.sessionId),
    );
  }

  async terminateSession(
    request: EntityRequest & { sessionId: string },
  ): Promise<ServerlessWriteResult<ServerlessTerminatedSession>> {
    const app = await this.resolveForWrite(
      request,
      emrEksJobRunCancelPermission,
    );
    const { sessionId } = request;
    const session = await this.fetchSession(app, sessionId);
    if (['TERMINATING', 'TERMINATED', 'FAILED'].includes(session.state)) {
      throw new ConflictError(
        `Session ${sessionId} is already ${session.state} and cannot be terminated`,
      );
    }
    return this.write(
      app,
      { what: `session ${sessionId}`, operation: 'TerminateSession' },
      userOf(request.credentials),
      async client => {
        const output = await client.send(
          new TerminateSessionCommand({
            applicationId: app.applicationId,
            sessionId,
          }),
        );
        return { id: output.sessionId!, applicationId: output.applicationId! };
      },
    );
  }

  async listJobDefinitions(
    request: EntityRequest,
  ): Promise<ServerlessJobDefinitionPage> {
    const app = await resolveApplication(
      this.targets,
      request,
      emrEksJobRunReadPermission,
    );
    return { items: await (await this.jobDefinitions()).list(app.arn) };
  }

  /** For the entity's owners; the role must be tagged for that owner. */
  async saveJobDefinition(
    request: EntityRequest & { body: ServerlessJobDefinitionRequest },
  ): Promise<ServerlessWriteResult<ServerlessJobDefinition & { id: string }>> {
    const app = await this.resolveForWrite(
      request,
      emrEksJobRunStartPermission,
    );
    const { body } = request;
    await this.assertTeamRole(app, body.executionRoleArn, 'executionRoleArn');
    const saved = await (
      await this.jobDefinitions()
    ).save(app.arn, body, userOf(request.credentials)!);
    return {
      result: { ...saved, id: saved.name },
      target: this.targetOf(app),
    };
  }

  /**
   * A run of one of the team's saved job definitions, with a client token naming the user;
   * the definition's role must still be tagged for the team.
   */
  async startJobRun(
    request: EntityRequest & { body: StartServerlessJobRunRequest },
  ): Promise<ServerlessWriteResult<ServerlessStartedJobRun>> {
    const app = await this.resolveForWrite(
      request,
      emrEksJobRunStartPermission,
    );
    const { jobDefinition, name } = request.body;
    const definition = await (
      await this.jobDefinitions()
    ).get(app.arn, jobDefinition);
    if (!definition) {
      throw new NotFoundError(
        `No job definition '${jobDefinition}' is saved for EMR Serverless application ${app.applicationId}`,
      );
    }
    await this.assertTeamRole(
      app,
      definition.executionRoleArn,
      'jobDefinition',
    );
    return this.submit(request, app, `job definition ${jobDefinition}`, {
      name: name ?? definition.name,
      executionRoleArn: definition.executionRoleArn,
      jobDriver: definition.jobDriver as StartJobRunCommandInput['jobDriver'],
      configurationOverrides:
        definition.configurationOverrides as StartJobRunCommandInput['configurationOverrides'],
      executionTimeoutMinutes: definition.executionTimeoutMinutes,
      tags: definition.tags,
    });
  }

  /** The run again: its own driver, overrides, role (still the team's), timeout and tags. */
  async rerunJobRun(
    request: EntityRequest & { jobRunId: string },
  ): Promise<ServerlessWriteResult<ServerlessStartedJobRun>> {
    const app = await this.resolveForWrite(
      request,
      emrEksJobRunStartPermission,
    );
    const run = await this.fetchRun(app, request.jobRunId, { fresh: true });
    await this.assertTeamRole(app, run.executionRole, 'jobRunId');
    return this.submit(request, app, `a rerun of job run ${run.id}`, {
      name: run.name,
      executionRoleArn: run.executionRole,
      jobDriver: run.jobDriver as StartJobRunCommandInput['jobDriver'],
      configurationOverrides:
        run.configurationOverrides as StartJobRunCommandInput['configurationOverrides'],
      executionTimeoutMinutes: run.executionTimeoutMinutes,
      mode: run.mode as StartJobRunCommandInput['mode'],
      tags: userTags(run.tags),
    });
  }

  private submit(
    request: EntityRequest,
    app: ResolvedApplication,
    what: string,
    input: Omit<StartJobRunCommandInput, 'applicationId' | 'clientToken'>,
  ): Promise<ServerlessWriteResult<ServerlessStartedJobRun>> {
    const user = userOf(request.credentials)!;
    // Names the user, so that AWS's record of the request says who asked; the model's
    // ClientToken allows [A-Za-z0-9._-] only (`backstage.alice-1a2b3c4d`).
    const clientToken = `${sessionNameFor(user)
      .replace(/[^A-Za-z0-9._-]/g, '.')
      .slice(0, 55)}-${randomUUID().slice(0, 8)}`;
    return this.write(
      app,
      { what, operation: 'StartJobRun' },
      user,
      async client => {
        const output = await client.send(
          new StartJobRunCommand({
            ...input,
            applicationId: app.applicationId,
            clientToken,
            tags: { ...input.tags, [STARTED_BY_TAG]: user },
          }),
        );
        return {
          id: output.jobRunId!,
          ...(input.name && { name: input.name }),
          arn: output.arn!,
          applicationId: output.applicationId!,
        };
      },
    );
  }

  private async jobDefinitions(): Promise<JobDefinitionStore> {
    if (!this.definitions) {
      throw new ServiceUnavailableError(
        'Saved job definitions need the plugin database, which is not configured',
      );
    }
    return this.definitions;
  }

  /** The role must be in the application's account and tagged for the entity's owner. */
  private assertTeamRole(
    app: ResolvedApplication,
    roleArn: string,
    field: string,
  ): Promise<void> {
    return assertRoleOfTeam({
      roleArn,
      accountId: app.accountId,
      resource: `EMR Serverless application ${app.applicationId}`,
      owner: app.entityOwner!,
      field,
      ownerOf: tags => ownerRefFromTags(tags, this.config.ownership),
      tagsOf: async roleName => {
        try {
          const iam = await this.iam.getClient(app);
          const output = await iam.send(
            new ListRoleTagsCommand({ RoleName: roleName, MaxItems: 100 }),
          );
          return Object.fromEntries(
            (output.Tags ?? []).map(t => [t.Key ?? '', t.Value ?? '']),
          );
        } catch (error) {
          if ((error as Error).name === 'NoSuchEntityException') {
            return undefined;
          }
          throw mapAwsError(error, `the tags of role ${roleName}`, {
            service: 'IAM',
            operation: 'ListRoleTags',
          });
        }
      },
    });
  }

  private targetOf(app: ResolvedApplication) {
    return {
      accountId: app.accountId,
      region: app.region,
      applicationId: app.applicationId,
    };
  }

  private fetchSession(
    app: ResolvedApplication,
    sessionId: string,
  ): Promise<ServerlessSessionDetail> {
    const ids = { applicationId: app.applicationId, sessionId };
    return this.upstream.call(
      app,
      { what: `session ${sessionId}`, operation: 'GetSession' },
      async client => {
        const { session } = await client.send(new GetSessionCommand(ids));
        const live = (
          LIVE_SERVERLESS_SESSION_STATES as ReadonlyArray<string | undefined>
        ).includes(session?.state);
        // The auth token stays here: it would let every reader act in the session.
        const endpoint = live
          ? (await client.send(new GetSessionEndpointCommand(ids))).endpoint
          : undefined;
        return toSessionDetail(session, endpoint);
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
      target: this.targetOf(app),
    };
  }
}
