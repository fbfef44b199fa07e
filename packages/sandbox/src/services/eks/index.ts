import express, { NextFunction, Request, Response } from 'express';
import { Clock } from '../../clock';
import { DEMO } from '../../demo';
import { AwsError, sendError, sendJson } from '../../errors';
import { Random } from '../../random';
import { regionOf } from '../../sigv4';
import { SandboxService } from '../types';

/*
 * Amazon EKS (rest-json): DescribeCluster of the sandbox's clusters, access
 * entries and their access policies, pod identity associations. Timestamps
 * are epoch seconds, as EKS sends them. Each cluster's `endpoint` is the
 * sandbox's own Kubernetes API for it (http://<host>/k8s/<cluster>).
 */

export const EKS = 'eks';
export const EMR_JOB_POLICY_ARN =
  'arn:aws:eks::aws:cluster-access-policy/AmazonEMRJobPolicy';
/** The EMR on EKS service-linked role, whose access entry lets EMR use a namespace. */
export const EMR_SERVICE_LINKED_ROLE_ARN = `arn:aws:iam::${DEMO.accountId}:role/AWSServiceRoleForAmazonEMRContainers`;

export const EKS_ACCESS_POLICIES = [
  'AmazonEKSAdminPolicy',
  'AmazonEKSAdminViewPolicy',
  'AmazonEKSClusterAdminPolicy',
  'AmazonEKSEditPolicy',
  'AmazonEKSViewPolicy',
  'AmazonEMRJobPolicy',
].map(name => `arn:aws:eks::aws:cluster-access-policy/${name}`);

export interface EksClusterInfo {
  name: string;
  region: string;
  /** Hex id of the OIDC issuer (fixed, so IRSA trust policies can name it). */
  oidcId: string;
  version: string;
  createdAt: number;
}

/** The sandbox's EKS clusters (fixed: trust policies and catalog files refer to them). */
export const EKS_CLUSTERS: EksClusterInfo[] = [
  {
    name: DEMO.eksClusterName,
    region: DEMO.region,
    oidcId: 'B3C9E1F47A2D8C6E0F5A9B1D3C7E4F28',
    version: '1.31',
    createdAt: Date.parse('2024-01-15T10:00:00Z'),
  },
  {
    name: DEMO.secondaryRegion.eksClusterName,
    region: DEMO.secondaryRegion.region,
    oidcId: '5E8A2C4F9B1D7E3A6C0F8B2D4E9A1C73',
    version: '1.31',
    createdAt: Date.parse('2024-06-03T10:00:00Z'),
  },
];

export const oidcIssuer = (cluster: EksClusterInfo) =>
  `https://oidc.eks.${cluster.region}.amazonaws.com/id/${cluster.oidcId}`;

export const EKS_OPERATIONS = [
  'ListClusters',
  'DescribeCluster',
  'CreateAccessEntry',
  'DescribeAccessEntry',
  'DeleteAccessEntry',
  'ListAccessEntries',
  'AssociateAccessPolicy',
  'ListAssociatedAccessPolicies',
  'DisassociateAccessPolicy',
  'CreatePodIdentityAssociation',
  'DescribePodIdentityAssociation',
  'ListPodIdentityAssociations',
  'DeletePodIdentityAssociation',
];

export interface AccessScope {
  type: 'cluster' | 'namespace';
  namespaces?: string[];
}

export interface AccessEntry {
  principalArn: string;
  username: string;
  kubernetesGroups: string[];
  type: string;
  tags: Record<string, string>;
  createdAt: number;
  modifiedAt: number;
  accessEntryArn: string;
  policies: Map<
    string,
    { accessScope: AccessScope; associatedAt: number; modifiedAt: number }
  >;
}

export interface PodIdentityAssociation {
  associationId: string;
  associationArn: string;
  clusterName: string;
  namespace: string;
  serviceAccount: string;
  roleArn: string;
  tags: Record<string, string>;
  createdAt: number;
  modifiedAt: number;
}

const notFound = (message: string) =>
  new AwsError('ResourceNotFoundException', message, 404);
const inUse = (message: string) =>
  new AwsError('ResourceInUseException', message, 409);
const invalid = (message: string) =>
  new AwsError('InvalidParameterException', message, 400);

const PRINCIPAL = /^arn:aws:(iam|sts)::\d{12}:(role|user|assumed-role)\/(.+)$/;

