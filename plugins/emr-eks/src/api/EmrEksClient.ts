import { CompoundEntityRef } from '@backstage/catalog-model';
import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  BudgetStatus,
  CostReport,
  JobRunDetail,
  JobRunPage,
  JobRunQuery,
  JobTemplate,
  JobTemplatePage,
  ManagedEndpoint,
  ManagedEndpointPage,
  ServerlessApplication,
  ServerlessApplicationAction,
  ServerlessCancelledJobRun,
  ServerlessDashboard,
  ServerlessJobRunDetail,
  ServerlessJobDefinitionPage,
  ServerlessJobRunPage,
  ServerlessJobRunQuery,
  ServerlessStartedJobRun,
  DeletedSparkApplication,
  SparkApplicationDetail,
  SparkApplicationPage,
  SparkApplicationTemplate,
  SparkApplicationTemplatePage,
  SparkApplicationTemplateRequest,
  SparkConnectServer,
  SparkConnectServerList,
  SparkDriverLog,
  StartJobRunRequest,
  StartServerlessJobRunRequest,
  StartSparkApplicationRequest,
  StartedJobRun,
  StartedSparkApplication,
  VirtualCluster,
  VirtualClusterSummary,
} from '@emr-eks/plugin-emr-eks-common';
import {
  AcceptedChange,
  CostCsv,
  CostPeriod,
  CostQuery,
  EmrEksApi,
  EndpointQuery,
} from './EmrEksApi';

const SERVERLESS = 'serverless';
const SPARK_APPLICATIONS = 'spark-applications';
const SPARK_APPLICATION_TEMPLATES = 'spark-application-templates';
const SPARK_CONNECT = 'spark-connect';

/**
 * The default {@link EmrEksApi}: calls the emr-eks backend plugin.
 *
 * @public
 */
