import express, { Router } from 'express';
import { z } from 'zod';
import { describeIssues } from '../../errors';
import { RunOutcome } from './lifecycle';

const outcomeBody = z
  .object({
    outcome: z.enum(['SUCCESS', 'FAILED']),
    stateDetails: z.string().min(1).max(256).optional(),
  })
  .strict();

/**
 * /_sandbox/emr-serverless/...:
 *   POST   /next-outcomes  {outcome: SUCCESS|FAILED, stateDetails?} queue the outcome of the next new job run
 *   GET    /next-outcomes  list the queue
 *   DELETE /next-outcomes  clear the queue
 */
export function emrServerlessControl(outcomes: RunOutcome[]): Router {
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
    outcomes.push(parsed.data);
    res.json({ outcomes });
  });
  router.delete('/next-outcomes', (_req, res) => {
    outcomes.splice(0, outcomes.length);
    res.json({ outcomes });
  });
  return router;
}
