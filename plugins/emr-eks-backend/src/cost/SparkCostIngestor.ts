import { LoggerService } from '@backstage/backend-plugin-api';
import { CostCluster, CostConfig } from './config';
import { CostStore, SparkAppDay, isoDay } from './CostStore';
import { KubecostClient, SparkAllocationRow } from './kubecost';
import { UpliftPrices } from './prices';
import { UpliftRate, estimateUplift } from './uplift';
import { NamespaceOwnerDirectory } from './virtualClusterDirectory';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Kubecost may still revise the most recent hours; each run takes their day again. */
const REVISION_HOURS = 3;

const floorHour = (time: number) => Math.floor(time / HOUR_MS) * HOUR_MS;
const floorDay = (time: number) => Math.floor(time / DAY_MS) * DAY_MS;

/**
 * One day's Spark rows as stored rows: each goes to the virtual cluster that holds its
 * namespace (a fact of emr-containers, which pod labels cannot change); rows in namespaces of
 * no virtual cluster are not a team's and are left out. An application is its SparkApplication
 * name, else its `spark-app-name`, else its `spark-app-selector`; reruns of one name add up.
 * The uplift is estimated only for pods that ran an EMR runtime image, at the region's price,
 * and is unknown (null) when the region has none.
 */
export function toSparkAppDays(
  rows: SparkAllocationRow[],
  cluster: CostCluster,
  owners: ReadonlyMap<string, string>,
  day: string,
  rate: UpliftRate | undefined,
): { days: SparkAppDay[]; outside: number } {
  const byKey = new Map<string, SparkAppDay>();
  let outside = 0;
  for (const row of rows) {
    const virtualClusterId = owners.get(row.namespace);
    if (!virtualClusterId) {
      outside += row.totalCost;
      continue;
    }
    const kind = row.operatorAppName ? 'spark-operator' : 'spark-submit';
    const application =
      row.operatorAppName ?? row.sparkAppName ?? row.sparkAppSelector ?? '';
    const key = JSON.stringify([
      virtualClusterId,
      row.namespace,
      kind,
      application,
      row.emrRuntime,
    ]);
    const uplift = row.emrRuntime
      ? estimateUplift(
          {
            cpuCoreHours: row.cpuCoreRequestHours,
            ramGbHours: row.ramGbRequestHours,
          },
          rate,
        )
      : 0;
    const known = byKey.get(key);
    if (known) {
      known.compute += row.totalCost;
      known.cpuRequestCoreHours += row.cpuCoreRequestHours;
      known.ramRequestGbHours += row.ramGbRequestHours;
      known.upliftEstimate =
        known.upliftEstimate === null || uplift === null
          ? null
          : known.upliftEstimate + uplift;
      continue;
    }
    byKey.set(key, {
      accountId: cluster.accountId,
      region: cluster.region,
      virtualClusterId,
      namespace: row.namespace,
      day,
      kind,
      application,
      emrRuntime: row.emrRuntime,
      compute: row.totalCost,
      cpuRequestCoreHours: row.cpuCoreRequestHours,
      ramRequestGbHours: row.ramGbRequestHours,
      upliftEstimate: uplift,
    });
  }
  return { days: [...byKey.values()], outside };
}

/**
 * Copies Kubecost's cost of Spark Operator and spark-submit applications in the virtual
 * clusters' namespaces into the cost history, a UTC day at a time: each day is asked for whole
 * (today up to the last full hour) and replaced in one transaction, so re-running never
 * double counts. Days from the mark's (less a few hours Kubecost may still revise) are taken
 * again on each run; `backfillDays` the first time.
 */
export class SparkCostIngestor {
  constructor(
    private readonly store: CostStore,
    private readonly clients: Map<string, KubecostClient>,
    private readonly directory: NamespaceOwnerDirectory,
    private readonly config: Pick<CostConfig, 'clusters' | 'backfillDays'>,
    private readonly prices: UpliftPrices,
    private readonly logger: LoggerService,
    private readonly now: () => number = Date.now,
  ) {}

  /** Ingests every configured cluster; one cluster's failure does not stop the others. */
  async run(): Promise<void> {
    const failures: string[] = [];
    await this.prices.refresh(this.config.clusters.map(c => c.region));
    for (const cluster of this.config.clusters) {
      try {
        await this.ingestCluster(cluster);
      } catch (error) {
        failures.push(cluster.name);
        this.logger.error(
          `Spark application cost ingestion from ${cluster.name} stopped; stored days stay as they were`,
          error as Error,
        );
      }
    }
    if (failures.length > 0) {
      throw new Error(
        `Spark application cost ingestion failed for ${failures.join(', ')}`,
      );
    }
  }

  async ingestCluster(cluster: CostCluster): Promise<void> {
    const client = this.clients.get(cluster.name)!;
    // Read before any day: without it nothing can be charged to a team, so nothing is written.
    const owners = await this.directory.namespaceOwnersOf(cluster);
    const end = floorHour(this.now());
    const mark = await this.store.completeUntil(`spark:${cluster.name}`);
    const backfillStart = floorDay(end - this.config.backfillDays * DAY_MS);
    let day = mark
      ? Math.max(
          backfillStart,
          floorDay(Math.min(mark.getTime(), end - REVISION_HOURS * HOUR_MS)),
        )
      : backfillStart;
    const rate = this.prices.priceFor(cluster.region);
    for (; day < end; day += DAY_MS) {
      const window = {
        start: new Date(day),
        end: new Date(Math.min(day + DAY_MS, end)),
      };
      const rows = await client.allocationBySparkApplication(window);
      const { days, outside } = toSparkAppDays(
        rows,
        cluster,
        owners,
        isoDay(window.start),
        rate,
      );
      await this.store.replaceSparkDays(cluster.name, window, days);
      this.logger.info(
        `Ingested Spark Operator and spark-submit cost of ${
          cluster.name
        } for ${isoDay(window.start)}: ${days.length} application rows${
          outside > 0
            ? `, $${outside.toFixed(
                2,
              )} in namespaces of no virtual cluster left out`
            : ''
        }`,
      );
    }
  }
}
