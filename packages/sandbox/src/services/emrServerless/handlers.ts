import crypto from 'node:crypto';
import { modelError } from '../../errors';
import { ServiceModel } from '../../model/loader';
import { Pager } from '../../paging';
import { regionPages, tagOperations, TokenCodec } from '../listsAndTags';
import { OperationContext, OperationHandler } from '../../protocols/restJson';
import {
  attemptsAt,
  attemptStatus,
  billedUtilization,
  executionSeconds,
  isTerminalRun,
  runStatusAt,
  sessionStateAt,
  totalUtilization,
} from './lifecycle';
import {
  ApplicationRecord,
  EmrServerlessStore,
  JobRunRecord,
  ListRunsFilter,
  ServerlessConflict,
  SessionRecord,
  sortKey,
  StartRunRequest,
} from './store';

/*
 * The served emr-serverless operations. Inputs arrive validated against the
 * model; outputs are the model's output shapes as JSON. Each request works on
 * the data of the region it is signed for.
 */

const MAX_TAGS = 200;
/** The model's Date has no timestampFormat: rest-json sends epoch seconds. */
const epochSeconds = (ms: number) => ms / 1000;
const iso = (ms: number | undefined) =>
  ms === undefined ? undefined : epochSeconds(ms);

function applicationSummaryJson(app: ApplicationRecord) {
  return {
    id: app.id,
    name: app.name,
    arn: app.arn,
    releaseLabel: app.releaseLabel,
    type: app.type,
    state: app.state,
    stateDetails: app.stateDetails,
    createdAt: iso(app.createdAt),
    updatedAt: iso(app.updatedAt),
    architecture: app.architecture,
  };
}

function applicationJson(app: ApplicationRecord) {
  const { id, ...summary } = applicationSummaryJson(app);
  return {
    applicationId: id,
    ...summary,
    ...app.settings,
    tags: app.tags,
  };
}

function jobRunSummaryJson(run: JobRunRecord, now: number) {
  const status = runStatusAt(run.plan, now);
  const attempts = attemptsAt(run.plan, now);
  const current = attempts[attempts.length - 1] ?? run.plan.attempts[0];
  return {
    applicationId: run.applicationId,
    id: run.id,
    name: run.name,
    mode: run.mode,
    arn: run.arn,
    createdBy: run.createdBy,
    createdAt: iso(run.plan.attempts[0].createdAt),
    updatedAt: iso(updatedAt(run, now)),
    executionRole: run.executionRole,
    state: status.state,
    stateDetails: status.stateDetails,
    releaseLabel: run.releaseLabel,
    type: 'Spark',
    attempt: status.attempt,
    attemptCreatedAt: iso(current.createdAt),
    attemptUpdatedAt: iso(updatedAt(run, now)),
  };
}

/** The latest state change of the run at `now`. */
function updatedAt(run: JobRunRecord, now: number): number {
  const plan = run.plan;
  const times = [
    ...attemptsAt(plan, now).flatMap(a => [
      a.createdAt,
      a.pendingAt,
      a.scheduledAt,
      a.runningAt,
      a.endsAt,
    ]),
    plan.cancelRequestedAt ?? 0,
    plan.cancelledAt ?? 0,
  ].filter(t => t <= now);
  return Math.max(...times);
}

function jobRunJson(run: JobRunRecord, now: number, attempt?: number) {
  const summary = jobRunSummaryJson(run, now);
  const status = runStatusAt(run.plan, now);
  const attempts = attemptsAt(run.plan, now);
  const terminal = isTerminalRun(status.state);
  const { id, type: _type, ...rest } = summary;
  const chosen = attempt !== undefined ? attempts[attempt - 1] : undefined;
  const attemptState = chosen ? attemptStatus(chosen, now) : undefined;
  const first = attempts[0] ?? run.plan.attempts[0];
  return {
    ...rest,
    jobRunId: id,
    ...(chosen && attemptState
      ? {
          state:
            attempt === attempts.length ? status.state : attemptState.state,
          stateDetails:
            attempt === attempts.length
              ? status.stateDetails
              : attemptState.stateDetails,
          attempt,
          attemptCreatedAt: iso(chosen.createdAt),
        }
      : {}),
    jobDriver: run.jobDriver,
    configurationOverrides: run.configurationOverrides,
    tags: run.tags,
    executionTimeoutMinutes: run.executionTimeoutMinutes,
    retryPolicy: run.retryPolicy,
    totalResourceUtilization:
      status.startedAt !== undefined
        ? totalUtilization(run.plan, now)
        : undefined,
    billedResourceUtilization: terminal
      ? billedUtilization(run.plan, now)
      : undefined,
    totalExecutionDurationSeconds: executionSeconds(run.plan, now),
    startedAt: iso(status.startedAt),
    endedAt: iso(status.endedAt),
    queuedDurationMilliseconds:
      status.startedAt !== undefined
        ? status.startedAt - first.createdAt
        : undefined,
  };
}

