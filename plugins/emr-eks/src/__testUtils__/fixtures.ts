import { Entity } from '@backstage/catalog-model';
import { JobRunDetail, JobRunSummary } from '@emr-eks/plugin-emr-eks-common';

/** Test data; not exported from the package. */
export const VIRTUAL_CLUSTER_ARN =
  'arn:aws:emr-containers:us-east-1:123456789012:/virtualclusters/abc123';

export function virtualClusterEntity(name = 'analytics-vc'): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'aws.amazon.com/emr-virtual-cluster-arn': VIRTUAL_CLUSTER_ARN,
      },
    },
    spec: { type: 'emr-virtual-cluster', owner: 'team-a' },
  };
}

export const failedRun: JobRunSummary = {
  id: 'run-failed-1',
  name: 'nightly-etl',
  virtualClusterId: 'abc123',
  state: 'FAILED',
  failureReason: 'USER_ERROR',
  stateDetails: 'Job failed: executor lost; OOMKilled',
  releaseLabel: 'emr-7.2.0-latest',
  executionRoleArn: 'arn:aws:iam::123456789012:role/emr-eks-job-execution',
  createdAt: '2024-05-01T10:00:00Z',
  finishedAt: '2024-05-01T10:12:30Z',
  createdBy: 'arn:aws:iam::123456789012:user/alice',
};

export const runningRun: JobRunSummary = {
  id: 'run-running-1',
  name: 'hourly-agg',
  virtualClusterId: 'abc123',
  state: 'RUNNING',
  releaseLabel: 'emr-6.15.0-latest',
  createdAt: '2024-05-01T11:00:00Z',
};

export const failedRunDetail: JobRunDetail = {
  ...failedRun,
  jobDriver: {
    sparkSubmitJobDriver: {
      entryPoint: 's3://analytics-code/jobs/nightly_etl.py',
      entryPointArguments: ['--date', '2024-05-01'],
      sparkSubmitParameters:
        '--conf spark.executor.instances=4 --conf spark.executor.memory=4g',
    },
  },
  configurationOverrides: {
    applicationConfiguration: [
      {
        classification: 'spark-defaults',
        properties: {
          'spark.dynamicAllocation.enabled': 'false',
          'spark.sql.shuffle.partitions': '400',
        },
      },
      {
        classification: 'spark-env',
        configurations: [
          {
            classification: 'export',
            properties: { PYSPARK_PYTHON: '/usr/bin/python3' },
          },
        ],
      },
    ],
    monitoringConfiguration: {
      persistentAppUI: 'ENABLED',
      cloudWatchMonitoringConfiguration: {
        logGroupName: '/emr-on-eks/analytics',
        logStreamNamePrefix: 'nightly',
      },
      s3MonitoringConfiguration: { logUri: 's3://analytics-logs/emr/' },
    },
  },
  tags: { team: 'analytics' },
};

export const runningRunDetail: JobRunDetail = {
  ...runningRun,
  jobDriver: {
    sparkSubmitJobDriver: { entryPoint: 's3://analytics-code/jobs/agg.py' },
  },
  configurationOverrides: {
    monitoringConfiguration: { persistentAppUI: 'DISABLED' },
  },
};
