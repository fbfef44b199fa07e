import {
  DeleteObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { InputError, NotAllowedError } from '@backstage/errors';
import { z } from 'zod';
import { createEmrAction } from '../lib/emrAction';
import { tenantFields } from '../lib/inputs';
import { isNotFound } from '../lib/clients';
import { DEFAULT_PRIORITY_CLASSES, TASK_ID_LABEL } from '../lib/manifests';
import { assertTenantNamespace } from '../lib/namespaces';
import { EmrActionOptions } from '../lib/options';
import { podTemplateProfiles } from '../lib/podTemplates';
import { logPlan, Provisioning } from '../lib/provisioning';
import { isThisRunsToRollBack } from '../lib/taskRuns';
import { BUCKET_NAME, dnsLabel } from '../lib/validation';
import { examples } from './publishPodTemplates.examples';

/** Object metadata naming the task that wrote a pod template (HeadObject returns it). */
export const TASK_ID_METADATA = 'backstage-task-id';

const inputSchema = (zz: typeof z) =>
  zz.object({
    ...tenantFields(zz, 'Namespace the templates are for'),
    bucket: zz
      .string()
      .regex(BUCKET_NAME, 'must be an S3 bucket name')
      .optional()
      .describe(
        "Bucket; the cluster's podTemplateBucket by default (another: platform admins only)",
      ),
    prefix: zz
      .string()
      .regex(/^[\w!\-.*'()/]*$/, 'must be an S3 key prefix')
      .optional()
      .describe(
        "Key prefix; the cluster's podTemplatePrefix/<namespace> by default (another: platform admins only)",
      ),
    driverPriorityClass: dnsLabel(zz).default(
      DEFAULT_PRIORITY_CLASSES.driver.name,
    ),
    executorPriorityClass: dnsLabel(zz).default(
      DEFAULT_PRIORITY_CLASSES.executor.name,
    ),
  });

const outputSchema = (zz: typeof z) =>
  zz.object({
    criticalDriverUri: zz.string(),
    criticalExecutorUri: zz.string(),
    nonCriticalDriverUri: zz.string(),
    nonCriticalExecutorUri: zz.string(),
  });

/**
 * `emr:podTemplates:publish`
 *
 * @public
 */
export function publishPodTemplatesAction(options: EmrActionOptions) {
  return createEmrAction(options, {
    id: 'emr:podTemplates:publish',
    description:
      'Uploads driver and executor pod templates to S3: drivers on on-demand capacity with the high priority class; executors on on-demand (critical) or on spot with the low priority class (non-critical)',
    examples,
    input: inputSchema,
    output: outputSchema,
    async handler(ctx, { input, caller, cluster }) {
      // Another location could overwrite another tenant's pod templates, which shape its pods.
      if ((input.bucket || input.prefix) && !caller.admin) {
        throw new NotAllowedError(
          `only a platform admin (emr-eks.tenant.admin) may choose the pod templates' bucket or prefix; leave them out to use ${cluster.podTemplatePrefix}/${input.namespace} of the cluster's bucket`,
        );
      }
      const bucket = input.bucket ?? cluster.podTemplateBucket;
      if (!bucket) {
        throw new InputError(
          `Invalid input: bucket: none given and cluster '${cluster.name}' has no podTemplateBucket configured`,
        );
      }
      const prefix = (
        input.prefix ?? `${cluster.podTemplatePrefix}/${input.namespace}`
      ).replace(/^\/+|\/+$/g, '');
      const objects = podTemplateProfiles({
        high: input.driverPriorityClass,
        low: input.executorPriorityClass,
      }).flatMap(p => [
        {
          output: `${p.profile}-driver`,
          key: `${prefix}/${p.profile}-driver.yaml`,
          body: p.driver,
        },
        {
          output: `${p.profile}-executor`,
          key: `${prefix}/${p.profile}-executor.yaml`,
          body: p.executor,
        },
      ]);
      const outputName = (name: string) =>
        `${name.replace(/-(\w)/g, (_, c: string) => c.toUpperCase())}Uri`;
      const emit = () => {
        for (const o of objects) {
          ctx.output(outputName(o.output) as any, `s3://${bucket}/${o.key}`);
        }
      };
      if (ctx.isDryRun) {
        logPlan(
          ctx,
          objects.map(o => ({
            call: `s3:PutObject s3://${bucket}/${o.key} (tag ${TASK_ID_LABEL})`,
            payload: o.body,
          })),
        );
        emit();
        return;
      }
      await assertTenantNamespace(options.clients, cluster, input, caller.team);
      const s3 = await options.clients.s3(cluster);
      const run = await Provisioning.start(ctx, 'podTemplates');
      await run.run(async () => {
        for (const o of objects) {
          await run.step(
            o.key,
            `pod template s3://${bucket}/${o.key}`,
            async () => {
              // An upload this task made before a crash is its own: the metadata names it.
              let ours = true;
              try {
                const head = await s3.send(
                  new HeadObjectCommand({ Bucket: bucket, Key: o.key }),
                );
                ours = await isThisRunsToRollBack(
                  options.tasks,
                  ctx.task.id,
                  head.Metadata?.[TASK_ID_METADATA],
                  `pod template s3://${bucket}/${o.key}`,
                );
              } catch (error) {
                if (!isNotFound(error)) throw error;
              }
              await s3.send(
                new PutObjectCommand({
                  Bucket: bucket,
                  Key: o.key,
                  Body: o.body,
                  ContentType: 'application/yaml',
                  Metadata: { [TASK_ID_METADATA]: ctx.task.id },
                  Tagging: `${encodeURIComponent(
                    TASK_ID_LABEL,
                  )}=${encodeURIComponent(ctx.task.id)}`,
                }),
              );
              return { value: {}, created: ours };
            },
            async () => {
              await s3.send(
                new DeleteObjectCommand({ Bucket: bucket, Key: o.key }),
              );
            },
          );
        }
      });
      emit();
    },
  });
}
