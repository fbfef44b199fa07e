import {
  CreatePodIdentityAssociationCommand,
  DeletePodIdentityAssociationCommand,
  DescribePodIdentityAssociationCommand,
  DescribeClusterCommand,
  EKSClient,
  ListPodIdentityAssociationsCommand,
} from '@aws-sdk/client-eks';
import {
  CreateRoleCommand,
  DeleteRoleCommand,
  GetRoleCommand,
  PutRolePolicyCommand,
  TagRoleCommand,
} from '@aws-sdk/client-iam';
import { ConflictError } from '@backstage/errors';
import { z } from 'zod';
import { createEmrAction } from '../lib/emrAction';
import {
  bucketGrantsField,
  deprecatedTeamField,
  tenantFields,
} from '../lib/inputs';
import { assertBucketGrants } from '../lib/buckets';
import { isNotFound } from '../lib/clients';
import { currentInlinePolicy, deleteInlinePolicy } from '../lib/inlinePolicies';
import { ProvisioningCluster } from '../lib/config';
import {
  TASK_ID_LABEL,
  TENANT_CLUSTER_TAG,
  TENANT_NAMESPACE_TAG,
} from '../lib/manifests';
import { assertTenantNamespace } from '../lib/namespaces';
import { EmrActionOptions, hashedClientToken } from '../lib/options';
import { ownerTag, taggedOwner } from '../lib/ownerTag';
import { executionPolicy } from '../lib/policies';
import { logPlan, Provisioning } from '../lib/provisioning';
import { isThisRunsToRollBack } from '../lib/taskRuns';
import {
  assertTrustPolicySize,
  emrPodIdentityServiceAccounts,
  irsaTrustPolicy,
  podIdentityTrustPolicy,
} from '../lib/trustPolicy';
import { roleName } from '../lib/validation';
import { examples } from './createRole.examples';

/** Name of the role's inline policy. */
export const EXECUTION_POLICY_NAME = 'emr-eks-job-execution';

