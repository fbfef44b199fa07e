import {
  CreateApplicationCommand,
  CreateApplicationRequest,
  TagResourceCommand,
} from '@aws-sdk/client-emr-serverless';
import {
  CreateRoleCommand,
  DeleteRoleCommand,
  GetRoleCommand,
  IAMClient,
  PutRolePolicyCommand,
  TagRoleCommand,
} from '@aws-sdk/client-iam';
import { ConflictError, InputError } from '@backstage/errors';
import { serverlessApplicationEntityName } from '@emr-eks/plugin-emr-eks-common';
import { z } from 'zod';
import { assertBucketGrants } from '../lib/buckets';
import { isNotFound } from '../lib/clients';
import { findServerlessTarget, ServerlessTarget } from '../lib/config';
import { createEmrAction } from '../lib/emrAction';
import { currentInlinePolicy, deleteInlinePolicy } from '../lib/inlinePolicies';
import { bucketGrantsField, ownerField } from '../lib/inputs';
import { TASK_ID_LABEL } from '../lib/manifests';
import { EmrActionOptions } from '../lib/options';
import { catalogNamespace, ownerTag, taggedOwner } from '../lib/ownerTag';
import { executionPolicy } from '../lib/policies';
import { logPlan, Provisioning } from '../lib/provisioning';
import { isThisRunsToRollBack } from '../lib/taskRuns';
import {
  deleteApplication,
  findApplication,
  Polling,
  waitForApplication,
} from '../lib/serverlessApplications';
import { serverlessTrustPolicy, trustedSourceArns } from '../lib/trustPolicy';
import {
  ECR_IMAGE_URI,
  emrName,
  ROLE_NAME,
  roleName,
  SECURITY_GROUP_ID,
  SERVERLESS_RELEASE_LABEL,
  SUBNET_ID,
} from '../lib/validation';
import { examples } from './createServerlessApplication.examples';

/** Name of the runtime role's inline policy. */
export const RUNTIME_POLICY_NAME = 'emr-serverless-job-runtime';

// Worker sizes as the service model spells them: `4 vCPU`, `16 GB`, `20 GB`.
const cpu = (zz: typeof z) =>
  zz
    .string()
    .max(15)
    .regex(/^[1-9]\d*\s?(vCPU|vcpu|VCPU)?$/, "must be vCPUs such as '4 vCPU'");
const memory = (zz: typeof z) =>
  zz
    .string()
    .max(15)
    .regex(/^[1-9]\d*\s?(GB|gb|gB|Gb)?$/, "must be memory such as '16 GB'");
const disk = (zz: typeof z) =>
  zz
    .string()
    .max(15)
    .regex(/^[1-9]\d*\s?(GB|gb|gB|Gb)$/, "must be disk such as '20 GB'");

const workers = (zz: typeof z, what: string) =>
  zz
    .object({
      workerCount: zz
        .number()
        .int()
        .min(0)
        .max(1000000)
        .describe(`Pre-initialized ${what}s; 0 for none`),
      cpu: cpu(zz).default('4 vCPU'),
      memory: memory(zz).default('16 GB'),
      disk: disk(zz).optional(),
    })
    .optional();

const inputSchema = (zz: typeof z) =>
  zz.object({
    owner: ownerField(zz),
    name: emrName(zz).describe('Application name, unique in the region'),
    type: zz.enum(['Spark', 'Hive']).default('Spark'),
    releaseLabel: zz
      .string()
      .regex(
        SERVERLESS_RELEASE_LABEL,
        "must be an EMR release label such as 'emr-7.5.0'",
      )
      .describe('e.g. emr-7.5.0'),
    region: zz
      .string()
      .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'must be an AWS region')
      .describe('One of emrEks.provisioning.serverless.targets'),
    accountId: zz
      .string()
      .regex(/^\d{12}$/, 'must be a 12-digit AWS account id')
      .optional()
      .describe('Needed only where several accounts are configured in region'),
    architecture: zz.enum(['X86_64', 'ARM64']).optional(),
    initialCapacity: zz
      .object({
        driver: workers(zz, 'driver'),
        executor: workers(zz, 'executor'),
      })
      .default({})
      .describe('Workers kept warm while the application is started'),
    maximumCapacity: zz
      .object({
        cpu: cpu(zz),
        memory: memory(zz),
        disk: disk(zz).optional(),
      })
      .optional()
      .describe('The most the application may use at once, over all its runs'),
    autoStart: zz.boolean().default(true).describe('Start on job submission'),
    autoStop: zz.boolean().default(true).describe('Stop when idle'),
    autoStopIdleTimeoutMinutes: zz
      .number()
      .int()
      .min(1)
      .max(10080)
      .default(15)
      .describe('Idle minutes before the application stops'),
    subnetIds: zz
      .array(zz.string().regex(SUBNET_ID, 'must be a subnet id (subnet-…)'))
      .max(16)
      .default([])
      .describe('VPC subnets; none for no VPC access'),
    securityGroupIds: zz
      .array(
        zz
          .string()
          .regex(SECURITY_GROUP_ID, 'must be a security group id (sg-…)'),
      )
      .max(5)
      .default([])
      .describe('Security groups, given with subnetIds'),
    imageUri: zz
      .string()
      .max(1024)
      .regex(
        ECR_IMAGE_URI,
        "must be an Amazon ECR image URI such as '123456789012.dkr.ecr.us-east-1.amazonaws.com/spark:7.5.0'",
      )
      .optional()
      .describe('Custom image in Amazon ECR'),
    roleName: roleName(zz)
      .optional()
      .describe(
        'Job runtime role; emr-serverless-<name>-job-runtime by default',
      ),
    buckets: bucketGrantsField(zz),
    glue: zz.boolean().default(true).describe('Allow the Glue Data Catalog'),
  });

