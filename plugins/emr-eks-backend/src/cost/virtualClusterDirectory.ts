import {
  EMRContainersClient,
  paginateListVirtualClusters,
} from '@aws-sdk/client-emr-containers';
import { CostCluster } from './config';
import { VirtualClusterNamespaces } from './attribution';

/** Where the namespace of each virtual cluster of a cost cluster comes from. */
export interface VirtualClusterDirectory {
  /** Every virtual cluster on the cost cluster's EKS cluster, in any state, id → namespace. */
  namespacesOf(cluster: CostCluster): Promise<VirtualClusterNamespaces>;
}

/** Which virtual cluster a namespace's cost goes to, for pods that carry no virtual cluster id. */
export interface NamespaceOwnerDirectory {
  /** Namespace → the virtual cluster charged with it, on the cost cluster's EKS cluster. */
  namespaceOwnersOf(cluster: CostCluster): Promise<ReadonlyMap<string, string>>;
}

/** A virtual cluster as the directory lists it. */
export interface ListedVirtualCluster {
  id: string;
  namespace: string;
  state?: string;
  createdAt?: Date;
}

/**
 * The virtual cluster each namespace's cost goes to: a namespace registered more than once
 * (a tenant deleted and registered again) goes to its RUNNING virtual cluster, else to the
 * newest one, so its cost is counted once and by the team that holds it now.
 */
export function namespaceOwners(
  virtualClusters: ListedVirtualCluster[],
): Map<string, string> {
  const running = (vc: ListedVirtualCluster) =>
    vc.state === 'RUNNING' ? 1 : 0;
  const created = (vc: ListedVirtualCluster) => vc.createdAt?.getTime() ?? 0;
  const preferred = [...virtualClusters].sort(
    (a, b) =>
      running(b) - running(a) ||
      created(b) - created(a) ||
      a.id.localeCompare(b.id),
  );
  const owners = new Map<string, string>();
  for (const vc of preferred) {
    if (!owners.has(vc.namespace)) {
      owners.set(vc.namespace, vc.id);
    }
  }
  return owners;
}

/**
 * Asks emr-containers (ListVirtualClusters in the cost cluster's account and region), which
 * records the namespace each virtual cluster was registered on: a fact pod labels cannot
 * forge. Terminated virtual clusters are listed too, so history of a deleted tenant still
 * finds its namespace for as long as EMR lists it.
 */
export class EmrContainersVirtualClusterDirectory
  implements VirtualClusterDirectory, NamespaceOwnerDirectory
{
  constructor(
    private readonly clientFor: (target: {
      accountId: string;
      region: string;
    }) => Promise<EMRContainersClient>,
  ) {}

  async namespacesOf(cluster: CostCluster): Promise<VirtualClusterNamespaces> {
    const listed = await this.list(cluster);
    return new Map(listed.map(vc => [vc.id, vc.namespace]));
  }

  async namespaceOwnersOf(
    cluster: CostCluster,
  ): Promise<ReadonlyMap<string, string>> {
    return namespaceOwners(await this.list(cluster));
  }

  private async list(cluster: CostCluster): Promise<ListedVirtualCluster[]> {
    const client = await this.clientFor({
      accountId: cluster.accountId,
      region: cluster.region,
    });
    const listed: ListedVirtualCluster[] = [];
    for await (const page of paginateListVirtualClusters(
      { client },
      {
        containerProviderType: 'EKS',
        containerProviderId: cluster.eksClusterName,
      },
    )) {
      for (const vc of page.virtualClusters ?? []) {
        const namespace = vc.containerProvider?.info?.eksInfo?.namespace;
        // Checked here too: a virtual cluster of another EKS cluster is not this one's.
        if (
          vc.id &&
          namespace &&
          vc.containerProvider?.id === cluster.eksClusterName
        ) {
          listed.push({
            id: vc.id,
            namespace,
            state: vc.state,
            createdAt: vc.createdAt,
          });
        }
      }
    }
    return listed;
  }
}
