import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import type { JsonObject } from '@backstage/types';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import { CostService } from './cost/types';
import {
  costQuerySchema,
  endpointIdParams,
  entityRefParams,
  endpointQuerySchema,
  jobRunIdParams,
  jobRunQuerySchema,
  pageQuerySchema,
  parseInput,
  startJobRunSchema,
  templateIdParams,
} from './schema';
import { EmrEksService, EntityRequest } from './services/types';
import { methodNotAllowed } from './methodNotAllowed';
import { AuditTarget, auditedWrite } from './services/audit';
import { addServerlessRoutes } from './serverless/routes';
import { EmrServerlessService } from './serverless/types';
import { addSparkApplicationRoutes } from './spark/routes';
import { addSparkConnectRoutes } from './spark/connectRoutes';
import { SparkConnectService } from './spark/connectService';
import { SparkApplicationsService } from './spark/types';

export interface RouterOptions {
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  service: EmrEksService;
  /** Answers 404 `CostNotConfiguredError` from every method when `emrEks.cost` is not configured. */
  cost: CostService;
  /** The EMR Serverless routes under `<entity>/serverless/…` (serverless/routes.ts). */
  serverless: EmrServerlessService;
  /** The Spark Operator and spark-submit routes under `<entity>/spark-applications` (spark/routes.ts). */
  spark: SparkApplicationsService;
  /** The Spark Connect routes under `<entity>/spark-connect` (spark/connectRoutes.ts). */
  sparkConnect: SparkConnectService;
}

const ENTITY = '/v1/entity/:namespace/:kind/:name';