const outputSchema = (zz: typeof z) =>
  zz.object({
    applicationId: zz.string(),
    applicationArn: zz.string(),
    roleArn: zz.string(),
    roleName: zz.string(),
    reused: zz.boolean(),
    entityRef: zz
      .string()
      .describe('Catalog entity the EMR on EKS entity provider makes of it'),
  });

type Input = z.output<ReturnType<typeof inputSchema>>;

/** The runtime role's name: the input's, else one made from the application's name. */
export function runtimeRoleName(input: Pick<Input, 'name' | 'roleName'>) {
  if (input.roleName) return input.roleName;
  const made = `emr-serverless-${input.name.replace(
    /[^\w+=,.@-]/g,
    '-',
  )}-job-runtime`;
  if (!ROLE_NAME.test(made)) {
    throw new InputError(
      `Invalid input: roleName: the default role name '${made}' is longer than IAM's 64 characters; give roleName`,
    );
  }
  return made;
}

/** The worker types of each engine: Spark's driver and executors, Hive's driver and Tez tasks. */
const WORKER_TYPES = {
  Spark: { driver: 'Driver', executor: 'Executor' },
  Hive: { driver: 'HiveDriver', executor: 'TezTask' },
} as const;

/** The CreateApplication request (without its client token), or an InputError naming the field. */
export function applicationRequest(
  input: Input,
  tags: Record<string, string>,
): Omit<CreateApplicationRequest, 'clientToken'> {
  if (input.subnetIds.length === 0 && input.securityGroupIds.length > 0) {
    throw new InputError(
      'Invalid input: subnetIds: security groups were given without subnets; give both or neither',
    );
  }
  if (input.subnetIds.length > 0 && input.securityGroupIds.length === 0) {
    throw new InputError(
      'Invalid input: securityGroupIds: subnets were given without security groups; give both or neither',
    );
  }
  const initialCapacity = Object.fromEntries(
    (['driver', 'executor'] as const).flatMap(part => {
      const w = input.initialCapacity[part];
      if (!w || w.workerCount === 0) return [];
      return [
        [
          WORKER_TYPES[input.type][part],
          {
            workerCount: w.workerCount,
            workerConfiguration: {
              cpu: w.cpu,
              memory: w.memory,
              ...(w.disk ? { disk: w.disk } : {}),
            },
          },
        ],
      ];
    }),
  );
  return {
    name: input.name,
    releaseLabel: input.releaseLabel,
    type: input.type,
    ...(input.architecture ? { architecture: input.architecture } : {}),
    ...(Object.keys(initialCapacity).length ? { initialCapacity } : {}),
    ...(input.maximumCapacity
      ? { maximumCapacity: input.maximumCapacity }
      : {}),
    autoStartConfiguration: { enabled: input.autoStart },
    autoStopConfiguration: input.autoStop
      ? { enabled: true, idleTimeoutMinutes: input.autoStopIdleTimeoutMinutes }
      : { enabled: false },
    ...(input.subnetIds.length
      ? {
          networkConfiguration: {
            subnetIds: input.subnetIds,
            securityGroupIds: input.securityGroupIds,
          },
        }
      : {}),
    ...(input.imageUri
      ? { imageConfiguration: { imageUri: input.imageUri } }
      : {}),
    tags,
  };
}

/**
 * `emr:serverlessApplication:create`
 *
 * @public
 */
