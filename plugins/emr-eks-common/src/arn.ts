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

/** The parts of an EMR Serverless application ARN. @public */
export interface ServerlessApplicationArn {
  partition: string;
  region: string;
  accountId: string;
  applicationId: string;
}

// Same shape as the service model's ApplicationArn, with the region and id pinned down.
const SERVERLESS_APPLICATION_ARN =
  /^arn:(aws[a-zA-Z0-9-]*):emr-serverless:([a-z0-9-]+):(\d{12}):\/applications\/([0-9a-z]{1,64})$/;

/**
 * Parses an EMR Serverless application ARN; returns undefined when the text is not one
 * (a job run ARN, `.../applications/<id>/jobruns/<run>`, is not an application ARN).
 *
 * @public
 */
export function parseServerlessApplicationArn(
  arn: string,
): ServerlessApplicationArn | undefined {
  const match = SERVERLESS_APPLICATION_ARN.exec(arn.trim());
  if (!match) {
    return undefined;
  }
  const [, partition, region, accountId, applicationId] = match;
  return { partition, region, accountId, applicationId };
}
