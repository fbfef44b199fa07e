import { Entity } from '@backstage/catalog-model';
import {
  ServerlessApplication,
  ServerlessJobDefinition,
  ServerlessJobRunDetail,
  ServerlessJobRunSummary,
} from '@emr-eks/plugin-emr-eks-common';

/** EMR Serverless fixtures for tests only; not exported from the package. */

export const APPLICATION_ARN =
  'arn:aws:emr-serverless:us-east-1:123456789012:/applications/00fsa0a1b2c3d4e5';

export function applicationEntity(name = 'spark-team-a-us-east-1'): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'aws.amazon.com/emr-serverless-application-arn': APPLICATION_ARN,
      },
    },
    spec: { type: 'emr-serverless-application', owner: 'team-a' },
  };
}

export const application: ServerlessApplication = {
  applicationId: '00fsa0a1b2c3d4e5',
  arn: APPLICATION_ARN,
  name: 'spark-team-a',
  type: 'Spark',
  releaseLabel: 'emr-7.5.0',
  state: 'STARTED',
  architecture: 'ARM64',
  createdAt: '2024-04-01T10:00:00Z',
  updatedAt: '2024-05-01T09:58:00Z',
  initialCapacity: {
    Driver: {
      workerCount: 1,
      workerConfiguration: { cpu: '4 vCPU', memory: '16 GB', disk: '20 GB' },
    },
  },
  maximumCapacity: { cpu: '200 vCPU', memory: '800 GB', disk: '2000 GB' },
  autoStart: { enabled: true },
  autoStop: { enabled: true, idleTimeoutMinutes: 15 },
  tags: { team: 'team-a' },
};

const summary = {
  applicationId: '00fsa0a1b2c3d4e5',
  releaseLabel: 'emr-7.5.0',
  executionRole: 'arn:aws:iam::123456789012:role/emr-serverless-team-a',
  createdBy: 'arn:aws:sts::123456789012:assumed-role/portal/alice',
  mode: 'BATCH',
};

export const failedServerlessRun: ServerlessJobRunSummary = {
  ...summary,
  id: '00fsrun0failed01',
  name: 'orders-etl',
  arn: `${APPLICATION_ARN}/jobruns/00fsrun0failed01`,
  state: 'FAILED',
  stateDetails:
    'Job failed, please check complete logs in configured logging destination. ExitCode: 1. Last few exceptions: java.lang.OutOfMemoryError: Java heap space',
  createdAt: '2024-05-01T10:00:00Z',
  updatedAt: '2024-05-01T10:20:00Z',
};

export const runningServerlessRun: ServerlessJobRunSummary = {
  ...summary,
  id: '00fsrun0running1',
  name: 'sessionize',
  arn: `${APPLICATION_ARN}/jobruns/00fsrun0running1`,
  state: 'RUNNING',
  createdAt: '2024-05-01T11:00:00Z',
  updatedAt: '2024-05-01T11:01:00Z',
};

export const failedServerlessRunDetail: ServerlessJobRunDetail = {
  ...failedServerlessRun,
  jobDriver: {
    sparkSubmit: {
      entryPoint: 's3://code/orders_etl.py',
      entryPointArguments: ['--date', '2024-05-01'],
      sparkSubmitParameters:
        '--conf spark.executor.cores=4 --conf spark.executor.memory=16g',
    },
  },
  configurationOverrides: {
    applicationConfiguration: [
      {
        classification: 'spark-defaults',
        properties: { 'spark.dynamicAllocation.enabled': 'true' },
      },
    ],
  },
  tags: {},
  startedAt: '2024-05-01T10:01:00Z',
  endedAt: '2024-05-01T10:20:00Z',
  totalExecutionDurationSeconds: 1140,
  totalResourceUtilization: {
    vCPUHour: 2.5,
    memoryGBHour: 10,
    storageGBHour: 12.25,
  },
  billedResourceUtilization: {
    vCPUHour: 2.6,
    memoryGBHour: 10.4,
    storageGBHour: 0,
  },
  retryPolicy: { maxAttempts: 2 },
  attempt: 2,
  attempts: [
    {
      attempt: 1,
      state: 'FAILED',
      createdAt: '2024-05-01T10:00:00Z',
      updatedAt: '2024-05-01T10:10:00Z',
    },
    {
      attempt: 2,
      state: 'FAILED',
      createdAt: '2024-05-01T10:10:00Z',
      updatedAt: '2024-05-01T10:20:00Z',
    },
  ],
};

export const jobDefinition: ServerlessJobDefinition = {
  name: 'daily-orders',
  executionRoleArn: 'arn:aws:iam::123456789012:role/emr-serverless-team-a',
  jobDriver: { sparkSubmit: { entryPoint: 's3://code/orders_etl.py' } },
  createdBy: 'user:default/alice',
  createdAt: '2024-04-20T08:00:00Z',
};
