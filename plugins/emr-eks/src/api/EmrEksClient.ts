import { CompoundEntityRef } from '@backstage/catalog-model';
import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { JobRunPage, JobRunQuery } from '@emr-eks/plugin-emr-eks-common';
import { EmrEksApi } from './EmrEksApi';

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
    const { namespace, kind, name } = entityRef;
    const path = [namespace, kind, name].map(encodeURIComponent).join('/');
    const search = toSearchParams(query).toString();
    return this.get<JobRunPage>(
      `/v1/entity/${path}/job-runs${search ? `?${search}` : ''}`,
    );
  }

  private async get<T>(path: string): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('emr-eks');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}

function toSearchParams(query: JobRunQuery): URLSearchParams {
  const params = new URLSearchParams();
  for (const state of query.states ?? []) {
    params.append('states', state);
  }
  if (query.createdAfter) {
    params.set('createdAfter', query.createdAfter);
  }
  if (query.createdBefore) {
    params.set('createdBefore', query.createdBefore);
  }
  if (query.name) {
    params.set('name', query.name);
  }
  if (query.maxResults !== undefined) {
    params.set('maxResults', String(query.maxResults));
  }
  if (query.nextToken) {
    params.set('nextToken', query.nextToken);
  }
  return params;
}
