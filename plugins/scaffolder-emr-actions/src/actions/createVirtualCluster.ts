import {
  CreateVirtualClusterCommand,
  DeleteVirtualClusterCommand,
  TagResourceCommand,
} from '@aws-sdk/client-emr-containers';
import { ConflictError } from '@backstage/errors';
import { z } from 'zod';
import { createEmrAction } from '../lib/emrAction';
import { deprecatedTeamField, tenantFields } from '../lib/inputs';
import { TASK_ID_LABEL } from '../lib/manifests';
import { assertTenantNamespace } from '../lib/namespaces';
import { EmrActionOptions } from '../lib/options';
import {
  ownerTag,
  taggedOwner,
  virtualClusterEntityRef,
} from '../lib/ownerTag';
import { logPlan, Provisioning } from '../lib/provisioning';
import { isThisRunsToRollBack } from '../lib/taskRuns';
import { emrName } from '../lib/validation';
import { findRunningVirtualCluster } from '../lib/virtualClusters';
import { examples } from './createVirtualCluster.examples';

const inputSchema = (zz: typeof z) =>
  zz.object({
    ...tenantFields(zz, 'Namespace the virtual cluster maps to'),
    name: emrName(zz).describe('Virtual cluster name'),
    team: deprecatedTeamField(zz),
  });

const outputSchema = (zz: typeof z) =>
  zz.object({
    virtualClusterId: zz.string(),
    virtualClusterArn: zz.string(),
    reused: zz.boolean(),
    entityRef: zz
      .string()
      .describe('Catalog entity the EMR on EKS entity provider makes of it'),
  });

/**
 * `emr:virtualCluster:create`
 *
 * @public
 */
export function createVirtualClusterAction(options: EmrActionOptions) {
  return createEmrAction(options, {
    id: 'emr:virtualCluster:create',
    description:
      "Creates (or reuses a RUNNING) EMR on EKS virtual cluster on a namespace, tagged with the owning team so the catalog's EMR on EKS entity provider finds it",
    examples,
    input: inputSchema,
    output: outputSchema,
    async handler(ctx, { input, caller, cluster }) {
      const { team, owner } = caller;
      const entityRef = virtualClusterEntityRef(
        options.config,
        cluster,
        input.name,
      );
      const request = {
        name: input.name,
        containerProvider: {
          id: cluster.eksClusterName,
          type: 'EKS' as const,
          info: { eksInfo: { namespace: input.namespace } },
        },
        tags: {
          ...ownerTag(options.config, cluster, owner),
          [TASK_ID_LABEL]: ctx.task.id,
        },
      };
      ctx.output('entityRef', entityRef);
      if (ctx.isDryRun) {
        logPlan(ctx, [
          {
            call: `emr-containers:ListVirtualClusters (EKS ${cluster.eksClusterName}, RUNNING) to reuse '${input.name}' on ${input.namespace}`,
          },
          {
            call: `emr-containers:CreateVirtualCluster in ${cluster.region}, unless reused`,
            payload: request,
          },
        ]);
        ctx.output('virtualClusterId', '<virtual cluster id>');
        ctx.output(
          'virtualClusterArn',
          `arn:${cluster.partition}:emr-containers:${cluster.region}:${cluster.accountId}:/virtualclusters/<virtual cluster id>`,
        );
        ctx.output('reused', false);
        return;
      }
      await assertTenantNamespace(options.clients, cluster, input, team);
      const emr = await options.clients.emrContainers(cluster);
      const run = await Provisioning.start(ctx, 'virtualCluster');
      const result = await run.run(() =>
        run.step<{ id: string; arn: string; reused: boolean }>(
          'create',
          `EMR virtual cluster ${input.name} on ${cluster.eksClusterName}/${input.namespace}`,
          async () => {
            const existing = await findRunningVirtualCluster(
              emr,
              cluster.eksClusterName,
              input.namespace,
              input.name,
            );
            if (existing) {
              const tagged = taggedOwner(options.config, existing.tags);
              if (tagged !== owner) {
                throw new ConflictError(
                  `virtual cluster ${existing.id} on ${
                    input.namespace
                  } is tagged for ${tagged ?? 'no team'}, not ${owner}`,
                );
              }
              const ours = await isThisRunsToRollBack(
                options.tasks,
                ctx.task.id,
                existing.tags?.[TASK_ID_LABEL],
                `virtual cluster ${existing.id}`,
              );
              if (ours && existing.tags?.[TASK_ID_LABEL] !== ctx.task.id) {
                await emr.send(
                  new TagResourceCommand({
                    resourceArn: existing.arn!,
                    tags: { [TASK_ID_LABEL]: ctx.task.id },
                  }),
                );
              }
              return {
                value: { id: existing.id!, arn: existing.arn!, reused: !ours },
                created: ours,
              };
            }
            const created = await emr.send(
              new CreateVirtualClusterCommand({
                ...request,
                clientToken: run.clientToken('vc'),
              }),
            );
            return {
              value: { id: created.id!, arn: created.arn!, reused: false },
              created: true,
            };
          },
          async ({ id }) => {
            await emr.send(new DeleteVirtualClusterCommand({ id }));
          },
        ),
      );
      ctx.logger.info(
        `${result.reused ? 'Reusing' : 'Created'} virtual cluster ${
          result.id
        }; the catalog shows it as ${entityRef} once the entity provider has run`,
      );
      ctx.output('virtualClusterId', result.id);
      ctx.output('virtualClusterArn', result.arn);
      ctx.output('reused', result.reused);
    },
  });
}
