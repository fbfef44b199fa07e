import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import type {
  CapacityType,
  CostWindow,
  ServerlessApplicationKey,
  SparkApplicationCostKind,
  SparkComponent,
  UnattributedCost,
  UnattributedReason,
  VirtualClusterKey,
} from '@emr-eks/plugin-emr-eks-common';
import { Knex } from 'knex';

const HOURLY = 'emr_eks_cost_hourly';
const DAILY = 'emr_eks_cost_daily_v2';
const UNATTRIBUTED = 'emr_eks_cost_unattributed';
const SUMMED = [
  'total_cost',
  'cpu_request_core_hours',
  'ram_request_gb_hours',
  'cpu_usage_core_hours',
  'ram_usage_gb_hours',
];
const BILLED = 'emr_eks_uplift_billed_v2';

/**
 * The sum of the uplift estimates, unknown (null) when any of them is: a region without a
 * price stores null, and SQL's SUM would skip those rows and report a partial figure as whole.
 */
const knownSum = (db: Knex, column: string, as: string) =>
  db.raw('case when count(??) = count(*) then sum(??) end as ??', [
    column,
    column,
    as,
  ]);
const STATE = 'emr_eks_cost_state';
const SERVERLESS = 'emr_eks_serverless_cost';
const SPARK = 'emr_eks_spark_app_cost_daily';
// Rows per INSERT: Knex writes a multi-row insert on SQLite as a compound SELECT, which
// SQLite caps at 500 terms; PostgreSQL takes larger batches within its bind limit.
const batchSize = (db: Knex) =>
  String(db.client.config.client).includes('sqlite') ? 400 : 2000;

/** The cost of one job run's pods of one component on one capacity type, for one hour. */
export interface HourlyCost {
  virtualClusterId: string;
  jobRunId: string;
  component: SparkComponent;
  capacityType: CapacityType;
  /** Start of the hour, UTC. */
  hour: Date;
  accountId: string;
  region: string;
  cpuCost: number;
  ramCost: number;
  pvCost: number;
  networkCost: number;
  totalCost: number;
  cpuRequestCoreHours: number;
  ramRequestGbHours: number;
  cpuUsageCoreHours: number;
  ramUsageGbHours: number;
  /** Null when the region's EMR on EKS price is not known. */
  upliftEstimate: number | null;
}

/**
 * Cost of EMR pods in one hour that no virtual cluster is charged with, for one namespace,
 * virtual cluster id label, job run id label and reason (empty strings for what is unknown).
 */
export interface UnattributedHour {
  hour: Date;
  accountId: string;
  region: string;
  namespace: string;
  virtualClusterId: string;
  jobRunId: string;
  reason: UnattributedReason;
  totalCost: number;
  upliftEstimate: number | null;
}

/** Billed EMR uplift of one job run on one UTC day, from the CUR. */
export interface BilledUplift {
  accountId: string;
  region: string;
  virtualClusterId: string;
  jobRunId: string;
  day: string;
  cost: number;
}

/**
 * One job run on one day: compute, the uplift estimate, and the billed uplift if any. A day
 * the CUR bills but Kubecost has no pods for has compute 0 and no estimate.
 */
export interface JobDay {
  accountId: string;
  region: string;
  virtualClusterId: string;
  jobRunId: string;
  day: string;
  compute: number;
  /** Null when unknown: the region has no price, or Kubecost reported no pods that day. */
  upliftEstimate: number | null;
  upliftBilled: number | null;
  cpuRequestCoreHours: number;
  ramRequestGbHours: number;
  cpuUsageCoreHours: number;
  ramUsageGbHours: number;
}

const numberOrNull = (value: unknown) =>
  value === null || value === undefined ? null : Number(value);

/**
 * What a completeness mark is for: one cluster's Kubecost job runs, the CUR, EMR Serverless in
 * one account and region (`serverless:ACCOUNT/REGION`), or one cluster's Spark Operator and
 * spark-submit applications (`spark:CLUSTER`).
 */
export type CostSource =
  | `kubecost:${string}`
  | 'cur'
  | `serverless:${string}`
  | `spark:${string}`;

/** One Spark Operator or spark-submit application's cost in a virtual cluster's namespace on one day. */
export interface SparkAppDay extends VirtualClusterKey {
  namespace: string;
  day: string;
  kind: SparkApplicationCostKind;
  application: string;
  emrRuntime: boolean;
  compute: number;
  cpuRequestCoreHours: number;
  ramRequestGbHours: number;
  /** 0 off the EMR runtime; null when on it and the region is unpriced. */
  upliftEstimate: number | null;
}

