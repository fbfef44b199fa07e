import {
  EMRContainersClient,
  ListVirtualClustersCommand,
  VirtualCluster,
} from '@aws-sdk/client-emr-containers';
import { ConflictError } from '@backstage/errors';
import type { ProvisioningCluster } from './config';

/** The RUNNING virtual clusters on a namespace of an EKS cluster, page by page as AWS lists them. */
export async function* runningVirtualClustersOn(
  emr: EMRContainersClient,
  eksClusterName: string,
  namespace: string,
): AsyncGenerator<VirtualCluster> {
  let nextToken: string | undefined;
  do {
    const page = await emr.send(
      new ListVirtualClustersCommand({
        containerProviderId: eksClusterName,
        containerProviderType: 'EKS',
        states: ['RUNNING'],
        nextToken,
      }),
    );
    for (const vc of page.virtualClusters ?? []) {
      if (
        vc.state === 'RUNNING' &&
        vc.containerProvider?.info?.eksInfo?.namespace === namespace
      ) {
        yield vc;
      }
    }
    nextToken = page.nextToken;
  } while (nextToken);
}

/** A RUNNING virtual cluster of that name on that namespace of that EKS cluster. */
export async function findRunningVirtualCluster(
  emr: EMRContainersClient,
  eksClusterName: string,
  namespace: string,
  name: string,
): Promise<VirtualCluster | undefined> {
  for await (const vc of runningVirtualClustersOn(
    emr,
    eksClusterName,
    namespace,
  )) {
    if (vc.name === name) return vc;
  }
  return undefined;
}

/**
 * The virtual cluster whose catalog entity shows what is made in a tenant namespace (the
 * backend reads a virtual cluster's Kubernetes objects from its EKS cluster and namespace).
 * EMR keeps one virtual cluster per namespace. Refuses a namespace with none, since nothing
 * in the portal would show or manage the objects.
 */
export async function tenantVirtualCluster(
  emr: EMRContainersClient,
  cluster: ProvisioningCluster,
  namespace: string,
): Promise<VirtualCluster> {
  for await (const vc of runningVirtualClustersOn(
    emr,
    cluster.eksClusterName,
    namespace,
  )) {
    return vc;
  }
  throw new ConflictError(
    `namespace ${namespace} on ${cluster.name} has no RUNNING virtual cluster, so the catalog has no entity to show the endpoint on; create one with emr:virtualCluster:create (the onboarding template) first`,
  );
}
