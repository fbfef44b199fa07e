import { Request, Router } from 'express';
import { parseInput } from '../schema';
import { EntityRouteOptions } from '../services/audit';
import {
  serverlessJobDefinitionSchema,
  serverlessJobRunIdParams,
  serverlessJobRunQuerySchema,
  serverlessSessionIdParams,
  serverlessSessionQuerySchema,
  startServerlessJobRunSchema,
} from './schema';
import { EmrServerlessService } from './types';

/**
 * The EMR Serverless routes, under `<entity>/serverless` (documented in openapi.yaml):
 *
 * - `GET  application`                      state, capacity, auto-start/stop, network, release label
 * - `POST application/start`, `/stop`       202; audited
 * - `GET  job-runs`                         states, createdAfter/createdBefore, maxResults (≤ 50), nextToken
 * - `GET  job-runs/:jobRunId`               driver, overrides, state details, attempts, utilisation
 * - `GET  job-runs/:jobRunId/dashboard`     a short-lived Spark UI URL
 * - `POST job-runs/:jobRunId/cancel`        202; audited
 * - `POST job-runs`                         { jobDefinition, name? }: 202; audited
 * - `POST job-runs/:jobRunId/rerun`         202; audited
 * - `GET  job-definitions`                  the team's saved job definitions
 * - `POST job-definitions`                  201; owners only, a role of the team; audited
 * - `GET  sessions`                         states, maxResults (≤ 50), nextToken
 * - `GET  sessions/:sessionId`              state, utilisation, endpoint URL while live
 * - `POST sessions/:sessionId/terminate`    202; audited; the cancel permission
 */
export function addServerlessRoutes(
  router: Router,
  options: EntityRouteOptions & { serverless: EmrServerlessService },
): void {
  const { entityRequest, audited, serverless } = options;
  const base = `${options.entity}/serverless`;
  const runId = (req: Request) =>
    parseInput(serverlessJobRunIdParams, req.params, 'path parameter').jobRunId;

  router.get(`${base}/application`, async (req, res) => {
    res.json(await serverless.getApplication(await entityRequest(req)));
  });

  for (const action of ['start', 'stop'] as const) {
    router.post(`${base}/application/${action}`, async (req, res) => {
      const request = await entityRequest(req);
      const done = await audited(
        req,
        `serverless-application-${action}`,
        {},
        () =>
          action === 'start'
            ? serverless.startApplication(request)
            : serverless.stopApplication(request),
      );
      res.status(202).json(done);
    });
  }

  router.get(`${base}/job-runs`, async (req, res) => {
    const query = parseInput(
      serverlessJobRunQuerySchema,
      req.query,
      'query parameter',
    );
    res.json(
      await serverless.listJobRuns({ ...(await entityRequest(req)), query }),
    );
  });

  router.get(`${base}/job-runs/:jobRunId`, async (req, res) => {
    const jobRunId = runId(req);
    res.json(
      await serverless.getJobRun({ ...(await entityRequest(req)), jobRunId }),
    );
  });

  router.get(`${base}/job-runs/:jobRunId/dashboard`, async (req, res) => {
    const jobRunId = runId(req);
    res.json(
      await serverless.getDashboard({
        ...(await entityRequest(req)),
        jobRunId,
      }),
    );
  });

  router.post(`${base}/job-runs/:jobRunId/cancel`, async (req, res) => {
    const jobRunId = runId(req);
    const request = await entityRequest(req);
    const cancelled = await audited(
      req,
      'serverless-job-run-cancel',
      { jobRunId },
      () => serverless.cancelJobRun({ ...request, jobRunId }),
    );
    res.status(202).json(cancelled);
  });

  const sessionId = (req: Request) =>
    parseInput(serverlessSessionIdParams, req.params, 'path parameter')
      .sessionId;

  router.get(`${base}/sessions`, async (req, res) => {
    const query = parseInput(
      serverlessSessionQuerySchema,
      req.query,
      'query parameter',
    );
    res.json(
      await serverless.listSessions({ ...(await entityRequest(req)), query }),
    );
  });

  router.get(`${base}/sessions/:sessionId`, async (req, res) => {
    const id = sessionId(req);
    res.json(
      await serverless.getSession({
        ...(await entityRequest(req)),
        sessionId: id,
      }),
    );
  });

  router.post(`${base}/sessions/:sessionId/terminate`, async (req, res) => {
    const id = sessionId(req);
    const request = await entityRequest(req);
    const terminated = await audited(
      req,
      'serverless-session-terminate',
      { sessionId: id },
      () => serverless.terminateSession({ ...request, sessionId: id }),
    );
    res.status(202).json(terminated);
  });

  router.post(`${base}/job-runs`, async (req, res) => {
    const body = parseInput(
      startServerlessJobRunSchema,
      req.body ?? {},
      'body field',
    );
    const request = await entityRequest(req);
    const started = await audited(
      req,
      'serverless-job-run-start',
      { jobDefinition: body.jobDefinition },
      () => serverless.startJobRun({ ...request, body }),
    );
    res.status(202).json(started);
  });

  router.post(`${base}/job-runs/:jobRunId/rerun`, async (req, res) => {
    const jobRunId = runId(req);
    const request = await entityRequest(req);
    const started = await audited(
      req,
      'serverless-job-run-rerun',
      { jobRunId },
      () => serverless.rerunJobRun({ ...request, jobRunId }),
    );
    res.status(202).json(started);
  });

  router.get(`${base}/job-definitions`, async (req, res) => {
    res.json(await serverless.listJobDefinitions(await entityRequest(req)));
  });

  router.post(`${base}/job-definitions`, async (req, res) => {
    const body = parseInput(
      serverlessJobDefinitionSchema,
      req.body ?? {},
      'body field',
    );
    const request = await entityRequest(req);
    const { id: _name, ...saved } = await audited(
      req,
      'serverless-job-definition-save',
      { jobDefinition: body.name },
      () => serverless.saveJobDefinition({ ...request, body }),
    );
    res.status(201).json(saved);
  });
}