class EksClusterState {
  accessEntries = new Map<string, AccessEntry>();
  podIdentities = new Map<string, PodIdentityAssociation>();
  /** Client request token → the request it came with and what it created. */
  tokens = new Map<string, { request: string; result: unknown }>();
  constructor(readonly info: EksClusterInfo) {}
}

export class EksStore {
  private clusters = new Map<string, EksClusterState>();
  private random!: Random;

  constructor(
    private readonly clock: Clock,
    private readonly seed: number,
    private readonly demoData: boolean,
  ) {
    this.reset();
  }

  reset(): void {
    this.clusters.clear();
    this.random = new Random(this.seed ^ 0xe4e5);
    for (const info of EKS_CLUSTERS) {
      this.clusters.set(
        `${info.region}/${info.name}`,
        new EksClusterState(info),
      );
    }
    if (!this.demoData) return;
    const seedEmrAccess = (
      region: string,
      cluster: string,
      namespaces: string[],
    ) => {
      this.createAccessEntry(region, cluster, {
        principalArn: EMR_SERVICE_LINKED_ROLE_ARN,
        username: 'emr-containers',
      });
      this.associateAccessPolicy(
        region,
        cluster,
        EMR_SERVICE_LINKED_ROLE_ARN,
        EMR_JOB_POLICY_ARN,
        {
          type: 'namespace',
          namespaces,
        },
      );
    };
    seedEmrAccess(
      DEMO.region,
      DEMO.eksClusterName,
      Object.values(DEMO.virtualClusters).map(v => v.namespace),
    );
    seedEmrAccess(
      DEMO.secondaryRegion.region,
      DEMO.secondaryRegion.eksClusterName,
      Object.values(DEMO.secondaryRegion.virtualClusters).map(v => v.namespace),
    );
  }

  /** The cluster's state, or ResourceNotFoundException. */
  private state(region: string, name: string): EksClusterState {
    const found = this.clusters.get(`${region}/${name}`);
    if (!found) throw notFound(`No cluster found for name: ${name}.`);
    return found;
  }

  clusterInfo(region: string, name: string): EksClusterInfo | undefined {
    return this.clusters.get(`${region}/${name}`)?.info;
  }

  clusterNames(region: string): string[] {
    return [...this.clusters.values()]
      .filter(c => c.info.region === region)
      .map(c => c.info.name);
  }

  /** Whether `principalArn` has `policyArn` on `namespace` (namespace or cluster scope). */
  hasAccess(
    region: string,
    cluster: string,
    principalArn: string,
    policyArn: string,
    namespace: string,
  ): boolean {
    const entry = this.clusters
      .get(`${region}/${cluster}`)
      ?.accessEntries.get(principalArn);
    const policy = entry?.policies.get(policyArn);
    if (!policy) return false;
    return (
      policy.accessScope.type === 'cluster' ||
      (policy.accessScope.namespaces ?? []).includes(namespace)
    );
  }

  /**
   * EKS's clientRequestToken: the same token with the same parameters answers what the first
   * request created; with other parameters it is refused.
   */
  private idempotent<T>(
    state: EksClusterState,
    token: string | undefined,
    request: object,
    create: () => T,
  ): T {
    const { clientRequestToken: _token, ...parameters } = request as {
      clientRequestToken?: string;
    };
    const fingerprint = stableJson(parameters);
    const earlier = token ? state.tokens.get(token) : undefined;
    if (earlier) {
      if (earlier.request !== fingerprint) {
        throw new AwsError(
          'InvalidRequestException',
          `The client request token ${token} was already used with different parameters.`,
          400,
        );
      }
      return earlier.result as T;
    }
    const created = create();
    if (token)
      state.tokens.set(token, { request: fingerprint, result: created });
    return created;
  }

