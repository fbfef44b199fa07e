import {
  DatabaseService,
  LoggerService,
  PermissionsService,
  RootConfigService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { AthenaClient } from '@aws-sdk/client-athena';
import { EMRServerlessClient } from '@aws-sdk/client-emr-serverless';
import { PricingClient } from '@aws-sdk/client-pricing';
import { DefaultAwsCredentialsManager } from '@backstage/integration-aws-node';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { emrEksClientOptions } from '@emr-eks/plugin-emr-eks-node';
import { readEmrEksConfig } from '../config';
import { EmrContainersClientProvider } from '../services/EmrContainersClientProvider';
import { readBudgetsConfig } from './budget';
import { readCostConfig } from './config';
import { CostIngestor } from './CostIngestor';
import { CostStore } from './CostStore';
import { CurIngestor } from './CurIngestor';
import { DefaultCostService } from './DefaultCostService';
import { DefaultKubecostClient, KubecostClient } from './kubecost';
import { UpliftPrices } from './prices';
import { ServerlessCostIngestor } from './ServerlessCostIngestor';
import { ServerlessPrices } from './serverlessPrices';
import { SparkCostIngestor } from './SparkCostIngestor';
import { EmrContainersVirtualClusterDirectory } from './virtualClusterDirectory';

/**
 * Sets up cost when `emrEks.cost` is configured: the store (migrated), the uplift prices
 * (read from the Price List, when enabled, at each ingestion), the hourly Kubecost
 * ingestion, the EMR Serverless job runs' ingestion (unless `serverless.enabled` is false),
 * the Spark Operator and spark-submit applications' ingestion (unless
 * `sparkApplications.enabled` is false) and, with `cur`, the CUR ingestion (each run by one replica at a time through the
 * scheduler's lock), and the service.
 */
export async function createCost(deps: {
  config: RootConfigService;
  database: DatabaseService;
  scheduler: SchedulerService;
  logger: LoggerService;
  catalog: CatalogService;
  permissions: PermissionsService;
}): Promise<DefaultCostService | undefined> {
  const config = readCostConfig(deps.config);
  if (!config) {
    return undefined;
  }
  const store = await CostStore.create(deps.database);
  const clients = new Map<string, KubecostClient>(
    config.clusters.map(cluster => [
      cluster.name,
      DefaultKubecostClient.create({
        baseUrl: cluster.baseUrl,
        flavor: cluster.flavor,
        logger: deps.logger,
      }),
    ]),
  );
  const credentials = DefaultAwsCredentialsManager.fromConfig(deps.config);
  // The namespaces of the virtual clusters come from emr-containers, through the same
  // clients (endpoint, credentials, role) as the rest of the plugin.
  const emrConfig = readEmrEksConfig(deps.config);
  const emrContainers = new EmrContainersClientProvider(credentials, emrConfig);
  const directory = new EmrContainersVirtualClusterDirectory(target =>
    emrContainers.getClient(target),
  );
  // The Price List Query API answers from us-east-1 (and a few other regions) for every region.
  const pricing =
    config.priceList &&
    new PricingClient(
      emrEksClientOptions({
        region: 'us-east-1',
        endpoint: config.priceList.endpoint,
        credentials: async () =>
          (await credentials.getCredentialProvider()).sdkCredentialProvider(),
        component: 'backend',
      }),
    );
  const prices = new UpliftPrices(config.upliftPrices, deps.logger, pricing);
  const ingestor = new CostIngestor(
    store,
    clients,
    directory,
    config,
    prices,
    deps.logger,
  );
  await deps.scheduler.scheduleTask({
    id: 'emr-eks-cost-ingestion',
    ...config.schedule,
    fn: () => ingestor.run(),
  });
  if (config.sparkApplications) {
    const spark = new SparkCostIngestor(
      store,
      clients,
      directory,
      config,
      prices,
      deps.logger,
    );
    await deps.scheduler.scheduleTask({
      id: 'emr-eks-spark-cost-ingestion',
      ...config.schedule,
      fn: () => spark.run(),
    });
  }
  if (config.serverless) {
    // The same credentials, role and endpoint as the plugin's EMR Serverless routes.
    const serverless = new ServerlessCostIngestor(
      store,
      async target =>
        new EMRServerlessClient(
          emrEksClientOptions({
            region: target.region,
            credentials: await emrContainers.credentialsFor(target),
            endpoint: emrConfig.serverlessEndpoint ?? emrConfig.endpoint,
            maxAttempts: emrConfig.maxAttempts,
            component: 'backend',
          }),
        ),
      {
        targets: emrConfig.accounts.flatMap(account =>
          account.regions.map(region => ({
            accountId: account.accountId,
            region,
          })),
        ),
        lookbackDays: config.serverless.lookbackDays,
        backfillDays: config.backfillDays,
        ownership: emrConfig.ownership,
      },
      new ServerlessPrices(config.serverless.prices),
      deps.logger,
    );
    await deps.scheduler.scheduleTask({
      id: 'emr-eks-serverless-cost-ingestion',
      ...config.schedule,
      fn: () => serverless.run(),
    });
  }
  if (config.cur) {
    const cur = config.cur;
    const athena = new AthenaClient(
      emrEksClientOptions({
        region: cur.region,
        credentials: async () =>
          (
            await credentials.getCredentialProvider({
              accountId: cur.accountId,
            })
          ).sdkCredentialProvider(),
        component: 'backend',
      }),
    );
    const curIngestor = new CurIngestor(store, athena, cur, deps.logger);
    // The CUR is refreshed a few times a day; reading it every six hours is enough.
    await deps.scheduler.scheduleTask({
      id: 'emr-eks-cur-ingestion',
      frequency: { hours: 6 },
      timeout: { minutes: 15 },
      initialDelay: { minutes: 1 },
      fn: () => curIngestor.run(),
    });
  }
  return new DefaultCostService(
    deps.catalog,
    deps.permissions,
    store,
    Date.now,
    readBudgetsConfig(deps.config),
  );
}