/** One finished EMR Serverless job run's billed use and its cost. */
export interface ServerlessRunCost extends ServerlessApplicationKey {
  jobRunId: string;
  endedAt: Date;
  state: string;
  applicationName?: string;
  team?: string;
  architecture?: string;
  vcpuHours: number;
  memoryGbHours: number;
  storageGbHours: number;
  /** Null when unpriced; `price` is then absent and `unpricedReason` says why. */
  cost: number | null;
  price?: {
    vcpuHour: number;
    memoryGbHour: number;
    storageGbHour: number;
    source: string;
  };
  unpricedReason?: string;
}

/** An application's runs that ended on one day at one price (or unpriced for one reason). */
export interface ServerlessDay extends ServerlessApplicationKey {
  day: string;
  jobRuns: number;
  vcpuHours: number;
  memoryGbHours: number;
  storageGbHours: number;
  /** Null when the runs are unpriced. */
  cost: number | null;
  price?: {
    vcpuHour: number;
    memoryGbHour: number;
    storageGbHour: number;
    source: string;
  };
  unpricedReason?: string;
}

const applicationRecord = (app: ServerlessApplicationKey) => ({
  account_id: app.accountId,
  region: app.region,
  application_id: app.applicationId,
});

export const isoHour = (date: Date) => date.toISOString();
export const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/** The plugin's cost history in its own database (SQLite locally, PostgreSQL in production). */
export class CostStore {
  private constructor(private readonly db: Knex) {}

  static async create(database: DatabaseService): Promise<CostStore> {
    const db = await database.getClient();
    if (!database.migrations?.skip) {
      await db.migrate.latest({
        directory: resolvePackagePath(
          '@emr-eks/plugin-emr-eks-backend',
          'migrations',
        ),
      });
    }
    return new CostStore(db);
  }

  /**
   * Replaces every hour of `cluster` in `window` with `rows` (and the cost no virtual cluster
   * is charged with by `unattributed`) in one transaction, so re-ingesting a window never
   * counts twice, and moves the cluster's completeness mark to the window's end.
   */
  async replaceHours(
    cluster: string,
    window: { start: Date; end: Date },
    rows: HourlyCost[],
    unattributed: UnattributedHour[] = [],
  ) {
    await this.db.transaction(async tx => {
      for (const table of [HOURLY, UNATTRIBUTED]) {
        await tx(table)
          .where('cluster', cluster)
          .andWhere('hour', '>=', isoHour(window.start))
          .andWhere('hour', '<', isoHour(window.end))
          .delete();
      }
      const size = batchSize(this.db);
      for (let i = 0; i < rows.length; i += size) {
        await tx(HOURLY).insert(
          rows.slice(i, i + size).map(row => toRecord(cluster, row)),
        );
      }
      for (let i = 0; i < unattributed.length; i += size) {
        await tx(UNATTRIBUTED).insert(
          unattributed
            .slice(i, i + size)
            .map(row => toUnattributedRecord(cluster, row)),
        );
      }
      await this.rebuildDays(tx, cluster, window);
      await this.markComplete(tx, `kubecost:${cluster}`, window.end);
    });
  }

  /** Recomputes the daily sums of every day `window` touches from the hourly rows. */
  private async rebuildDays(
    tx: Knex.Transaction,
    cluster: string,
    window: { start: Date; end: Date },
  ) {
    const first = isoDay(window.start);
    const last = isoDay(new Date(window.end.getTime() - 1));
    await tx(DAILY)
      .where('cluster', cluster)
      .andWhere('day', '>=', first)
      .andWhere('day', '<=', last)
      .delete();
    const keys = [
      'account_id',
      'region',
      'cluster',
      'virtual_cluster_id',
      'job_run_id',
      'day',
      'component',
      'capacity_type',
    ];
    await tx
      .into(tx.raw('?? (??)', [DAILY, [...keys, ...SUMMED, 'uplift_estimate']]))
      .insert(
        tx(HOURLY)
          .select(keys)
          .sum(Object.fromEntries(SUMMED.map(c => [c, c])))
          .select(knownSum(tx, 'uplift_estimate', 'uplift_estimate'))
          .where('cluster', cluster)
          .andWhere('day', '>=', first)
          .andWhere('day', '<=', last)
          .groupBy(keys),
      );
  }

