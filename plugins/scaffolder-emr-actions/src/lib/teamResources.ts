import { DescribeVirtualClusterCommand } from '@aws-sdk/client-emr-containers';
import { GetRoleCommand } from '@aws-sdk/client-iam';
import { InputError, NotAllowedError } from '@backstage/errors';
import { isNotFound } from './clients';
import type { EmrActionOptions } from './options';
import { taggedOwner } from './ownerTag';
import { parseVirtualClusterArn, ROLE_ARN } from './validation';

/**
 * Checks, from AWS, that a virtual cluster and an execution role are the owner's: the
 * cluster is in a configured account and region and tagged for the owner; the role is in the
 * cluster's account and tagged for the owner. Templates and endpoints are made only there.
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

  const roleAccount = /^arn:[^:]+:iam::(\d{12}):/.exec(executionRoleArn)?.[1];
  if (!ROLE_ARN.test(executionRoleArn) || roleAccount !== vc.accountId) {
    throw new NotAllowedError(
      `execution role ${executionRoleArn} is not in account ${vc.accountId} of virtual cluster ${vc.virtualClusterId}`,
    );
  }
  const roleName = executionRoleArn.split('/').pop()!;
  const iam = await options.clients.iam(configured);
  const role = await iam
    .send(new GetRoleCommand({ RoleName: roleName }))
    .catch(error => {
      if (!isNotFound(error)) throw error;
      throw new InputError(
        `Invalid input: executionRoleArn: role ${roleName} does not exist in account ${vc.accountId}`,
      );
    });
  if (role.Role?.Arn !== executionRoleArn) {
    throw new InputError(
      `Invalid input: executionRoleArn: '${executionRoleArn}' is not the ARN of role ${roleName} (${role.Role?.Arn})`,
    );
  }
  const roleTeam = taggedOwner(
    options.config,
    Object.fromEntries(
      (role.Role.Tags ?? []).map(t => [t.Key ?? '', t.Value ?? '']),
    ),
  );
  if (roleTeam !== owner) {
    throw new NotAllowedError(
      `execution role ${roleName} is tagged for ${
        roleTeam ?? 'no team'
      }, not ${owner}`,
    );
  }
  return { emr, vc };
}
