import { modelError } from '../../errors';
import { ServiceModel } from '../../model/loader';
import { ModelValidator } from '../../model/validator';
import { Pager } from '../../paging';
import { regionPages, tagOperations } from '../listsAndTags';
import { OperationContext, OperationHandler } from '../../protocols/restJson';
import { hasServerUrl } from './endpoints';
import { isoTimestamp } from './ids';
import {
  CreateEndpointRequest,
  CreateJobTemplateRequest,
  EmrContainersStore,
  EndpointFilter,
  EndpointView,
  JobRunFilter,
  JobRunView,
  JobTemplateFilter,
  MAX_TAGS,
  sortKey,
  StartJobRunRequest,
  VirtualClusterFilter,
} from './store';
import { checkTemplateData, resolveTemplate, TemplateError } from './templates';
import {
  JobTemplateRecord,
  JUPYTER_ENTERPRISE_GATEWAY,
  VirtualClusterRecord,
} from './types';

/*
 * The served emr-containers operations. Inputs arrive already validated
 * against the model; outputs are the model's output shapes as JSON. Each
 * request works on the data of the region it is signed for.
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

function endpointJson({ endpoint, status }: EndpointView) {
  return {
    id: endpoint.id,
    name: endpoint.name,
    arn: endpoint.arn,
    virtualClusterId: endpoint.virtualClusterId,
    type: endpoint.type,
    state: status.state,
    releaseLabel: endpoint.releaseLabel,
    executionRoleArn: endpoint.executionRoleArn,
    certificateArn: endpoint.certificateArn,
    configurationOverrides: endpoint.configurationOverrides,
    serverUrl: hasServerUrl(status.state)
      ? `https://${endpoint.serverHost}`
      : undefined,
    createdAt: isoTimestamp(endpoint.plan.createdAt),
    securityGroup: endpoint.securityGroup,
    subnetIds: endpoint.subnetIds,
    stateDetails: status.stateDetails,
    failureReason: status.failureReason,
    tags: endpoint.tags,
  };
}

/** What StartJobRun and CreateManagedEndpoint answer about the new resource. */
function createdJson(resource: {
  id: string;
  name?: string;
  arn: string;
  virtualClusterId: string;
}) {
  return {
    id: resource.id,
    name: resource.name,
    arn: resource.arn,
    virtualClusterId: resource.virtualClusterId,
  };
}

function jobTemplateJson(template: JobTemplateRecord) {
  return {
    name: template.name,
    id: template.id,
    arn: template.arn,
    createdAt: isoTimestamp(template.createdAt),
    createdBy: template.createdBy,
    tags: template.tags,
    jobTemplateData: template.jobTemplateData,
    kmsKeyArn: template.kmsKeyArn,
  };
}

/** Members a job template supplies; a StartJobRun that uses one may not set them. */
const TEMPLATE_MEMBERS = [
  'executionRoleArn',
  'releaseLabel',
  'jobDriver',
  'configurationOverrides',
] as const;

/**
 * Whether EMR on EKS may use a namespace of an EKS cluster: an error (the
 * exception name and message) when it may not, else how it has access.
 */
export type NamespaceAccessCheck = (request: {
  region: string;
  eksClusterName: string;
  namespace: string;
}) =>
  | {
      error: 'ResourceNotFoundException' | 'ValidationException';
      message: string;
    }
  | { eksAccessEntryIntegrated: boolean };