  /** Replaces the billed uplift of the days `[startDay, endDay)`. */
  async replaceBilled(
    startDay: string,
    endDay: string,
    rows: BilledUplift[],
    until: Date,
  ) {
    await this.db.transaction(async tx => {
      await tx(BILLED)
        .where('day', '>=', startDay)
        .andWhere('day', '<', endDay)
        .delete();
      const size = batchSize(this.db);
      for (let i = 0; i < rows.length; i += size) {
        await tx(BILLED).insert(
          rows.slice(i, i + size).map(r => ({
            account_id: r.accountId,
            region: r.region,
            virtual_cluster_id: r.virtualClusterId,
            job_run_id: r.jobRunId,
            day: r.day,
            cost: r.cost,
          })),
        );
      }
      await this.markComplete(tx, 'cur', until);
    });
  }

  async completeUntil(source: CostSource): Promise<Date | undefined> {
    const row = await this.db(STATE).where({ source }).first();
    return row ? new Date(row.complete_until) : undefined;
  }

  /**
   * The earliest completeness mark over every cluster's Kubecost (job runs and Spark
   * applications): history is whole up to it.
   */
  async kubecostCompleteUntil(): Promise<Date | undefined> {
    const row = await this.db(STATE)
      .where('source', 'like', 'kubecost:%')
      .orWhere('source', 'like', 'spark:%')
      .min({ until: 'complete_until' })
      .first();
    return row?.until ? new Date(row.until) : undefined;
  }

  /** The earliest hour the history holds (pruning moves it); undefined when it is empty. */
  async historyStart(): Promise<Date | undefined> {
    const [hourly, serverless, spark] = await Promise.all([
      this.db(HOURLY).min({ at: 'hour' }).first(),
      this.db(SERVERLESS).min({ at: 'day' }).first(),
      this.db(SPARK).min({ at: 'day' }).first(),
    ]);
    const starts = [hourly?.at, serverless?.at, spark?.at]
      .filter(Boolean)
      .map(at => Date.parse(at.length === 10 ? `${at}T00:00:00Z` : at));
    return starts.length > 0 ? new Date(Math.min(...starts)) : undefined;
  }

  /** Drops history older than `before` (whole days for the daily sums). */
  async prune(before: Date) {
    await this.db(HOURLY).where('hour', '<', isoHour(before)).delete();
    await this.db(DAILY).where('day', '<', isoDay(before)).delete();
    await this.db(BILLED).where('day', '<', isoDay(before)).delete();
    await this.db(UNATTRIBUTED).where('hour', '<', isoHour(before)).delete();
    await this.db(SERVERLESS).where('day', '<', isoDay(before)).delete();
    await this.db(SPARK).where('day', '<', isoDay(before)).delete();
  }

  /**
   * Replaces the Spark applications' cost of `cluster` on every UTC day `window` touches with
   * `rows`, in one transaction (re-ingesting a day never counts twice), and moves the
   * cluster's Spark completeness mark to the window's end.
   */
  async replaceSparkDays(
    cluster: string,
    window: { start: Date; end: Date },
    rows: SparkAppDay[],
  ) {
    await this.db.transaction(async tx => {
      await tx(SPARK)
        .where('cluster', cluster)
        .andWhere('day', '>=', isoDay(window.start))
        .andWhere('day', '<=', isoDay(new Date(window.end.getTime() - 1)))
        .delete();
      const size = batchSize(this.db);
      for (let i = 0; i < rows.length; i += size) {
        await tx(SPARK).insert(
          rows.slice(i, i + size).map(row => ({
            account_id: row.accountId,
            region: row.region,
            cluster,
            virtual_cluster_id: row.virtualClusterId,
            namespace: row.namespace,
            day: row.day,
            kind: row.kind,
            application: row.application,
            emr_runtime: row.emrRuntime,
            total_cost: row.compute,
            cpu_request_core_hours: row.cpuRequestCoreHours,
            ram_request_gb_hours: row.ramRequestGbHours,
            uplift_estimate: row.upliftEstimate,
          })),
        );
      }
      await this.markComplete(tx, `spark:${cluster}`, window.end);
    });
  }

