import type { Request } from 'express';
import { Clock } from '../../clock';
import { DEMO } from '../../demo';
import { AwsError } from '../../errors';
import {
  QueryInput,
  queryRouter,
  queryStructList,
  XmlValue,
  xmlTimestamp,
} from '../../protocols/query';
import { Random } from '../../random';
import { SandboxService } from '../types';

/*
 * IAM roles (the part the provisioning actions use), over the query
 * protocol. IAM is global: whatever region a request is signed for, it sees
 * the same roles (the SDK signs IAM for us-east-1).
 */

export const IAM = 'iam';
export const IAM_XMLNS = 'https://iam.amazonaws.com/doc/2010-05-08/';
/** IAM's default quota for a role's trust policy (ACLSizePerRole), in characters without white space. */
export const TRUST_POLICY_MAX_SIZE = 2048;
/** IAM's quota for all the inline policies of one role (RolePolicySize). */
export const ROLE_INLINE_POLICIES_MAX_SIZE = 10240;
export const MAX_ROLE_TAGS = 50;

export const IAM_OPERATIONS = [
  'CreateRole',
  'GetRole',
  'DeleteRole',
  'UpdateAssumeRolePolicy',
  'TagRole',
  'UntagRole',
  'ListRoleTags',
  'PutRolePolicy',
  'GetRolePolicy',
  'ListRolePolicies',
  'DeleteRolePolicy',
] as const;

export interface IamRole {
  roleName: string;
  path: string;
  roleId: string;
  arn: string;
  createdAt: number;
  assumeRolePolicyDocument: string;
  description?: string;
  maxSessionDuration: number;
  tags: { Key: string; Value: string }[];
  /** Inline policies by name, documents as sent. */
  policies: Map<string, string>;
}

const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
const POLICY_NAME = /^[\w+=,.@-]{1,128}$/;
const ROLE_PATH = /^(\/|\/[\u0021-\u007E]+\/)$/;

const noSuchRole = (name: string) =>
  new AwsError(
    'NoSuchEntity',
    `The role with name ${name} cannot be found.`,
    404,
  );

function validationError(value: string, member: string, constraint: string) {
  return new AwsError(
    'ValidationError',
    `1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: ${constraint}`,
    400,
  );
}

function required(input: QueryInput, name: string): string {
  const value = input.get(name);
  if (value === null || value === '') {
    const member = name.charAt(0).toLowerCase() + name.slice(1);
    throw validationError(value ?? 'null', member, 'Member must not be null');
  }
  return value;
}

function checkRoleName(name: string): void {
  if (!ROLE_NAME.test(name)) {
    throw validationError(
      name,
      'roleName',
      'Member must satisfy regular expression pattern: [\\w+=,.@-]+',
    );
  }
}

/** Size as IAM counts it: white space does not count. */
export function policySize(document: string): number {
  return document.replace(/\s/g, '').length;
}

function malformed(message: string): AwsError {
  return new AwsError('MalformedPolicyDocument', message, 400);
}

/**
 * Checks a policy document the way IAM rejects the common mistakes: not JSON,
 * no Statement, statements without Effect or Action, a principal in an
 * identity policy or none in a trust policy.
 */
export function checkPolicyDocument(
  document: string,
  kind: 'trust' | 'identity',
): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(document);
  } catch {
    throw malformed('This policy contains invalid Json');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw malformed('This policy contains invalid Json');
  }
  const policy = parsed as Record<string, unknown>;
  if (
    policy.Version !== undefined &&
    policy.Version !== '2012-10-17' &&
    policy.Version !== '2008-10-17'
  ) {
    throw malformed('The policy failed legacy parsing');
  }
  if (policy.Statement === undefined) {
    throw malformed('Syntax errors in policy.');
  }
  const statements = Array.isArray(policy.Statement)
    ? policy.Statement
    : [policy.Statement];
  for (const raw of statements) {
    if (!raw || typeof raw !== 'object') {
      throw malformed('Syntax errors in policy.');
    }
    const statement = raw as Record<string, unknown>;
    if (statement.Effect !== 'Allow' && statement.Effect !== 'Deny') {
      throw malformed('Missing required field Effect');
    }
    if (statement.Action === undefined && statement.NotAction === undefined) {
      throw malformed('Missing required field Action');
    }
    const principal =
      statement.Principal !== undefined || statement.NotPrincipal !== undefined;
    if (kind === 'trust') {
      if (!principal) throw malformed('Missing required field Principal');
      if (statement.Resource !== undefined) {
        throw malformed('Has prohibited field Resource');
      }
    } else {
      if (principal) {
        throw malformed('Policy document should not specify a principal.');
      }
      if (
        statement.Resource === undefined &&
        statement.NotResource === undefined
      ) {
        throw malformed('Policy statement must contain resources.');
      }
    }
  }
}

