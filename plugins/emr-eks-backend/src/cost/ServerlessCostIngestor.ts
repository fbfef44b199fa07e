import {
  EMRServerlessClient,
  GetApplicationCommand,
  GetJobRunCommand,
  JobRun,
  paginateListApplications,
  paginateListJobRuns,
} from '@aws-sdk/client-emr-serverless';
import { LoggerService } from '@backstage/backend-plugin-api';
import {
  ServerlessApplicationKey,
  TERMINAL_SERVERLESS_JOB_RUN_STATES,
  ownerRefFromTags,
} from '@emr-eks/plugin-emr-eks-common';
import { mapAwsError } from '@emr-eks/plugin-emr-eks-node';
import type { OwnershipConfig } from '../config';
import type { AwsTarget } from '../services/EmrContainersClientProvider';
import { CostStore, ServerlessRunCost } from './CostStore';
import { ServerlessPrices, serverlessCost } from './serverlessPrices';

const DAY_MS = 86_400_000;

/**
 * A finished run's cost from what AWS billed it for (`billedResourceUtilization`: every
 * worker for at least a minute, storage beyond the free 20 GB per worker) at the region's
 * price; undefined while AWS has not said (a run that never started bills nothing).
 */
export function toServerlessRunCost(
  run: JobRun,
  application: {
    name?: string;
    team?: string;
    architecture?: string;
  } & ServerlessApplicationKey,
  prices: ServerlessPrices,
): ServerlessRunCost | undefined {
  const ended = run.endedAt ?? run.updatedAt;
  if (!run.jobRunId || !ended) {
    return undefined;
  }
  const billed = run.billedResourceUtilization;
  const used = {
    vcpuHours: billed?.vCPUHour ?? 0,
    memoryGbHours: billed?.memoryGBHour ?? 0,
    storageGbHours: billed?.storageGBHour ?? 0,
  };
  const answer = prices.priceFor(application.region, application.architecture);
  return {
    accountId: application.accountId,
    region: application.region,
    applicationId: application.applicationId,
    jobRunId: run.jobRunId,
    endedAt: ended,
    state: String(run.state),
    applicationName: application.name,
    team: application.team,
    architecture: application.architecture,
    ...used,
    ...('price' in answer
      ? {
          cost: serverlessCost(used, answer.price),
          price: {
            vcpuHour: answer.price.vcpuHour,
            memoryGbHour: answer.price.memoryGbHour,
            storageGbHour: answer.price.storageGbHour,
            source: answer.price.source,
          },
        }
      : { cost: null, unpricedReason: answer.unpriced }),
  };
}

/**
 * Copies the cost of finished EMR Serverless job runs into the cost history: for each
 * configured account and region, every application's runs created in the last
 * `lookbackDays` (`backfillDays` the first time) that ended, each read once with GetJobRun
 * for its billed use. A region whose calls fail is logged and skipped; the others go on.
 */
export class ServerlessCostIngestor {
  constructor(
    private readonly store: CostStore,
    private readonly clientFor: (
      target: AwsTarget,
    ) => Promise<EMRServerlessClient>,
    private readonly options: {
      targets: AwsTarget[];
      lookbackDays: number;
      backfillDays: number;
      ownership: Pick<OwnershipConfig, 'tag' | 'namespace'>;
    },
    private readonly prices: ServerlessPrices,
    private readonly logger: LoggerService,
    private readonly now: () => number = Date.now,
  ) {}

  async run(): Promise<void> {
    const failures: string[] = [];
    for (const target of this.options.targets) {
      const where = `${target.accountId}/${target.region}`;
      try {
        const stored = await this.ingestRegion(target);
        this.logger.info(
          `Ingested EMR Serverless cost of ${where}: ${stored} new finished job runs`,
        );
      } catch (error) {
        failures.push(where);
        const mapped = mapAwsError(error, `job runs in ${where}`, {
          service: 'EMR Serverless',
        });
        this.logger.error(
          `EMR Serverless cost ingestion in ${where} stopped: ${mapped.message}; runs already stored are kept and the other regions go on`,
        );
      }
    }
    if (failures.length > 0) {
      throw new Error(
        `EMR Serverless cost ingestion failed for ${failures.join(', ')}`,
      );
    }
  }

  /** Stores the region's newly finished runs; the number stored. */
  async ingestRegion(target: AwsTarget): Promise<number> {
    const client = await this.clientFor(target);
    const now = this.now();
    const mark = await this.store.completeUntil(
      `serverless:${target.accountId}/${target.region}`,
    );
    const days = mark ? this.options.lookbackDays : this.options.backfillDays;
    const createdAtAfter = new Date(now - days * DAY_MS);
    const rows: ServerlessRunCost[] = [];
    for await (const page of paginateListApplications({ client }, {})) {
      for (const summary of page.applications ?? []) {
        const applicationId = summary.id;
        if (!applicationId) continue;
        const key = {
          accountId: target.accountId,
          region: target.region,
          applicationId,
        };
        const finished: string[] = [];
        for await (const runs of paginateListJobRuns(
          { client },
          {
            applicationId,
            createdAtAfter,
            states: [...TERMINAL_SERVERLESS_JOB_RUN_STATES],
          },
        )) {
          for (const run of runs.jobRuns ?? []) {
            if (run.id) finished.push(run.id);
          }
        }
        const stored = await this.store.storedServerlessRuns(key, finished);
        const fresh = finished.filter(id => !stored.has(id));
        if (fresh.length === 0) {
          continue;
        }
        // The team tag is not in ListApplications; read only for applications with new runs.
        const { application } = await client.send(
          new GetApplicationCommand({ applicationId }),
        );
        const team = ownerRefFromTags(
          application?.tags,
          this.options.ownership,
        );
        for (const jobRunId of fresh) {
          const { jobRun } = await client.send(
            new GetJobRunCommand({ applicationId, jobRunId }),
          );
          const row =
            jobRun &&
            toServerlessRunCost(
              jobRun,
              {
                ...key,
                name: summary.name,
                team,
                architecture: application?.architecture ?? summary.architecture,
              },
              this.prices,
            );
          if (row) rows.push(row);
        }
      }
    }
    await this.store.putServerlessRuns(target, rows, new Date(now));
    return rows.length;
  }
}
