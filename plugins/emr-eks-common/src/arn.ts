/** The parts of an EMR on EKS virtual cluster ARN. @public */
export interface VirtualClusterArn {
  partition: string;
  region: string;
  accountId: string;
  virtualClusterId: string;
}

// Same shape as the service model's VirtualClusterArn, with the region and id pinned down.
const VIRTUAL_CLUSTER_ARN =
  /^arn:(aws[a-zA-Z0-9-]*):emr-containers:([a-z0-9-]+):(\d{12}):\/virtualclusters\/([0-9a-z]{1,64})$/;

/**
 * Parses a virtual cluster ARN; returns undefined when the text is not one.
 *
 * @public
 */
export function parseVirtualClusterArn(
  arn: string,
): VirtualClusterArn | undefined {
  const match = VIRTUAL_CLUSTER_ARN.exec(arn.trim());
  if (!match) {
    return undefined;
  }
  const [, partition, region, accountId, virtualClusterId] = match;
  return { partition, region, accountId, virtualClusterId };
}