function checkTrustPolicy(document: string): void {
  checkPolicyDocument(document, 'trust');
  if (policySize(document) > TRUST_POLICY_MAX_SIZE) {
    throw new AwsError(
      'LimitExceeded',
      `Cannot exceed quota for ACLSizePerRole: ${TRUST_POLICY_MAX_SIZE}`,
      409,
    );
  }
}

/** The IAM roles of the sandbox's account. */
export class IamStore {
  private roles = new Map<string, IamRole>();
  private random!: Random;

  constructor(
    private readonly clock: Clock,
    private readonly seed: number,
    private readonly demoData: boolean = false,
  ) {
    this.reset();
  }

  reset(): void {
    this.roles.clear();
    this.random = new Random(this.seed ^ 0x1a3);
    if (this.demoData) {
      this.seedDemoRoles();
      this.seedServerlessRoles();
    }
  }

  /**
   * The demo teams' job execution roles, tagged as the onboarding action tags the roles it
   * creates (team, EKS cluster, namespace), so templates can run jobs with them.
   */
  private seedDemoRoles(): void {
    const teams = [
      ...Object.values(DEMO.virtualClusters).map(vc => ({
        vc,
        cluster: DEMO.eksClusterName,
      })),
      ...Object.values(DEMO.secondaryRegion.virtualClusters).map(vc => ({
        vc,
        cluster: DEMO.secondaryRegion.eksClusterName,
      })),
    ];
    for (const { vc, cluster } of teams) {
      const roleName = vc.executionRoleArn.split('/').pop()!;
      if (this.getRole(roleName)) continue;
      this.createRole({
        roleName,
        assumeRolePolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: 'pods.eks.amazonaws.com' },
              Action: ['sts:AssumeRole', 'sts:TagSession'],
            },
          ],
        }),
        description: `Job execution role of ${vc.team} (sandbox demo data)`,
        tags: [
          { Key: 'team', Value: vc.team },
          { Key: 'emr-eks.backstage.io/cluster', Value: cluster },
          { Key: 'emr-eks.backstage.io/namespace', Value: vc.namespace },
        ],
      });
    }
  }

  /**
   * The demo teams' EMR Serverless job runtime roles, tagged for their team as the
   * application action tags the roles it creates, so saved job definitions can use them.
   */
  private seedServerlessRoles(): void {
    for (const app of Object.values(DEMO.serverlessApplications)) {
      const roleName = app.executionRoleArn.split('/').pop()!;
      if (this.getRole(roleName)) continue;
      this.createRole({
        roleName,
        assumeRolePolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: 'emr-serverless.amazonaws.com' },
              Action: 'sts:AssumeRole',
              Condition: {
                StringEquals: { 'aws:SourceAccount': DEMO.accountId },
              },
            },
          ],
        }),
        description: `EMR Serverless job runtime role of ${app.team} (sandbox demo data)`,
        tags: [{ Key: 'team', Value: app.team }],
      });
    }
  }

  getRole(name: string): IamRole | undefined {
    return this.roles.get(name.toLowerCase());
  }

  listRoles(): IamRole[] {
    return [...this.roles.values()];
  }

  /** The role an ARN names, if it exists. */
  roleByArn(arn: string): IamRole | undefined {
    const found = /^arn:aws:iam::\d{12}:role\/(?:.*\/)?([^/]+)$/.exec(arn);
    const role = found ? this.getRole(found[1]) : undefined;
    return role?.arn === arn ? role : undefined;
  }

  createRole(request: {
    roleName: string;
    path?: string;
    assumeRolePolicyDocument: string;
    description?: string;
    maxSessionDuration?: number;
    tags?: { Key: string; Value: string }[];
  }): IamRole {
    const path = request.path ?? '/';
    checkRoleName(request.roleName);
    if (!ROLE_PATH.test(path) || path.length > 512) {
      throw validationError(
        path,
        'path',
        'Member must satisfy regular expression pattern: (\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)',
      );
    }
    const maxSession = request.maxSessionDuration ?? 3600;
    if (!(maxSession >= 3600 && maxSession <= 43200)) {
      throw validationError(
        String(request.maxSessionDuration),
        'maxSessionDuration',
        'Member must have value less than or equal to 43200',
      );
    }
    checkTrustPolicy(request.assumeRolePolicyDocument);
    checkTags(request.tags ?? []);
    if (this.getRole(request.roleName)) {
      throw new AwsError(
        'EntityAlreadyExists',
        `Role with name ${request.roleName} already exists.`,
        409,
      );
    }
    const role: IamRole = {
      roleName: request.roleName,
      path,
      roleId: `AROA${this.random.string(
        17,
        'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567',
      )}`,
      arn: `arn:aws:iam::${DEMO.accountId}:role${path}${request.roleName}`,
      createdAt: this.clock.now(),
      assumeRolePolicyDocument: request.assumeRolePolicyDocument,
      description: request.description,
      maxSessionDuration: maxSession,
      tags: [...(request.tags ?? [])],
      policies: new Map(),
    };
    this.roles.set(request.roleName.toLowerCase(), role);
    return role;
  }

  private mustGet(name: string): IamRole {
    const role = this.getRole(name);
    if (!role) throw noSuchRole(name);
    return role;
  }

  deleteRole(name: string): void {
    const role = this.mustGet(name);
    if (role.policies.size > 0) {
      throw new AwsError(
        'DeleteConflict',
        'Cannot delete entity, must delete policies first.',
        409,
      );
    }
    this.roles.delete(name.toLowerCase());
  }

  updateAssumeRolePolicy(name: string, document: string): void {
    const role = this.mustGet(name);
    checkTrustPolicy(document);
    role.assumeRolePolicyDocument = document;
  }

  tagRole(name: string, tags: { Key: string; Value: string }[]): void {
    const role = this.mustGet(name);
    const merged = [...role.tags];
    for (const tag of tags) {
      const at = merged.findIndex(t => t.Key === tag.Key);
      if (at >= 0) merged[at] = tag;
      else merged.push(tag);
    }
    checkTags(merged);
    role.tags = merged;
  }

  untagRole(name: string, keys: string[]): void {
    const role = this.mustGet(name);
    role.tags = role.tags.filter(t => !keys.includes(t.Key));
  }

  putRolePolicy(name: string, policyName: string, document: string): void {
    const role = this.mustGet(name);
    if (!POLICY_NAME.test(policyName)) {
      throw validationError(
        policyName,
        'policyName',
        'Member must satisfy regular expression pattern: [\\w+=,.@-]+',
      );
    }
    checkPolicyDocument(document, 'identity');
    const others = [...role.policies]
      .filter(([n]) => n !== policyName)
      .reduce((sum, [, d]) => sum + policySize(d), 0);
    if (others + policySize(document) > ROLE_INLINE_POLICIES_MAX_SIZE) {
      throw new AwsError(
        'LimitExceeded',
        `Maximum policy size of ${ROLE_INLINE_POLICIES_MAX_SIZE} bytes exceeded for role ${role.roleName}`,
        409,
      );
    }
    role.policies.set(policyName, document);
  }

  getRolePolicy(name: string, policyName: string): string {
    const role = this.mustGet(name);
    const document = role.policies.get(policyName);
    if (document === undefined) {
      throw new AwsError(
        'NoSuchEntity',
        `The role policy with name ${policyName} cannot be found.`,
        404,
      );
    }
    return document;
  }

  deleteRolePolicy(name: string, policyName: string): void {
    this.getRolePolicy(name, policyName);
    this.mustGet(name).policies.delete(policyName);
  }

  listRolePolicies(name: string): string[] {
    return [...this.mustGet(name).policies.keys()].sort();
  }

  listRoleTags(name: string): { Key: string; Value: string }[] {
    return this.mustGet(name).tags;
  }
}

