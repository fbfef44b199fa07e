import express, { Router } from 'express';
import { z } from 'zod';
import { DEMO, DEMO_TEAMS, DemoTeam } from '../../demo';
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

const runawayBody = z
  .object({
    /** The virtual cluster (us-east-1), or a demo team's. */
    virtualClusterId: z.string().min(1).optional(),
    team: z.enum(DEMO_TEAMS as [DemoTeam, ...DemoTeam[]]).optional(),
    executors: z.number().int().min(1).max(100).default(100),
    hoursAgo: z.number().int().min(1).max(24).default(3),
    hoursLeft: z.number().min(0).max(24).default(1),
  })
  .strict()
  .refine(b => (b.virtualClusterId === undefined) !== (b.team === undefined), {
    message: 'give one of virtualClusterId and team',
  });

/**
 * /_sandbox/emr-containers/...:
 *   POST   /next-outcomes  {outcome, failureReason?, stateDetails?} queue an outcome
 *   GET    /next-outcomes  list the queue
 *   DELETE /next-outcomes  clear the queue
 *   POST   /runaway-runs   {virtualClusterId | team, executors?, hoursAgo?, hoursLeft?} add a run
 *                          that started hoursAgo (default 3) hours ago with executors (default
 *                          100) of 8 vCPU / 32 GiB, running hoursLeft (default 1) more: the
 *                          simulated Kubecost bills the team for it, over its budget → {jobRunId}
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

  router.post('/runaway-runs', (req, res) => {
    const parsed = runawayBody.safeParse(req.body ?? {});
    if (!parsed.success) {
      res.status(400).json({ message: describeIssues(parsed.error) });
      return;
    }
    const { team, ...options } = parsed.data;
    const virtualClusterId =
      options.virtualClusterId ?? DEMO.virtualClusters[team!].id;
    const run = store.startRunawayRun({ ...options, virtualClusterId });
    if (!run) {
      res
        .status(404)
        .json({
          message: `No virtual cluster ${virtualClusterId} in us-east-1`,
        });
      return;
    }
    res.status(201).json({
      jobRunId: run.id,
      virtualClusterId,
      createdAt: new Date(run.plan.createdAt).toISOString(),
    });
  });

  return router;
}
