import express, { NextFunction, Request, Response, Router } from 'express';
import { z } from 'zod';
import { Clock } from './clock';
import { describeIssues } from './errors';
import { SandboxService } from './services/types';
import { FaultConfigError, FaultInjector, RequestStats } from './traffic';

const clockBody = z
  .object({
    /** Absolute time: ISO 8601 string or epoch milliseconds. */
    set: z.union([z.string(), z.number()]).optional(),
    /** Milliseconds to move forward (negative moves back). */
    advanceMs: z.number().finite().optional(),
  })
  .strict();

export interface ControlOptions {
  clock: Clock;
  services: SandboxService[];
  faults: FaultInjector;
  stats: RequestStats;
  /** Seeded data back, faults cleared, counters zeroed. */
  reset(): void;
}

/**
 * The sandbox's own API under /_sandbox (not an AWS API):
 *   GET    /health         {status, now, services}
 *   GET    /clock          {now}
 *   POST   /clock          {set?, advanceMs?} → {now}
 *   POST   /reset          back to the seeded data at the current time; clears faults and stats
 *   GET    /faults         {rules}
 *   POST   /faults         a FaultRule or {rules: FaultRule[]} → {rules}; replaces the rules
 *   DELETE /faults         → {rules: []}
 *   GET    /stats          {total, operations, faults}
 *   DELETE /stats          zeroes the counters → {total: 0, ...}
 *   /<service>/...         per-service controls
 */
export function controlRouter(options: ControlOptions): Router {
  const { clock, services, faults, stats } = options;
  const router = express.Router();
  const now = () => ({ now: new Date(clock.now()).toISOString() });

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok', ...now(), services: services.map(s => s.name) });
  });

  router.get('/clock', (_req, res) => {
    res.json(now());
  });

  router.post('/clock', express.json(), (req, res) => {
    const parsed = clockBody.safeParse(req.body ?? {});
    if (!parsed.success) {
      res.status(400).json({ message: describeIssues(parsed.error) });
      return;
    }
    try {
      if (parsed.data.set !== undefined) clock.set(parsed.data.set);
      if (parsed.data.advanceMs !== undefined)
        clock.advance(parsed.data.advanceMs);
    } catch (error) {
      res.status(400).json({ message: (error as Error).message });
      return;
    }
    res.json(now());
  });

  router.post('/reset', (_req, res) => {
    options.reset();
    res.json(now());
  });

  router.get('/faults', (_req, res) => {
    res.json(faults.get());
  });

  router.post('/faults', express.json(), (req, res) => {
    try {
      res.json(faults.set(req.body ?? {}));
    } catch (error) {
      if (!(error instanceof FaultConfigError)) throw error;
      res.status(400).json({ message: error.message });
    }
  });

  router.delete('/faults', (_req, res) => {
    res.json(faults.clear());
  });

  router.get('/stats', (_req, res) => {
    res.json(stats.snapshot());
  });

  router.delete('/stats', (_req, res) => {
    res.json(stats.reset());
  });

  for (const service of services) {
    if (service.control) router.use(`/${service.name}`, service.control);
  }

  // Control callers get JSON errors too, e.g. for a body that is not JSON.
  router.use(
    (error: unknown, _req: Request, res: Response, _next: NextFunction) => {
      const status = (error as { status?: number }).status ?? 500;
      res.status(status).json({ message: (error as Error).message });
    },
  );
  return router;
}
