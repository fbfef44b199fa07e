import {
  CreateAccessEntryCommand,
  DescribeAccessEntryCommand,
} from '@aws-sdk/client-eks';
import { ConflictError, NotAllowedError } from '@backstage/errors';
import { TENANT_SPARK_ANNOTATIONS } from '@emr-eks/plugin-emr-eks-node';
import type { KubernetesObject } from '@kubernetes/client-node';
import type { JsonObject } from '@backstage/types';
import { stringify } from 'yaml';
import { z } from 'zod';
import { createEmrAction } from '../lib/emrAction';
import { deprecatedTeamField, tenantFields } from '../lib/inputs';
import {
  addToScope,
  EMR_JOB_ACCESS_POLICY,
  removeFromScope,
} from '../lib/accessScope';
import { isNotFound } from '../lib/clients';
import { ProvisioningCluster } from '../lib/config';
import {
  applyObject,
  deleteObject,
  describeObject,
  readObject,
  restorable,
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
import {
  assertNotReserved,
  isPortalManaged,
  namespaceTeamLabel,
} from '../lib/namespaces';
import { EmrActionOptions } from '../lib/options';
import { logPlan, Provisioning } from '../lib/provisioning';
import { isThisRunsToRollBack } from '../lib/taskRuns';
import { dnsLabel, quantity } from '../lib/validation';
import { examples } from './prepareNamespace.examples';

export { EMR_JOB_ACCESS_POLICY };

export function emrServiceLinkedRoleArn(c: ProvisioningCluster) {
  return `arn:${c.partition}:iam::${c.accountId}:role/AWSServiceRoleForAmazonEMRContainers`;
}

const inputSchema = (zz: typeof z) =>
  zz.object({
    ...tenantFields(zz, 'Namespace of the tenant'),
    team: deprecatedTeamField(zz),
    adoptExistingNamespace: zz
      .boolean()
      .default(false)
      .describe(
        'Take over a namespace made outside the portal (platform admins only); rollback restores its labels and objects',
      ),
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
  // The portal's Spark Operator starts read the tenant's priority classes from its namespace.
  const namespace = namespaceManifest(t);
  namespace.metadata!.annotations = {
    ...namespace.metadata!.annotations,
    [TENANT_SPARK_ANNOTATIONS.driverPriorityClass]: input.driverPriorityClass,
    [TENANT_SPARK_ANNOTATIONS.executorPriorityClass]:
      input.executorPriorityClass,
  };
  return { namespace, namespaced, priorityClasses };
}

/** Of `values`, the entries under `keys`: what an apply of ours overwrites. */
function pick(values: Record<string, string> | undefined, keys: string[]) {
  return Object.fromEntries(
    Object.entries(values ?? {}).filter(([k]) => keys.includes(k)),
  );
}

/**
 * `emr:namespace:prepare`
 *
 * @public
 */
export function createPrepareNamespaceAction(options: EmrActionOptions) {
  return createEmrAction(options, {
    id: 'emr:namespace:prepare',
    description:
      'Prepares a namespace on an EKS cluster for an EMR on EKS tenant: labels, ResourceQuota, LimitRange, NetworkPolicy, PriorityClasses and EMR access (access entry or RBAC), by server-side apply',
    examples,
    input: inputSchema,
    output: outputSchema,
    async handler(ctx, { input, caller, cluster }) {
      assertNotReserved(input.namespace, options.config.reservedNamespaces);
      if (input.adoptExistingNamespace && !caller.admin) {
        throw new NotAllowedError(
          `only a platform admin (emr-eks.tenant.admin) may adopt an existing namespace; ${caller.userEntityRef} may not`,
        );
      }
      const t: TenantOptions = {
        namespace: input.namespace,
        team: caller.team,
        owner: caller.owner,
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

      const api = options.clients.kubernetes(
        cluster.kubernetes,
        cluster.accountId,
      );
      const run = await Provisioning.start(ctx, 'namespace');
      const withoutTaskLabel = {
        ...manifests.namespace,
        metadata: {
          ...manifests.namespace.metadata,
          labels: Object.fromEntries(
            Object.entries(manifests.namespace.metadata!.labels!).filter(
              ([k]) => k !== TASK_ID_LABEL,
            ),
          ),
        },
      };
      await run.run(async () => {
        await run.step<{
          adopted: boolean;
          prior?: {
            labels: Record<string, string>;
            annotations: Record<string, string>;
          };
        }>(
          'namespace',
          describeObject(manifests.namespace),
          async () => {
            const existing = await readObject(api, manifests.namespace);
            const labels = existing?.metadata?.labels ?? {};
            if (!existing || labels[TASK_ID_LABEL] === labelValue(t.taskId)) {
              await applyObject(api, manifests.namespace);
              return { value: { adopted: false }, created: true };
            }
            const teamLabel = namespaceTeamLabel(existing);
            if (teamLabel && teamLabel !== labelValue(t.team)) {
              throw new ConflictError(
                `namespace ${input.namespace} already exists on ${cluster.name} and belongs to team '${teamLabel}'`,
              );
            }
            if (
              isPortalManaged(existing) &&
              labels[TEAM_LABEL] &&
              (await isThisRunsToRollBack(
                options.tasks,
                labelValue(t.taskId),
                labels[TASK_ID_LABEL],
                `namespace ${input.namespace}`,
              ))
            ) {
              // Left by a run of this tenant that did not complete: this run's now.
              await applyObject(api, manifests.namespace);
              return { value: { adopted: false }, created: true };
            }
            if (isPortalManaged(existing) && labels[TEAM_LABEL]) {
              // The same team's tenant, onboarded before: reused, and kept on rollback.
              await applyObject(api, withoutTaskLabel);
              return { value: { adopted: false }, created: false };
            }
            if (!input.adoptExistingNamespace) {
              throw new ConflictError(
                `namespace ${input.namespace} already exists on ${
                  cluster.name
                } and was not created by the portal${
                  teamLabel ? ` (labelled for team '${teamLabel}')` : ''
                }; only a platform admin can adopt it, with adoptExistingNamespace`,
              );
            }
            const prior = {
              labels: pick(
                labels,
                Object.keys(withoutTaskLabel.metadata.labels),
              ),
              annotations: pick(
                existing.metadata?.annotations,
                Object.keys(manifests.namespace.metadata!.annotations!),
              ),
            };
            await applyObject(api, withoutTaskLabel);
            ctx.logger.info(
              `Adopted namespace ${input.namespace} for ${
                t.owner
              }; its labels before: ${JSON.stringify(labels)}`,
            );
            return {
              value: { adopted: true, prior },
              created: false,
              changed: true,
            };
          },
          async ({ adopted, prior }) => {
            if (!adopted) {
              await deleteObject(api, manifests.namespace);
              return;
            }
            // Applying only the prior values drops the labels this module added and puts back
            // the ones it overwrote; labels of other managers stay as they are.
            await applyObject(api, {
              apiVersion: 'v1',
              kind: 'Namespace',
              metadata: {
                name: input.namespace,
                labels: prior?.labels ?? {},
                annotations: prior?.annotations ?? {},
              },
            });
          },
        );
        for (const manifest of [...manifests.namespaced, ...rbac]) {
          await run.step<{ prior?: JsonObject }>(
            `${manifest.kind}.${manifest.metadata!.name}`,
            describeObject(manifest),
            async () => {
              const existing = await readObject(api, manifest);
              await applyObject(api, manifest);
              const ours =
                existing?.metadata?.labels?.[TASK_ID_LABEL] ===
                labelValue(t.taskId);
              if (!existing || ours) return { value: {}, created: true };
              // Overwritten: saved as it was, so a rollback puts it back.
              return {
                value: { prior: restorable(existing) as JsonObject },
                created: false,
                changed: true,
              };
            },
            async ({ prior }) => {
              if (prior) await applyObject(api, prior as KubernetesObject);
              else await deleteObject(api, manifest);
            },
          );
        }
        // Cluster-wide and shared by every tenant: created when absent, never rolled back.
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
          );
        }
        if (cluster.emrAccess === 'accessEntry') {
          const eks = await options.clients.eks(cluster);
          const target = { clusterName, principalArn };
          // EMR's one access entry serves every tenant: created when absent, never rolled back.
          await run.step(
            'accessEntry',
            `EKS access entry for ${principalArn} on ${clusterName}`,
            async () => {
              try {
                await eks.send(new DescribeAccessEntryCommand(target));
                return { value: {}, created: false };
              } catch (error) {
                if (!isNotFound(error)) throw error;
              }
              await eks.send(
                new CreateAccessEntryCommand({
                  ...target,
                  username: 'emr-containers',
                  tags: { [TASK_ID_LABEL]: t.taskId },
                }),
              );
              return { value: {}, created: true };
            },
          );
          await run.step(
            'accessPolicy',
            `AmazonEMRJobPolicy scope for namespace ${input.namespace} on ${clusterName}`,
            async () => ({
              value: {},
              created: await addToScope(eks, target, input.namespace),
            }),
            () => removeFromScope(eks, target, input.namespace),
          );
        }
      });
      ctx.output('namespace', input.namespace);
      ctx.output('cluster', cluster.name);
      ctx.output('emrAccess', cluster.emrAccess);
    },
  });
}