function checkTags(tags: { Key: string; Value: string }[]): void {
  if (tags.length > MAX_ROLE_TAGS) {
    throw new AwsError(
      'LimitExceeded',
      `The number of tags has reached the maximum limit.`,
      409,
    );
  }
  for (const tag of tags) {
    if (!tag.Key || tag.Key.length > 128) {
      throw validationError(
        tag.Key ?? 'null',
        'tags.member.key',
        'Member must have length less than or equal to 128',
      );
    }
  }
}

function roleXml(role: IamRole): XmlValue {
  return {
    Path: role.path,
    RoleName: role.roleName,
    RoleId: role.roleId,
    Arn: role.arn,
    CreateDate: xmlTimestamp(role.createdAt),
    AssumeRolePolicyDocument: encodeURIComponent(role.assumeRolePolicyDocument),
    Description: role.description,
    MaxSessionDuration: role.maxSessionDuration,
    Tags: role.tags.length ? role.tags : undefined,
    RoleLastUsed: {},
  };
}

function tagsOf(input: QueryInput): { Key: string; Value: string }[] {
  return queryStructList(input, 'Tags', ['Key', 'Value']).map(t => ({
    Key: t.Key ?? '',
    Value: t.Value ?? '',
  }));
}

export interface IamService extends SandboxService {
  store: IamStore;
}