  /** Per application and day, the Spark applications of the given virtual clusters in a window. */
  async sparkAppDays(
    virtualClusters: VirtualClusterKey[],
    window: CostWindow,
  ): Promise<SparkAppDay[]> {
    if (virtualClusters.length === 0) {
      return [];
    }
    // Summed over cost clusters: one virtual cluster is on one EKS cluster, but two cost
    // clusters may be configured for it.
    const keys = [
      'account_id',
      'region',
      'virtual_cluster_id',
      'namespace',
      'day',
      'kind',
      'application',
      'emr_runtime',
    ];
    const rows = await this.db(SPARK)
      .select(keys)
      .sum({
        compute: 'total_cost',
        cpu_request_core_hours: 'cpu_request_core_hours',
        ram_request_gb_hours: 'ram_request_gb_hours',
      })
      .select(knownSum(this.db, 'uplift_estimate', 'uplift_estimate'))
      .modify(q => inWindow(q, virtualClusters, window))
      .groupBy(keys);
    return rows.map(r => ({
      accountId: r.account_id,
      region: r.region,
      virtualClusterId: r.virtual_cluster_id,
      namespace: r.namespace,
      day: r.day,
      kind: r.kind,
      application: r.application,
      // SQLite answers 1/0, PostgreSQL true/false.
      emrRuntime: Boolean(r.emr_runtime),
      compute: Number(r.compute),
      cpuRequestCoreHours: Number(r.cpu_request_core_hours),
      ramRequestGbHours: Number(r.ram_request_gb_hours),
      upliftEstimate: numberOrNull(r.uplift_estimate),
    }));
  }

  /** Which of `jobRunIds` of the application are stored already (finished runs never change). */
  async storedServerlessRuns(
    app: ServerlessApplicationKey,
    jobRunIds: string[],
  ): Promise<Set<string>> {
    const stored = new Set<string>();
    const size = batchSize(this.db);
    for (let i = 0; i < jobRunIds.length; i += size) {
      const rows = await this.db(SERVERLESS)
        .select('job_run_id')
        .where(applicationRecord(app))
        .whereIn('job_run_id', jobRunIds.slice(i, i + size));
      rows.forEach(r => stored.add(r.job_run_id));
    }
    return stored;
  }

  /**
   * Stores finished runs (a run stored before is replaced, so re-ingesting never counts
   * twice) and moves the account and region's completeness mark to `until`.
   */
  async putServerlessRuns(
    target: { accountId: string; region: string },
    rows: ServerlessRunCost[],
    until: Date,
  ) {
    await this.db.transaction(async tx => {
      for (const row of rows) {
        await tx(SERVERLESS)
          .where({ ...applicationRecord(row), job_run_id: row.jobRunId })
          .delete();
      }
      const size = batchSize(this.db);
      for (let i = 0; i < rows.length; i += size) {
        await tx(SERVERLESS).insert(
          rows.slice(i, i + size).map(toServerlessRecord),
        );
      }
      await this.markComplete(
        tx,
        `serverless:${target.accountId}/${target.region}`,
        until,
      );
    });
  }

  /** Per application, day and price, the runs of the given applications that ended in the window. */
  async serverlessDays(
    apps: ServerlessApplicationKey[],
    window: CostWindow,
  ): Promise<ServerlessDay[]> {
    if (apps.length === 0) {
      return [];
    }
    const keys = [
      'account_id',
      'region',
      'application_id',
      'day',
      'vcpu_hour_price',
      'memory_gb_hour_price',
      'storage_gb_hour_price',
      'price_source',
      'unpriced_reason',
    ];
    const rows = await this.db(SERVERLESS)
      .select(keys)
      .count({ job_runs: '*' })
      .sum({
        vcpu_hours: 'vcpu_hours',
        memory_gb_hours: 'memory_gb_hours',
        storage_gb_hours: 'storage_gb_hours',
      })
      .select(knownSum(this.db, 'cost', 'cost'))
      .where(q => {
        for (const app of apps) {
          q.orWhere(applicationRecord(app));
        }
      })
      .modify(q => inDays(q, window))
      .groupBy(keys);
    return rows.map(r => ({
      accountId: r.account_id,
      region: r.region,
      applicationId: r.application_id,
      day: r.day,
      jobRuns: Number(r.job_runs),
      vcpuHours: Number(r.vcpu_hours),
      memoryGbHours: Number(r.memory_gb_hours),
      storageGbHours: Number(r.storage_gb_hours),
      cost: numberOrNull(r.cost),
      ...(r.price_source !== null && {
        price: {
          vcpuHour: Number(r.vcpu_hour_price),
          memoryGbHour: Number(r.memory_gb_hour_price),
          storageGbHour: Number(r.storage_gb_hour_price),
          source: r.price_source,
        },
      }),
      ...(r.unpriced_reason !== null && { unpricedReason: r.unpriced_reason }),
    }));
  }