export class EmrEksClient implements EmrEksApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async listJobRuns(
    entityRef: CompoundEntityRef,
    query: JobRunQuery = {},
  ): Promise<JobRunPage> {
    const params = new URLSearchParams();
    for (const state of query.states ?? []) {
      params.append('states', state);
    }
    setIf(params, 'createdAfter', query.createdAfter);
    setIf(params, 'createdBefore', query.createdBefore);
    setIf(params, 'name', query.name);
    setIf(params, 'maxResults', query.maxResults);
    setIf(params, 'nextToken', query.nextToken);
    return this.request('GET', entityRef, ['job-runs'], { params });
  }

  async getJobRun(
    entityRef: CompoundEntityRef,
    jobRunId: string,
  ): Promise<JobRunDetail> {
    return this.request('GET', entityRef, ['job-runs', jobRunId]);
  }

  async startJobRun(
    entityRef: CompoundEntityRef,
    request: StartJobRunRequest,
  ): Promise<StartedJobRun> {
    return this.request('POST', entityRef, ['job-runs'], { body: request });
  }

  async rerunJobRun(
    entityRef: CompoundEntityRef,
    jobRunId: string,
  ): Promise<StartedJobRun> {
    return this.request('POST', entityRef, ['job-runs', jobRunId, 'rerun']);
  }

  async cancelJobRun(
    entityRef: CompoundEntityRef,
    jobRunId: string,
  ): Promise<AcceptedChange> {
    return this.request('POST', entityRef, ['job-runs', jobRunId, 'cancel']);
  }

  async listEndpoints(
    entityRef: CompoundEntityRef,
    query: EndpointQuery = {},
  ): Promise<ManagedEndpointPage> {
    const params = new URLSearchParams();
    for (const state of query.states ?? []) {
      params.append('states', state);
    }
    setIf(params, 'maxResults', query.maxResults);
    setIf(params, 'nextToken', query.nextToken);
    return this.request('GET', entityRef, ['endpoints'], { params });
  }

  async getEndpoint(
    entityRef: CompoundEntityRef,
    endpointId: string,
  ): Promise<ManagedEndpoint> {
    return this.request('GET', entityRef, ['endpoints', endpointId]);
  }

  async deleteEndpoint(
    entityRef: CompoundEntityRef,
    endpointId: string,
  ): Promise<AcceptedChange> {
    return this.request('DELETE', entityRef, ['endpoints', endpointId]);
  }

  async listJobTemplates(
    entityRef: CompoundEntityRef,
  ): Promise<JobTemplatePage> {
    return this.request('GET', entityRef, ['job-templates']);
  }

  async getJobTemplate(
    entityRef: CompoundEntityRef,
    templateId: string,
  ): Promise<JobTemplate> {
    return this.request('GET', entityRef, ['job-templates', templateId]);
  }

  async getVirtualCluster(
    entityRef: CompoundEntityRef,
  ): Promise<VirtualCluster> {
    return this.request('GET', entityRef, ['virtual-cluster']);
  }

  async getVirtualClusterSummary(
    entityRef: CompoundEntityRef,
  ): Promise<VirtualClusterSummary> {
    return this.request('GET', entityRef, ['summary']);
  }

  async getCost(
    entityRef: CompoundEntityRef,
    query: CostQuery,
  ): Promise<CostReport> {
    return this.request('GET', entityRef, ['cost'], {
      params: costParams(query),
    });
  }

  async getBudget(entityRef: CompoundEntityRef): Promise<BudgetStatus> {
    return this.request('GET', entityRef, ['budget']);
  }

  async getCostCsv(
    entityRef: CompoundEntityRef,
    period: CostPeriod,
  ): Promise<CostCsv> {
    const response = await this.send('GET', entityRef, ['cost.csv'], {
      params: costParams(period),
    });
    const suffix =
      'window' in period ? period.window : `${period.start}_${period.end}`;
    return {
      blob: await response.blob(),
      filename:
        filenameOf(response.headers.get('content-disposition')) ??
        `emr-cost-${entityRef.name.replace(/[^\w.-]+/g, '-')}-${suffix}.csv`,
    };
  }

  async getServerlessApplication(
    entityRef: CompoundEntityRef,
  ): Promise<ServerlessApplication> {
    return this.request('GET', entityRef, [SERVERLESS, 'application']);
  }

  async startServerlessApplication(
    entityRef: CompoundEntityRef,
  ): Promise<ServerlessApplicationAction> {
    return this.request('POST', entityRef, [
      SERVERLESS,
      'application',
      'start',
    ]);
  }

  async stopServerlessApplication(
    entityRef: CompoundEntityRef,
  ): Promise<ServerlessApplicationAction> {
    return this.request('POST', entityRef, [SERVERLESS, 'application', 'stop']);
  }

  async listServerlessJobRuns(
    entityRef: CompoundEntityRef,
    query: ServerlessJobRunQuery = {},
  ): Promise<ServerlessJobRunPage> {
    const params = new URLSearchParams();
    for (const state of query.states ?? []) {
      params.append('states', state);
    }
    setIf(params, 'createdAfter', query.createdAfter);
    setIf(params, 'createdBefore', query.createdBefore);
    setIf(params, 'maxResults', query.maxResults);
    setIf(params, 'nextToken', query.nextToken);
    return this.request('GET', entityRef, [SERVERLESS, 'job-runs'], {
      params,
    });
  }

  async getServerlessJobRun(
    entityRef: CompoundEntityRef,
    jobRunId: string,
  ): Promise<ServerlessJobRunDetail> {
    return this.request('GET', entityRef, [SERVERLESS, 'job-runs', jobRunId]);
  }

  async getServerlessDashboard(
    entityRef: CompoundEntityRef,
    jobRunId: string,
  ): Promise<ServerlessDashboard> {
    return this.request('GET', entityRef, [
      SERVERLESS,
      'job-runs',
      jobRunId,
      'dashboard',
    ]);
  }

  async cancelServerlessJobRun(
    entityRef: CompoundEntityRef,
    jobRunId: string,
  ): Promise<ServerlessCancelledJobRun> {
    return this.request('POST', entityRef, [
      SERVERLESS,
      'job-runs',
      jobRunId,
      'cancel',
    ]);
  }

  async listServerlessJobDefinitions(
    entityRef: CompoundEntityRef,
  ): Promise<ServerlessJobDefinitionPage> {
    return this.request('GET', entityRef, [SERVERLESS, 'job-definitions']);
  }

  async startServerlessJobRun(
    entityRef: CompoundEntityRef,
    request: StartServerlessJobRunRequest,
  ): Promise<ServerlessStartedJobRun> {
    return this.request('POST', entityRef, [SERVERLESS, 'job-runs'], {
      body: request,
    });
  }

  async rerunServerlessJobRun(
    entityRef: CompoundEntityRef,
    jobRunId: string,
  ): Promise<ServerlessStartedJobRun> {
    return this.request('POST', entityRef, [
      SERVERLESS,
      'job-runs',
      jobRunId,
      'rerun',
    ]);
  }

  async listSparkApplications(
    entityRef: CompoundEntityRef,
  ): Promise<SparkApplicationPage> {
    return this.request('GET', entityRef, [SPARK_APPLICATIONS]);
  }

  async getSparkApplication(
    entityRef: CompoundEntityRef,
    id: string,
  ): Promise<SparkApplicationDetail> {
    return this.request('GET', entityRef, [SPARK_APPLICATIONS, id]);
  }

  async getSparkDriverLog(
    entityRef: CompoundEntityRef,
    id: string,
    tailLines?: number,
  ): Promise<SparkDriverLog> {
    const params = new URLSearchParams();
    setIf(params, 'tailLines', tailLines);
    return this.request('GET', entityRef, [SPARK_APPLICATIONS, id, 'logs'], {
      params,
    });
  }

  async listSparkApplicationTemplates(
    entityRef: CompoundEntityRef,
  ): Promise<SparkApplicationTemplatePage> {
    return this.request('GET', entityRef, [SPARK_APPLICATION_TEMPLATES]);
  }

  async saveSparkApplicationTemplate(
    entityRef: CompoundEntityRef,
    template: SparkApplicationTemplateRequest,
  ): Promise<SparkApplicationTemplate> {
    return this.request('POST', entityRef, [SPARK_APPLICATION_TEMPLATES], {
      body: template,
    });
  }

  async startSparkApplication(
    entityRef: CompoundEntityRef,
    request: StartSparkApplicationRequest,
  ): Promise<StartedSparkApplication> {
    return this.request('POST', entityRef, [SPARK_APPLICATIONS], {
      body: request,
    });
  }

  async rerunSparkApplication(
    entityRef: CompoundEntityRef,
    id: string,
  ): Promise<StartedSparkApplication> {
    return this.request('POST', entityRef, [SPARK_APPLICATIONS, id, 'rerun']);
  }

  async deleteSparkApplication(
    entityRef: CompoundEntityRef,
    id: string,
  ): Promise<DeletedSparkApplication> {
    return this.request('DELETE', entityRef, [SPARK_APPLICATIONS, id]);
  }

  async listSparkConnectServers(
    entityRef: CompoundEntityRef,
  ): Promise<SparkConnectServerList> {
    return this.request('GET', entityRef, [SPARK_CONNECT]);
  }

  async stopSparkConnectServer(
    entityRef: CompoundEntityRef,
    name: string,
  ): Promise<SparkConnectServer> {
    return this.request('POST', entityRef, [SPARK_CONNECT, name, 'stop']);
  }

  async startSparkConnectServer(
    entityRef: CompoundEntityRef,
    name: string,
  ): Promise<SparkConnectServer> {
    return this.request('POST', entityRef, [SPARK_CONNECT, name, 'start']);
  }

  /** Like {@link EmrEksClient.send}, and parses the JSON answer. */
  private async request<T>(
    method: 'GET' | 'POST' | 'DELETE',
    entityRef: CompoundEntityRef,
    segments: string[],
    options: { params?: URLSearchParams; body?: unknown } = {},
  ): Promise<T> {
    const response = await this.send(method, entityRef, segments, options);
    return (await response.json()) as T;
  }

  /**
   * Calls `/v1/entity/:namespace/:kind/:name/<segments>`, every path segment
   * encoded; a non-ok answer throws a `ResponseError`.
   */
  private async send(
    method: 'GET' | 'POST' | 'DELETE',
    entityRef: CompoundEntityRef,
    segments: string[],
    options: { params?: URLSearchParams; body?: unknown } = {},
  ): Promise<Response> {
    const { namespace, kind, name } = entityRef;
    const path = [namespace, kind, name, ...segments]
      .map(encodeURIComponent)
      .join('/');
    const search = options.params?.toString();
    const baseUrl = await this.discoveryApi.getBaseUrl('emr-eks');
    const response = await this.fetchApi.fetch(
      `${baseUrl}/v1/entity/${path}${search ? `?${search}` : ''}`,
      {
        method,
        ...(options.body !== undefined && {
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(options.body),
        }),
      },
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response;
  }
}

function costParams(query: CostQuery): URLSearchParams {
  const params = new URLSearchParams();
  if ('window' in query) {
    params.set('window', query.window);
  }
  if ('start' in query) {
    params.set('start', query.start);
    params.set('end', query.end);
  }
  if ('jobRunId' in query && query.jobRunId) {
    params.set('jobRunId', query.jobRunId);
  }
  return params;
}

/** The file name of a `Content-Disposition: attachment; filename="…"` header. */
function filenameOf(disposition: string | null): string | undefined {
  const match = disposition?.match(/filename\*?=(?:UTF-8'')?"?([^";]+)"?/i);
  if (!match) {
    return undefined;
  }
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return match[1];
  }
}

function setIf(
  params: URLSearchParams,
  key: string,
  value: string | number | undefined,
) {
  if (value !== undefined && value !== '') {
    params.set(key, String(value));
  }
}
