import { JobRun, ListJobRunsCommand } from '@aws-sdk/client-emr-containers';
import {
  LoggerService,
  PermissionsService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { DefaultAwsCredentialsManager } from '@backstage/integration-aws-node';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  JobRunPage,
  JobRunSummary,
  emrEksJobRunReadPermission,
} from '@emr-eks/plugin-emr-eks-common';
import { readEmrEksConfig } from '../config';
import { mapAwsError } from './awsErrors';
import { EmrContainersClientProvider } from './EmrContainersClientProvider';
import type { EmrEksService, EntityRequest } from './types';
import { resolveVirtualCluster } from './virtualClusters';
import type { JobRunQuery } from '@emr-eks/plugin-emr-eks-common';

/** The default {@link EmrEksService}: the emr-containers API through the AWS SDK. */
export class DefaultEmrEksService implements EmrEksService {
  private constructor(
    private readonly catalog: CatalogService,
    private readonly permissions: PermissionsService,
    private readonly clients: EmrContainersClientProvider,
    private readonly logger: LoggerService,
  ) {}

  static create(options: {
    config: RootConfigService;
    catalog: CatalogService;
    permissions: PermissionsService;
    logger: LoggerService;
  }): DefaultEmrEksService {
    const clients = new EmrContainersClientProvider(
      DefaultAwsCredentialsManager.fromConfig(options.config),
      readEmrEksConfig(options.config),
    );
    return new DefaultEmrEksService(
      options.catalog,
      options.permissions,
      clients,
      options.logger,
    );
  }

  async listJobRuns(
    request: EntityRequest & { query: JobRunQuery },
  ): Promise<JobRunPage> {
    const vc = await resolveVirtualCluster(
      { catalog: this.catalog, permissions: this.permissions },
      request,
      emrEksJobRunReadPermission,
    );
    const { query } = request;
    const what = `virtual cluster ${vc.virtualClusterId} in ${vc.accountId}/${vc.region}`;
    try {
      const client = await this.clients.getClient(vc);
      const output = await client.send(
        new ListJobRunsCommand({
          virtualClusterId: vc.virtualClusterId,
          states: query.states,
          createdAfter: toDate(query.createdAfter),
          createdBefore: toDate(query.createdBefore),
          name: query.name,
          maxResults: query.maxResults,
          nextToken: query.nextToken,
        }),
      );
      return {
        items: (output.jobRuns ?? []).map(toJobRunSummary),
        nextToken: output.nextToken,
      };
    } catch (error) {
      const mapped = mapAwsError(error, what);
      this.logger.warn(`ListJobRuns failed for ${what}: ${mapped.message}`);
      throw mapped;
    }
  }
}

function toDate(value: string | undefined) {
  return value === undefined ? undefined : new Date(value);
}

function iso(date: Date | undefined) {
  return date?.toISOString();
}

/** The list view's fields of an SDK JobRun, timestamps as ISO strings. */
export function toJobRunSummary(run: JobRun): JobRunSummary {
  return {
    id: run.id!,
    name: run.name,
    arn: run.arn,
    virtualClusterId: run.virtualClusterId!,
    state: run.state as JobRunSummary['state'],
    releaseLabel: run.releaseLabel,
    executionRoleArn: run.executionRoleArn,
    createdAt: iso(run.createdAt),
    createdBy: run.createdBy,
    finishedAt: iso(run.finishedAt),
    failureReason: run.failureReason as JobRunSummary['failureReason'],
    stateDetails: run.stateDetails,
  };
}