  createAccessEntry(
    region: string,
    cluster: string,
    request: {
      principalArn?: string;
      kubernetesGroups?: string[];
      username?: string;
      type?: string;
      tags?: Record<string, string>;
      clientRequestToken?: string;
    },
  ): AccessEntry {
    const state = this.state(region, cluster);
    const principalArn = request.principalArn;
    if (!principalArn) throw invalid('principalArn is required.');
    const found = PRINCIPAL.exec(principalArn);
    if (!found)
      throw invalid(`The specified principalArn is invalid: invalid principal`);
    return this.idempotent(state, request.clientRequestToken, request, () => {
      if (state.accessEntries.has(principalArn)) {
        throw inUse(
          'The specified access entry resource is already in use on this cluster.',
        );
      }
      const type = request.type ?? 'STANDARD';
      if (
        ![
          'STANDARD',
          'FARGATE_LINUX',
          'EC2_LINUX',
          'EC2_WINDOWS',
          'EC2',
          'HYBRID_LINUX',
          'HYPERPOD_LINUX',
        ].includes(type)
      ) {
        throw invalid(`The type ${type} is not valid.`);
      }
      for (const group of request.kubernetesGroups ?? []) {
        if (group.startsWith('system:')) {
          throw invalid(
            `The kubernetes group name ${group} is invalid, it cannot start with system:`,
          );
        }
      }
      const roleName = found[3].split('/').pop()!;
      const now = this.clock.now();
      const entry: AccessEntry = {
        principalArn,
        username:
          request.username ??
          (found[2] === 'role'
            ? `arn:aws:sts::${DEMO.accountId}:assumed-role/${roleName}/{{SessionName}}`
            : principalArn),
        kubernetesGroups: request.kubernetesGroups ?? [],
        type,
        tags: request.tags ?? {},
        createdAt: now,
        modifiedAt: now,
        accessEntryArn: `arn:aws:eks:${region}:${
          DEMO.accountId
        }:access-entry/${cluster}/${found[2]}/${
          DEMO.accountId
        }/${roleName}/${this.random.string(
          8,
          '0123456789abcdef',
        )}-${this.random.string(4, '0123456789abcdef')}-${this.random.string(
          4,
          '0123456789abcdef',
        )}-${this.random.string(4, '0123456789abcdef')}-${this.random.string(
          12,
          '0123456789abcdef',
        )}`,
        policies: new Map(),
      };
      state.accessEntries.set(principalArn, entry);
      return entry;
    });
  }

  accessEntry(
    region: string,
    cluster: string,
    principalArn: string,
  ): AccessEntry {
    const entry = this.state(region, cluster).accessEntries.get(principalArn);
    if (!entry) {
      throw notFound(
        `The specified principalArn could not be found. You can view your available access entries with 'list-access-entries'.`,
      );
    }
    return entry;
  }

  deleteAccessEntry(
    region: string,
    cluster: string,
    principalArn: string,
  ): void {
    this.accessEntry(region, cluster, principalArn);
    this.state(region, cluster).accessEntries.delete(principalArn);
  }

  listAccessEntries(
    region: string,
    cluster: string,
    associatedPolicyArn?: string,
  ): string[] {
    return [...this.state(region, cluster).accessEntries.values()]
      .filter(e => !associatedPolicyArn || e.policies.has(associatedPolicyArn))
      .map(e => e.principalArn);
  }

  associateAccessPolicy(
    region: string,
    cluster: string,
    principalArn: string,
    policyArn: string | undefined,
    scope: AccessScope | undefined,
  ) {
    const entry = this.accessEntry(region, cluster, principalArn);
    if (!policyArn) throw invalid('policyArn is required.');
    if (!EKS_ACCESS_POLICIES.includes(policyArn)) {
      throw notFound(
        `The specified policy arn ${policyArn} could not be found.`,
      );
    }
    if (!scope || (scope.type !== 'cluster' && scope.type !== 'namespace')) {
      throw invalid('accessScope.type must be one of: cluster, namespace.');
    }
    if (scope.type === 'namespace' && !(scope.namespaces ?? []).length) {
      throw invalid(
        'accessScope.namespaces must not be empty when the access scope type is namespace.',
      );
    }
    if (scope.type === 'cluster' && (scope.namespaces ?? []).length) {
      throw invalid(
        'accessScope.namespaces must be empty when the access scope type is cluster.',
      );
    }
    const now = this.clock.now();
    const existing = entry.policies.get(policyArn);
    const accessScope: AccessScope =
      scope.type === 'namespace'
        ? { type: 'namespace', namespaces: [...scope.namespaces!] }
        : { type: 'cluster', namespaces: [] };
    entry.policies.set(policyArn, {
      accessScope,
      associatedAt: existing?.associatedAt ?? now,
      modifiedAt: now,
    });
    return { policyArn, ...entry.policies.get(policyArn)! };
  }

