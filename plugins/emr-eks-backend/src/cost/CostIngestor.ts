import { LoggerService } from '@backstage/backend-plugin-api';
import { AttributedRow, UnattributedRow, attribute } from './attribution';
import { CostCluster, CostConfig } from './config';
import { CostStore, HourlyCost, UnattributedHour } from './CostStore';
import { KubecostClient, joinCapacity } from './kubecost';
import { UpliftPrices } from './prices';
import { UpliftRate, estimateUplift } from './uplift';
import { VirtualClusterDirectory } from './virtualClusterDirectory';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Kubecost may still revise the most recent hours; each run takes them again. */
const REVISION_HOURS = 3;
const GIB = 2 ** 30;

const floorHour = (time: number) => Math.floor(time / HOUR_MS) * HOUR_MS;

/** Adds an estimate to a running sum; unknown stays unknown. */
const addUplift = (sum: number | null, estimate: number | null) =>
  sum === null || estimate === null ? null : sum + estimate;

/**
 * Sums pod allocations into one row per job run, component, capacity type and hour, with the
 * uplift estimate from the pods' requested vCPU and memory at the cluster region's price
 * (null, unknown, when that region has no price).
 */
export function toHourlyCosts(
  rows: AttributedRow[],
  cluster: CostCluster,
  rate: UpliftRate | undefined,
): HourlyCost[] {
  const byKey = new Map<string, HourlyCost>();
  for (const row of rows) {
    const hour = new Date(floorHour(Date.parse(row.windowStart)));
    const key = [
      row.virtualClusterId,
      row.jobRunId,
      row.component,
      row.capacityType,
      hour.getTime(),
    ].join('|');
    let cost = byKey.get(key);
    if (!cost) {
      cost = {
        virtualClusterId: row.virtualClusterId,
        jobRunId: row.jobRunId,
        component: row.component,
        capacityType: row.capacityType,
        hour,
        accountId: cluster.accountId,
        region: cluster.region,
        cpuCost: 0,
        ramCost: 0,
        pvCost: 0,
        networkCost: 0,
        totalCost: 0,
        cpuRequestCoreHours: 0,
        ramRequestGbHours: 0,
        cpuUsageCoreHours: 0,
        ramUsageGbHours: 0,
        upliftEstimate: 0,
      };
      byKey.set(key, cost);
    }
    const hours = row.minutes / 60;
    cost.cpuCost += row.cpuCost;
    cost.ramCost += row.ramCost;
    cost.pvCost += row.pvCost;
    cost.networkCost += row.networkCost;
    cost.totalCost += row.totalCost;
    cost.cpuRequestCoreHours += row.cpuCoreRequestHours;
    cost.ramRequestGbHours += row.ramGbRequestHours;
    cost.cpuUsageCoreHours += row.cpuCoreUsageAverage * hours;
    cost.ramUsageGbHours += (row.ramByteUsageAverage * hours) / GIB;
    cost.upliftEstimate = addUplift(
      cost.upliftEstimate,
      estimateUplift(
        {
          cpuCoreHours: row.cpuCoreRequestHours,
          ramGbHours: row.ramGbRequestHours,
        },
        rate,
      ),
    );
  }
  return [...byKey.values()];
}

/** Sums unattributed pod rows per hour, namespace, labels and reason; nothing is dropped. */
export function toUnattributedHours(
  rows: UnattributedRow[],
  cluster: CostCluster,
  rate: UpliftRate | undefined,
): UnattributedHour[] {
  const byKey = new Map<string, UnattributedHour>();
  for (const row of rows) {
    const hour = new Date(floorHour(Date.parse(row.windowStart)));
    const namespace = row.namespace ?? '';
    const virtualClusterId = row.virtualClusterId ?? '';
    const jobRunId = row.jobRunId ?? '';
    const key = JSON.stringify([
      hour.getTime(),
      namespace,
      virtualClusterId,
      jobRunId,
      row.reason,
    ]);
    let cost = byKey.get(key);
    if (!cost) {
      cost = {
        hour,
        accountId: cluster.accountId,
        region: cluster.region,
        namespace,
        virtualClusterId,
        jobRunId,
        reason: row.reason,
        totalCost: 0,
        upliftEstimate: 0,
      };
      byKey.set(key, cost);
    }
    cost.totalCost += row.totalCost;
    cost.upliftEstimate = addUplift(
      cost.upliftEstimate,
      estimateUplift(
        {
          cpuCoreHours: row.cpuCoreRequestHours,
          ramGbHours: row.ramGbRequestHours,
        },
        rate,
      ),
    );
  }
  return [...byKey.values()];
}

/**
 * Copies Kubecost's per-pod costs of EMR on EKS jobs into the plugin's database, a day at a
 * time. Each day is replaced whole in one transaction and the completeness mark moves only
 * after it, so re-running never double counts and a restart mid-run resumes with no gap.
 * A pod's cost goes to the virtual cluster its labels name only when it ran in that virtual
 * cluster's namespace; the rest is kept apart as unattributed.
 */
export class CostIngestor {
  constructor(
    private readonly store: CostStore,
    private readonly clients: Map<string, KubecostClient>,
    private readonly directory: VirtualClusterDirectory,
    private readonly config: CostConfig,
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
          `EMR on EKS cost ingestion from ${cluster.name} stopped; stored history stays complete up to its last mark`,
          error as Error,
        );
      }
    }
    await this.store.prune(
      new Date(this.now() - this.config.retentionDays * DAY_MS),
    );
    if (failures.length > 0) {
      throw new Error(`Cost ingestion failed for ${failures.join(', ')}`);
    }
  }

  async ingestCluster(cluster: CostCluster): Promise<void> {
    const client = this.clients.get(cluster.name)!;
    // Read before any window: without it nothing can be attributed, so nothing is written.
    const namespaces = await this.directory.namespacesOf(cluster);
    const end = floorHour(this.now());
    const backfillStart = floorHour(end - this.config.backfillDays * DAY_MS);
    const mark = await this.store.completeUntil(`kubecost:${cluster.name}`);
    let start = mark
      ? Math.max(
          backfillStart,
          Math.min(mark.getTime(), end - REVISION_HOURS * HOUR_MS),
        )
      : backfillStart;
    while (start < end) {
      const chunkEnd = Math.min(start + DAY_MS, end);
      const window = { start: new Date(start), end: new Date(chunkEnd) };
      const [allocations, nodes] = await Promise.all([
        client.allocationByJob(window, { step: '1h' }),
        client.nodes(window),
      ]);
      const { attributed, unattributed } = attribute(
        joinCapacity(allocations, nodes),
        namespaces,
      );
      const rate = this.prices.priceFor(cluster.region);
      const rows = toHourlyCosts(attributed, cluster, rate);
      const apart = toUnattributedHours(unattributed, cluster, rate);
      await this.store.replaceHours(cluster.name, window, rows, apart);
      this.logger.info(
        `Ingested EMR on EKS cost of ${
          cluster.name
        } for ${window.start.toISOString()} – ${window.end.toISOString()}: ${
          rows.length
        } rows, ${apart.length} unattributed`,
      );
      start = chunkEnd;
    }
  }
}
