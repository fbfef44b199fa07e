import { modelError } from '../../errors';
import { ServiceModel } from '../../model/loader';
import { Pager, PageRequest } from '../../paging';
import { OperationHandler } from '../../protocols/restJson';
import { isoTimestamp } from './ids';
import {
  JobRunFilter,
  EmrContainersStore,
  JobRunView,
  sortKey,
  StartJobRunRequest,
  VirtualClusterFilter,
} from './store';
import { VirtualClusterRecord } from './types';

/*
 * The served emr-containers operations. Inputs arrive already validated
 * against the model; outputs are the model's output shapes as JSON.
 */

function virtualClusterJson(cluster: VirtualClusterRecord) {
  return {
    id: cluster.id,
    name: cluster.name,
    arn: cluster.arn,
    state: cluster.state,
    containerProvider: {
      type: 'EKS',
      id: cluster.eksClusterName,
      info: { eksInfo: { namespace: cluster.namespace } },
    },
    createdAt: isoTimestamp(cluster.createdAt),
    tags: cluster.tags,
  };
}

function jobRunJson({ run, status }: JobRunView) {
  return {
    id: run.id,
    name: run.name,
    virtualClusterId: run.virtualClusterId,
    arn: run.arn,
    state: status.state,
    clientToken: run.clientToken,
    executionRoleArn: run.executionRoleArn,
    releaseLabel: run.releaseLabel,
    configurationOverrides: run.configurationOverrides,
    jobDriver: run.jobDriver,
    createdAt: isoTimestamp(run.plan.createdAt),
    createdBy: run.createdBy,
    finishedAt:
      status.finishedAt === undefined
        ? undefined
        : isoTimestamp(status.finishedAt),
    stateDetails: status.stateDetails,
    failureReason: status.failureReason,
    tags: run.tags,
    retryPolicyConfiguration: run.retryPolicyConfiguration,
    retryPolicyExecution: run.retryPolicyConfiguration
      ? { currentAttemptCount: 1 }
      : undefined,
  };
}

export function emrContainersHandlers(
  model: ServiceModel,
  store: EmrContainersStore,
  pager: Pager,
): Record<string, OperationHandler> {
  const notFound = (message: string) =>
    modelError(model, 'ResourceNotFoundException', message);
  const invalid = (message: string) =>
    modelError(model, 'ValidationException', message);

  const requireCluster = (id: string) => {
    const cluster = store.getVirtualCluster(id);
    if (!cluster) throw notFound(`Virtual cluster ${id} doesn't exist.`);
    return cluster;
  };

  const requireJobRun = (virtualClusterId: string, id: string) => {
    const view = store.getJobRun(virtualClusterId, id);
    if (!view) throw notFound(`Job run ${id} doesn't exist.`);
    return view;
  };

  return {
    ListVirtualClusters: input => {
      const clusters = store.listVirtualClusters(input as VirtualClusterFilter);
      const page = pager.page(
        'ListVirtualClusters',
        clusters,
        c => sortKey(c.createdAt, c.id),
        input as PageRequest,
      );
      return {
        virtualClusters: page.items.map(virtualClusterJson),
        nextToken: page.nextToken,
      };
    },

    DescribeVirtualCluster: input => ({
      virtualCluster: virtualClusterJson(requireCluster(input.id as string)),
    }),

    ListJobRuns: input => {
      const virtualClusterId = input.virtualClusterId as string;
      requireCluster(virtualClusterId);
      const runs = store.listJobRuns(virtualClusterId, input as JobRunFilter);
      const page = pager.page(
        `ListJobRuns:${virtualClusterId}`,
        runs,
        v => sortKey(v.run.plan.createdAt, v.run.id),
        input as PageRequest,
      );
      return { jobRuns: page.items.map(jobRunJson), nextToken: page.nextToken };
    },

    DescribeJobRun: input => {
      const virtualClusterId = input.virtualClusterId as string;
      requireCluster(virtualClusterId);
      return {
        jobRun: jobRunJson(requireJobRun(virtualClusterId, input.id as string)),
      };
    },

    StartJobRun: input => {
      const request = input as unknown as StartJobRunRequest;
      const cluster = requireCluster(request.virtualClusterId);
      if (cluster.state !== 'RUNNING') {
        throw invalid(`Virtual cluster ${cluster.id} is not in RUNNING state.`);
      }
      if (input.jobTemplateId !== undefined) {
        // Job templates are not served yet, so no template id can exist.
        throw notFound(
          `Job template ${String(input.jobTemplateId)} doesn't exist.`,
        );
      }
      // The model leaves these optional only because a job template may supply them.
      for (const member of [
        'executionRoleArn',
        'releaseLabel',
        'jobDriver',
      ] as const) {
        if (request[member] === undefined) {
          throw invalid(
            `1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`,
          );
        }
      }
      const { run } = store.startJobRun(request);
      return {
        id: run.id,
        name: run.name,
        arn: run.arn,
        virtualClusterId: run.virtualClusterId,
      };
    },

    CancelJobRun: input => {
      const virtualClusterId = input.virtualClusterId as string;
      const id = input.id as string;
      requireCluster(virtualClusterId);
      const result = store.cancelJobRun(virtualClusterId, id);
      if (result === 'not-found')
        throw notFound(`Job run ${id} doesn't exist.`);
      if (result === 'terminal') {
        throw invalid(
          `Job run ${id} is in a terminal state and cannot be cancelled.`,
        );
      }
      return { id, virtualClusterId };
    },
  };
}
