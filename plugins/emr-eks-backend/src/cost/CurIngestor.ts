import {
  AthenaClient,
  GetQueryExecutionCommand,
  StartQueryExecutionCommand,
  paginateGetQueryResults,
} from '@aws-sdk/client-athena';
import { LoggerService } from '@backstage/backend-plugin-api';
import { CurConfig } from './config';
import { BilledUplift, CostStore, isoDay } from './CostStore';

const DAY_MS = 86_400_000;
const ID = /^[0-9a-z]{1,64}$/;
const ACCOUNT = /^\d{12}$/;
const REGION = /^[a-z0-9-]{1,32}$/;
const QUERY_TIMEOUT_MS = 5 * 60_000;

/**
 * The billed EMR on EKS uplift per job run and day. `line_item_resource_id` is the job run ARN
 * `arn:aws:emr-containers:REGION:ACCOUNT:/virtualclusters/VCID/jobruns/JOBID`, so parts 4 and 5
 * of a split on `:` are the region and account, and parts 3 and 5 of a split on `/` the
 * virtual cluster and job run ids: the billed uplift is keyed like the compute, by account,
 * region and virtual cluster id. Columns common to the legacy CUR's Athena table and CUR 2.0.
 */
export function billedUpliftQuery(
  config: CurConfig,
  startDay: string,
  endDay: string,
) {
  return `SELECT
  split_part(line_item_resource_id, ':', 5) AS account_id,
  split_part(line_item_resource_id, ':', 4) AS region,
  split_part(line_item_resource_id, '/', 3) AS virtual_cluster_id,
  split_part(line_item_resource_id, '/', 5) AS job_run_id,
  date_format(line_item_usage_start_date, '%Y-%m-%d') AS day,
  sum(line_item_unblended_cost) AS cost
FROM "${config.database}"."${config.table}"
WHERE product_product_family = 'EMR Containers'
  AND line_item_resource_id LIKE 'arn:%:emr-containers:%/jobruns/%'
  AND line_item_usage_start_date >= timestamp '${startDay} 00:00:00'
  AND line_item_usage_start_date < timestamp '${endDay} 00:00:00'
GROUP BY 1, 2, 3, 4, 5`;
}

/** Reads the billed uplift from the CUR through Athena into the cost history. */
export class CurIngestor {
  constructor(
    private readonly store: CostStore,
    private readonly athena: AthenaClient,
    private readonly config: CurConfig,
    private readonly logger: LoggerService,
    private readonly now: () => number = Date.now,
    private readonly pollMs = 2000,
  ) {}

  /** Replaces the last `lookbackDays` days, which the CUR keeps restating. */
  async run(): Promise<void> {
    const today = Math.floor(this.now() / DAY_MS) * DAY_MS;
    const startDay = isoDay(
      new Date(today - this.config.lookbackDays * DAY_MS),
    );
    const endDay = isoDay(new Date(today + DAY_MS));
    const rows = await this.query(
      billedUpliftQuery(this.config, startDay, endDay),
    );
    const billed: BilledUplift[] = [];
    for (const [
      accountId,
      region,
      virtualClusterId,
      jobRunId,
      day,
      cost,
    ] of rows) {
      if (
        ACCOUNT.test(accountId) &&
        REGION.test(region) &&
        ID.test(virtualClusterId) &&
        ID.test(jobRunId) &&
        /^\d{4}-\d{2}-\d{2}$/.test(day)
      ) {
        billed.push({
          accountId,
          region,
          virtualClusterId,
          jobRunId,
          day,
          cost: Number(cost) || 0,
        });
      }
    }
    await this.store.replaceBilled(
      startDay,
      endDay,
      billed,
      new Date(this.now()),
    );
    this.logger.info(
      `Read ${billed.length} billed EMR on EKS uplift rows from the CUR (${startDay} – ${endDay})`,
    );
  }

  private async query(sql: string): Promise<string[][]> {
    const { QueryExecutionId } = await this.athena.send(
      new StartQueryExecutionCommand({
        QueryString: sql,
        WorkGroup: this.config.workgroup,
        QueryExecutionContext: { Database: this.config.database },
        ResultConfiguration: this.config.outputLocation
          ? { OutputLocation: this.config.outputLocation }
          : undefined,
      }),
    );
    // Athena has no SDK waiter for a query; its state is polled until it ends.
    const deadline = this.now() + QUERY_TIMEOUT_MS;
    for (;;) {
      const { QueryExecution } = await this.athena.send(
        new GetQueryExecutionCommand({ QueryExecutionId }),
      );
      const state = QueryExecution?.Status?.State;
      if (state === 'SUCCEEDED') break;
      if (state === 'FAILED' || state === 'CANCELLED') {
        throw new Error(
          `Athena query ${QueryExecutionId} on the CUR ${state}: ${
            QueryExecution?.Status?.StateChangeReason ?? 'no reason given'
          }`,
        );
      }
      if (this.now() > deadline) {
        throw new Error(
          `Athena query ${QueryExecutionId} on the CUR did not finish in 5 minutes`,
        );
      }
      await new Promise(resolve => setTimeout(resolve, this.pollMs));
    }
    const rows: string[][] = [];
    for await (const page of paginateGetQueryResults(
      { client: this.athena },
      { QueryExecutionId },
    )) {
      for (const row of page.ResultSet?.Rows ?? []) {
        rows.push((row.Data ?? []).map(d => d.VarCharValue ?? ''));
      }
    }
    // The first row holds the column names.
    return rows.slice(1);
  }
}