function jobRunAttemptJson(run: JobRunRecord, now: number) {
  const attempts = attemptsAt(run.plan, now);
  const status = runStatusAt(run.plan, now);
  return attempts.map((a, i) => {
    const last = i === attempts.length - 1;
    const state = last ? status : attemptStatus(a, now);
    const end = last ? status.endedAt ?? now : a.endsAt;
    return {
      applicationId: run.applicationId,
      id: run.id,
      name: run.name,
      mode: run.mode,
      arn: run.arn,
      createdBy: run.createdBy,
      jobCreatedAt: iso(run.plan.attempts[0].createdAt),
      createdAt: iso(a.createdAt),
      updatedAt: iso(Math.min(end, now)),
      executionRole: run.executionRole,
      state: state.state,
      stateDetails: state.stateDetails,
      releaseLabel: run.releaseLabel,
      type: 'Spark',
      attempt: i + 1,
    };
  });
}

function sessionSummaryJson(session: SessionRecord, now: number) {
  const state = sessionStateAt(session.plan, now);
  const p = session.plan;
  const changes = [
    p.createdAt,
    p.startingAt,
    p.idleAt,
    p.terminateRequestedAt ?? 0,
    p.terminatedAt,
  ];
  return {
    applicationId: session.applicationId,
    sessionId: session.id,
    arn: session.arn,
    name: session.name,
    state,
    stateDetails: sessionDetails(session, state),
    releaseLabel: session.releaseLabel,
    executionRoleArn: session.executionRoleArn,
    createdBy: session.createdBy,
    createdAt: iso(p.createdAt),
    updatedAt: iso(Math.max(...changes.filter(t => t <= now))),
  };
}

/** The model requires non-blank `stateDetails` on sessions too. */
function sessionDetails(session: SessionRecord, state: string): string {
  switch (state) {
    case 'TERMINATED':
      return session.plan.terminateRequestedAt === undefined
        ? `Session terminated after being idle for ${session.idleTimeoutMinutes} minutes`
        : 'Session terminated by user request';
    case 'TERMINATING':
      return 'Session is terminating';
    case 'IDLE':
      return 'Session is idle and ready for statements';
    default:
      return `Session is ${state.toLowerCase()}`;
  }
}

function sessionJson(session: SessionRecord, now: number) {
  const p = session.plan;
  const state = sessionStateAt(p, now);
  const started = now >= p.idleAt;
  return {
    ...sessionSummaryJson(session, now),
    startedAt: started ? iso(p.idleAt) : undefined,
    endedAt: state === 'TERMINATED' ? iso(p.terminatedAt) : undefined,
    idleSince: state === 'IDLE' ? iso(p.idleAt) : undefined,
    idleTimeoutMinutes: session.idleTimeoutMinutes,
    configurationOverrides: session.configurationOverrides,
    tags: session.tags,
  };
}

/** This model's NextToken allows only [A-Za-z0-9_=-]: the pager's tokens travel base64url-encoded. */
const base64urlTokens: TokenCodec = {
  encode: token =>
    token === undefined ? undefined : Buffer.from(token).toString('base64url'),
  decode: token =>
    token === undefined
      ? undefined
      : Buffer.from(token, 'base64url').toString('utf8'),
};

