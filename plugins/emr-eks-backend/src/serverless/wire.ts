import type {
  Application,
  JobRun,
  JobRunAttemptSummary,
  JobRunSummary,
  ResourceUtilization,
  Session,
  SessionSummary,
  TotalResourceUtilization,
} from '@aws-sdk/client-emr-serverless';
import type {
  ServerlessApplication,
  ServerlessJobRunAttempt,
  ServerlessJobRunDetail,
  ServerlessJobRunState,
  ServerlessJobRunSummary,
  ServerlessResourceUtilization,
  ServerlessSessionDetail,
  ServerlessSessionState,
  ServerlessSessionSummary,
} from '@emr-eks/plugin-emr-eks-common';

/*
 * SDK output → the documented wire types, member by member: what the SDK passes on that
 * the API description lacks (SDK `$metadata`, members a newer model adds) never reaches
 * callers.
 */

const iso = (date: Date | undefined) => date?.toISOString();

/** Drops undefined members, so that answers carry only what AWS said. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined),
  ) as T;
}

export function toApplication(
  app: Application | undefined,
): ServerlessApplication {
  if (!app) throw new Error('GetApplication answered without an application');
  const initialCapacity = app.initialCapacity
    ? Object.fromEntries(
        Object.entries(app.initialCapacity).map(([type, config]) => [
          type,
          defined({
            workerCount: Number(config.workerCount ?? 0),
            workerConfiguration: config.workerConfiguration
              ? defined({
                  cpu: config.workerConfiguration.cpu!,
                  memory: config.workerConfiguration.memory!,
                  disk: config.workerConfiguration.disk,
                })
              : undefined,
          }),
        ]),
      )
    : undefined;
  return defined({
    applicationId: app.applicationId!,
    arn: app.arn!,
    name: app.name,
    type: app.type!,
    releaseLabel: app.releaseLabel!,
    state: app.state as ServerlessApplication['state'],
    stateDetails: app.stateDetails || undefined,
    architecture: app.architecture,
    createdAt: iso(app.createdAt)!,
    updatedAt: iso(app.updatedAt)!,
    initialCapacity,
    maximumCapacity: app.maximumCapacity
      ? defined({
          cpu: app.maximumCapacity.cpu!,
          memory: app.maximumCapacity.memory!,
          disk: app.maximumCapacity.disk,
        })
      : undefined,
    // AWS's defaults when the application does not say.
    autoStart: { enabled: app.autoStartConfiguration?.enabled ?? true },
    autoStop: defined({
      enabled: app.autoStopConfiguration?.enabled ?? true,
      idleTimeoutMinutes: app.autoStopConfiguration?.idleTimeoutMinutes,
    }),
    network: app.networkConfiguration
      ? {
          subnetIds: app.networkConfiguration.subnetIds ?? [],
          securityGroupIds: app.networkConfiguration.securityGroupIds ?? [],
        }
      : undefined,
    interactive: app.interactiveConfiguration
      ? defined({
          studioEnabled: app.interactiveConfiguration.studioEnabled,
          livyEndpointEnabled: app.interactiveConfiguration.livyEndpointEnabled,
          sessionEnabled: app.interactiveConfiguration.sessionEnabled,
        })
      : undefined,
    tags: app.tags ?? {},
  });
}

export function toJobRunSummary(run: JobRunSummary): ServerlessJobRunSummary {
  return defined({
    id: run.id!,
    applicationId: run.applicationId!,
    name: run.name,
    arn: run.arn!,
    state: run.state as ServerlessJobRunState,
    stateDetails: run.stateDetails || undefined,
    mode: run.mode,
    releaseLabel: run.releaseLabel!,
    executionRole: run.executionRole!,
    createdBy: run.createdBy!,
    createdAt: iso(run.createdAt)!,
    updatedAt: iso(run.updatedAt)!,
    attempt: run.attempt,
  });
}

function toUtilization(
  value: ResourceUtilization | TotalResourceUtilization | undefined,
): ServerlessResourceUtilization | undefined {
  return value
    ? defined({
        vCPUHour: value.vCPUHour,
        memoryGBHour: value.memoryGBHour,
        storageGBHour: value.storageGBHour,
      })
    : undefined;
}

export function toAttempt(
  attempt: JobRunAttemptSummary,
): ServerlessJobRunAttempt {
  return defined({
    attempt: attempt.attempt ?? 1,
    state: attempt.state as ServerlessJobRunState,
    stateDetails: attempt.stateDetails || undefined,
    createdAt: iso(attempt.createdAt)!,
    updatedAt: iso(attempt.updatedAt)!,
  });
}

export function toJobRunDetail(
  run: JobRun | undefined,
  attempts: ServerlessJobRunAttempt[],
): ServerlessJobRunDetail {
  if (!run) throw new Error('GetJobRun answered without a job run');
  const spark = run.jobDriver?.sparkSubmit;
  const hive = run.jobDriver?.hive;
  return defined({
    ...toJobRunSummary({ ...run, id: run.jobRunId }),
    jobDriver: defined({
      sparkSubmit: spark
        ? defined({
            entryPoint: spark.entryPoint!,
            entryPointArguments: spark.entryPointArguments,
            sparkSubmitParameters: spark.sparkSubmitParameters,
          })
        : undefined,
      hive: hive
        ? defined({
            query: hive.query!,
            initQueryFile: hive.initQueryFile,
            parameters: hive.parameters,
          })
        : undefined,
    }),
    configurationOverrides: run.configurationOverrides
      ? defined({
          applicationConfiguration:
            run.configurationOverrides.applicationConfiguration?.map(c =>
              defined({
                classification: c.classification!,
                properties: c.properties,
                configurations: c.configurations,
              }),
            ),
          monitoringConfiguration: run.configurationOverrides
            .monitoringConfiguration as unknown as
            | Record<string, unknown>
            | undefined,
        })
      : undefined,
    tags: run.tags ?? {},
    startedAt: iso(run.startedAt),
    endedAt: iso(run.endedAt),
    totalExecutionDurationSeconds: run.totalExecutionDurationSeconds,
    executionTimeoutMinutes:
      run.executionTimeoutMinutes === undefined
        ? undefined
        : Number(run.executionTimeoutMinutes),
    queuedDurationMilliseconds:
      run.queuedDurationMilliseconds === undefined
        ? undefined
        : Number(run.queuedDurationMilliseconds),
    totalResourceUtilization: toUtilization(run.totalResourceUtilization),
    billedResourceUtilization: toUtilization(run.billedResourceUtilization),
    retryPolicy: run.retryPolicy
      ? defined({
          maxAttempts: run.retryPolicy.maxAttempts,
          maxFailedAttemptsPerHour: run.retryPolicy.maxFailedAttemptsPerHour,
        })
      : undefined,
    attempts,
  });
}

export function toSessionSummary(
  session: SessionSummary,
): ServerlessSessionSummary {
  return defined({
    id: session.sessionId!,
    applicationId: session.applicationId!,
    name: session.name,
    arn: session.arn!,
    state: session.state as ServerlessSessionState,
    stateDetails: session.stateDetails || undefined,
    releaseLabel: session.releaseLabel!,
    executionRoleArn: session.executionRoleArn!,
    createdBy: session.createdBy!,
    createdAt: iso(session.createdAt)!,
    updatedAt: iso(session.updatedAt)!,
  });
}

export function toSessionDetail(
  session: Session | undefined,
  endpoint: string | undefined,
): ServerlessSessionDetail {
  if (!session) throw new Error('GetSession answered without a session');
  return defined({
    ...toSessionSummary(session),
    startedAt: iso(session.startedAt),
    endedAt: iso(session.endedAt),
    idleSince: iso(session.idleSince),
    idleTimeoutMinutes:
      session.idleTimeoutMinutes === undefined
        ? undefined
        : Number(session.idleTimeoutMinutes),
    totalExecutionDurationSeconds: session.totalExecutionDurationSeconds,
    totalResourceUtilization: toUtilization(session.totalResourceUtilization),
    billedResourceUtilization: toUtilization(session.billedResourceUtilization),
    tags: session.tags ?? {},
    endpoint,
  });
}
