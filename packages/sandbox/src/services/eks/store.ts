import { Clock } from '../../clock';
import { DEMO } from '../../demo';
import { AwsError } from '../../errors';
import { Random } from '../../random';
import {
  AccessEntry,
  AccessScope,
  EKS_ACCESS_POLICIES,
  EMR_JOB_POLICY_ARN,
  EMR_SERVICE_LINKED_ROLE_ARN,
} from './accessEntries';
import { EKS_CLUSTERS, EksClusterInfo } from './clusters';
import { stableJson } from './json';
import { PodIdentityAssociation } from './podIdentity';

/*
 * The state of the sandbox's EKS clusters: access entries and their access policies, pod
 * identity associations, and the client request tokens EKS keeps for idempotency.
 */

export const notFound = (message: string) =>
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
