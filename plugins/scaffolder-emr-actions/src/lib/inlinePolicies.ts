import {
  DeleteRolePolicyCommand,
  GetRolePolicyCommand,
  IAMClient,
} from '@aws-sdk/client-iam';
import { isNotFound } from './clients';

/** A role's inline policy as it is now, or null when it has none of that name. */
export async function currentInlinePolicy(
  iam: IAMClient,
  roleName: string,
  policyName: string,
): Promise<string | null> {
  try {
    const res = await iam.send(
      new GetRolePolicyCommand({ RoleName: roleName, PolicyName: policyName }),
    );
    return res.PolicyDocument ? decodeURIComponent(res.PolicyDocument) : null;
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

/** Deletes a role's inline policy; one already gone is fine. */
export async function deleteInlinePolicy(
  iam: IAMClient,
  roleName: string,
  policyName: string,
): Promise<void> {
  await iam
    .send(
      new DeleteRolePolicyCommand({
        RoleName: roleName,
        PolicyName: policyName,
      }),
    )
    .catch(error => {
      if (!isNotFound(error)) throw error;
    });
}
