import { DEMO, DEMO_TEAMS, DemoTeam } from '../../demo';
import {
  eksPrivateSubnets,
  endpointSecurityGroup,
  endpointServerHost,
} from './endpoints';
import { wholeSeconds } from './ids';
import {
  ConfigurationOverrides,
  EndpointRecord,
  JobDriver,
  JobTemplateRecord,
  TemplateParameterConfiguration,
} from './types';

/*
 * The demo teams' managed endpoints and job templates. Fixed ids and names
 * (exported in DEMO) and times relative to "now"; no draws from the demo
 * PRNG, so adding them left the seeded job runs exactly as they were.
 */

const MINUTE = 60 * 1000;
const DAY = 24 * 60 * MINUTE;

/** The spark-defaults of the demo jobs and templates (a fresh copy each time). */
export function sparkDefaults() {
  return {
    classification: 'spark-defaults',
    properties: {
      'spark.sql.adaptive.enabled': 'true',
      'spark.kubernetes.node.selector.workload': 'spark',
    },
  };
}

/** Where a demo team's runs log: its CloudWatch group and S3 bucket. */
export function monitoring(
  cluster: { logGroupName: string; logUri: string },
  logStreamNamePrefix: string,
) {
  return {
    persistentAppUI: 'ENABLED' as const,
    cloudWatchMonitoringConfiguration: {
      logGroupName: cluster.logGroupName,
      logStreamNamePrefix,
    },
    s3MonitoringConfiguration: { logUri: cluster.logUri },
  };
}

interface EndpointSpec {
  releaseLabel: string;
  /** Days ago it was created. */
  createdDaysAgo: number;
  /** Days ago it was deleted (TERMINATED endpoints). */
  deletedDaysAgo?: number;
}

const ENDPOINTS: Record<
  DemoTeam,
  { active: EndpointSpec; terminated: EndpointSpec }
> = {
  'data-team-a': {
    active: { releaseLabel: 'emr-7.1.0-latest', createdDaysAgo: 63 },
    terminated: {
      releaseLabel: 'emr-6.15.0-latest',
      createdDaysAgo: 181,
      deletedDaysAgo: 64,
    },
  },
  'data-team-b': {
    active: { releaseLabel: 'emr-7.5.0-latest', createdDaysAgo: 22 },
    terminated: {
      releaseLabel: 'emr-6.15.0-latest',
      createdDaysAgo: 140,
      deletedDaysAgo: 97,
    },
  },
};

export function demoEndpoints(now: number): EndpointRecord[] {
  const endpoints: EndpointRecord[] = [];
  for (const team of DEMO_TEAMS) {
    const cluster = DEMO.virtualClusters[team];
    for (const kind of ['active', 'terminated'] as const) {
      const fixed = DEMO.managedEndpoints[team][kind];
      const spec = ENDPOINTS[team][kind];
      const createdAt = wholeSeconds(now - spec.createdDaysAgo * DAY);
      const readyAt = createdAt + 7 * MINUTE + 40 * 1000;
      const deleted =
        spec.deletedDaysAgo !== undefined
          ? wholeSeconds(now - spec.deletedDaysAgo * DAY)
          : undefined;
      endpoints.push({
        id: fixed.id,
        name: fixed.name,
        virtualClusterId: cluster.id,
        arn: fixed.arn,
        type: 'JUPYTER_ENTERPRISE_GATEWAY',
        clientToken: `seed-${fixed.id}`,
        releaseLabel: spec.releaseLabel,
        executionRoleArn: cluster.executionRoleArn,
        configurationOverrides: {
          applicationConfiguration: [
            {
              classification: 'spark-defaults',
              properties: {
                'spark.driver.memory': '4G',
                'spark.executor.memory': '8G',
                'spark.dynamicAllocation.enabled': 'true',
              },
            },
          ],
          monitoringConfiguration: monitoring(cluster, fixed.name),
        },
        serverHost: endpointServerHost(fixed.id, cluster.id, DEMO.region),
        securityGroup: endpointSecurityGroup(fixed.id),
        subnetIds: eksPrivateSubnets(DEMO.region, DEMO.eksClusterName),
        tags: { ...cluster.tags },
        plan: {
          createdAt,
          readyAt,
          outcome: 'ACTIVE',
          ...(deleted !== undefined
            ? { deleteRequestedAt: deleted, terminatedAt: deleted + 2 * MINUTE }
            : {}),
        },
      });
    }
  }
  return endpoints;
}

