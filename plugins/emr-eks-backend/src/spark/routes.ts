import { Request, Router } from 'express';
import { parseInput } from '../schema';
import { EntityRouteOptions } from '../services/audit';
import {
  driverLogQuerySchema,
  sparkApplicationIdParams,
  sparkApplicationTemplateSchema,
  startSparkApplicationSchema,
} from './schema';
import { SparkApplicationsService } from './types';

/**
 * The Spark application routes, under `<entity>/spark-applications` (documented in
 * openapi.yaml):
 *
 * - `GET  spark-applications`                          Spark Operator and spark-submit runs of the namespace
 * - `GET  spark-applications/:sparkApplicationId`      spec, events, Spark UI and History Server links
 * - `GET  spark-applications/:sparkApplicationId/logs` the driver's log tail (`tailLines`, 1–1000, 200)
 * - `POST spark-applications`                          { template }: 201; audited
 * - `POST spark-applications/:sparkApplicationId/rerun` 201; audited; portal-made ones only
 * - `DELETE spark-applications/:sparkApplicationId`    202; audited; the cancel permission
 * - `GET  spark-application-templates`                 the team's saved templates
 * - `POST spark-application-templates`                 201; owners only; audited
 */
export function addSparkApplicationRoutes(
  router: Router,
  options: EntityRouteOptions & { spark: SparkApplicationsService },
): void {
  const { entityRequest, audited, spark } = options;
  const base = `${options.entity}/spark-applications`;
  const idOf = (req: Request) =>
    parseInput(sparkApplicationIdParams, req.params, 'path parameter')
      .sparkApplicationId;

  router.get(base, async (req, res) => {
    res.json(await spark.listSparkApplications(await entityRequest(req)));
  });

  router.get(`${base}/:sparkApplicationId`, async (req, res) => {
    const id = idOf(req);
    res.json(
      await spark.getSparkApplication({ ...(await entityRequest(req)), id }),
    );
  });

  router.get(`${base}/:sparkApplicationId/logs`, async (req, res) => {
    const id = idOf(req);
    const { tailLines } = parseInput(
      driverLogQuerySchema,
      req.query,
      'query parameter',
    );
    res.json(
      await spark.getDriverLog({
        ...(await entityRequest(req)),
        id,
        tailLines,
      }),
    );
  });
  router.post(base, async (req, res) => {
    const body = parseInput(
      startSparkApplicationSchema,
      req.body ?? {},
      'body field',
    );
    const request = await entityRequest(req);
    const started = await audited(
      req,
      'spark-application-start',
      { template: body.template },
      () => spark.startApplication({ ...request, body }),
    );
    res.status(201).json(started);
  });

  router.post(`${base}/:sparkApplicationId/rerun`, async (req, res) => {
    const id = idOf(req);
    const request = await entityRequest(req);
    const started = await audited(
      req,
      'spark-application-rerun',
      { rerunOf: id },
      () => spark.rerunApplication({ ...request, id }),
    );
    res.status(201).json(started);
  });

  router.delete(`${base}/:sparkApplicationId`, async (req, res) => {
    const id = idOf(req);
    const request = await entityRequest(req);
    const deleted = await audited(
      req,
      'spark-application-delete',
      { sparkApplication: id },
      () => spark.deleteApplication({ ...request, id }),
    );
    res.status(202).json(deleted);
  });

  const templates = `${options.entity}/spark-application-templates`;

  router.get(templates, async (req, res) => {
    res.json(await spark.listTemplates(await entityRequest(req)));
  });

  router.post(templates, async (req, res) => {
    const body = parseInput(
      sparkApplicationTemplateSchema,
      req.body ?? {},
      'body field',
    );
    const request = await entityRequest(req);
    const { id: _name, ...saved } = await audited(
      req,
      'spark-application-template-save',
      { template: body.name },
      () => spark.saveTemplate({ ...request, body }),
    );
    res.status(201).json(saved);
  });
}
