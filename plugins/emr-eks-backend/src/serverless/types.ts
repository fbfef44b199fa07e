import {
  ServerlessApplication,
  ServerlessApplicationAction,
  ServerlessCancelledJobRun,
  ServerlessDashboard,
  ServerlessJobRunDetail,
  ServerlessJobRunPage,
  ServerlessJobRunQuery,
  ServerlessJobDefinition,
  ServerlessJobDefinitionPage,
  ServerlessJobDefinitionRequest,
  ServerlessStartedJobRun,
  StartServerlessJobRunRequest,
  ServerlessSessionDetail,
  ServerlessSessionPage,
  ServerlessSessionQuery,
  ServerlessTerminatedSession,
} from '@emr-eks/plugin-emr-eks-common';
import { EntityRequest } from '../services/types';

/** What an EMR Serverless write did, for the audit log. @public */
export interface ServerlessWriteResult<T> {
  result: T;
  /** The application the write touched. */
  target: { accountId: string; region: string; applicationId: string };
}

/**
 * EMR Serverless data and actions for catalog entities annotated with
 * `aws.amazon.com/emr-serverless-application-arn`, with the job runs' permission model:
 * reads need `emr-eks.job-run.read` on the entity; cancel `emr-eks.job-run.cancel`;
 * starting and stopping the application `emr-eks.job-run.start` — and every write a
 * signed-in user whose entity's owner is the application's owner by its AWS team tag.
 *
 * @public
 */
export interface EmrServerlessService {
  getApplication(request: EntityRequest): Promise<ServerlessApplication>;
  startApplication(
    request: EntityRequest,
  ): Promise<ServerlessWriteResult<ServerlessApplicationAction>>;
  stopApplication(
    request: EntityRequest,
  ): Promise<ServerlessWriteResult<ServerlessApplicationAction>>;
  listJobRuns(
    request: EntityRequest & { query: ServerlessJobRunQuery },
  ): Promise<ServerlessJobRunPage>;
  getJobRun(
    request: EntityRequest & { jobRunId: string },
  ): Promise<ServerlessJobRunDetail>;
  getDashboard(
    request: EntityRequest & { jobRunId: string },
  ): Promise<ServerlessDashboard>;
  cancelJobRun(
    request: EntityRequest & { jobRunId: string },
  ): Promise<ServerlessWriteResult<ServerlessCancelledJobRun>>;
  listSessions(
    request: EntityRequest & { query: ServerlessSessionQuery },
  ): Promise<ServerlessSessionPage>;
  getSession(
    request: EntityRequest & { sessionId: string },
  ): Promise<ServerlessSessionDetail>;
  listJobDefinitions(
    request: EntityRequest,
  ): Promise<ServerlessJobDefinitionPage>;
  /** Needs `emr-eks.job-run.start`; the role must be tagged for the entity's owner. */
  saveJobDefinition(
    request: EntityRequest & { body: ServerlessJobDefinitionRequest },
  ): Promise<ServerlessWriteResult<ServerlessJobDefinition & { id: string }>>;
  startJobRun(
    request: EntityRequest & { body: StartServerlessJobRunRequest },
  ): Promise<ServerlessWriteResult<ServerlessStartedJobRun>>;
  rerunJobRun(
    request: EntityRequest & { jobRunId: string },
  ): Promise<ServerlessWriteResult<ServerlessStartedJobRun>>;
  /** Needs `emr-eks.job-run.cancel`, as a cancel does. */
  terminateSession(
    request: EntityRequest & { sessionId: string },
  ): Promise<ServerlessWriteResult<ServerlessTerminatedSession>>;
}