export function emrContainersHandlers(
  model: ServiceModel,
  storeFor: (context: OperationContext) => EmrContainersStore,
  pager: Pager,
  checkAccess?: NamespaceAccessCheck,
): Record<string, OperationHandler> {
  const validator = new ModelValidator(model);
  const notFound = (message: string) =>
    modelError(model, 'ResourceNotFoundException', message);
  const invalid = (message: string) =>
    modelError(model, 'ValidationException', message);

  const requireCluster = (store: EmrContainersStore, id: string) => {
    const cluster = store.getVirtualCluster(id);
    if (!cluster) throw notFound(`Virtual cluster ${id} doesn't exist.`);
    return cluster;
  };

  const requireRunningCluster = (store: EmrContainersStore, id: string) => {
    const cluster = requireCluster(store, id);
    if (cluster.state !== 'RUNNING') {
      throw invalid(`Virtual cluster ${cluster.id} is not in RUNNING state.`);
    }
    return cluster;
  };

  const requireJobRun = (
    store: EmrContainersStore,
    virtualClusterId: string,
    id: string,
  ) => {
    const view = store.getJobRun(virtualClusterId, id);
    if (!view) throw notFound(`Job run ${id} doesn't exist.`);
    return view;
  };

  const requireEndpoint = (
    store: EmrContainersStore,
    virtualClusterId: string,
    id: string,
  ) => {
    const view = store.getEndpoint(virtualClusterId, id);
    if (!view) throw notFound(`Endpoint ${id} doesn't exist.`);
    return view;
  };

  const requireTemplate = (store: EmrContainersStore, id: string) => {
    const template = store.getJobTemplate(id);
    if (!template) throw notFound(`Job template ${id} doesn't exist.`);
    return template;
  };

  /**
   * The request's region and the virtual cluster it names (from the path),
   * which must exist there.
   */
  const inCluster = (
    input: Record<string, unknown>,
    context: OperationContext,
  ) => {
    const store = storeFor(context);
    const virtualClusterId = input.virtualClusterId as string;
    requireCluster(store, virtualClusterId);
    return { store, virtualClusterId };
  };

  const pageOf = regionPages(pager);

  /** A StartJobRun that names a template gets its values from the template. */
  const fromTemplate = (
    store: EmrContainersStore,
    request: StartJobRunRequest & {
      jobTemplateId: string;
      jobTemplateParameters?: Record<string, string>;
    },
  ): StartJobRunRequest => {
    const template = requireTemplate(store, request.jobTemplateId);
    for (const member of TEMPLATE_MEMBERS) {
      if (request[member] !== undefined) {
        throw invalid(
          `${member} can't be set in a StartJobRun request that uses a job template: job template ${template.id} supplies it.`,
        );
      }
    }
    let resolved;
    try {
      resolved = resolveTemplate(template, request.jobTemplateParameters);
    } catch (error) {
      if (error instanceof TemplateError) throw invalid(error.message);
      throw error;
    }
    // The filled-in values must be valid StartJobRun values.
    const merged = {
      virtualClusterId: request.virtualClusterId,
      clientToken: request.clientToken,
      executionRoleArn: resolved.executionRoleArn,
      releaseLabel: resolved.releaseLabel,
      jobDriver: resolved.jobDriver,
      configurationOverrides: resolved.configurationOverrides,
      tags: { ...request.tags, ...resolved.jobTags },
    };
    const checked = validator.input('StartJobRunRequest', merged);
    if (!checked.ok) throw invalid(checked.message);
    return {
      ...request,
      ...(checked.value as Partial<StartJobRunRequest>),
    };
  };

  return {
    ListVirtualClusters: (input, context) => {
      const store = storeFor(context);
      const { items, nextToken } = pageOf(
        store,
        'ListVirtualClusters',
        store.listVirtualClusters(input as VirtualClusterFilter),
        c => sortKey(c.createdAt, c.id),
        virtualClusterJson,
        input,
      );
      return { virtualClusters: items, nextToken };
    },

    CreateVirtualCluster: (input, context) => {
      const store = storeFor(context);
      const clientToken = input.clientToken as string;
      const earlier = store.virtualClusterByClientToken(clientToken);
      if (earlier) {
        return { id: earlier.id, name: earlier.name, arn: earlier.arn };
      }
      const provider = input.containerProvider as {
        type: string;
        id: string;
        info?: { eksInfo?: { namespace?: string } };
      };
      const namespace = provider.info?.eksInfo?.namespace;
      if (!namespace) {
        throw invalid(
          'containerProvider.info.eksInfo.namespace is required for an EKS container provider.',
        );
      }
      if (!checkAccess) {
        throw invalid('The sandbox has no Kubernetes clusters to check.');
      }
      const access = checkAccess({
        region: store.region,
        eksClusterName: provider.id,
        namespace,
      });
      if ('error' in access) {
        throw modelError(model, access.error, access.message);
      }
      const taken = store.activeClusterOn(provider.id, namespace);
      if (taken) {
        throw invalid(
          `A virtual cluster already exists in the given namespace: ${taken.id}.`,
        );
      }
      const tags = (input.tags as Record<string, string> | undefined) ?? {};
      if (Object.keys(tags).length > MAX_TAGS) {
        throw invalid(`A resource can have at most ${MAX_TAGS} tags.`);
      }
      const cluster = store.createVirtualCluster({
        name: input.name as string,
        eksClusterName: provider.id,
        namespace,
        clientToken,
        tags,
        eksAccessEntryIntegrated: access.eksAccessEntryIntegrated,
      });
      return { id: cluster.id, name: cluster.name, arn: cluster.arn };
    },

    DeleteVirtualCluster: (input, context) => {
      const id = input.id as string;
      if (!storeFor(context).deleteVirtualCluster(id)) {
        throw notFound(`Virtual cluster ${id} doesn't exist.`);
      }
      return { id };
    },

    DescribeVirtualCluster: (input, context) => ({
      virtualCluster: virtualClusterJson(
        requireCluster(storeFor(context), input.id as string),
      ),
    }),

    ListJobRuns: (input, context) => {
      const { store, virtualClusterId } = inCluster(input, context);
      const { items, nextToken } = pageOf(
        store,
        `ListJobRuns:${virtualClusterId}`,
        store.listJobRuns(virtualClusterId, input as JobRunFilter),
        v => sortKey(v.run.plan.createdAt, v.run.id),
        jobRunJson,
        input,
      );
      return { jobRuns: items, nextToken };
    },

    DescribeJobRun: (input, context) => {
      const { store, virtualClusterId } = inCluster(input, context);
      return {
        jobRun: jobRunJson(
          requireJobRun(store, virtualClusterId, input.id as string),
        ),
      };
    },

    StartJobRun: (input, context) => {
      const store = storeFor(context);
      let request = input as unknown as StartJobRunRequest & {
        jobTemplateId?: string;
        jobTemplateParameters?: Record<string, string>;
      };
      const cluster = requireRunningCluster(store, request.virtualClusterId);
      const earlier = store.findJobRunByClientToken(
        cluster.id,
        request.clientToken,
      );
      if (earlier) return createdJson(earlier);

      const { jobTemplateId } = request;
      if (jobTemplateId !== undefined) {
        request = fromTemplate(store, { ...request, jobTemplateId });
      } else if (request.jobTemplateParameters !== undefined) {
        throw invalid(
          'jobTemplateParameters can only be used together with jobTemplateId.',
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
      return createdJson(store.startJobRun(request).run);
    },

    CancelJobRun: (input, context) => {
      const { store, virtualClusterId } = inCluster(input, context);
      const id = input.id as string;
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

    CreateManagedEndpoint: (input, context) => {
      const store = storeFor(context);
      const request = input as unknown as CreateEndpointRequest;
      requireRunningCluster(store, request.virtualClusterId);
      if (request.type !== JUPYTER_ENTERPRISE_GATEWAY) {
        throw invalid(
          `Endpoint type ${request.type} is not supported. Supported types: [${JUPYTER_ENTERPRISE_GATEWAY}].`,
        );
      }
      return createdJson(store.createEndpoint(request).endpoint);
    },

    DescribeManagedEndpoint: (input, context) => {
      const { store, virtualClusterId } = inCluster(input, context);
      return {
        endpoint: endpointJson(
          requireEndpoint(store, virtualClusterId, input.id as string),
        ),
      };
    },

    ListManagedEndpoints: (input, context) => {
      const { store, virtualClusterId } = inCluster(input, context);
      const { items, nextToken } = pageOf(
        store,
        `ListManagedEndpoints:${virtualClusterId}`,
        store.listEndpoints(virtualClusterId, input as EndpointFilter),
        v => sortKey(v.endpoint.plan.createdAt, v.endpoint.id),
        endpointJson,
        input,
      );
      return { endpoints: items, nextToken };
    },

    DeleteManagedEndpoint: (input, context) => {
      const { store, virtualClusterId } = inCluster(input, context);
      const id = input.id as string;
      const result = store.deleteEndpoint(virtualClusterId, id);
      if (result === 'not-found')
        throw notFound(`Endpoint ${id} doesn't exist.`);
      if (result === 'terminal') {
        throw invalid(
          `Endpoint ${id} is already terminated and cannot be deleted.`,
        );
      }
      return { id, virtualClusterId };
    },

    CreateJobTemplate: (input, context) => {
      const store = storeFor(context);
      const request = input as unknown as CreateJobTemplateRequest;
      try {
        checkTemplateData(request.jobTemplateData);
      } catch (error) {
        if (error instanceof TemplateError) throw invalid(error.message);
        throw error;
      }
      const { template } = store.createJobTemplate(request);
      return {
        id: template.id,
        name: template.name,
        arn: template.arn,
        createdAt: isoTimestamp(template.createdAt),
      };
    },

    DescribeJobTemplate: (input, context) => ({
      jobTemplate: jobTemplateJson(
        requireTemplate(storeFor(context), input.id as string),
      ),
    }),

    ListJobTemplates: (input, context) => {
      const store = storeFor(context);
      const { items, nextToken } = pageOf(
        store,
        'ListJobTemplates',
        store.listJobTemplates(input as JobTemplateFilter),
        t => sortKey(t.createdAt, t.id),
        jobTemplateJson,
        input,
      );
      return { templates: items, nextToken };
    },

    DeleteJobTemplate: (input, context) => {
      const id = input.id as string;
      if (!storeFor(context).deleteJobTemplate(id)) {
        throw notFound(`Job template ${id} doesn't exist.`);
      }
      return { id };
    },

    ...tagOperations({
      tagsOf: (arn, context) => storeFor(context).tagsOf(arn),
      notFound: arn => notFound(`Resource ${arn} doesn't exist.`),
      check: (added, merged) => {
        for (const key of Object.keys(added)) {
          if (key.toLowerCase().startsWith('aws:')) {
            throw invalid(
              `Tag keys starting with 'aws:' are reserved for AWS use: ${key}`,
            );
          }
        }
        if (Object.keys(merged).length > MAX_TAGS) {
          throw invalid(
            `A resource can have at most ${MAX_TAGS} tags; this request would give it ${
              Object.keys(merged).length
            }.`,
          );
        }
      },
    }),
  };
}
