import { Request, Router } from 'express';
import { z } from 'zod';
import { parseInput } from '../schema';
import { EntityRouteOptions } from '../services/audit';
import { SparkConnectService } from './connectService';

/** A Spark Connect server's name: the action's names (a DNS label of at most 40 characters). */
const serverNameParams = z.object({
  serverName: z
    .string()
    .max(40, 'must be at most 40 characters')
    .regex(
      /^[a-z]([-a-z0-9]*[a-z0-9])?$/,
      'must start with a letter and hold only lowercase letters, digits and dashes',
    ),
});

/**
 * The Spark Connect routes, under `<entity>/spark-connect` (documented in openapi.yaml):
 *
 * - `GET  spark-connect`                    the namespace's Spark Connect servers
 * - `POST spark-connect/:serverName/stop`   deletes its SparkApplication, keeps Service and Ingress
 * - `POST spark-connect/:serverName/start`  makes the SparkApplication again, as it was
 */
export function addSparkConnectRoutes(
  router: Router,
  options: EntityRouteOptions & { sparkConnect: SparkConnectService },
): void {
  const { entityRequest, audited, sparkConnect } = options;
  const base = `${options.entity}/spark-connect`;
  const nameOf = (req: Request) =>
    parseInput(
      serverNameParams,
      { serverName: req.params.serverName },
      'path parameter',
    ).serverName;

  router.get(base, async (req, res) => {
    res.json(await sparkConnect.listServers(await entityRequest(req)));
  });

  for (const action of ['stop', 'start'] as const) {
    router.post(`${base}/:serverName/${action}`, async (req, res) => {
      const name = nameOf(req);
      const request = { ...(await entityRequest(req)), name };
      const done = await audited(
        req,
        `spark-connect-${action}`,
        { sparkConnectServer: name },
        async () => {
          const { result, target } =
            action === 'stop'
              ? await sparkConnect.stopServer(request)
              : await sparkConnect.startServer(request);
          return { result: { id: name, server: result }, target };
        },
      );
      res.status(202).json(done.server);
    });
  }
}