export function createServerlessApplicationAction(options: EmrActionOptions) {
  return createEmrAction(options, {
    id: 'emr:serverlessApplication:create',
    description:
      "Creates an EMR Serverless application for a team (Spark or Hive, capacity, auto-start and auto-stop, network, image), tagged with the team, and its job runtime role: trusted by that application only, granted S3 within the platform's bucket patterns and the Glue Data Catalog",
    examples,
    input: inputSchema,
    output: outputSchema,
    async handler(ctx, { input, caller: { owner, team } }) {
      const target: ServerlessTarget = findServerlessTarget(
        options.config,
        input.region,
        input.accountId,
      );
      assertBucketGrants(input.buckets, options.config.buckets, team);
      const { accountId, region, partition } = target;
      const name = runtimeRoleName(input);
      const teamTag = ownerTag(options.config, target, owner);
      const request = applicationRequest(input, {
        ...teamTag,
        [TASK_ID_LABEL]: ctx.task.id,
      });
      const permissions = executionPolicy({
        partition,
        accountId,
        region,
        buckets: input.buckets,
        glue: input.glue,
      });
      const roleTags = (applicationId: string) => [
        ...Object.entries(teamTag).map(([Key, Value]) => ({ Key, Value })),
        { Key: TASK_ID_LABEL, Value: ctx.task.id },
        { Key: 'backstage.io/managed-by', Value: 'backstage' },
        { Key: 'emr-serverless-application-id', Value: applicationId },
      ];
      const arnOf = (id: string) =>
        `arn:${partition}:emr-serverless:${region}:${accountId}:/applications/${id}`;
      const entityRefOf = (id: string) =>
        `resource:${catalogNamespace(
          options.config,
          target,
        )}/${serverlessApplicationEntityName(input.name, id, region)}`;

      if (ctx.isDryRun) {
        const placeholder = '<application id>';
        logPlan(ctx, [
          {
            call: `emr-serverless:ListApplications in ${accountId}/${region} to reuse '${input.name}'`,
          },
          {
            call: `emr-serverless:CreateApplication in ${accountId}/${region}`,
            payload: request,
          },
          {
            call: `iam:CreateRole ${name}`,
            payload: {
              RoleName: name,
              AssumeRolePolicyDocument: serverlessTrustPolicy({
                accountId,
                applicationArn: arnOf(placeholder),
              }),
              Tags: roleTags(placeholder),
            },
          },
          {
            call: `iam:PutRolePolicy ${name}/${RUNTIME_POLICY_NAME}`,
            payload: permissions,
          },
        ]);
        ctx.output('applicationId', placeholder);
        ctx.output('applicationArn', arnOf(placeholder));
        ctx.output(
          'roleArn',
          `arn:${partition}:iam::${accountId}:role/${name}`,
        );
        ctx.output('roleName', name);
        ctx.output('reused', false);
        ctx.output('entityRef', entityRefOf(placeholder));
        return;
      }

      const emr = await options.clients.emrServerless(target);
      const iam: IAMClient = await options.clients.iam(target);
      const polling: Polling = {
        intervalMs: options.pollIntervalMs ?? 5_000,
        maxIntervalMs: options.maxPollIntervalMs ?? 30_000,
        timeoutMs: 15 * 60_000,
        log: message => ctx.logger.info(message),
        signal: ctx.signal,
      };
      const what = `EMR Serverless application ${input.name} in ${accountId}/${region}`;
      const run = await Provisioning.start(ctx, 'serverlessApplication');
      await run.run(async () => {
        const app = await run.step<{
          id: string;
          arn: string;
          reused: boolean;
        }>(
          'application',
          what,
          async () => {
            const found = await findApplication(emr, input.name);
            if (found) {
              const taggedFor = taggedOwner(options.config, found.tags);
              if (taggedFor !== owner) {
                throw new ConflictError(
                  `Invalid input: name: ${what} already exists (${
                    found.applicationId
                  }) and is tagged for ${taggedFor ?? 'no team'}, not ${owner}`,
                );
              }
              const value = { id: found.applicationId!, arn: found.arn! };
              // Made by this task, or left by a run that did not complete: this run's now.
              if (
                await isThisRunsToRollBack(
                  options.tasks,
                  ctx.task.id,
                  found.tags?.[TASK_ID_LABEL],
                  what,
                )
              ) {
                if (found.tags?.[TASK_ID_LABEL] !== ctx.task.id) {
                  await emr.send(
                    new TagResourceCommand({
                      resourceArn: found.arn!,
                      tags: { [TASK_ID_LABEL]: ctx.task.id },
                    }),
                  );
                }
                return { value: { ...value, reused: false }, created: true };
              }
              ctx.logger.info(
                `Reusing ${what} (${value.id}), the team's already; its settings are left as they are`,
              );
              return { value: { ...value, reused: true }, created: false };
            }
            const created = await emr.send(
              new CreateApplicationCommand({
                ...request,
                clientToken: run.clientToken('application'),
              }),
            );
            return {
              value: {
                id: created.applicationId!,
                arn: created.arn!,
                reused: false,
              },
              created: true,
            };
          },
          ({ id }) => deleteApplication(emr, id, polling),
        );
        if (app.arn !== arnOf(app.id)) {
          throw new ConflictError(
            `EMR Serverless answered ARN ${app.arn} for application ${
              app.id
            }, not ${arnOf(
              app.id,
            )}; the runtime role's trust would not match it`,
          );
        }
        // A new application is usable once CREATED; creation can also fail.
        await waitForApplication(emr, app.id, polling, (state, details) => {
          if (state === 'TERMINATED') {
            throw new ConflictError(
              `${what} (${app.id}) ended TERMINATED${
                details ? `: ${details}` : ''
              }`,
            );
          }
          return state !== 'CREATING';
        });

        const trust = serverlessTrustPolicy({
          accountId,
          applicationArn: app.arn,
        });
        const role = await run.step<{ arn: string; reused: boolean }>(
          'role',
          `IAM role ${name}`,
          async () => {
            let existing;
            try {
              existing = await iam.send(new GetRoleCommand({ RoleName: name }));
            } catch (error) {
              if (!isNotFound(error)) throw error;
            }
            if (existing?.Role) {
              const tags = Object.fromEntries(
                (existing.Role.Tags ?? []).map(t => [t.Key!, t.Value!]),
              );
              const taggedFor = taggedOwner(options.config, tags);
              const trusted = trustedSourceArns(
                existing.Role.AssumeRolePolicyDocument,
              );
              // Reusable only if the team's, and trusted by this application alone.
              if (
                taggedFor !== owner ||
                trusted.length !== 1 ||
                trusted[0] !== app.arn
              ) {
                throw new ConflictError(
                  `Invalid input: roleName: IAM role '${name}' already exists; it is tagged for ${
                    taggedFor ?? 'no team'
                  } and trusted by ${
                    trusted.join(', ') || 'no EMR Serverless application'
                  }, not ${owner}'s application ${app.arn}`,
                );
              }
              const value = { arn: existing.Role.Arn! };
              if (
                await isThisRunsToRollBack(
                  options.tasks,
                  ctx.task.id,
                  tags[TASK_ID_LABEL],
                  `IAM role ${name}`,
                )
              ) {
                if (tags[TASK_ID_LABEL] !== ctx.task.id) {
                  await iam.send(
                    new TagRoleCommand({
                      RoleName: name,
                      Tags: [{ Key: TASK_ID_LABEL, Value: ctx.task.id }],
                    }),
                  );
                }
                return { value: { ...value, reused: false }, created: true };
              }
              return { value: { ...value, reused: true }, created: false };
            }
            const created = await iam.send(
              new CreateRoleCommand({
                RoleName: name,
                AssumeRolePolicyDocument: JSON.stringify(trust),
                Description: `EMR Serverless job runtime role of application ${input.name} (${app.id}) in ${region}`,
                Tags: roleTags(app.id),
              }),
            );
            return {
              value: { arn: created.Role!.Arn!, reused: false },
              created: true,
            };
          },
          async () => {
            await iam.send(new DeleteRoleCommand({ RoleName: name }));
          },
        );
        // Nothing to grant (no buckets, no Glue): IAM takes no empty policy.
        if (permissions.Statement.length > 0) {
          await run.step<{ previous: string | null }>(
            'policy',
            `inline policy ${RUNTIME_POLICY_NAME} of ${name}`,
            async () => {
              // A reused role's policy is brought up to date; a rollback puts the old one back.
              const previous = role.reused
                ? await currentInlinePolicy(iam, name, RUNTIME_POLICY_NAME)
                : null;
              await iam.send(
                new PutRolePolicyCommand({
                  RoleName: name,
                  PolicyName: RUNTIME_POLICY_NAME,
                  PolicyDocument: JSON.stringify(permissions),
                }),
              );
              return role.reused
                ? { value: { previous }, created: false, changed: true }
                : { value: { previous: null }, created: true };
            },
            async ({ previous }) => {
              if (previous) {
                await iam.send(
                  new PutRolePolicyCommand({
                    RoleName: name,
                    PolicyName: RUNTIME_POLICY_NAME,
                    PolicyDocument: previous,
                  }),
                );
                return;
              }
              await deleteInlinePolicy(iam, name, RUNTIME_POLICY_NAME);
            },
          );
        }
        ctx.logger.info(
          `${app.reused ? 'Reusing' : 'Created'} ${what} (${app.arn}), run by ${
            role.arn
          }`,
        );
        ctx.output('applicationId', app.id);
        ctx.output('applicationArn', app.arn);
        ctx.output('roleArn', role.arn);
        ctx.output('reused', app.reused);
        ctx.output('entityRef', entityRefOf(app.id));
      });
      ctx.output('roleName', name);
    },
  });
}
