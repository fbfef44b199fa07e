import { DEMO, DEMO_TEAMS, DemoTeam } from '../../demo';
import { Random } from '../../random';
import {
  hashString,
  jobRunArn,
  newJobRunId,
  seededUuid,
  wholeSeconds,
} from './ids';
import { FAILURES } from './lifecycle';
import {
  demoEndpoints,
  demoJobTemplates,
  iam,
  monitoring,
  sparkConf,
  sparkDefaults,
} from './seedResources';
import {
  EndpointRecord,
  JobRunPlan,
  JobRunRecord,
  JobTemplateRecord,
  VirtualClusterRecord,
} from './types';

/*
 * Demo data: per team one virtual cluster and about 100 job runs over the
 * last 30 days, plus a few still in flight, two managed endpoints and a few
 * job templates (in us-east-1); one small virtual cluster in eu-west-1.
 * Everything comes from the seeded PRNG and the clock, so the same seed and
 * time give the same data.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
export const HISTORY_DAYS = 30;

interface JobSpec {
  name: string;
  /** Scala jobs run a jar with --class; the others are PySpark scripts. */
  mainClass?: string;
  releaseLabel: string;
  minutes: [number, number];
  executors: [number, number];
  executorMemory: string;
  /** Daily at [hour, minute] UTC, or this many ad-hoc runs over the window. */
  cadence: { dailyAt: [number, number] } | { runs: number };
  args?: (day: string) => string[];
}

interface TeamSpec {
  jobs: JobSpec[];
  scheduler: string;
  people: string[];
}

const TEAMS: Record<DemoTeam, TeamSpec> = {
  'data-team-a': {
    scheduler: iam(
      'sts::{account}:assumed-role/data-team-a-airflow/airflow-worker',
    ),
    people: [
      iam('iam::{account}:user/maria.garcia'),
      iam('iam::{account}:user/tom.becker'),
      iam('sts::{account}:assumed-role/DataEngineer/li.wei@example.com'),
    ],
    jobs: [
      {
        name: 'daily-sales-etl',
        releaseLabel: 'emr-7.1.0-latest',
        minutes: [18, 42],
        executors: [6, 10],
        executorMemory: '8G',
        cadence: { dailyAt: [2, 15] },
        args: day => ['--run-date', day, '--target', 'sales.daily_orders'],
      },
      {
        name: 'inventory-snapshot',
        releaseLabel: 'emr-7.1.0-latest',
        minutes: [6, 14],
        executors: [2, 4],
        executorMemory: '4G',
        cadence: { dailyAt: [4, 30] },
        args: day => ['--snapshot-date', day],
      },
      {
        name: 'customer-360-refresh',
        mainClass: 'com.example.customer360.RefreshJob',
        releaseLabel: 'emr-6.15.0-latest',
        minutes: [45, 95],
        executors: [12, 20],
        executorMemory: '16G',
        cadence: { runs: 12 },
      },
      {
        name: 'orders-dedup',
        releaseLabel: 'emr-7.5.0-latest',
        minutes: [4, 12],
        executors: [2, 6],
        executorMemory: '8G',
        cadence: { runs: 14 },
        args: day => ['--partition', day],
      },
      {
        name: 'returns-reconciliation',
        releaseLabel: 'emr-6.15.0-latest',
        minutes: [10, 25],
        executors: [4, 6],
        executorMemory: '8G',
        cadence: { runs: 10 },
      },
    ],
  },
  'data-team-b': {
    scheduler: iam('sts::{account}:assumed-role/data-team-b-mwaa/mwaa-worker'),
    people: [
      iam('iam::{account}:user/anika.patel'),
      iam('sts::{account}:assumed-role/MLEngineer/diego.santos@example.com'),
      iam('sts::{account}:assumed-role/MLEngineer/sofia.rossi@example.com'),
    ],
    jobs: [
      {
        name: 'clickstream-sessionize',
        releaseLabel: 'emr-7.5.0-latest',
        minutes: [28, 62],
        executors: [10, 16],
        executorMemory: '16G',
        cadence: { dailyAt: [1, 0] },
        args: day => ['--date', day, '--session-gap-minutes', '30'],
      },
      {
        name: 'recsys-training-data',
        releaseLabel: 'emr-7.5.0-latest',
        minutes: [15, 35],
        executors: [8, 12],
        executorMemory: '16G',
        cadence: { dailyAt: [6, 0] },
        args: day => ['--as-of', day],
      },
      {
        name: 'ml-feature-backfill',
        releaseLabel: 'emr-7.1.0-latest',
        minutes: [55, 110],
        executors: [16, 24],
        executorMemory: '32G',
        cadence: { runs: 10 },
        args: day => ['--end-date', day, '--days', '28'],
      },
      {
        name: 'ad-attribution',
        mainClass: 'com.example.ads.AttributionJob',
        releaseLabel: 'emr-6.15.0-latest',
        minutes: [10, 22],
        executors: [4, 8],
        executorMemory: '8G',
        cadence: { runs: 15 },
      },
      {
        name: 'search-logs-compaction',
        releaseLabel: 'emr-6.15.0-latest',
        minutes: [5, 15],
        executors: [2, 4],
        executorMemory: '4G',
        cadence: { runs: 12 },
      },
    ],
  },
};

