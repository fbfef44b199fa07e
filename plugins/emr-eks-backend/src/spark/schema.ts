import { SPARK_TEMPLATE_TYPES } from '@emr-eks/plugin-emr-eks-common';
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

/** A template's name: a DNS label short enough to prefix an application's name. */
const templateName = z
  .string()
  .regex(
    /^[a-z0-9]([-a-z0-9]{0,38}[a-z0-9])?$/,
    'must be 1-40 lowercase letters, digits and dashes, starting and ending with a letter or digit',
  );

/** Kubernetes memory as Spark takes it: 512m, 4g, 4Gi. */
const memory = z
  .string()
  .regex(/^[1-9]\d{0,5}([mMgG]|Mi|Gi)$/, "must be like '512m', '4g' or '4Gi'");
const cores = z
  .number()
  .int('must be a whole number')
  .min(1, 'must be 1 to 64')
  .max(64, 'must be 1 to 64');

/**
 * Spark settings the platform decides, never a template: the namespace, the identity the
 * pods run as, their image, and where the pod templates come from.
 */
const PLATFORM_SPARK_CONF =
  /^spark\.kubernetes\.(namespace|authenticate\.|container\.image|driver\.container\.image|executor\.container\.image|driver\.podTemplateFile|executor\.podTemplateFile|driver\.pod\.name|driver\.master|node\.selector\.|driver\.node\.selector\.|executor\.node\.selector\.)/;

/** Body of saving a Spark application template. */
export const sparkApplicationTemplateSchema = z
  .object({
    name: templateName,
    type: z.enum(SPARK_TEMPLATE_TYPES),
    mainApplicationFile: z
      .string()
      .max(2048)
      .regex(/^(s3a?|local):\/\/\S+$/, 'must be an s3:// or local:// URI'),
    mainClass: z
      .string()
      .max(256)
      .regex(/^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/, 'must be a class name')
      .optional(),
    arguments: z.array(z.string().max(4096)).max(100).default([]),
    sparkConf: z
      .record(z.string().max(4096))
      .default({})
      .superRefine((conf, ctx) => {
        for (const key of Object.keys(conf)) {
          if (!/^spark\.[\w.-]+$/.test(key)) {
            ctx.addIssue({
              code: z.ZodIssueCode.custom,
              message: `key '${key}' is not a Spark setting (spark.…)`,
            });
          } else if (PLATFORM_SPARK_CONF.test(key)) {
            ctx.addIssue({
              code: z.ZodIssueCode.custom,
              message: `key '${key}' is set by the platform, not a template`,
            });
          }
        }
      }),
    driver: z.object({ cores, memory }).strict(),
    executor: z
      .object({
        cores,
        memory,
        instances: z
          .number()
          .int('must be a whole number')
          .min(1, 'must be 1 to 100')
          .max(100, 'must be 1 to 100'),
      })
      .strict(),
    releaseLabel: z
      .string()
      .regex(
        /^emr-\d+\.\d+\.\d+(-[\w.]+)?$/,
        "must be an EMR release, like 'emr-6.10.0' (6.10.0 or later)",
      )
      .refine(label => {
        const [major, minor] = label.slice(4).split('.').map(Number);
        return major > 6 || (major === 6 && minor >= 10);
      }, 'must be emr-6.10.0 or later: the first release with Spark Operator images'),
  })
  .strict()
  .superRefine((t, ctx) => {
    if (t.type !== 'Python' && !t.mainClass) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['mainClass'],
        message: 'is required for Scala and Java',
      });
    }
  });

/** Body of starting an application from a saved template. */
export const startSparkApplicationSchema = z
  .object({ template: templateName })
  .strict();
