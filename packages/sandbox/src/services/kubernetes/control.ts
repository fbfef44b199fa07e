import express, { Router } from 'express';
import { z } from 'zod';
import { describeIssues } from '../../errors';
import type { SparkOutcome } from './sparkOperator';

const outcomeBody = z
  .object({ outcome: z.enum(['COMPLETED', 'FAILED']) })
  .strict();

/**
 * /_sandbox/kubernetes/...:
 *   POST   /next-outcomes  {outcome: COMPLETED|FAILED} queue the outcome of the next new Spark run
 *   GET    /next-outcomes  list the queue
 *   DELETE /next-outcomes  clear the queue
 * A new SparkApplication (not a server: restartPolicy Always) or spark-submit driver takes the
 * first queued outcome; without one, its outcome is drawn from its uid (15% fail).
 */
export function kubernetesControl(outcomes: SparkOutcome[]): Router {
  const router = express.Router();
  router.use(express.json());
  router.get('/next-outcomes', (_req, res) => {
    res.json({ outcomes });
  });
  router.post('/next-outcomes', (req, res) => {
    const parsed = outcomeBody.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({ message: describeIssues(parsed.error) });
      return;
    }
    outcomes.push(parsed.data.outcome);
    res.json({ outcomes });
  });
  router.delete('/next-outcomes', (_req, res) => {
    outcomes.splice(0, outcomes.length);
    res.json({ outcomes });
  });
  return router;
}
