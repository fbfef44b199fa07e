import express, { NextFunction, Request, Response, Router } from 'express';
import { z } from 'zod';
import { Clock } from './clock';
import { SandboxService } from './services/types';

const clockBody = z
  .object({
    /** Absolute time: ISO 8601 string or epoch milliseconds. */
    set: z.union([z.string(), z.number()]).optional(),
    /** Milliseconds to move forward (negative moves back). */
    advanceMs: z.number().finite().optional(),
  })
  .strict();

/**
 * The sandbox's own API under /_sandbox (not an AWS API):
 *   GET  /health           {status, now, services}
 *   GET  /clock            {now}
 *   POST /clock            {set?, advanceMs?} → {now}
 *   POST /reset            back to the seeded data at the current time
 *   /<service>/...         per-service controls
 */
export function controlRouter(
  clock: Clock,
  services: SandboxService[],
): Router {
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
      res.status(400).json({
        message: parsed.error.issues
          .map(i => `${i.path.join('.')}: ${i.message}`)
          .join('; '),
      });
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
    services.forEach(s => s.reset());
    res.json(now());
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
