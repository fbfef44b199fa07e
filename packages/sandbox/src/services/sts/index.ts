import type { Request } from 'express';
import { Clock } from '../../clock';
import { DEMO } from '../../demo';
import { AwsError } from '../../errors';
import { queryRouter, xmlTimestamp } from '../../protocols/query';
import { Random } from '../../random';
import { SandboxService } from '../types';
import { IamStore } from '../iam';

/*
 * STS GetCallerIdentity and AssumeRole over the query protocol. Role
 * sessions work end to end: the access key AssumeRole hands out identifies
 * the assumed role in GetCallerIdentity.
 */

export const STS = 'sts';
export const STS_XMLNS = 'https://sts.amazonaws.com/doc/2011-06-15/';
export const STS_OPERATIONS = ['GetCallerIdentity', 'AssumeRole'];
const SESSION_NAME = /^[\w+=,.@-]*$/;

export interface RoleSession {
  accessKeyId: string;
  arn: string;
  assumedRoleId: string;
  expiresAt: number;
  secretAccessKey: string;
  sessionToken: string;
}

const ACCESS_KEY = /Credential=([^/,\s]+)\//;

function validationError(value: string, member: string, constraint: string) {
  return new AwsError(
    'ValidationError',
    `1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: ${constraint}`,
    400,
  );
}

export class StsStore {
  private sessions = new Map<string, RoleSession>();
  private random!: Random;

  constructor(
    private readonly clock: Clock,
    private readonly seed: number,
    private readonly iam: IamStore,
  ) {
    this.reset();
  }

  reset(): void {
    this.sessions.clear();
    this.random = new Random(this.seed ^ 0x575);
  }

  /** The secret and session token of a live role session's key, for checking its signatures. */
  keyOf(accessKeyId: string) {
    const session = this.sessions.get(accessKeyId);
    if (!session || session.expiresAt <= this.clock.now()) return undefined;
    return {
      secretAccessKey: session.secretAccessKey,
      sessionToken: session.sessionToken,
    };
  }

  /** The identity behind an access key: a role session, else the sandbox user. */
  callerOf(accessKeyId: string | undefined) {
    const session = accessKeyId ? this.sessions.get(accessKeyId) : undefined;
    if (session && session.expiresAt > this.clock.now()) {
      return { arn: session.arn, userId: session.assumedRoleId };
    }
    return { arn: DEMO.callerArn, userId: 'AIDASANDBOXUSER000001' };
  }

  assumeRole(request: {
    roleArn: string;
    roleSessionName: string;
    durationSeconds?: number;
    callerArn: string;
  }) {
    const { roleArn, roleSessionName: name } = request;
    if (name.length < 2 || name.length > 64) {
      throw validationError(
        name,
        'roleSessionName',
        name.length < 2
          ? 'Member must have length greater than or equal to 2'
          : 'Member must have length less than or equal to 64',
      );
    }
    if (!SESSION_NAME.test(name)) {
      throw validationError(
        name,
        'roleSessionName',
        'Member must satisfy regular expression pattern: [\\w+=,.@-]*',
      );
    }
    const role = this.iam.roleByArn(roleArn);
    if (!role) {
      throw new AwsError(
        'AccessDenied',
        `User: ${request.callerArn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
        403,
      );
    }
    const duration = request.durationSeconds ?? 3600;
    if (duration < 900 || duration > role.maxSessionDuration) {
      throw validationError(
        String(duration),
        'durationSeconds',
        `The requested DurationSeconds exceeds the MaxSessionDuration set for this role.`,
      );
    }
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
    const letters =
      'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
    // Drawn in this order, so that a seed gives the same keys as before.
    const accessKeyId = `ASIA${this.random.string(16, alphabet)}`;
    const secretAccessKey = this.random.string(40, letters);
    const sessionToken = `sandbox-session/${this.random.string(64, letters)}`;
    const session: RoleSession = {
      accessKeyId,
      arn: `arn:aws:sts::${DEMO.accountId}:assumed-role/${role.roleName}/${name}`,
      assumedRoleId: `${role.roleId}:${name}`,
      expiresAt: this.clock.now() + duration * 1000,
      secretAccessKey,
      sessionToken,
    };
    this.sessions.set(session.accessKeyId, session);
    return { session, secretAccessKey, sessionToken };
  }
}

function accessKeyOf(req: Request): string | undefined {
  const header = req.headers.authorization;
  const found = header ? ACCESS_KEY.exec(header) : null;
  if (found) return found[1];
  const presigned = req.query?.['X-Amz-Credential'];
  return typeof presigned === 'string' ? presigned.split('/')[0] : undefined;
}

export interface StsService extends SandboxService {
  store: StsStore;
}

export function createStsService(options: {
  clock: Clock;
  seed: number;
  iam: IamStore;
  intercept?: (operation: string, req: Request) => void | Promise<void>;
}): StsService {
  const store = new StsStore(options.clock, options.seed, options.iam);
  return {
    name: STS,
    store,
    operations: STS_OPERATIONS,
    reset: () => store.reset(),
    router: queryRouter({
      xmlns: STS_XMLNS,
      version: '2011-06-15',
      intercept: options.intercept,
      handlers: {
        GetCallerIdentity: (_input, req) => {
          const caller = store.callerOf(accessKeyOf(req));
          return {
            UserId: caller.userId,
            Account: DEMO.accountId,
            Arn: caller.arn,
          };
        },
        AssumeRole: (input, req) => {
          const roleArn = input.get('RoleArn');
          const sessionName = input.get('RoleSessionName');
          if (!roleArn || sessionName === null) {
            throw validationError(
              'null',
              roleArn ? 'roleSessionName' : 'roleArn',
              'Member must not be null',
            );
          }
          const duration = input.get('DurationSeconds');
          const { session, secretAccessKey, sessionToken } = store.assumeRole({
            roleArn,
            roleSessionName: sessionName,
            durationSeconds: duration === null ? undefined : Number(duration),
            callerArn: store.callerOf(accessKeyOf(req)).arn,
          });
          return {
            Credentials: {
              AccessKeyId: session.accessKeyId,
              SecretAccessKey: secretAccessKey,
              SessionToken: sessionToken,
              Expiration: xmlTimestamp(session.expiresAt),
            },
            AssumedRoleUser: {
              AssumedRoleId: session.assumedRoleId,
              Arn: session.arn,
            },
            PackedPolicySize: 0,
          };
        },
      },
    }),
  };
}