  /** Per job run and day, for the given virtual clusters and window (optionally one run). */
  async jobDays(
    virtualClusters: VirtualClusterKey[],
    window: CostWindow,
    jobRunId?: string,
  ): Promise<JobDay[]> {
    if (virtualClusters.length === 0) {
      return [];
    }
    const keys = ['account_id', 'region', 'virtual_cluster_id'];
    const [computed, billed] = await Promise.all([
      this.db(DAILY)
        .select(...keys, 'job_run_id', 'day')
        .sum({
          compute: 'total_cost',
          cpu_request_core_hours: 'cpu_request_core_hours',
          ram_request_gb_hours: 'ram_request_gb_hours',
          cpu_usage_core_hours: 'cpu_usage_core_hours',
          ram_usage_gb_hours: 'ram_usage_gb_hours',
        })
        .select(knownSum(this.db, 'uplift_estimate', 'uplift_estimate'))
        .modify(q => inWindow(q, virtualClusters, window, jobRunId))
        .groupBy(...keys, 'job_run_id', 'day'),
      this.db(BILLED)
        .select(...keys, 'job_run_id', 'day', 'cost')
        .modify(q => inWindow(q, virtualClusters, window, jobRunId)),
    ]);
    const days = new Map<string, JobDay>();
    const keyOfRow = (r: Record<string, string>) =>
      JSON.stringify([
        r.account_id,
        r.region,
        r.virtual_cluster_id,
        r.job_run_id,
        r.day,
      ]);
    for (const r of computed) {
      days.set(keyOfRow(r), {
        accountId: r.account_id,
        region: r.region,
        virtualClusterId: r.virtual_cluster_id,
        jobRunId: r.job_run_id,
        day: r.day,
        compute: Number(r.compute),
        upliftEstimate: numberOrNull(r.uplift_estimate),
        upliftBilled: null,
        cpuRequestCoreHours: Number(r.cpu_request_core_hours),
        ramRequestGbHours: Number(r.ram_request_gb_hours),
        cpuUsageCoreHours: Number(r.cpu_usage_core_hours),
        ramUsageGbHours: Number(r.ram_usage_gb_hours),
      });
    }
    // A day the CUR bills is kept even when Kubecost missed the pods: the bill is real cost.
    for (const r of billed) {
      const key = keyOfRow(r);
      const day = days.get(key) ?? {
        accountId: r.account_id,
        region: r.region,
        virtualClusterId: r.virtual_cluster_id,
        jobRunId: r.job_run_id,
        day: r.day,
        compute: 0,
        upliftEstimate: null,
        upliftBilled: null,
        cpuRequestCoreHours: 0,
        ramRequestGbHours: 0,
        cpuUsageCoreHours: 0,
        ramUsageGbHours: 0,
      };
      day.upliftBilled = Number(r.cost);
      days.set(key, day);
    }
    return [...days.values()];
  }

  /** Compute cost split by Spark component or by capacity type. */
  async computeBy(
    column: 'component' | 'capacity_type',
    virtualClusters: VirtualClusterKey[],
    window: CostWindow,
    jobRunId?: string,
  ): Promise<Array<{ key: string; compute: number }>> {
    if (virtualClusters.length === 0) {
      return [];
    }
    const rows = await this.db(DAILY)
      .select({ key: column })
      .sum({ compute: 'total_cost' })
      .modify(q => inWindow(q, virtualClusters, window, jobRunId))
      .groupBy(column)
      .orderBy('compute', 'desc');
    return rows.map((r: { key: unknown; compute: unknown }) => ({
      key: String(r.key),
      compute: Number(r.compute),
    }));
  }