/** The demo jobs' Spark settings: 4-core executors, a 2-core 4G driver. */
export const sparkConf = (executors: string | number, memory: string) =>
  [
    `--conf spark.executor.instances=${executors}`,
    `--conf spark.executor.memory=${memory}`,
    '--conf spark.executor.cores=4',
    '--conf spark.driver.cores=2',
    '--conf spark.driver.memory=4G',
  ].join(' ');

interface TemplateSpec {
  /** Days ago it was created. */
  createdDaysAgo: number;
  createdBy: string;
  releaseLabel: string;
  jobDriver: (codeBucket: string) => JobDriver;
  logStreamNamePrefix: string;
  parameters: Record<string, TemplateParameterConfiguration>;
  /** Tag `job` of the runs started from it. */
  job?: string;
}

/** `iam('iam::{account}:user/x')` → `arn:aws:iam::123456789012:user/x`. */
export const iam = (suffix: string) =>
  `arn:aws:${suffix.replace('{account}', DEMO.accountId)}`;

const adHocPySpark = (
  createdDaysAgo: number,
  createdBy: string,
): TemplateSpec => ({
  createdDaysAgo,
  createdBy,
  releaseLabel: '${ReleaseLabel}',
  jobDriver: () => ({
    sparkSubmitJobDriver: {
      entryPoint: '${EntryPoint}',
      sparkSubmitParameters: sparkConf(
        '${ExecutorInstances}',
        '${ExecutorMemory}',
      ),
    },
  }),
  logStreamNamePrefix: 'ad-hoc',
  parameters: {
    EntryPoint: { type: 'STRING' },
    ExecutorInstances: { type: 'NUMBER', defaultValue: '2' },
    ExecutorMemory: { type: 'STRING', defaultValue: '4G' },
    ReleaseLabel: { type: 'STRING', defaultValue: 'emr-7.5.0-latest' },
  },
});

/**
 * A template of one of the teams' scheduled PySpark jobs: the job's script
 * with its arguments, logging under the job's name, runs tagged `job=<name>`.
 */
const scheduledPySpark = (
  name: string,
  spec: Pick<
    TemplateSpec,
    'createdDaysAgo' | 'createdBy' | 'releaseLabel' | 'parameters'
  > & { entryPointArguments: string[]; executorMemory: string },
): TemplateSpec => ({
  createdDaysAgo: spec.createdDaysAgo,
  createdBy: spec.createdBy,
  releaseLabel: spec.releaseLabel,
  jobDriver: code => ({
    sparkSubmitJobDriver: {
      entryPoint: `${code}/jobs/${name}/main.py`,
      entryPointArguments: spec.entryPointArguments,
      sparkSubmitParameters: sparkConf(
        '${ExecutorInstances}',
        spec.executorMemory,
      ),
    },
  }),
  logStreamNamePrefix: name,
  parameters: spec.parameters,
  job: name,
});

