import {
  AssociateAccessPolicyCommand,
  CreateAccessEntryCommand,
  DeleteAccessEntryCommand,
  DescribeAccessEntryCommand,
  DisassociateAccessPolicyCommand,
  EKSClient,
  ListAssociatedAccessPoliciesCommand,
} from '@aws-sdk/client-eks';
import { ConflictError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import type { KubernetesObject } from '@kubernetes/client-node';
import { stringify } from 'yaml';
import { z } from 'zod';
import { isNotFound } from '../lib/clients';
import { findCluster, ProvisioningCluster } from '../lib/config';
import {
  applyObject,
  deleteObject,
  describeObject,
  readObject,
} from '../lib/kube';
import {
  DEFAULT_LIMITS,
  DEFAULT_PRIORITY_CLASSES,
  DEFAULT_QUOTA,
  emrRoleBindingManifest,
  emrRoleManifest,
  limitRangeManifest,
  namespaceManifest,
  networkPolicyManifest,
  priorityClassManifest,
  resourceQuotaManifest,
  TASK_ID_LABEL,
  TEAM_LABEL,
  labelValue,
  TenantOptions,
} from '../lib/manifests';
import { EmrActionOptions, teamOf } from '../lib/options';
import { logPlan, Provisioning } from '../lib/provisioning';
import {
  asActionSchema,
  dnsLabel,
  parseInput,
  quantity,
} from '../lib/validation';
import { examples } from './prepareNamespace.examples';

export const EMR_JOB_ACCESS_POLICY =
  'arn:aws:eks::aws:cluster-access-policy/AmazonEMRJobPolicy';

export function emrServiceLinkedRoleArn(c: ProvisioningCluster) {
  return `arn:${c.partition}:iam::${c.accountId}:role/AWSServiceRoleForAmazonEMRContainers`;
}

const inputSchema = (zz: typeof z) =>
  zz.object({
    cluster: zz.string().min(1).describe('Configured cluster name'),
    namespace: dnsLabel(zz).describe('Namespace of the tenant'),
    owner: zz
      .string()
      .min(1)
      .describe('Owning group entity ref, e.g. group:default/data-team-a'),
    team: dnsLabel(zz)
      .optional()
      .describe('Team name for labels and tags; the owner ref name by default'),
    quota: zz
      .object({
        requestsCpu: quantity(zz).default(DEFAULT_QUOTA.requestsCpu),
        requestsMemory: quantity(zz).default(DEFAULT_QUOTA.requestsMemory),
        limitsCpu: quantity(zz).default(DEFAULT_QUOTA.limitsCpu),
        limitsMemory: quantity(zz).default(DEFAULT_QUOTA.limitsMemory),
      })
      .default({})
      .describe('ResourceQuota compute-resources'),
    limits: zz
      .object({
        maxCpu: quantity(zz).default(DEFAULT_LIMITS.maxCpu),
        minCpu: quantity(zz).default(DEFAULT_LIMITS.minCpu),
        defaultCpu: quantity(zz).default(DEFAULT_LIMITS.defaultCpu),
        defaultRequestCpu: quantity(zz).default(
          DEFAULT_LIMITS.defaultRequestCpu,
        ),
        maxMemory: quantity(zz).optional(),
        defaultMemory: quantity(zz).optional(),
        defaultRequestMemory: quantity(zz).optional(),
      })
      .default({})
      .describe('LimitRange per container'),
    networkIsolation: zz
      .boolean()
      .default(true)
      .describe('Apply a NetworkPolicy confining traffic to the namespace'),
    driverPriorityClass: dnsLabel(zz)
      .default(DEFAULT_PRIORITY_CLASSES.driver.name)
      .describe('PriorityClass for drivers (created if absent, value 100)'),
    executorPriorityClass: dnsLabel(zz)
      .default(DEFAULT_PRIORITY_CLASSES.executor.name)
      .describe('PriorityClass for executors (created if absent, value 50)'),
  });

const outputSchema = (zz: typeof z) =>
  zz.object({
    namespace: zz.string(),
    cluster: zz.string(),
    emrAccess: zz.enum(['accessEntry', 'rbac']),
  });

export type PrepareNamespaceInput = z.output<ReturnType<typeof inputSchema>>;

/** The namespaced and cluster-wide objects for a tenant, in apply order. */
export function tenantManifests(
  input: PrepareNamespaceInput,
  t: TenantOptions,
) {
  const namespaced: KubernetesObject[] = [
    resourceQuotaManifest(t, input.quota),
    limitRangeManifest(t, input.limits),
  ];
  if (input.networkIsolation) namespaced.push(networkPolicyManifest(t));
  const priorityClasses = [
    priorityClassManifest(
      {
        ...DEFAULT_PRIORITY_CLASSES.driver,
        name: input.driverPriorityClass,
      },
      t,
    ),
    priorityClassManifest(
      {
        ...DEFAULT_PRIORITY_CLASSES.executor,
        name: input.executorPriorityClass,
      },
      t,
    ),
  ];
  return { namespace: namespaceManifest(t), namespaced, priorityClasses };
}

async function currentEmrNamespaces(
  eks: EKSClient,
  clusterName: string,
  principalArn: string,
): Promise<string[] | undefined> {
  const res = await eks.send(
    new ListAssociatedAccessPoliciesCommand({ clusterName, principalArn }),
  );
  const association = res.associatedAccessPolicies?.find(
    p => p.policyArn === EMR_JOB_ACCESS_POLICY,
  );
  return association ? association.accessScope?.namespaces ?? [] : undefined;
}

/** `emr:namespace:prepare` */
export function createPrepareNamespaceAction(options: EmrActionOptions) {
  return createTemplateAction({
    id: 'emr:namespace:prepare',
    description:
      'Prepares a namespace on an EKS cluster for an EMR on EKS tenant: labels, ResourceQuota, LimitRange, NetworkPolicy, PriorityClasses and EMR access (access entry or RBAC), by server-side apply',
    examples,
    supportsDryRun: true,
    schema: {
      input: asActionSchema(inputSchema),
      output: asActionSchema(outputSchema),
    },
    async handler(ctx) {
      const input = parseInput(inputSchema(z), ctx.input);
      const cluster = findCluster(options.config, input.cluster);
      const t: TenantOptions = {
        namespace: input.namespace,
        team: input.team ?? teamOf(input.owner),
        owner: input.owner,
        taskId: ctx.task.id,
      };
      const manifests = tenantManifests(input, t);
      const rbac =
        cluster.emrAccess === 'rbac'
          ? [emrRoleManifest(t), emrRoleBindingManifest(t)]
          : [];
      const principalArn = emrServiceLinkedRoleArn(cluster);
      const clusterName = cluster.eksClusterName;

      if (ctx.isDryRun) {
        const apply = (o: KubernetesObject) => ({
          call: `Kubernetes server-side apply (fieldManager backstage-emr-eks) ${describeObject(
            o,
          )} on cluster ${cluster.name}`,
          payload: stringify(o),
        });
        logPlan(ctx, [
          apply(manifests.namespace),
          ...manifests.namespaced.map(apply),
          ...manifests.priorityClasses.map(o => ({
            ...apply(o),
            call: `${apply(o).call}, only if absent`,
          })),
          ...rbac.map(apply),
          ...(cluster.emrAccess === 'accessEntry'
            ? [
                {
                  call: `eks:CreateAccessEntry on ${clusterName}, only if absent`,
                  payload: {
                    clusterName,
                    principalArn,
                    username: 'emr-containers',
                  },
                },
                {
                  call: `eks:AssociateAccessPolicy on ${clusterName}, adding namespace ${input.namespace} to the existing scope`,
                  payload: {
                    clusterName,
                    principalArn,
                    policyArn: EMR_JOB_ACCESS_POLICY,
                    accessScope: {
                      type: 'namespace',
                      namespaces: [input.namespace],
                    },
                  },
                },
              ]
            : []),
        ]);
        ctx.output('namespace', input.namespace);
        ctx.output('cluster', cluster.name);
        ctx.output('emrAccess', cluster.emrAccess);
        return;
      }

      const api = options.clients.kubernetes(cluster.kubernetes);
      const run = await Provisioning.start(ctx, 'namespace');
      await run.run(async () => {
        await run.step(
          'namespace',
          describeObject(manifests.namespace),
          async () => {
            const existing = await readObject(api, manifests.namespace);
            const labels = existing?.metadata?.labels ?? {};
            if (
              existing &&
              labels[TEAM_LABEL] &&
              labels[TEAM_LABEL] !== labelValue(t.team)
            ) {
              throw new ConflictError(
                `Invalid input: namespace: '${input.namespace}' already exists on ${cluster.name} and belongs to team '${labels[TEAM_LABEL]}'`,
              );
            }
            const ours = labels[TASK_ID_LABEL] === labelValue(t.taskId);
            const manifest =
              existing && !ours
                ? {
                    ...manifests.namespace,
                    metadata: {
                      ...manifests.namespace.metadata,
                      labels: Object.fromEntries(
                        Object.entries(
                          manifests.namespace.metadata!.labels!,
                        ).filter(([k]) => k !== TASK_ID_LABEL),
                      ),
                    },
                  }
                : manifests.namespace;
            await applyObject(api, manifest);
            return { value: {}, created: !existing || ours };
          },
          () => deleteObject(api, manifests.namespace),
        );
        for (const manifest of [...manifests.namespaced, ...rbac]) {
          await run.step(
            `${manifest.kind}.${manifest.metadata!.name}`,
            describeObject(manifest),
            async () => {
              const existing = await readObject(api, manifest);
              await applyObject(api, manifest);
              return { value: {}, created: !existing };
            },
            () => deleteObject(api, manifest),
          );
        }
        for (const manifest of manifests.priorityClasses) {
          await run.step(
            `PriorityClass.${manifest.metadata!.name}`,
            describeObject(manifest),
            async () => {
              if (await readObject(api, manifest)) {
                return { value: {}, created: false };
              }
              await applyObject(api, manifest);
              return { value: {}, created: true };
            },
            () => deleteObject(api, manifest),
          );
        }
        if (cluster.emrAccess === 'accessEntry') {
          const eks = await options.clients.eks(cluster);
          await run.step(
            'accessEntry',
            `EKS access entry for ${principalArn} on ${clusterName}`,
            async () => {
              try {
                await eks.send(
                  new DescribeAccessEntryCommand({ clusterName, principalArn }),
                );
                return { value: {}, created: false };
              } catch (error) {
                if (!isNotFound(error)) throw error;
              }
              await eks.send(
                new CreateAccessEntryCommand({
                  clusterName,
                  principalArn,
                  username: 'emr-containers',
                  tags: { [TASK_ID_LABEL]: t.taskId, team: t.team },
                }),
              );
              return { value: {}, created: true };
            },
            async () => {
              await eks.send(
                new DeleteAccessEntryCommand({ clusterName, principalArn }),
              );
            },
          );
          await run.step<{ previous: string[] | null }>(
            'accessPolicy',
            `AmazonEMRJobPolicy scope for namespace ${input.namespace} on ${clusterName}`,
            async () => {
              const previous = await currentEmrNamespaces(
                eks,
                clusterName,
                principalArn,
              );
              if (previous?.includes(input.namespace)) {
                return { value: { previous }, created: false };
              }
              await eks.send(
                new AssociateAccessPolicyCommand({
                  clusterName,
                  principalArn,
                  policyArn: EMR_JOB_ACCESS_POLICY,
                  accessScope: {
                    type: 'namespace',
                    namespaces: [...(previous ?? []), input.namespace],
                  },
                }),
              );
              return { value: { previous: previous ?? null }, created: true };
            },
            async ({ previous }) => {
              if (previous && previous.length > 0) {
                await eks.send(
                  new AssociateAccessPolicyCommand({
                    clusterName,
                    principalArn,
                    policyArn: EMR_JOB_ACCESS_POLICY,
                    accessScope: { type: 'namespace', namespaces: previous },
                  }),
                );
              } else {
                await eks
                  .send(
                    new DisassociateAccessPolicyCommand({
                      clusterName,
                      principalArn,
                      policyArn: EMR_JOB_ACCESS_POLICY,
                    }),
                  )
                  .catch(error => {
                    if (!isNotFound(error)) throw error;
                  });
              }
            },
          );
        }
      });
      ctx.output('namespace', input.namespace);
      ctx.output('cluster', cluster.name);
      ctx.output('emrAccess', cluster.emrAccess);
    },
  });
}
