import { InputError, NotAllowedError } from '@backstage/errors';

/** The account and name of an IAM role ARN: `arn:<partition>:iam::<account>:role/<path/>name`. */
export function parseRoleArn(
  arn: string,
): { accountId: string; roleName: string } | undefined {
  const match =
    /^arn:aws[a-z-]*:iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]{1,64})$/.exec(
      arn,
    );
  return match ? { accountId: match[1], roleName: match[2] } : undefined;
}

/**
 * Refuses an execution role that is not the team's: it must be in the resource's account and
 * its team tag must name `owner`. The one rule for the scaffolder's actions and the backend's
 * saved job definitions; the caller reads the role's tags from IAM (`tagsOf`, undefined when
 * the role does not exist) and says how a tag names an owner (`ownerOf`).
 *
 * @public
 */
export async function assertRoleOfTeam(options: {
  roleArn: string;
  /** The account the role must be in, and what is there ("virtual cluster x"). */
  accountId: string;
  resource: string;
  owner: string;
  /** The field the role came in, for a 400 naming it. */
  field: string;
  tagsOf: (roleName: string) => Promise<Record<string, string> | undefined>;
  ownerOf: (tags: Record<string, string>) => string | undefined;
}): Promise<void> {
  const { roleArn, accountId, owner, field } = options;
  const role = parseRoleArn(roleArn);
  if (!role) {
    throw new InputError(
      `Invalid input: ${field}: '${roleArn}' is not an IAM role ARN (arn:aws:iam::<account>:role/<name>)`,
    );
  }
  if (role.accountId !== accountId) {
    throw new NotAllowedError(
      `execution role ${roleArn} is not in account ${accountId} of ${options.resource}`,
    );
  }
  const tags = await options.tagsOf(role.roleName);
  if (!tags) {
    throw new InputError(
      `Invalid input: ${field}: role ${role.roleName} does not exist in account ${accountId}`,
    );
  }
  const team = options.ownerOf(tags);
  if (team !== owner) {
    throw new NotAllowedError(
      `execution role ${role.roleName} is tagged for ${
        team ?? 'no team'
      }, not ${owner}`,
    );
  }
}