/** How old each demo virtual cluster is, in days. */
const CLUSTER_AGE_DAYS: Record<DemoTeam, number> = {
  'data-team-a': 412,
  'data-team-b': 287,
};

function startOfUtcDay(ms: number): number {
  return Math.floor(ms / DAY) * DAY;
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** What the seeder needs to know of a virtual cluster. */
type SeededCluster = {
  team: string;
  id: string;
  executionRoleArn: string;
  logGroupName: string;
  logUri: string;
  codeBucket: string;
};

class TeamSeeder {
  constructor(
    private readonly cluster: SeededCluster,
    private readonly spec: TeamSpec,
    private readonly region: string,
    private readonly random: Random,
    private readonly now: number,
    private readonly usedIds: Set<string>,
  ) {}

  runs(): JobRunRecord[] {
    const spec = this.spec;
    const runs: JobRunRecord[] = [];
    const oldest = this.now - HISTORY_DAYS * DAY;
    for (const job of spec.jobs) {
      if ('dailyAt' in job.cadence) {
        const [hour, minute] = job.cadence.dailyAt;
        for (let day = 0; day < HISTORY_DAYS; day++) {
          const at =
            startOfUtcDay(this.now) -
            day * DAY +
            hour * HOUR +
            minute * MINUTE +
            this.random.int(0, 180) * SECOND;
          if (at > this.now || at <= oldest) continue;
          runs.push(
            this.run(job, at, spec.scheduler, this.historicPlan(job, at)),
          );
        }
      } else {
        for (let i = 0; i < job.cadence.runs; i++) {
          const at = this.adHocTime(oldest);
          const who = this.random.chance(0.7)
            ? this.random.pick(spec.people)
            : spec.scheduler;
          runs.push(this.run(job, at, who, this.historicPlan(job, at)));
        }
      }
    }
    runs.push(...this.inFlight(spec));
    return runs;
  }

  /** Working hours on a random day of the window, at least an hour ago. */
  private adHocTime(oldest: number): number {
    for (;;) {
      const day = startOfUtcDay(
        this.now - this.random.between(0, HISTORY_DAYS * DAY),
      );
      const at = day + this.random.int(7 * 3600, 19 * 3600) * SECOND;
      if (at > oldest && at < this.now - HOUR) return at;
    }
  }

  /** Mostly COMPLETED, ~12% FAILED, ~3% CANCELLED. */
  private historicPlan(job: JobSpec, createdAt: number): JobRunPlan {
    const submittedAt = createdAt + this.random.int(15, 90) * SECOND;
    const runningAt = submittedAt + this.random.int(20, 120) * SECOND;
    const runFor =
      this.random.int(job.minutes[0] * 60, job.minutes[1] * 60) * SECOND;
    const roll = this.random.next();
    if (roll < 0.12) {
      return {
        createdAt,
        submittedAt,
        runningAt,
        endsAt: runningAt + Math.round(runFor * this.random.between(0.1, 0.9)),
        outcome: 'FAILED',
        ...this.random.pick(FAILURES),
      };
    }
    const plan: JobRunPlan = {
      createdAt,
      submittedAt,
      runningAt,
      endsAt: runningAt + runFor,
      outcome: 'COMPLETED',
    };
    if (roll < 0.15) {
      plan.cancelRequestedAt =
        runningAt + Math.round(runFor * this.random.between(0.1, 0.7));
      plan.cancelledAt =
        plan.cancelRequestedAt + this.random.int(15, 45) * SECOND;
    }
    return plan;
  }

  /** One RUNNING, one SUBMITTED and one PENDING run right now. */
  private inFlight(spec: TeamSpec): JobRunRecord[] {
    const adHoc = spec.jobs.filter(j => !('dailyAt' in j.cadence));
    const now = this.now;
    const later = (min: number, max: number) =>
      now + this.random.int(min, max) * SECOND;
    const runs: JobRunRecord[] = [];

    const running = this.random.pick(adHoc);
    const runningSince = now - this.random.int(8, 20) * MINUTE;
    runs.push(
      this.run(
        running,
        runningSince - 90 * SECOND,
        this.random.pick(spec.people),
        {
          createdAt: runningSince - 90 * SECOND,
          submittedAt: runningSince - 45 * SECOND,
          runningAt: runningSince,
          endsAt: later(10 * 60, 40 * 60),
          outcome: 'COMPLETED',
        },
      ),
    );

    const submitted = this.random.pick(adHoc);
    const submittedCreated = now - this.random.int(40, 70) * SECOND;
    const submittedRunningAt = later(30, 90);
    runs.push(
      this.run(submitted, submittedCreated, spec.scheduler, {
        createdAt: submittedCreated,
        submittedAt: submittedCreated + 25 * SECOND,
        runningAt: submittedRunningAt,
        endsAt: submittedRunningAt + this.random.int(8 * 60, 30 * 60) * SECOND,
        outcome: 'COMPLETED',
      }),
    );

    const pending = this.random.pick(adHoc);
    const pendingCreated = now - this.random.int(5, 15) * SECOND;
    const pendingSubmittedAt = later(20, 40);
    runs.push(
      this.run(pending, pendingCreated, this.random.pick(spec.people), {
        createdAt: pendingCreated,
        submittedAt: pendingSubmittedAt,
        runningAt: pendingSubmittedAt + 40 * SECOND,
        endsAt: pendingSubmittedAt + this.random.int(10 * 60, 25 * 60) * SECOND,
        outcome: 'COMPLETED',
      }),
    );
    return runs;
  }

  private run(
    job: JobSpec,
    at: number,
    createdBy: string,
    plan: JobRunPlan,
  ): JobRunRecord {
    const cluster = this.cluster;
    let id = newJobRunId(this.random);
    while (this.usedIds.has(id)) id = newJobRunId(this.random);
    this.usedIds.add(id);
    const createdAt = wholeSeconds(at);
    const shift = createdAt - plan.createdAt;
    const executors = this.random.int(job.executors[0], job.executors[1]);
    const conf = sparkConf(executors, job.executorMemory);
    return {
      id,
      name: job.name,
      virtualClusterId: cluster.id,
      arn: jobRunArn(cluster.id, id, this.region),
      clientToken: seededUuid(this.random),
      executionRoleArn: cluster.executionRoleArn,
      releaseLabel: job.releaseLabel,
      jobDriver: {
        sparkSubmitJobDriver: {
          entryPoint: job.mainClass
            ? `${cluster.codeBucket}/jars/${job.name}-assembly-2.3.1.jar`
            : `${cluster.codeBucket}/jobs/${job.name}/main.py`,
          ...(job.args
            ? { entryPointArguments: job.args(isoDay(createdAt)) }
            : {}),
          sparkSubmitParameters: job.mainClass
            ? `--class ${job.mainClass} ${conf}`
            : conf,
        },
      },
      configurationOverrides: {
        applicationConfiguration: [sparkDefaults()],
        monitoringConfiguration: monitoring(cluster, job.name),
      },
      createdBy,
      tags: { team: cluster.team, job: job.name },
      // Keep the planned durations while aligning createdAt to whole seconds.
      plan: {
        ...plan,
        createdAt,
        submittedAt: plan.submittedAt + shift,
        runningAt: plan.runningAt + shift,
        endsAt: plan.endsAt + shift,
        ...(plan.cancelRequestedAt !== undefined
          ? {
              cancelRequestedAt: plan.cancelRequestedAt + shift,
              cancelledAt: (plan.cancelledAt ?? plan.cancelRequestedAt) + shift,
            }
          : {}),
      },
    };
  }
}

export interface DemoData {
  virtualClusters: VirtualClusterRecord[];
  jobRuns: JobRunRecord[];
  endpoints: EndpointRecord[];
  jobTemplates: JobTemplateRecord[];
}

const EMPTY: DemoData = {
  virtualClusters: [],
  jobRuns: [],
  endpoints: [],
  jobTemplates: [],
};

/** The small eu-west-1 virtual cluster: a handful of ad-hoc runs. */
const SECONDARY_SPEC: TeamSpec = {
  scheduler: TEAMS['data-team-b'].scheduler,
  people: TEAMS['data-team-b'].people,
  jobs: [
    {
      name: 'gdpr-erasure-sweep',
      releaseLabel: 'emr-7.5.0-latest',
      minutes: [6, 14],
      executors: [2, 4],
      executorMemory: '8G',
      cadence: { runs: 6 },
      args: day => ['--as-of', day, '--region', 'eu-west-1'],
    },
  ],
};

/**
 * The demo data of one region: us-east-1 holds the teams' clusters, runs,
 * endpoints and templates; eu-west-1 one small cluster; other regions nothing.
 */
export function demoData(region: string, seed: number, now: number): DemoData {
  if (region === DEMO.region) return primaryDemoData(new Random(seed), now);
  const secondary = DEMO.secondaryRegion;
  if (region !== secondary.region) return EMPTY;
  // Its own PRNG stream, so the us-east-1 data does not depend on it.
  const random = new Random(seed ^ hashString(region));
  const cluster = secondary.virtualClusters['data-team-b'];
  return {
    virtualClusters: [
      {
        id: cluster.id,
        name: cluster.name,
        arn: cluster.arn,
        state: 'RUNNING',
        eksClusterName: secondary.eksClusterName,
        namespace: cluster.namespace,
        createdAt: wholeSeconds(now - 96 * DAY),
        tags: { ...cluster.tags },
        eksAccessEntryIntegrated: true,
      },
    ],
    jobRuns: new TeamSeeder(
      cluster,
      SECONDARY_SPEC,
      region,
      random,
      now,
      new Set(),
    ).runs(),
    endpoints: [],
    jobTemplates: [],
  };
}

function primaryDemoData(random: Random, now: number): DemoData {
  const usedIds = new Set<string>();
  const virtualClusters: VirtualClusterRecord[] = [];
  const jobRuns: JobRunRecord[] = [];
  for (const team of DEMO_TEAMS) {
    const cluster = DEMO.virtualClusters[team];
    virtualClusters.push({
      id: cluster.id,
      name: cluster.name,
      arn: cluster.arn,
      state: 'RUNNING',
      eksClusterName: DEMO.eksClusterName,
      namespace: cluster.namespace,
      createdAt: wholeSeconds(now - CLUSTER_AGE_DAYS[team] * DAY),
      tags: { ...cluster.tags },
      eksAccessEntryIntegrated: true,
    });
    jobRuns.push(
      ...new TeamSeeder(
        cluster,
        TEAMS[team],
        DEMO.region,
        random,
        now,
        usedIds,
      ).runs(),
    );
  }
  // Endpoints and templates use no PRNG draws: the runs stay as they were.
  return {
    virtualClusters,
    jobRuns,
    endpoints: demoEndpoints(now),
    jobTemplates: demoJobTemplates(now),
  };
}
