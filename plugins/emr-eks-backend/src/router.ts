import { HttpAuthService } from '@backstage/backend-plugin-api';
import express from 'express';
import Router from 'express-promise-router';
import { jobRunQuerySchema, parseInput } from './schema';
import { EmrEksService } from './services/types';

export interface RouterOptions {
  httpAuth: HttpAuthService;
  service: EmrEksService;
}

export async function createRouter({
  httpAuth,
  service,
}: RouterOptions): Promise<express.Router> {
  const router = Router();
  router.use(express.json());

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/v1/entity/:namespace/:kind/:name/job-runs', async (req, res) => {
    const query = parseInput(jobRunQuerySchema, req.query, 'query parameter');
    const page = await service.listJobRuns({
      entityRef: req.params,
      credentials: await httpAuth.credentials(req),
      query,
    });
    res.json(page);
  });

  return router;
}