  /** The cost no virtual cluster is charged with, summed over a window; highest first. */
  async unattributed(
    window: CostWindow,
    jobRunId?: string,
  ): Promise<UnattributedCost[]> {
    const keys = [
      'cluster',
      'account_id',
      'region',
      'namespace',
      'virtual_cluster_id',
      'job_run_id',
      'reason',
    ];
    const rows = await this.db(UNATTRIBUTED)
      .select(keys)
      .sum({ compute: 'total_cost' })
      .select(knownSum(this.db, 'uplift_estimate', 'uplift_estimate'))
      .modify(q => inDays(q, window))
      .modify(q => (jobRunId ? q.andWhere('job_run_id', jobRunId) : q))
      .groupBy(keys)
      .orderBy([{ column: 'compute', order: 'desc' }, ...keys]);
    return rows.map(r => ({
      cluster: r.cluster,
      accountId: r.account_id,
      region: r.region,
      namespace: r.namespace,
      virtualClusterId: r.virtual_cluster_id,
      jobRunId: r.job_run_id,
      reason: r.reason,
      compute: Number(r.compute),
      upliftEstimate: numberOrNull(r.uplift_estimate),
    }));
  }

  private async markComplete(
    tx: Knex.Transaction,
    source: CostSource,
    until: Date,
  ) {
    const current = await tx(STATE).where({ source }).first();
    if (!current) {
      await tx(STATE).insert({ source, complete_until: isoHour(until) });
    } else if (current.complete_until < isoHour(until)) {
      await tx(STATE)
        .where({ source })
        .update({ complete_until: isoHour(until) });
    }
  }
}

/** Rows in a window of whole UTC days. */
function inDays(query: Knex.QueryBuilder, window: CostWindow) {
  query
    .where('day', '>=', window.start.slice(0, 10))
    .andWhere(
      'day',
      '<',
      isoDay(new Date(Date.parse(window.end) + 86_399_999)),
    );
}

/**
 * Rows of the given virtual clusters (and run) in a window of whole UTC days. A virtual
 * cluster is its account, region and id together: the same id elsewhere is another cluster.
 */
function inWindow(
  query: Knex.QueryBuilder,
  virtualClusters: VirtualClusterKey[],
  window: CostWindow,
  jobRunId?: string,
) {
  query
    .where(q => {
      for (const key of virtualClusters) {
        q.orWhere({
          account_id: key.accountId,
          region: key.region,
          virtual_cluster_id: key.virtualClusterId,
        });
      }
    })
    .modify(q => inDays(q, window));
  if (jobRunId) {
    query.andWhere('job_run_id', jobRunId);
  }
}

function toServerlessRecord(row: ServerlessRunCost) {
  return {
    ...applicationRecord(row),
    job_run_id: row.jobRunId,
    day: isoDay(row.endedAt),
    ended_at: row.endedAt.toISOString(),
    state: row.state,
    application_name: row.applicationName ?? null,
    team: row.team ?? null,
    architecture: row.architecture ?? null,
    vcpu_hours: row.vcpuHours,
    memory_gb_hours: row.memoryGbHours,
    storage_gb_hours: row.storageGbHours,
    cost: row.cost,
    vcpu_hour_price: row.price?.vcpuHour ?? null,
    memory_gb_hour_price: row.price?.memoryGbHour ?? null,
    storage_gb_hour_price: row.price?.storageGbHour ?? null,
    price_source: row.price?.source ?? null,
    unpriced_reason: row.unpricedReason ?? null,
  };
}

function toUnattributedRecord(cluster: string, row: UnattributedHour) {
  return {
    cluster,
    account_id: row.accountId,
    region: row.region,
    hour: isoHour(row.hour),
    day: isoDay(row.hour),
    namespace: row.namespace,
    virtual_cluster_id: row.virtualClusterId,
    job_run_id: row.jobRunId,
    reason: row.reason,
    total_cost: row.totalCost,
    uplift_estimate: row.upliftEstimate,
  };
}

function toRecord(cluster: string, row: HourlyCost) {
  return {
    cluster,
    virtual_cluster_id: row.virtualClusterId,
    job_run_id: row.jobRunId,
    component: row.component,
    capacity_type: row.capacityType,
    hour: isoHour(row.hour),
    day: isoDay(row.hour),
    account_id: row.accountId,
    region: row.region,
    cpu_cost: row.cpuCost,
    ram_cost: row.ramCost,
    pv_cost: row.pvCost,
    network_cost: row.networkCost,
    total_cost: row.totalCost,
    cpu_request_core_hours: row.cpuRequestCoreHours,
    ram_request_gb_hours: row.ramRequestGbHours,
    cpu_usage_core_hours: row.cpuUsageCoreHours,
    ram_usage_gb_hours: row.ramUsageGbHours,
    uplift_estimate: row.upliftEstimate,
  };
}
