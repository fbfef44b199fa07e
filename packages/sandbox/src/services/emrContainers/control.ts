import express, { Router } from 'express';
import { z } from 'zod';
import { describeIssues } from '../../errors';
import { EmrContainersStore } from './store';

const outcomeBody = z
  .object({
    outcome: z.enum(['COMPLETED', 'FAILED']),
    failureReason: z
      .enum([
        'INTERNAL_ERROR',
        'USER_ERROR',
        'VALIDATION_ERROR',
        'CLUSTER_UNAVAILABLE',
      ])
      .optional(),
    stateDetails: z.string().min(1).max(256).optional(),
  })
  .strict();

/**
 * /_sandbox/emr-containers/...:
 *   POST   /next-outcomes  {outcome, failureReason?, stateDetails?} queue an outcome
 *   GET    /next-outcomes  list the queue
 *   DELETE /next-outcomes  clear the queue
 */
export function emrContainersControl(store: EmrContainersStore): Router {
  const router = express.Router();
  router.use(express.json());

  router.get('/next-outcomes', (_req, res) => {
    res.json({ outcomes: store.queuedOutcomes });
  });

  router.post('/next-outcomes', (req, res) => {
    const parsed = outcomeBody.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({ message: describeIssues(parsed.error) });
      return;
    }
    store.queueOutcome(parsed.data);
    res.json({ outcomes: store.queuedOutcomes });
  });

  router.delete('/next-outcomes', (_req, res) => {
    store.clearOutcomes();
    res.json({ outcomes: store.queuedOutcomes });
  });

  return router;
}
