import {
  CreateJobTemplateCommand,
  DeleteJobTemplateCommand,
  JobTemplateData,
  ListJobTemplatesCommand,
  TagResourceCommand,
} from '@aws-sdk/client-emr-containers';
import { ConflictError } from '@backstage/errors';
import { JOB_TEMPLATE_VIRTUAL_CLUSTER_TAG } from '@emr-eks/plugin-emr-eks-common';
import { z } from 'zod';
import { createEmrAction } from '../lib/emrAction';
import { onVirtualClusterFields } from '../lib/inputs';
import { TASK_ID_LABEL } from '../lib/manifests';
import { EmrActionOptions } from '../lib/options';
import { ownerTag } from '../lib/ownerTag';
import { assertTeamClusterAndRole } from '../lib/teamResources';
import { awsResource, logPlan, Provisioning } from '../lib/provisioning';
import { isThisRunsToRollBack } from '../lib/taskRuns';
import { parseVirtualClusterArn } from '../lib/validation';
import { examples } from './createJobTemplate.examples';

const s3Uri = (zz: typeof z) =>
  zz
    .string()
    .regex(
      /^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/,
      'must be an s3:// URI',
    );

const inputSchema = (zz: typeof z) =>
  zz.object({
    ...onVirtualClusterFields(zz, 'job template'),
    entryPoint: zz
      .string()
      .regex(/^(s3|local):\/\/\S+$/, 'must be an s3:// or local:// URI')
      .describe('Spark application (s3:// or local://)'),
    entryPointArguments: zz.array(zz.string()).default([]),
    sparkSubmitParameters: zz.string().max(102400).optional(),
    driverPodTemplateUri: s3Uri(zz).optional(),
    executorPodTemplateUri: s3Uri(zz).optional(),
    logGroupName: zz
      .string()
      .regex(/^[\w\-./#]{1,512}$/, 'must be a CloudWatch Logs group name')
      .optional(),
    logUri: s3Uri(zz).optional().describe('s3:// location for job logs'),
  });

const outputSchema = (zz: typeof z) =>
  zz.object({ jobTemplateId: zz.string(), jobTemplateArn: zz.string() });

type Input = z.output<ReturnType<typeof inputSchema>>;

/** The template's job: driver, pod templates and monitoring. */
export function jobTemplateData(
  input: Input,
  teamTag: Record<string, string>,
): JobTemplateData {
  const properties: Record<string, string> = {};
  if (input.driverPodTemplateUri) {
    properties['spark.kubernetes.driver.podTemplateFile'] =
      input.driverPodTemplateUri;
  }
  if (input.executorPodTemplateUri) {
    properties['spark.kubernetes.executor.podTemplateFile'] =
      input.executorPodTemplateUri;
  }
  return {
    executionRoleArn: input.executionRoleArn,
    releaseLabel: input.releaseLabel,
    jobDriver: {
      sparkSubmitJobDriver: {
        entryPoint: input.entryPoint,
        ...(input.entryPointArguments.length
          ? { entryPointArguments: input.entryPointArguments }
          : {}),
        ...(input.sparkSubmitParameters
          ? { sparkSubmitParameters: input.sparkSubmitParameters }
          : {}),
      },
    },
    configurationOverrides: {
      ...(Object.keys(properties).length
        ? {
            applicationConfiguration: [
              { classification: 'spark-defaults', properties },
            ],
          }
        : {}),
      ...(input.logGroupName || input.logUri
        ? {
            monitoringConfiguration: {
              ...(input.logGroupName
                ? {
                    cloudWatchMonitoringConfiguration: {
                      logGroupName: input.logGroupName,
                      logStreamNamePrefix: input.name.replace(/[:*]/g, '-'),
                    },
                  }
                : {}),
              ...(input.logUri
                ? { s3MonitoringConfiguration: { logUri: input.logUri } }
                : {}),
            },
          }
        : {}),
    },
    jobTags: teamTag,
  };
}

/**
 * `emr:jobTemplate:create`
 *
 * @public
 */
export function createJobTemplateAction(options: EmrActionOptions) {
  return createEmrAction(options, {
    id: 'emr:jobTemplate:create',
    description:
      'Creates an EMR on EKS job template (Spark submit driver, release label, execution role, pod templates, logging), tagged with the owning team',
    examples,
    input: inputSchema,
    output: outputSchema,
    async handler(ctx, { input, caller: { owner } }) {
      const vc = parseVirtualClusterArn(input.virtualClusterArn);
      const teamTag = ownerTag(options.config, vc, owner);
      const request = {
        name: input.name,
        jobTemplateData: jobTemplateData(input, teamTag),
        tags: {
          ...teamTag,
          [JOB_TEMPLATE_VIRTUAL_CLUSTER_TAG]: vc.virtualClusterId,
          [TASK_ID_LABEL]: ctx.task.id,
        },
      };
      if (ctx.isDryRun) {
        logPlan(ctx, [
          {
            call: `emr-containers:ListJobTemplates in ${vc.region} to reuse '${input.name}'`,
          },
          {
            call: `emr-containers:CreateJobTemplate in ${vc.region}`,
            payload: request,
          },
        ]);
        ctx.output('jobTemplateId', '<job template id>');
        ctx.output(
          'jobTemplateArn',
          `arn:${vc.partition}:emr-containers:${vc.region}:${vc.accountId}:/jobtemplates/<job template id>`,
        );
        return;
      }
      const { emr } = await assertTeamClusterAndRole(options, input, owner);
      const run = await Provisioning.start(ctx, 'jobTemplate');
      const template = await run.run(() =>
        run.step<{ id: string; arn: string }>(
          'create',
          `job template ${input.name}`,
          async () => {
            let nextToken: string | undefined;
            do {
              const page = await emr.send(
                new ListJobTemplatesCommand({ nextToken }),
              );
              const found = page.templates?.find(t => t.name === input.name);
              if (found) {
                if (
                  found.tags?.[JOB_TEMPLATE_VIRTUAL_CLUSTER_TAG] ===
                    vc.virtualClusterId &&
                  (await isThisRunsToRollBack(
                    options.tasks,
                    ctx.task.id,
                    found.tags?.[TASK_ID_LABEL],
                    `job template ${input.name}`,
                  ))
                ) {
                  if (found.tags?.[TASK_ID_LABEL] !== ctx.task.id) {
                    await emr.send(
                      new TagResourceCommand({
                        resourceArn: found.arn!,
                        tags: { [TASK_ID_LABEL]: ctx.task.id },
                      }),
                    );
                  }
                  return awsResource(found, true);
                }
                // The same name for the same virtual cluster: this tenant's template, reused.
                if (
                  found.tags?.[JOB_TEMPLATE_VIRTUAL_CLUSTER_TAG] ===
                  vc.virtualClusterId
                ) {
                  ctx.logger.info(
                    `Reusing job template ${input.name} (${found.id})`,
                  );
                  return awsResource(found, false);
                }
                throw new ConflictError(
                  `Invalid input: name: a job template '${input.name}' already exists (${found.id})`,
                );
              }
              nextToken = page.nextToken;
            } while (nextToken);
            const created = await emr.send(
              new CreateJobTemplateCommand({
                ...request,
                clientToken: run.clientToken('jobtemplate'),
              }),
            );
            return awsResource(created, true);
          },
          async ({ id }) => {
            await emr.send(new DeleteJobTemplateCommand({ id }));
          },
        ),
      );
      ctx.output('jobTemplateId', template.id);
      ctx.output('jobTemplateArn', template.arn);
    },
  });
}
