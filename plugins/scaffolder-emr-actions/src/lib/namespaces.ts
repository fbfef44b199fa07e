import { ConflictError, InputError, NotAllowedError } from '@backstage/errors';
import type { KubernetesObject } from '@kubernetes/client-node';
import type { ClientFactory } from './clients';
import type { ProvisioningCluster } from './config';
import { readObject } from './kube';
import { labelValue, MANAGED_BY, TEAM_LABEL } from './manifests';

/** Namespaces of Kubernetes, EKS, AWS add-ons and Karpenter: never a tenant's. */
export const BUILT_IN_RESERVED_NAMESPACES = [
  'kube-*',
  'default',
  'amazon-*',
  'aws-*',
  'karpenter',
];

/** Refuses a reserved namespace (built in, or `emrEks.provisioning.reservedNamespaces`). */
export function assertNotReserved(namespace: string, configured: string[]) {
  const reserved = [...BUILT_IN_RESERVED_NAMESPACES, ...configured].some(name =>
    name.endsWith('*')
      ? namespace.startsWith(name.slice(0, -1))
      : namespace === name,
  );
  if (reserved) {
    throw new InputError(`namespace ${namespace} is reserved`);
  }
}

/** Whether the portal's own actions made this object (or namespace) for a tenant. */
export function isPortalManaged(obj: KubernetesObject | undefined): boolean {
  const labels = obj?.metadata?.labels ?? {};
  return Object.entries(MANAGED_BY).every(([k, v]) => labels[k] === v);
}

/** The team a namespace's labels name: the portal's label, else a plain `team` label. */
export function namespaceTeamLabel(
  ns: KubernetesObject | undefined,
): string | undefined {
  const labels = ns?.metadata?.labels ?? {};
  return labels[TEAM_LABEL] ?? labels.team;
}

/**
 * Refuses a namespace that is not the team's tenant: missing, made outside the portal, or
 * labelled for another team. Roles, virtual clusters and pod templates are only made for a
 * namespace `emr:namespace:prepare` gave the same team.
 */
export async function assertTenantNamespace(
  clients: Pick<ClientFactory, 'kubernetes'>,
  { kubernetes, name: cluster, accountId }: ProvisioningCluster,
  { namespace }: { namespace: string },
  team: string,
): Promise<void> {
  const ns = await readObject(clients.kubernetes(kubernetes, accountId), {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: namespace },
  });
  if (!ns) {
    throw new ConflictError(
      `namespace ${namespace} does not exist on ${cluster}; prepare it with emr:namespace:prepare first`,
    );
  }
  const label = ns.metadata?.labels?.[TEAM_LABEL];
  if (!isPortalManaged(ns) || !label) {
    throw new NotAllowedError(
      `namespace ${namespace} on ${cluster} was not prepared by the portal for any team`,
    );
  }
  if (label !== labelValue(team)) {
    throw new NotAllowedError(
      `namespace ${namespace} on ${cluster} belongs to ${label}, not ${team}`,
    );
  }
}