  disassociateAccessPolicy(
    region: string,
    cluster: string,
    principalArn: string,
    policyArn: string,
  ): void {
    const entry = this.accessEntry(region, cluster, principalArn);
    if (!entry.policies.delete(policyArn)) {
      throw notFound(
        `The specified policy arn ${policyArn} is not associated with the access entry.`,
      );
    }
  }

  createPodIdentityAssociation(
    region: string,
    cluster: string,
    request: {
      namespace?: string;
      serviceAccount?: string;
      roleArn?: string;
      tags?: Record<string, string>;
      clientRequestToken?: string;
    },
  ): PodIdentityAssociation {
    const state = this.state(region, cluster);
    for (const member of ['namespace', 'serviceAccount', 'roleArn'] as const) {
      if (!request[member]) throw invalid(`${member} is required.`);
    }
    if (!/^arn:aws:iam::\d{12}:role\/.+$/.test(request.roleArn!)) {
      throw invalid(`The roleArn ${request.roleArn} is invalid.`);
    }
    return this.idempotent(state, request.clientRequestToken, request, () => {
      const existing = [...state.podIdentities.values()].find(
        a =>
          a.namespace === request.namespace &&
          a.serviceAccount === request.serviceAccount,
      );
      if (existing)
        throw inUse(`Association already exists: ${existing.associationId}`);
      const id = `a-${this.random.string(
        17,
        'abcdefghijklmnopqrstuvwxyz0123456789',
      )}`;
      const now = this.clock.now();
      const association: PodIdentityAssociation = {
        associationId: id,
        associationArn: `arn:aws:eks:${region}:${DEMO.accountId}:podidentityassociation/${cluster}/${id}`,
        clusterName: cluster,
        namespace: request.namespace!,
        serviceAccount: request.serviceAccount!,
        roleArn: request.roleArn!,
        tags: request.tags ?? {},
        createdAt: now,
        modifiedAt: now,
      };
      state.podIdentities.set(id, association);
      return association;
    });
  }

  podIdentityAssociation(
    region: string,
    cluster: string,
    id: string,
  ): PodIdentityAssociation {
    const found = this.state(region, cluster).podIdentities.get(id);
    if (!found)
      throw notFound(
        `The specified pod identity association ${id} was not found.`,
      );
    return found;
  }

  deletePodIdentityAssociation(
    region: string,
    cluster: string,
    id: string,
  ): PodIdentityAssociation {
    const found = this.podIdentityAssociation(region, cluster, id);
    this.state(region, cluster).podIdentities.delete(id);
    return found;
  }

  listPodIdentityAssociations(
    region: string,
    cluster: string,
    filter: { namespace?: string; serviceAccount?: string },
  ) {
    return [...this.state(region, cluster).podIdentities.values()].filter(
      a =>
        (!filter.namespace || a.namespace === filter.namespace) &&
        (!filter.serviceAccount || a.serviceAccount === filter.serviceAccount),
    );
  }
}

const seconds = (ms: number) => ms / 1000;