const TEMPLATES: {
  [T in DemoTeam]: Record<keyof (typeof DEMO.jobTemplates)[T], TemplateSpec>;
} = {
  'data-team-a': {
    'daily-sales-etl': scheduledPySpark('daily-sales-etl', {
      createdDaysAgo: 205,
      createdBy: iam('iam::{account}:user/maria.garcia'),
      releaseLabel: '${ReleaseLabel}',
      entryPointArguments: [
        '--run-date',
        '${RunDate}',
        '--target',
        'sales.daily_orders',
      ],
      executorMemory: '8G',
      parameters: {
        RunDate: { type: 'STRING' },
        ExecutorInstances: { type: 'NUMBER', defaultValue: '4' },
        ReleaseLabel: { type: 'STRING', defaultValue: 'emr-7.1.0-latest' },
      },
    }),
    'customer-360-refresh': {
      createdDaysAgo: 150,
      createdBy: iam('iam::{account}:user/tom.becker'),
      releaseLabel: 'emr-6.15.0-latest',
      jobDriver: code => ({
        sparkSubmitJobDriver: {
          entryPoint: `${code}/jars/customer-360-refresh-assembly-2.3.1.jar`,
          sparkSubmitParameters: `--class com.example.customer360.RefreshJob ${sparkConf(
            '${ExecutorInstances}',
            '16G',
          )}`,
        },
      }),
      logStreamNamePrefix: 'customer-360-refresh',
      parameters: {
        ExecutorInstances: { type: 'NUMBER', defaultValue: '16' },
      },
      job: 'customer-360-refresh',
    },
    'ad-hoc-pyspark-data-team-a': adHocPySpark(
      98,
      iam('sts::{account}:assumed-role/DataEngineer/li.wei@example.com'),
    ),
  },
  'data-team-b': {
    'clickstream-sessionize': scheduledPySpark('clickstream-sessionize', {
      createdDaysAgo: 120,
      createdBy: iam('iam::{account}:user/anika.patel'),
      releaseLabel: 'emr-7.5.0-latest',
      entryPointArguments: [
        '--date',
        '${RunDate}',
        '--session-gap-minutes',
        '${SessionGapMinutes}',
      ],
      executorMemory: '16G',
      parameters: {
        RunDate: { type: 'STRING' },
        SessionGapMinutes: { type: 'NUMBER', defaultValue: '30' },
        ExecutorInstances: { type: 'NUMBER', defaultValue: '12' },
      },
    }),
    'ml-feature-backfill': scheduledPySpark('ml-feature-backfill', {
      createdDaysAgo: 75,
      createdBy: iam(
        'sts::{account}:assumed-role/MLEngineer/diego.santos@example.com',
      ),
      releaseLabel: '${ReleaseLabel}',
      entryPointArguments: ['--end-date', '${EndDate}', '--days', '${Days}'],
      executorMemory: '32G',
      parameters: {
        EndDate: { type: 'STRING' },
        Days: { type: 'NUMBER', defaultValue: '28' },
        ExecutorInstances: { type: 'NUMBER', defaultValue: '16' },
        ReleaseLabel: { type: 'STRING', defaultValue: 'emr-7.1.0-latest' },
      },
    }),
    'ad-hoc-pyspark-data-team-b': adHocPySpark(
      41,
      iam('sts::{account}:assumed-role/MLEngineer/sofia.rossi@example.com'),
    ),
  },
};

export function demoJobTemplates(now: number): JobTemplateRecord[] {
  const templates: JobTemplateRecord[] = [];
  for (const team of DEMO_TEAMS) {
    const cluster = DEMO.virtualClusters[team];
    const specs = TEMPLATES[team] as Record<string, TemplateSpec>;
    const fixed = DEMO.jobTemplates[team] as Record<
      string,
      { id: string; name: string; arn: string }
    >;
    for (const [name, spec] of Object.entries(specs)) {
      const { id, arn } = fixed[name];
      const configurationOverrides: ConfigurationOverrides = {
        applicationConfiguration: [sparkDefaults()],
        monitoringConfiguration: monitoring(cluster, spec.logStreamNamePrefix),
      };
      templates.push({
        id,
        name,
        arn,
        clientToken: `seed-${id}`,
        createdAt: wholeSeconds(now - spec.createdDaysAgo * DAY),
        createdBy: spec.createdBy,
        tags: { ...cluster.tags },
        jobTemplateData: {
          executionRoleArn: cluster.executionRoleArn,
          releaseLabel: spec.releaseLabel,
          jobDriver: spec.jobDriver(cluster.codeBucket),
          configurationOverrides,
          parameterConfiguration: spec.parameters,
          jobTags: { team, ...(spec.job ? { job: spec.job } : {}) },
        },
      });
    }
  }
  return templates;
}
