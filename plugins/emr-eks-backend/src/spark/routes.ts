import { Request, Router } from 'express';
import { parseInput } from '../schema';
import { EntityRequest } from '../services/types';
import { driverLogQuerySchema, sparkApplicationIdParams } from './schema';
import { SparkApplicationsService } from './types';

/**
 * The Spark application routes, under `<entity>/spark-applications` (documented in
 * openapi.yaml):
 *
 * - `GET  spark-applications`                          Spark Operator and spark-submit runs of the namespace
 * - `GET  spark-applications/:sparkApplicationId`      spec, events, Spark UI and History Server links
 * - `GET  spark-applications/:sparkApplicationId/logs` the driver's log tail (`tailLines`, 1–1000, 200)
 */
export function addSparkApplicationRoutes(
  router: Router,
  options: {
    entity: string;
    entityRequest: (req: Request) => Promise<EntityRequest>;
    spark: SparkApplicationsService;
  },
): void {
  const { entityRequest, spark } = options;
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
}
