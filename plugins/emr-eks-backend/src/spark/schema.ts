import { z } from 'zod';

/** A SparkApplication's or driver pod's name: a Kubernetes object name (DNS-1123 subdomain). */
export const sparkApplicationIdParams = z.object({
  sparkApplicationId: z
    .string()
    .max(253, 'must be at most 253 characters')
    .regex(
      /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/,
      'must be a Kubernetes object name: lowercase letters, digits, dashes and dots',
    ),
});

export const DEFAULT_TAIL_LINES = 200;
export const MAX_TAIL_LINES = 1000;

/** How much of the driver's log: the last 1–1000 lines (200). */
export const driverLogQuerySchema = z
  .object({
    tailLines: z
      .string()
      .regex(/^\d{1,4}$/, `must be a whole number from 1 to ${MAX_TAIL_LINES}`)
      .transform(Number)
      .pipe(
        z
          .number()
          .min(1, `must be a whole number from 1 to ${MAX_TAIL_LINES}`)
          .max(
            MAX_TAIL_LINES,
            `must be a whole number from 1 to ${MAX_TAIL_LINES}`,
          ),
      )
      .default(String(DEFAULT_TAIL_LINES)),
  })
  .strict();