const inputSchema = (zz: typeof z) =>
  zz.object({
    ...tenantFields(zz, 'Namespace the role runs jobs in'),
    roleName: roleName(zz).describe('Name of the IAM role to create'),
    team: deprecatedTeamField(zz),
    identity: zz
      .enum(['irsa', 'podIdentity'])
      .default('irsa')
      .describe(
        'IRSA trust scoped to EMR service accounts, or EKS Pod Identity',
      ),
    buckets: bucketGrantsField(zz),
    glue: zz.boolean().default(true).describe('Allow the Glue Data Catalog'),
    logGroupPrefix: zz
      .string()
      .regex(
        /^[\w\-./#]{1,512}$/,
        'must be a CloudWatch Logs log group name prefix',
      )
      .optional()
      .describe(
        'CloudWatch Logs group prefix; /emr-on-eks/<namespace> by default',
      ),
  });

const outputSchema = (zz: typeof z) =>
  zz.object({
    roleArn: zz.string(),
    roleName: zz.string(),
    podIdentityAssociationIds: zz.array(zz.string()),
  });

type Input = z.output<ReturnType<typeof inputSchema>>;

/**
 * Reads an association back: EKS answers a reused client token with the association it
 * was first given, so a create can return another service account's association.
 */
async function verifyAssociation(
  eks: EKSClient,
  clusterName: string,
  associationId: string,
  expected: { namespace: string; serviceAccount: string; roleArn: string },
) {
  const { association } = await eks.send(
    new DescribePodIdentityAssociationCommand({ clusterName, associationId }),
  );
  if (
    association?.namespace !== expected.namespace ||
    association?.serviceAccount !== expected.serviceAccount ||
    association?.roleArn !== expected.roleArn
  ) {
    throw new ConflictError(
      `Pod Identity association ${associationId} on ${clusterName} is ${association?.namespace}/${association?.serviceAccount} → ${association?.roleArn}, not ${expected.namespace}/${expected.serviceAccount} → ${expected.roleArn}`,
    );
  }
}

async function oidcIssuer(eks: EKSClient, c: ProvisioningCluster) {
  const res = await eks.send(
    new DescribeClusterCommand({ name: c.eksClusterName }),
  );
  const issuer = res.cluster?.identity?.oidc?.issuer;
  if (!issuer) {
    throw new ConflictError(
      `EKS cluster ${c.eksClusterName} has no OIDC issuer; enable IRSA on it or use identity 'podIdentity'`,
    );
  }
  return issuer;
}

/** The role's trust and inline policies. */
export function rolePolicies(
  input: Input,
  c: ProvisioningCluster,
  issuer: string,
) {
  const trust =
    input.identity === 'irsa'
      ? irsaTrustPolicy({
          partition: c.partition,
          accountId: c.accountId,
          oidcIssuer: issuer,
          namespace: input.namespace,
          roleName: input.roleName,
        })
      : podIdentityTrustPolicy({
          partition: c.partition,
          accountId: c.accountId,
          region: c.region,
          eksClusterName: c.eksClusterName,
          namespace: input.namespace,
          roleName: input.roleName,
        });
  assertTrustPolicySize(trust, c.trustPolicyMaxLength);
  const permissions = executionPolicy({
    partition: c.partition,
    accountId: c.accountId,
    region: c.region,
    buckets: input.buckets,
    glue: input.glue,
    logGroupPrefix: input.logGroupPrefix ?? `/emr-on-eks/${input.namespace}`,
    podTemplateLocation: c.podTemplateBucket
      ? {
          bucket: c.podTemplateBucket,
          prefix: `${c.podTemplatePrefix}/${input.namespace}`,
        }
      : undefined,
  });
  return { trust, permissions };
}

/**
 * `emr:role:create`
 *
 * @public
 */
export function createRoleAction(options: EmrActionOptions) {
  return createEmrAction(options, {
    id: 'emr:role:create',
    description:
      'Creates an EMR on EKS job execution role: an inline policy for S3, Glue and CloudWatch Logs, trusted through IRSA scoped to EMR service accounts or through EKS Pod Identity',
    examples,
    input: inputSchema,
    output: outputSchema,
    async handler(ctx, { input, caller, cluster }) {
      const { team, owner } = caller;
      assertBucketGrants(input.buckets, options.config.buckets, team);
      const roleArn = `arn:${cluster.partition}:iam::${cluster.accountId}:role/${input.roleName}`;
      // The tenant tags let a later onboarding of the same namespace reuse the role.
      const tenantTags = [
        { Key: 'backstage.io/managed-by', Value: 'backstage' },
        { Key: TENANT_CLUSTER_TAG, Value: cluster.name },
        { Key: TENANT_NAMESPACE_TAG, Value: input.namespace },
      ];
      const teamTag = ownerTag(options.config, cluster, owner);
      const tags = [
        ...Object.entries(teamTag).map(([Key, Value]) => ({ Key, Value })),
        { Key: TASK_ID_LABEL, Value: ctx.task.id },
        ...tenantTags,
      ];
      const serviceAccounts =
        input.identity === 'podIdentity'
          ? emrPodIdentityServiceAccounts(cluster.accountId, input.roleName)
          : [];
      const clusterName = cluster.eksClusterName;

      if (ctx.isDryRun) {
        let issuer = `https://<OIDC issuer of EKS cluster ${clusterName}>`;
        if (input.identity === 'irsa') {
          try {
            issuer = await oidcIssuer(
              await options.clients.eks(cluster),
              cluster,
            );
          } catch {
            ctx.logger.warn(
              `Dry run: could not read the OIDC issuer of ${clusterName} (eks:DescribeCluster); the trust policy shows a placeholder`,
            );
          }
        }
        const { trust, permissions } = rolePolicies(input, cluster, issuer);
        logPlan(ctx, [
          ...(input.identity === 'irsa'
            ? [{ call: `eks:DescribeCluster ${clusterName} (OIDC issuer)` }]
            : []),
          {
            call: `iam:CreateRole ${input.roleName}`,
            payload: {
              RoleName: input.roleName,
              AssumeRolePolicyDocument: trust,
              Tags: tags,
            },
          },
          {
            call: `iam:PutRolePolicy ${input.roleName}/${EXECUTION_POLICY_NAME}`,
            payload: permissions,
          },
          ...serviceAccounts.map(serviceAccount => ({
            call: `eks:CreatePodIdentityAssociation on ${clusterName}`,
            payload: {
              clusterName,
              namespace: input.namespace,
              serviceAccount,
              roleArn,
            },
          })),
        ]);
        ctx.output('roleArn', roleArn);
        ctx.output('roleName', input.roleName);
        ctx.output('podIdentityAssociationIds', []);
        return;
      }

      await assertTenantNamespace(options.clients, cluster, input, team);
      const iam = await options.clients.iam(cluster);
      const eks = await options.clients.eks(cluster);
      const issuer =
        input.identity === 'irsa' ? await oidcIssuer(eks, cluster) : '';
      const { trust, permissions } = rolePolicies(input, cluster, issuer);
      const run = await Provisioning.start(ctx, 'role');
      const associationIds: string[] = [];
      await run.run(async () => {
        const role = await run.step<{ arn: string; reused: boolean }>(
          'role',
          `IAM role ${input.roleName}`,
          async () => {
            try {
              const existing = await iam.send(
                new GetRoleCommand({ RoleName: input.roleName }),
              );
              const tag = (key: string) =>
                existing.Role?.Tags?.find(t => t.Key === key)?.Value;
              const taggedFor = taggedOwner(
                options.config,
                Object.fromEntries(
                  (existing.Role?.Tags ?? []).map(t => [t.Key!, t.Value!]),
                ),
              );
              const sameTenant =
                taggedFor === owner &&
                tenantTags.every(t => tag(t.Key) === t.Value);
              if (tag(TASK_ID_LABEL) === ctx.task.id && taggedFor === owner) {
                return {
                  value: { arn: existing.Role!.Arn!, reused: false },
                  created: true,
                };
              }
              // Left by a run of this tenant that did not complete: this run's now.
              if (
                sameTenant &&
                (await isThisRunsToRollBack(
                  options.tasks,
                  ctx.task.id,
                  tag(TASK_ID_LABEL),
                  `IAM role ${input.roleName}`,
                ))
              ) {
                await iam.send(
                  new TagRoleCommand({
                    RoleName: input.roleName,
                    Tags: [{ Key: TASK_ID_LABEL, Value: ctx.task.id }],
                  }),
                );
                ctx.logger.info(
                  `Adopting IAM role ${input.roleName}, left by task ${tag(
                    TASK_ID_LABEL,
                  )} which did not complete`,
                );
                return {
                  value: { arn: existing.Role!.Arn!, reused: false },
                  created: true,
                };
              }
              // The same team's tenant onboarded before: reuse its role, and never delete it.
              if (sameTenant) {
                return {
                  value: { arn: existing.Role!.Arn!, reused: true },
                  created: false,
                };
              }
              throw new ConflictError(
                `Invalid input: roleName: IAM role '${
                  input.roleName
                }' already exists; role ${input.roleName} is tagged for ${
                  tag(options.config.ownership.tag) ?? 'no team'
                } / namespace ${tag(TENANT_NAMESPACE_TAG) ?? 'none'}`,
              );
            } catch (error) {
              if (!isNotFound(error)) throw error;
            }
            const created = await iam.send(
              new CreateRoleCommand({
                RoleName: input.roleName,
                AssumeRolePolicyDocument: JSON.stringify(trust),
                Description: `EMR on EKS job execution role for namespace ${input.namespace} on ${cluster.name}`,
                Tags: tags,
              }),
            );
            return {
              value: { arn: created.Role!.Arn!, reused: false },
              created: true,
            };
          },
          async () => {
            await iam.send(new DeleteRoleCommand({ RoleName: input.roleName }));
          },
        );
        ctx.logger.info(
          `${role.reused ? 'Reusing' : 'Created'} IAM role ${input.roleName} (${
            role.arn
          })`,
        );
        await run.step<{ previous: string | null }>(
          'policy',
          `inline policy ${EXECUTION_POLICY_NAME} of ${input.roleName}`,
          async () => {
            // A reused role's policy is brought up to date; a rollback puts the old one back.
            const previous = role.reused
              ? await currentInlinePolicy(
                  iam,
                  input.roleName,
                  EXECUTION_POLICY_NAME,
                )
              : null;
            await iam.send(
              new PutRolePolicyCommand({
                RoleName: input.roleName,
                PolicyName: EXECUTION_POLICY_NAME,
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
                  RoleName: input.roleName,
                  PolicyName: EXECUTION_POLICY_NAME,
                  PolicyDocument: previous,
                }),
              );
              return;
            }
            await deleteInlinePolicy(
              iam,
              input.roleName,
              EXECUTION_POLICY_NAME,
            );
          },
        );
        for (const serviceAccount of serviceAccounts) {
          const association = await run.step<{ id: string }>(
            `podIdentity.${serviceAccount}`,
            `Pod Identity association ${input.namespace}/${serviceAccount} on ${clusterName}`,
            async () => {
              const existing = await eks.send(
                new ListPodIdentityAssociationsCommand({
                  clusterName,
                  namespace: input.namespace,
                  serviceAccount,
                }),
              );
              const found = existing.associations?.[0]?.associationId;
              if (found) {
                // EKS keeps one association per service account: reuse it only if it is this role's.
                const described = await eks.send(
                  new DescribePodIdentityAssociationCommand({
                    clusterName,
                    associationId: found,
                  }),
                );
                if (described.association?.roleArn !== role.arn) {
                  throw new ConflictError(
                    `Invalid input: namespace: service account ${input.namespace}/${serviceAccount} is already associated with ${described.association?.roleArn}`,
                  );
                }
                // An association follows its role: this run's when the role is.
                const ours =
                  described.association?.tags?.[TASK_ID_LABEL] ===
                    ctx.task.id || !role.reused;
                return { value: { id: found }, created: ours };
              }
              const created = await eks.send(
                new CreatePodIdentityAssociationCommand({
                  clusterName,
                  namespace: input.namespace,
                  serviceAccount,
                  roleArn: role.arn,
                  // One token per association: the service accounts share their tail.
                  clientRequestToken: hashedClientToken(
                    ctx.task.id,
                    run.generation,
                    clusterName,
                    input.namespace,
                    serviceAccount,
                    role.arn,
                  ),
                  tags: { ...teamTag, [TASK_ID_LABEL]: ctx.task.id },
                }),
              );
              const id = created.association!.associationId!;
              await verifyAssociation(eks, clusterName, id, {
                namespace: input.namespace,
                serviceAccount,
                roleArn: role.arn,
              });
              return { value: { id }, created: true };
            },
            async ({ id }) => {
              await eks.send(
                new DeletePodIdentityAssociationCommand({
                  clusterName,
                  associationId: id,
                }),
              );
            },
          );
          associationIds.push(association.id);
        }
        ctx.output('roleArn', role.arn);
      });
      ctx.output('roleName', input.roleName);
      ctx.output('podIdentityAssociationIds', associationIds);
    },
  });
}