/** JSON with object keys sorted, so equal requests compare equal. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .filter(k => (value as Record<string, unknown>)[k] !== undefined)
      .map(
        k =>
          `${JSON.stringify(k)}:${stableJson(
            (value as Record<string, unknown>)[k],
          )}`,
      )
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

function clusterJson(info: EksClusterInfo, host: string | undefined) {
  return {
    name: info.name,
    arn: `arn:aws:eks:${info.region}:${DEMO.accountId}:cluster/${info.name}`,
    createdAt: seconds(info.createdAt),
    version: info.version,
    endpoint: `http://${host ?? '127.0.0.1:4510'}/k8s/${info.name}`,
    roleArn: `arn:aws:iam::${DEMO.accountId}:role/eks-cluster-role-${info.name}`,
    resourcesVpcConfig: {
      subnetIds: ['subnet-0a1b2c3d4e5f60718', 'subnet-0f1e2d3c4b5a69788'],
      securityGroupIds: [],
      clusterSecurityGroupId: 'sg-0c1d2e3f4a5b6c7d8',
      vpcId: 'vpc-0a9b8c7d6e5f4a3b2',
      endpointPublicAccess: false,
      endpointPrivateAccess: true,
      publicAccessCidrs: [],
    },
    kubernetesNetworkConfig: {
      serviceIpv4Cidr: '172.20.0.0/16',
      ipFamily: 'ipv4',
    },
    logging: {
      clusterLogging: [
        { types: ['api', 'audit', 'authenticator'], enabled: true },
      ],
    },
    identity: { oidc: { issuer: oidcIssuer(info) } },
    status: 'ACTIVE',
    certificateAuthority: {
      data: Buffer.from(`sandbox CA of ${info.name}`).toString('base64'),
    },
    platformVersion: 'eks.20',
    tags: {},
    accessConfig: {
      bootstrapClusterCreatorAdminPermissions: true,
      authenticationMode: 'API_AND_CONFIG_MAP',
    },
  };
}

function accessEntryJson(cluster: string, e: AccessEntry) {
  return {
    clusterName: cluster,
    principalArn: e.principalArn,
    kubernetesGroups: e.kubernetesGroups,
    accessEntryArn: e.accessEntryArn,
    createdAt: seconds(e.createdAt),
    modifiedAt: seconds(e.modifiedAt),
    tags: e.tags,
    username: e.username,
    type: e.type,
  };
}

function policyJson(p: {
  policyArn: string;
  accessScope: AccessScope;
  associatedAt: number;
  modifiedAt: number;
}) {
  return {
    policyArn: p.policyArn,
    accessScope: p.accessScope,
    associatedAt: seconds(p.associatedAt),
    modifiedAt: seconds(p.modifiedAt),
  };
}

function associationJson(a: PodIdentityAssociation) {
  return {
    clusterName: a.clusterName,
    namespace: a.namespace,
    serviceAccount: a.serviceAccount,
    roleArn: a.roleArn,
    associationArn: a.associationArn,
    associationId: a.associationId,
    tags: a.tags,
    createdAt: seconds(a.createdAt),
    modifiedAt: seconds(a.modifiedAt),
  };
}

interface Route {
  method: string;
  pattern: RegExp;
  operation: string;
  handle(
    labels: string[],
    body: any,
    query: URLSearchParams,
    req: Request,
  ): unknown;
}

export interface EksService extends SandboxService {
  store: EksStore;
}

export function createEksService(options: {
  clock: Clock;
  seed: number;
  demoData: boolean;
  intercept?: (operation: string, req: Request) => void | Promise<void>;
}): EksService {
  const store = new EksStore(options.clock, options.seed, options.demoData);
  const r = (req: Request) => regionOf(req);
  const routes: Route[] = [
    {
      method: 'GET',
      pattern: /^\/clusters$/,
      operation: 'ListClusters',
      handle: (_l, _b, _q, req) => ({ clusters: store.clusterNames(r(req)) }),
    },
    {
      method: 'GET',
      pattern: /^\/clusters\/([^/]+)$/,
      operation: 'DescribeCluster',
      handle: ([name], _b, _q, req) => {
        const info = store.clusterInfo(r(req), name);
        if (!info) throw notFound(`No cluster found for name: ${name}.`);
        return { cluster: clusterJson(info, req.headers.host) };
      },
    },
    {
      method: 'POST',
      pattern: /^\/clusters\/([^/]+)\/access-entries$/,
      operation: 'CreateAccessEntry',
      handle: ([name], body, _q, req) => ({
        accessEntry: accessEntryJson(
          name,
          store.createAccessEntry(r(req), name, body),
        ),
      }),
    },
    {
      method: 'GET',
      pattern: /^\/clusters\/([^/]+)\/access-entries$/,
      operation: 'ListAccessEntries',
      handle: ([name], _b, q, req) => ({
        accessEntries: store.listAccessEntries(
          r(req),
          name,
          q.get('associatedPolicyArn') ?? undefined,
        ),
      }),
    },
    {
      method: 'GET',
      pattern: /^\/clusters\/([^/]+)\/access-entries\/([^/]+)$/,
      operation: 'DescribeAccessEntry',
      handle: ([name, principal], _b, _q, req) => ({
        accessEntry: accessEntryJson(
          name,
          store.accessEntry(r(req), name, principal),
        ),
      }),
    },
    {
      method: 'DELETE',
      pattern: /^\/clusters\/([^/]+)\/access-entries\/([^/]+)$/,
      operation: 'DeleteAccessEntry',
      handle: ([name, principal], _b, _q, req) => {
        store.deleteAccessEntry(r(req), name, principal);
        return {};
      },
    },
    {
      method: 'POST',
      pattern:
        /^\/clusters\/([^/]+)\/access-entries\/([^/]+)\/access-policies$/,
      operation: 'AssociateAccessPolicy',
      handle: ([name, principal], body, _q, req) => ({
        clusterName: name,
        principalArn: principal,
        associatedAccessPolicy: policyJson(
          store.associateAccessPolicy(
            r(req),
            name,
            principal,
            body.policyArn,
            body.accessScope,
          ),
        ),
      }),
    },
    {
      method: 'GET',
      pattern:
        /^\/clusters\/([^/]+)\/access-entries\/([^/]+)\/access-policies$/,
      operation: 'ListAssociatedAccessPolicies',
      handle: ([name, principal], _b, _q, req) => ({
        clusterName: name,
        principalArn: principal,
        associatedAccessPolicies: [
          ...store.accessEntry(r(req), name, principal).policies,
        ].map(([policyArn, p]) => policyJson({ policyArn, ...p })),
      }),
    },
    {
      method: 'DELETE',
      pattern:
        /^\/clusters\/([^/]+)\/access-entries\/([^/]+)\/access-policies\/([^/]+)$/,
      operation: 'DisassociateAccessPolicy',
      handle: ([name, principal, policy], _b, _q, req) => {
        store.disassociateAccessPolicy(r(req), name, principal, policy);
        return {};
      },
    },
    {
      method: 'POST',
      pattern: /^\/clusters\/([^/]+)\/pod-identity-associations$/,
      operation: 'CreatePodIdentityAssociation',
      handle: ([name], body, _q, req) => ({
        association: associationJson(
          store.createPodIdentityAssociation(r(req), name, body),
        ),
      }),
    },
    {
      method: 'GET',
      pattern: /^\/clusters\/([^/]+)\/pod-identity-associations$/,
      operation: 'ListPodIdentityAssociations',
      handle: ([name], _b, q, req) => ({
        associations: store
          .listPodIdentityAssociations(r(req), name, {
            namespace: q.get('namespace') ?? undefined,
            serviceAccount: q.get('serviceAccount') ?? undefined,
          })
          .map(a => ({
            clusterName: a.clusterName,
            namespace: a.namespace,
            serviceAccount: a.serviceAccount,
            associationArn: a.associationArn,
            associationId: a.associationId,
          })),
      }),
    },
    {
      method: 'GET',
      pattern: /^\/clusters\/([^/]+)\/pod-identity-associations\/([^/]+)$/,
      operation: 'DescribePodIdentityAssociation',
      handle: ([name, id], _b, _q, req) => ({
        association: associationJson(
          store.podIdentityAssociation(r(req), name, id),
        ),
      }),
    },
    {
      method: 'DELETE',
      pattern: /^\/clusters\/([^/]+)\/pod-identity-associations\/([^/]+)$/,
      operation: 'DeletePodIdentityAssociation',
      handle: ([name, id], _b, _q, req) => ({
        association: associationJson(
          store.deletePodIdentityAssociation(r(req), name, id),
        ),
      }),
    },
  ];
  const router = express.Router();
  router.use(express.json({ type: () => true, limit: '1mb' }));
  router.use(async (req: Request, res: Response, next: NextFunction) => {
    try {
      const path = req.path.replace(/\/$/, '') || '/';
      for (const route of routes) {
        if (route.method !== req.method) continue;
        const found = route.pattern.exec(path);
        if (!found) continue;
        await options.intercept?.(route.operation, req);
        const labels = found.slice(1).map(decodeURIComponent);
        const body = req.body && typeof req.body === 'object' ? req.body : {};
        const query = new URL(req.originalUrl, 'http://sandbox').searchParams;
        sendJson(res, 200, route.handle(labels, body, query, req));
        return;
      }
      throw new AwsError(
        'UnknownOperationException',
        `No EKS operation matches ${req.method} ${req.path}`,
        404,
      );
    } catch (error) {
      next(error);
    }
  });
  router.use(
    (error: unknown, _req: Request, res: Response, _next: NextFunction) => {
      if (error instanceof AwsError) {
        sendError(res, error);
        return;
      }
      if ((error as { type?: string })?.type === 'entity.parse.failed') {
        sendError(res, invalid('Request body is not valid JSON'));
        return;
      }
      // eslint-disable-next-line no-console
      console.error('sandbox: unexpected error', error);
      sendError(
        res,
        new AwsError('ServerException', 'Internal error in the sandbox', 500),
      );
    },
  );
  return {
    name: EKS,
    store,
    router,
    operations: EKS_OPERATIONS,
    reset: () => store.reset(),
  };
}
