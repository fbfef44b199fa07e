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

/**
 * Asks emr-containers (ListVirtualClusters in the cost cluster's account and region), which
 * records the namespace each virtual cluster was registered on: a fact pod labels cannot
 * forge. Terminated virtual clusters are listed too, so history of a deleted tenant still
 * finds its namespace for as long as EMR lists it.
 */
export class EmrContainersVirtualClusterDirectory
  implements VirtualClusterDirectory
{
  constructor(
    private readonly clientFor: (target: {
      accountId: string;
      region: string;
    }) => Promise<EMRContainersClient>,
  ) {}

  async namespacesOf(cluster: CostCluster): Promise<VirtualClusterNamespaces> {
    const client = await this.clientFor({
      accountId: cluster.accountId,
      region: cluster.region,
    });
    const namespaces = new Map<string, string>();
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
          namespaces.set(vc.id, namespace);
        }
      }
    }
    return namespaces;
  }
}
