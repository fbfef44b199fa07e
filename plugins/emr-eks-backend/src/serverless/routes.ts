import type { JsonObject } from '@backstage/types';
import { Request, Router } from 'express';
import { parseInput } from '../schema';
import { EntityRequest } from '../services/types';
import {
  serverlessJobRunIdParams,
  serverlessJobRunQuerySchema,
} from './schema';
import { EmrServerlessService, ServerlessWriteResult } from './types';

/**
 * The EMR Serverless routes, under `<entity>/serverless` (documented in openapi.yaml):
 *
 * - `GET  application`                      state, capacity, auto-start/stop, network, release label
 * - `POST application/start`, `/stop`       202; audited
 * - `GET  job-runs`                         states, createdAfter/createdBefore, maxResults (≤ 50), nextToken
 * - `GET  job-runs/:jobRunId`               driver, overrides, state details, attempts, utilisation
 * - `GET  job-runs/:jobRunId/dashboard`     a short-lived Spark UI URL
 * - `POST job-runs/:jobRunId/cancel`        202; audited
 */
export function addServerlessRoutes(
  router: Router,
  options: {
    entity: string;
    entityRequest: (req: Request) => Promise<EntityRequest>;
    /** The router's audited write (services/audit.ts), so both APIs audit alike. */
    audited: <T extends { id: string }>(
      req: Request,
      eventId: string,
      meta: JsonObject,
      write: () => Promise<ServerlessWriteResult<T>>,
    ) => Promise<T>;
    serverless: EmrServerlessService;
  },
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
}