export function createIamService(options: {
  clock: Clock;
  seed: number;
  demoData?: boolean;
  intercept?: (operation: string, req: Request) => void | Promise<void>;
}): IamService {
  const store = new IamStore(options.clock, options.seed, options.demoData);
  const roleName = (input: QueryInput) => required(input, 'RoleName');
  return {
    name: IAM,
    store,
    operations: [...IAM_OPERATIONS],
    reset: () => store.reset(),
    router: queryRouter({
      xmlns: IAM_XMLNS,
      version: '2010-05-08',
      intercept: options.intercept,
      handlers: {
        CreateRole: input => {
          const maxSession = input.get('MaxSessionDuration');
          return {
            Role: roleXml(
              store.createRole({
                roleName: roleName(input),
                path: input.get('Path') ?? undefined,
                assumeRolePolicyDocument: required(
                  input,
                  'AssumeRolePolicyDocument',
                ),
                description: input.get('Description') ?? undefined,
                maxSessionDuration:
                  maxSession === null ? undefined : Number(maxSession),
                tags: tagsOf(input),
              }),
            ),
          };
        },
        GetRole: input => {
          const role = store.getRole(roleName(input));
          if (!role) throw noSuchRole(roleName(input));
          return { Role: roleXml(role) };
        },
        DeleteRole: input => {
          store.deleteRole(roleName(input));
          return undefined;
        },
        UpdateAssumeRolePolicy: input => {
          store.updateAssumeRolePolicy(
            roleName(input),
            required(input, 'PolicyDocument'),
          );
          return undefined;
        },
        TagRole: input => {
          store.tagRole(roleName(input), tagsOf(input));
          return undefined;
        },
        UntagRole: input => {
          const keys: string[] = [];
          for (let i = 1; input.has(`TagKeys.member.${i}`); i++) {
            keys.push(input.get(`TagKeys.member.${i}`)!);
          }
          store.untagRole(roleName(input), keys);
          return undefined;
        },
        ListRoleTags: input => ({
          Tags: store.listRoleTags(roleName(input)),
          IsTruncated: false,
        }),
        PutRolePolicy: input => {
          store.putRolePolicy(
            roleName(input),
            required(input, 'PolicyName'),
            required(input, 'PolicyDocument'),
          );
          return undefined;
        },
        GetRolePolicy: input => {
          const name = roleName(input);
          const policyName = required(input, 'PolicyName');
          return {
            RoleName: store.getRole(name)?.roleName ?? name,
            PolicyName: policyName,
            PolicyDocument: encodeURIComponent(
              store.getRolePolicy(name, policyName),
            ),
          };
        },
        ListRolePolicies: input => ({
          PolicyNames: store.listRolePolicies(roleName(input)),
          IsTruncated: false,
        }),
        DeleteRolePolicy: input => {
          store.deleteRolePolicy(
            roleName(input),
            required(input, 'PolicyName'),
          );
          return undefined;
        },
      },
    }),
  };
}
