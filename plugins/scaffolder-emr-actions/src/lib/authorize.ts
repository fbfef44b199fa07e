import type {
  AuthService,
  BackstageCredentials,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { ActionContext } from '@backstage/plugin-scaffolder-node';
import {
  emrEksTenantAdminPermission,
  normalizeOwnerRef,
  ownerTagValue,
} from '@emr-eks/plugin-emr-eks-common';

/**
 * Who runs a task, as far as the actions are concerned.
 *
 * @public
 */
export interface Caller {
  userEntityRef: string;
  /** The owner input in full, lower-case form: `group:default/data-team-a`. */
  owner: string;
  /** The value of the `team` tag and label on what is provisioned: derived from the owner only. */
  team: string;
  /** Holds `emr-eks.tenant.admin`: may act for any team and adopt existing namespaces. */
  admin: boolean;
}

/**
 * Decides whether the user running a task may act for a team.
 *
 * @public
 */
export interface TenantAuthorizer {
  /**
   * Resolves when the task's user is a member of `owner` or a tenant admin; otherwise throws
   * NotAllowedError. `team`, when given, must name the same group as `owner`.
   */
  authorize(
    ctx: Pick<ActionContext<any, any>, 'getInitiatorCredentials'>,
    owner: string,
    team?: string,
  ): Promise<Caller>;
}

/**
 * The team a task acts for, checked on the server from what users cannot forge: the task's
 * initiator credentials, the user's ownership refs from Backstage's user info, and the
 * tenant admin permission. The forms' pickers restrict nothing.
 *
 * @public
 */
export class DefaultTenantAuthorizer implements TenantAuthorizer {
  private constructor(
    private readonly auth: AuthService,
    private readonly userInfo: UserInfoService,
    private readonly permissions: PermissionsService,
  ) {}

  static create(options: {
    auth: AuthService;
    userInfo: UserInfoService;
    permissions: PermissionsService;
  }) {
    return new DefaultTenantAuthorizer(
      options.auth,
      options.userInfo,
      options.permissions,
    );
  }

  async authorize(
    ctx: Pick<ActionContext<any, any>, 'getInitiatorCredentials'>,
    ownerInput: string,
    team?: string,
  ): Promise<Caller> {
    const owner = ownerGroup(ownerInput);
    if (team !== undefined && normalizeOwnerRef(team) !== owner) {
      throw new InputError(
        `Invalid input: team: '${team}' is not the owner ${owner}; the team tag is taken from owner, leave team out`,
      );
    }
    let credentials: BackstageCredentials;
    try {
      credentials = await ctx.getInitiatorCredentials();
    } catch {
      throw new NotAllowedError(
        'this task has no user who started it; EMR on EKS tenants are provisioned only for a signed-in user',
      );
    }
    if (!this.auth.isPrincipal(credentials, 'user')) {
      throw new NotAllowedError(
        'this task was not started by a signed-in user; EMR on EKS tenants are provisioned only for a signed-in user',
      );
    }
    const { userEntityRef, ownershipEntityRefs } =
      await this.userInfo.getUserInfo(credentials);
    const member = ownershipEntityRefs
      .map(ref => normalizeOwnerRef(ref))
      .includes(owner);
    const [decision] = await this.permissions.authorize(
      [{ permission: emrEksTenantAdminPermission }],
      { credentials },
    );
    const admin = decision.result === AuthorizeResult.ALLOW;
    if (!member && !admin) {
      throw new NotAllowedError(`you are not a member of ${owner}`);
    }
    return { userEntityRef, owner, team: ownerTagValue(owner), admin };
  }
}

/** The owner input as a full group ref; tenants belong to groups, not to single users. */
export function ownerGroup(owner: string): string {
  const ref = normalizeOwnerRef(owner);
  if (!ref.startsWith('group:')) {
    throw new InputError(
      `Invalid input: owner: '${owner}' is not a group; a tenant is owned by a group, e.g. group:default/data-team-a`,
    );
  }
  return ref;
}
