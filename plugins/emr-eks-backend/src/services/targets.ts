import { InputError } from '@backstage/errors';
import type { VirtualClusterArn } from '@emr-eks/plugin-emr-eks-common';
import type { AccountOverride } from '../config';

/**
 * Refuses a virtual cluster outside the accounts and regions configured for this plugin
 * (`emrEks.accounts`). An entity's annotation is written by whoever registers the entity, so
 * it must not steer the backend's credentials at any account or region they can reach.
 * Checked before any AWS call and before the cache.
 */
export function assertConfiguredTarget(
  accounts: AccountOverride[],
  arn: string,
  target: Pick<VirtualClusterArn, 'accountId' | 'region'>,
  what: string = 'virtual cluster',
): void {
  const index = accounts.findIndex(a => a.accountId === target.accountId);
  if (index < 0) {
    throw new InputError(
      `${what} ${arn} is in account ${target.accountId}, which is not configured for EMR on EKS (emrEks.accounts)`,
    );
  }
  if (!accounts[index].regions.includes(target.region)) {
    throw new InputError(
      `${what} ${arn} is in region ${target.region}, which is not configured for account ${target.accountId} (emrEks.accounts[${index}].regions)`,
    );
  }
}
