import { DescribeVirtualClusterCommand } from '@aws-sdk/client-emr-containers';
import { GetRoleCommand } from '@aws-sdk/client-iam';
import { InputError, NotAllowedError } from '@backstage/errors';
import { assertRoleOfTeam } from '@emr-eks/plugin-emr-eks-node';
import { isNotFound } from './clients';
import type { EmrActionOptions } from './options';
import { taggedOwner } from './ownerTag';
import { parseVirtualClusterArn } from './validation';

/**
 * Checks, from AWS, that a virtual cluster and an execution role are the owner's: the
 * cluster is in a configured account and region and tagged for the owner; the role is in the
 * cluster's account and tagged for the owner (the role rule the backend's saved job definitions
 * use too). Templates and endpoints are made only there.
 * Returns the cluster's emr-containers client.
 */
export async function assertTeamClusterAndRole(
  options: EmrActionOptions,
  {
    virtualClusterArn,
    executionRoleArn,
  }: { virtualClusterArn: string; executionRoleArn: string },
  owner: string,
) {
  const vc = parseVirtualClusterArn(virtualClusterArn);
  const configured = options.config.clusters.find(
    c => c.accountId === vc.accountId && c.region === vc.region,
  );
  if (!configured) {
    throw new InputError(
      `Invalid input: virtualClusterArn: account ${vc.accountId} in ${vc.region} is not under emrEks.provisioning.clusters`,
    );
  }
  const emr = await options.clients.emrContainers(vc);
  const described = await emr
    .send(new DescribeVirtualClusterCommand({ id: vc.virtualClusterId }))
    .catch(error => {
      if (!isNotFound(error)) throw error;
      throw new InputError(
        `Invalid input: virtualClusterArn: virtual cluster ${vc.virtualClusterId} does not exist in ${vc.region}`,
      );
    });
  const clusterTeam = taggedOwner(
    options.config,
    described.virtualCluster?.tags,
  );
  if (clusterTeam !== owner) {
    throw new NotAllowedError(
      `virtual cluster ${vc.virtualClusterId} is tagged for ${
        clusterTeam ?? 'no team'
      }, not ${owner}`,
    );
  }

  const iam = await options.clients.iam(configured);
  await assertRoleOfTeam({
    roleArn: executionRoleArn,
    accountId: vc.accountId,
    resource: `virtual cluster ${vc.virtualClusterId}`,
    owner,
    field: 'executionRoleArn',
    ownerOf: tags => taggedOwner(options.config, tags),
    tagsOf: async roleName => {
      const role = await iam
        .send(new GetRoleCommand({ RoleName: roleName }))
        .catch(error => {
          if (isNotFound(error)) return undefined;
          throw error;
        });
      if (!role) return undefined;
      // A role is named by its path too: the same name under another path is another ARN.
      if (role.Role?.Arn !== executionRoleArn) {
        throw new InputError(
          `Invalid input: executionRoleArn: '${executionRoleArn}' is not the ARN of role ${roleName} (${role.Role?.Arn})`,
        );
      }
      return Object.fromEntries(
        (role.Role.Tags ?? []).map(t => [t.Key ?? '', t.Value ?? '']),
      );
    },
  });
  return { emr, vc };
}
