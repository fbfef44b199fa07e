import {
  DatabaseService,
  LoggerService,
  PermissionsService,
  RootConfigService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { readCostConfig } from './config';
import { CostIngestor } from './CostIngestor';
import { CostStore } from './CostStore';
import { DefaultCostService } from './DefaultCostService';
import { DefaultKubecostClient, KubecostClient } from './kubecost';

/**
 * Sets up cost when `emrEks.cost` is configured: the store (migrated), the hourly ingestion
 * task (run by one replica at a time through the scheduler's lock) and the service.
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
  const ingestor = new CostIngestor(store, clients, config, deps.logger);
  await deps.scheduler.scheduleTask({
    id: 'emr-eks-cost-ingestion',
    ...config.schedule,
    fn: () => ingestor.run(),
  });
  return new DefaultCostService(deps.catalog, deps.permissions, store);
}