export async function createRouter({
  httpAuth,
  auditor,
  service,
  cost,
  serverless,
  spark,
  sparkConnect,
}: RouterOptions): Promise<express.Router> {
  const router = Router();
  router.use(express.json());

  /** The entity ref and the caller; a malformed ref is a 400 before the catalog is asked. */
  async function entityRequest(req: Request): Promise<EntityRequest> {
    const { namespace, kind, name } = parseInput(
      entityRefParams,
      req.params,
      'path parameter',
    );
    return {
      entityRef: { namespace, kind, name },
      credentials: await httpAuth.credentials(req),
    };
  }

  /** Runs a write inside an audit event (services/audit.ts, shared with the actions). */
  function audited<T extends { id: string }>(
    req: Request,
    eventId: string,
    meta: JsonObject,
    write: () => Promise<{ result: T; target: AuditTarget }>,
  ): Promise<T> {
    const { namespace, kind, name } = req.params;
    return auditedWrite(
      auditor,
      {
        eventId,
        entityRef: { namespace, kind, name },
        meta,
        source: { request: req },
      },
      write,
    );
  }

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get(`${ENTITY}/job-runs`, async (req, res) => {
    const query = parseInput(jobRunQuerySchema, req.query, 'query parameter');
    res.json(
      await service.listJobRuns({ ...(await entityRequest(req)), query }),
    );
  });

  router.post(`${ENTITY}/job-runs`, async (req, res) => {
    const body = parseInput(startJobRunSchema, req.body ?? {}, 'body field');
    const request = await entityRequest(req);
    const started = await audited(
      req,
      'job-run-start',
      { jobTemplateId: body.jobTemplateId },
      () => service.startJobRun({ ...request, body }),
    );
    res.status(201).json(started);
  });

  router.get(`${ENTITY}/job-runs/:jobRunId`, async (req, res) => {
    const { jobRunId } = parseInput(
      jobRunIdParams,
      req.params,
      'path parameter',
    );
    res.json(
      await service.describeJobRun({ ...(await entityRequest(req)), jobRunId }),
    );
  });

  router.post(`${ENTITY}/job-runs/:jobRunId/rerun`, async (req, res) => {
    const { jobRunId } = parseInput(
      jobRunIdParams,
      req.params,
      'path parameter',
    );
    const request = await entityRequest(req);
    const started = await audited(
      req,
      'job-run-rerun',
      { rerunOf: jobRunId },
      () => service.rerunJobRun({ ...request, jobRunId }),
    );
    res.status(201).json(started);
  });

  router.post(`${ENTITY}/job-runs/:jobRunId/cancel`, async (req, res) => {
    const { jobRunId } = parseInput(
      jobRunIdParams,
      req.params,
      'path parameter',
    );
    const request = await entityRequest(req);
    const cancelled = await audited(req, 'job-run-cancel', { jobRunId }, () =>
      service.cancelJobRun({ ...request, jobRunId }),
    );
    res.status(202).json(cancelled);
  });

  router.get(`${ENTITY}/endpoints`, async (req, res) => {
    const query = parseInput(endpointQuerySchema, req.query, 'query parameter');
    res.json(
      await service.listEndpoints({ ...(await entityRequest(req)), query }),
    );
  });

  router.get(`${ENTITY}/endpoints/:endpointId`, async (req, res) => {
    const { endpointId } = parseInput(
      endpointIdParams,
      req.params,
      'path parameter',
    );
    res.json(
      await service.describeEndpoint({
        ...(await entityRequest(req)),
        endpointId,
      }),
    );
  });

  router.delete(`${ENTITY}/endpoints/:endpointId`, async (req, res) => {
    const { endpointId } = parseInput(
      endpointIdParams,
      req.params,
      'path parameter',
    );
    const request = await entityRequest(req);
    const deleted = await audited(req, 'endpoint-delete', { endpointId }, () =>
      service.deleteEndpoint({ ...request, endpointId }),
    );
    res.status(202).json(deleted);
  });

  router.get(`${ENTITY}/job-templates`, async (req, res) => {
    const query = parseInput(pageQuerySchema, req.query, 'query parameter');
    res.json(
      await service.listJobTemplates({ ...(await entityRequest(req)), query }),
    );
  });

  router.get(`${ENTITY}/job-templates/:templateId`, async (req, res) => {
    const { templateId } = parseInput(
      templateIdParams,
      req.params,
      'path parameter',
    );
    res.json(
      await service.describeJobTemplate({
        ...(await entityRequest(req)),
        templateId,
      }),
    );
  });

  router.get(`${ENTITY}/virtual-cluster`, async (req, res) => {
    res.json(await service.describeVirtualCluster(await entityRequest(req)));
  });

  router.get(`${ENTITY}/summary`, async (req, res) => {
    res.json(await service.summarize(await entityRequest(req)));
  });

  router.get(`${ENTITY}/cost`, async (req, res) => {
    const query = parseInput(costQuerySchema, req.query, 'query parameter');
    res.json(await cost.report({ ...(await entityRequest(req)), query }));
  });

  router.get(`${ENTITY}/budget`, async (req, res) => {
    res.json(await cost.budget(await entityRequest(req)));
  });

  router.get(`${ENTITY}/cost.csv`, async (req, res) => {
    const query = parseInput(costQuerySchema, req.query, 'query parameter');
    const { name } = req.params;
    const csv = await cost.csv({
      ...(await entityRequest(req)),
      query,
    });
    res.type('text/csv').attachment(`emr-eks-cost-${name}.csv`).send(csv);
  });

  // Cost no team is charged with; the service allows platform admins only.
  router.get('/v1/cost/unattributed', async (req, res) => {
    const query = parseInput(costQuerySchema, req.query, 'query parameter');
    res.json(
      await cost.unattributed({
        credentials: await httpAuth.credentials(req),
        query,
      }),
    );
  });

  addServerlessRoutes(router, {
    entity: ENTITY,
    entityRequest,
    audited,
    serverless,
  });

  addSparkApplicationRoutes(router, {
    entity: ENTITY,
    entityRequest,
    audited,
    spark,
  });
  addSparkConnectRoutes(router, {
    entity: ENTITY,
    entityRequest,
    audited,
    sparkConnect,
  });

  router.use(methodNotAllowed(router));
  return router;
}
