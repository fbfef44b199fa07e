import type {
  Endpoint,
  JobRun,
  JobTemplate as SdkJobTemplate,
  VirtualCluster as SdkVirtualCluster,
} from '@aws-sdk/client-emr-containers';
import type {
  JobRunDetail,
  JobRunSummary,
  JobTemplate,
  ManagedEndpoint,
  StartedJobRun,
  VirtualCluster,
} from '@emr-eks/plugin-emr-eks-common';

/**
 * An SDK output as JSON: Dates become ISO 8601 strings and undefined members disappear,
 * which is both the wire format and what the cache can hold.
 */
export function toWire<T>(value: unknown): T {
  return JSON.parse(JSON.stringify(value ?? null));
}

// Each answer names its fields: an SDK output also carries `$metadata` (request id,
// attempts), and an endpoint may send members the API description does not have.

/** The list view's fields of a job run. */
export function toJobRunSummary(run: JobRun): JobRunSummary {
  return toWire<JobRunSummary>({
    id: run.id,
    name: run.name,
    arn: run.arn,
    virtualClusterId: run.virtualClusterId,
    state: run.state,
    releaseLabel: run.releaseLabel,
    executionRoleArn: run.executionRoleArn,
    createdAt: run.createdAt,
    createdBy: run.createdBy,
    finishedAt: run.finishedAt,
    failureReason: run.failureReason,
    stateDetails: run.stateDetails,
  });
}

/** DescribeJobRun's run: the summary plus its configuration. */
export function toJobRunDetail(run: JobRun | undefined): JobRunDetail {
  if (!run) return toWire(run);
  return toWire<JobRunDetail>({
    ...toJobRunSummary(run),
    jobDriver: run.jobDriver,
    configurationOverrides: run.configurationOverrides,
    tags: run.tags,
    retryPolicyConfiguration: run.retryPolicyConfiguration,
    retryPolicyExecution: run.retryPolicyExecution,
  });
}

/** What StartJobRun answers, without the SDK's `$metadata`. */
export function toStartedJobRun(output: {
  id?: string;
  name?: string;
  arn?: string;
  virtualClusterId?: string;
}): StartedJobRun {
  return toWire<StartedJobRun>({
    id: output.id,
    name: output.name,
    arn: output.arn,
    virtualClusterId: output.virtualClusterId,
  });
}

/** A managed endpoint's documented fields. */
export function toManagedEndpoint(
  endpoint: Endpoint | undefined,
): ManagedEndpoint {
  if (!endpoint) return toWire(endpoint);
  return toWire<ManagedEndpoint>({
    id: endpoint.id,
    name: endpoint.name,
    arn: endpoint.arn,
    virtualClusterId: endpoint.virtualClusterId,
    type: endpoint.type,
    state: endpoint.state,
    releaseLabel: endpoint.releaseLabel,
    executionRoleArn: endpoint.executionRoleArn,
    certificateArn: endpoint.certificateArn,
    serverUrl: endpoint.serverUrl,
    createdAt: endpoint.createdAt,
    stateDetails: endpoint.stateDetails,
    failureReason: endpoint.failureReason,
    configurationOverrides: endpoint.configurationOverrides,
    tags: endpoint.tags,
  });
}

/** A job template's documented fields. */
export function toJobTemplate(
  template: SdkJobTemplate | undefined,
): JobTemplate {
  if (!template) return toWire(template);
  return toWire<JobTemplate>({
    id: template.id,
    name: template.name,
    arn: template.arn,
    createdAt: template.createdAt,
    createdBy: template.createdBy,
    tags: template.tags,
    jobTemplateData: template.jobTemplateData,
  });
}

/** A virtual cluster's documented fields. */
export function toVirtualCluster(
  cluster: SdkVirtualCluster | undefined,
): VirtualCluster {
  if (!cluster) return toWire(cluster);
  return toWire<VirtualCluster>({
    id: cluster.id,
    name: cluster.name,
    arn: cluster.arn,
    state: cluster.state,
    containerProvider: cluster.containerProvider,
    createdAt: cluster.createdAt,
    tags: cluster.tags,
  });
}

/** Tags AWS reserves (`aws:`) cannot be set by callers, so a rerun drops them. */
export function userTags(tags: Record<string, string> | undefined) {
  if (!tags) {
    return undefined;
  }
  return Object.fromEntries(
    Object.entries(tags).filter(([key]) => !key.startsWith('aws:')),
  );
}