export function emrServerlessHandlers(
  model: ServiceModel,
  storeFor: (context: OperationContext) => EmrServerlessStore,
  pager: Pager,
  now: () => number,
): Record<string, OperationHandler> {
  const notFound = (message: string) =>
    modelError(model, 'ResourceNotFoundException', message);
  const invalid = (message: string) =>
    modelError(model, 'ValidationException', message);

  /** A store refusal becomes the ValidationException AWS answers with. */
  const refused = <T>(action: () => T): T => {
    try {
      return action();
    } catch (error) {
      if (error instanceof ServerlessConflict) throw invalid(error.message);
      throw error;
    }
  };

  const requireApp = (
    input: Record<string, unknown>,
    context: OperationContext,
  ) => {
    const store = storeFor(context);
    const id = input.applicationId as string;
    const app = store.getApplication(id);
    if (!app || app.state === 'TERMINATED') {
      throw notFound(`Application ${id} does not exist`);
    }
    return { store, app };
  };

  const requireRun = (
    input: Record<string, unknown>,
    context: OperationContext,
  ) => {
    const { store, app } = requireApp(input, context);
    const id = input.jobRunId as string;
    const run = store.getJobRun(app.id, id);
    if (!run) throw notFound(`Job run ${id} does not exist`);
    return { store, app, run };
  };

  const requireSession = (
    input: Record<string, unknown>,
    context: OperationContext,
  ) => {
    const { store, app } = requireApp(input, context);
    const id = input.sessionId as string;
    const session = store.getSession(app.id, id);
    if (!session) throw notFound(`Session ${id} does not exist`);
    return { store, app, session };
  };

  const pageOf = regionPages(pager, base64urlTokens);

  const checkTags = (tags: Record<string, string>) => {
    if (Object.keys(tags).length > MAX_TAGS) {
      throw invalid(`A resource can have at most ${MAX_TAGS} tags.`);
    }
  };

  return {
    ListApplications: (input, context) => {
      const store = storeFor(context);
      const { items, nextToken } = pageOf(
        store,
        'ListApplications',
        store.listApplications(input.states as string[] | undefined),
        a => sortKey(a.createdAt, a.id),
        applicationSummaryJson,
        input,
      );
      return { applications: items, nextToken };
    },

    CreateApplication: (input, context) => {
      const store = storeFor(context);
      const earlier = store.applicationByClientToken(
        input.clientToken as string,
      );
      if (earlier) {
        return {
          applicationId: earlier.id,
          name: earlier.name,
          arn: earlier.arn,
        };
      }
      const {
        name,
        releaseLabel,
        type,
        clientToken,
        architecture,
        tags,
        ...settings
      } = input;
      if (!/^(spark|hive)$/i.test(type as string)) {
        throw invalid(
          `Unsupported engine ${type as string}; use Spark or Hive.`,
        );
      }
      checkTags((tags as Record<string, string>) ?? {});
      const app = store.createApplication({
        name: name as string | undefined,
        releaseLabel: releaseLabel as string,
        type: /^spark$/i.test(type as string) ? 'Spark' : 'Hive',
        clientToken: clientToken as string,
        architecture: architecture as string | undefined,
        tags: tags as Record<string, string> | undefined,
        settings,
      });
      return { applicationId: app.id, name: app.name, arn: app.arn };
    },

    GetApplication: (input, context) => ({
      application: applicationJson(requireApp(input, context).app),
    }),

    UpdateApplication: (input, context) => {
      const { store, app } = requireApp(input, context);
      const { applicationId: _id, clientToken: _token, ...changes } = input;
      refused(() => store.updateApplication(app, changes));
      return { application: applicationJson(app) };
    },

    DeleteApplication: (input, context) => {
      const { store, app } = requireApp(input, context);
      refused(() => store.deleteApplication(app));
      return {};
    },

    StartApplication: (input, context) => {
      const { store, app } = requireApp(input, context);
      refused(() => store.startApplication(app));
      return {};
    },

    StopApplication: (input, context) => {
      const { store, app } = requireApp(input, context);
      refused(() => store.stopApplication(app));
      return {};
    },

    ListJobRuns: (input, context) => {
      const { store, app } = requireApp(input, context);
      const at = now();
      const { items, nextToken } = pageOf(
        store,
        `ListJobRuns:${app.id}`,
        store.listJobRuns(app.id, input as ListRunsFilter),
        r => sortKey(r.plan.attempts[0].createdAt, r.id),
        r => jobRunSummaryJson(r, at),
        input,
      );
      return { jobRuns: items, nextToken };
    },

    GetJobRun: (input, context) => {
      const { run } = requireRun(input, context);
      const at = now();
      const attempt = input.attempt as number | undefined;
      if (attempt !== undefined && attempt > attemptsAt(run.plan, at).length) {
        throw invalid(`Job run ${run.id} has no attempt ${attempt}.`);
      }
      return { jobRun: jobRunJson(run, at, attempt) };
    },

    StartJobRun: (input, context) => {
      const { store, app } = requireApp(input, context);
      const request = input as unknown as StartRunRequest;
      const earlier = store.runByClientToken(app.id, request.clientToken);
      if (earlier) {
        return {
          applicationId: app.id,
          jobRunId: earlier.id,
          arn: earlier.arn,
        };
      }
      const driver = request.jobDriver ?? {};
      const engine = app.type === 'Hive' ? 'hive' : 'sparkSubmit';
      if (!(engine in driver)) {
        throw invalid(
          `jobDriver.${engine} is required for a ${app.type} application.`,
        );
      }
      checkTags(request.tags ?? {});
      const run = refused(() => store.startJobRun(app, request));
      return { applicationId: app.id, jobRunId: run.id, arn: run.arn };
    },

    CancelJobRun: (input, context) => {
      const { store, app, run } = requireRun(input, context);
      refused(() => store.cancelJobRun(run));
      return { applicationId: app.id, jobRunId: run.id };
    },

    ListJobRunAttempts: (input, context) => {
      const { store, app, run } = requireRun(input, context);
      const at = now();
      const attempts = jobRunAttemptJson(run, at).reverse();
      const page = pageOf(
        store,
        `ListJobRunAttempts:${app.id}:${run.id}`,
        attempts,
        a => String(a.attempt).padStart(6, '0'),
        a => a,
        input,
      );
      // Oldest attempt first, as AWS lists them.
      return {
        jobRunAttempts: page.items.reverse(),
        nextToken: page.nextToken,
      };
    },

    GetDashboardForJobRun: (input, context) => {
      const { store, app, run } = requireRun(input, context);
      const status = runStatusAt(run.plan, now());
      if (status.startedAt === undefined) {
        throw invalid(
          `Job run ${run.id} has not started running yet; its dashboard is available once it is RUNNING.`,
        );
      }
      const ui = isTerminalRun(status.state) ? 'shs' : 'sparkui';
      const token = crypto
        .createHash('sha256')
        .update(`${run.arn}:${input.attempt ?? status.attempt}`)
        .digest('hex')
        .slice(0, 32);
      return {
        url: `https://p-${run.id}-${app.id}.emrappui-prod.${store.region}.amazonaws.com/${ui}/?authToken=${token}`,
      };
    },

    StartSession: (input, context) => {
      const { store, app } = requireApp(input, context);
      const earlier = store.sessionByClientToken(
        app.id,
        input.clientToken as string,
      );
      if (earlier) {
        return {
          applicationId: app.id,
          sessionId: earlier.id,
          arn: earlier.arn,
        };
      }
      checkTags((input.tags as Record<string, string>) ?? {});
      const session = refused(() =>
        store.startSession(
          app,
          input as unknown as Parameters<EmrServerlessStore['startSession']>[1],
        ),
      );
      return { applicationId: app.id, sessionId: session.id, arn: session.arn };
    },

    ListSessions: (input, context) => {
      const { store, app } = requireApp(input, context);
      const at = now();
      const { items, nextToken } = pageOf(
        store,
        `ListSessions:${app.id}`,
        store.listSessions(app.id, input as ListRunsFilter),
        s => sortKey(s.plan.createdAt, s.id),
        s => sessionSummaryJson(s, at),
        input,
      );
      return { sessions: items, nextToken };
    },

    GetSession: (input, context) => ({
      session: sessionJson(requireSession(input, context).session, now()),
    }),

    GetSessionEndpoint: (input, context) => {
      const { store, app, session } = requireSession(input, context);
      const at = now();
      const state = sessionStateAt(session.plan, at);
      if (state !== 'IDLE') {
        throw invalid(
          `Session ${session.id} is ${state}; its endpoint is available once it is IDLE or BUSY.`,
        );
      }
      return {
        applicationId: app.id,
        sessionId: session.id,
        endpoint: `https://${session.id}.${app.id}.emr-serverless-services.${store.region}.amazonaws.com`,
        authToken: crypto
          .createHash('sha256')
          .update(`${session.arn}:${at}`)
          .digest('base64url'),
        authTokenExpiresAt: epochSeconds(at + 3_600_000),
      };
    },

    TerminateSession: (input, context) => {
      const { store, app, session } = requireSession(input, context);
      store.terminateSession(session);
      return { applicationId: app.id, sessionId: session.id };
    },

    ...tagOperations({
      tagsOf: (arn, context) => storeFor(context).tagged(arn)?.tags,
      notFound: arn => notFound(`Resource ${arn} does not exist`),
      check: (_added, merged) => checkTags(merged),
    }),
  };
}
