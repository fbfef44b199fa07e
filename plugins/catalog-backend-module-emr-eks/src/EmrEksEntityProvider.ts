import {
  EMRContainersClient,
  Endpoint,
  VirtualCluster,
  paginateListManagedEndpoints,
  paginateListVirtualClusters,
} from '@aws-sdk/client-emr-containers';
import {
  Application,
  EMRServerlessClient,
  GetApplicationCommand,
  paginateListApplications,
} from '@aws-sdk/client-emr-serverless';
import {
  LoggerService,
  SchedulerServiceTaskRunner,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { AwsCredentialsManager } from '@backstage/integration-aws-node';
import {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import {
  describeAwsError,
  emrEksClientOptions,
} from '@emr-eks/plugin-emr-eks-node';
import { ProviderConfig } from './config';
import {
  endpointEntity,
  serverlessApplicationEntity,
  virtualClusterEntity,
} from './entities';

const LIVE_CLUSTERS = ['RUNNING', 'ARRESTED'] as const;
const LIVE_ENDPOINTS = ['CREATING', 'ACTIVE', 'TERMINATING'] as const;
// Every application state but TERMINATED (deleted).
const LIVE_APPLICATIONS = [
  'CREATING',
  'CREATED',
  'STARTING',
  'STARTED',
  'STOPPING',
  'STOPPED',
] as const;

/**
 * Discovers the EMR on EKS virtual clusters and managed endpoints of one account in its
 * configured regions, and keeps them in the catalog as Resource entities.
 */
export class EmrEksEntityProvider implements EntityProvider {
  #connection?: EntityProviderConnection;
  /** The endpoints last listed for each virtual cluster ARN. */
  readonly #lastEndpoints = new Map<string, Entity[]>();
  /** The EMR Serverless applications last listed in each region. */
  readonly #lastApplications = new Map<string, Entity[]>();

  constructor(
    private readonly config: ProviderConfig,
    private readonly credentialsManager: AwsCredentialsManager,
    private readonly taskRunner: SchedulerServiceTaskRunner,
    private readonly logger: LoggerService,
  ) {}

  getProviderName(): string {
    return `emr-eks-provider:${this.config.id}`;
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.#connection = connection;
    await this.taskRunner.run({
      id: `${this.getProviderName()}:refresh`,
      fn: async () => {
        try {
          await this.refresh();
        } catch (error) {
          // Keep the last good entities and try again on the next run.
          this.logger.error(
            `${this.getProviderName()} could not discover EMR on EKS resources; the catalog keeps the previous ones`,
            error as Error,
          );
        }
      },
    });
  }

  /** Lists every region, then replaces this provider's entities in one go. */
  async refresh(): Promise<void> {
    if (!this.#connection) {
      throw new Error(
        `${this.getProviderName()} is not connected to the catalog`,
      );
    }
    const perRegion = await Promise.all(
      this.config.regions.map(async region => [
        ...(await this.discover(region)),
        ...(await this.discoverApplications(region)),
      ]),
    );
    const entities = perRegion.flat();
    await this.#connection.applyMutation({
      type: 'full',
      entities: entities.map(entity => ({
        entity,
        locationKey: this.getProviderName(),
      })),
    });
    this.logger.info(
      `${this.getProviderName()} found ${
        entities.length
      } EMR on EKS and EMR Serverless resources in ${this.config.regions.join(
        ', ',
      )}`,
    );
  }

  private async discover(region: string): Promise<Entity[]> {
    const client = await this.client(region);
    const clusters: VirtualCluster[] = [];
    for await (const page of paginateListVirtualClusters(
      { client },
      { states: [...LIVE_CLUSTERS], containerProviderType: 'EKS' },
    )) {
      clusters.push(...(page.virtualClusters ?? []));
    }
    const entities: Entity[] = [];
    const failures: Array<{ id: string; error: unknown }> = [];
    for (const cluster of clusters) {
      const clusterEntity = virtualClusterEntity(cluster, region, this.config);
      entities.push(clusterEntity);
      try {
        const endpoints = await this.listEndpoints(client, cluster.id!);
        const endpointEntities = endpoints.map(endpoint =>
          endpointEntity(
            endpoint,
            clusterEntity,
            cluster.tags,
            region,
            this.config,
          ),
        );
        this.#lastEndpoints.set(cluster.arn!, endpointEntities);
        entities.push(...endpointEntities);
      } catch (error) {
        // A cluster is still a cluster when its endpoints cannot be listed (an IAM policy
        // without ListManagedEndpoints, an endpoint that lacks the operation): keep its
        // last known endpoints and say once per region what went wrong.
        failures.push({ id: cluster.id!, error });
        entities.push(...(this.#lastEndpoints.get(cluster.arn!) ?? []));
      }
    }
    if (failures.length > 0) {
      this.logger.warn(
        `${this.getProviderName()} could not list the managed endpoints of ${
          failures.length
        } virtual cluster(s) in ${region} (${failures
          .map(f => f.id)
          .join(
            ', ',
          )}); their last known endpoints are kept: ${describeAwsError(
          failures[0].error,
          'ListManagedEndpoints',
        )}`,
      );
    }
    return entities;
  }

  /**
   * The region's EMR Serverless applications. A failure degrades this region's
   * applications only: their last known entities are kept and the reason logged, so one
   * region without EMR Serverless (or without the IAM permission) never hides the rest.
   */
  private async discoverApplications(region: string): Promise<Entity[]> {
    if (this.config.emrServerless === false) return [];
    try {
      const client = await this.serverlessClient(region);
      const summaries = [];
      for await (const page of paginateListApplications(
        { client },
        { states: [...LIVE_APPLICATIONS] },
      )) {
        summaries.push(...(page.applications ?? []));
      }
      // Tags (the owner) are only on the full application.
      const applications: Application[] = [];
      for (const summary of summaries) {
        const { application } = await client.send(
          new GetApplicationCommand({ applicationId: summary.id! }),
        );
        if (application) applications.push(application);
      }
      const entities = applications.map(application =>
        serverlessApplicationEntity(application, region, this.config),
      );
      this.#lastApplications.set(region, entities);
      return entities;
    } catch (error) {
      const kept = this.#lastApplications.get(region) ?? [];
      this.logger.warn(
        `${this.getProviderName()} could not discover EMR Serverless applications in ${region}; ${
          kept.length
        } last known kept: ${describeAwsError(error, 'ListApplications', {
          service: 'EMR Serverless',
        })}`,
      );
      return kept;
    }
  }

  private async serverlessClient(region: string): Promise<EMRServerlessClient> {
    const { sdkCredentialProvider } =
      await this.credentialsManager.getCredentialProvider({
        accountId: this.config.accountId,
      });
    return new EMRServerlessClient(
      emrEksClientOptions({
        region,
        endpoint: this.config.serverlessEndpoint ?? this.config.endpoint,
        credentials: sdkCredentialProvider,
        component: 'catalog',
      }),
    );
  }

  private async listEndpoints(
    client: EMRContainersClient,
    virtualClusterId: string,
  ): Promise<Endpoint[]> {
    const endpoints: Endpoint[] = [];
    for await (const page of paginateListManagedEndpoints(
      { client },
      { virtualClusterId, states: [...LIVE_ENDPOINTS] },
    )) {
      endpoints.push(...(page.endpoints ?? []));
    }
    return endpoints;
  }

  private async client(region: string): Promise<EMRContainersClient> {
    const { sdkCredentialProvider } =
      await this.credentialsManager.getCredentialProvider({
        accountId: this.config.accountId,
      });
    return new EMRContainersClient(
      emrEksClientOptions({
        region,
        endpoint: this.config.endpoint,
        credentials: sdkCredentialProvider,
        component: 'catalog',
      }),
    );
  }
}
