import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { stringify } from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'A PySpark job template using the non-critical pod templates',
    example: stringify({
      steps: [
        {
          id: 'jobTemplate',
          action: 'emr:jobTemplate:create',
          name: 'Create job template',
          input: {
            virtualClusterArn:
              'arn:aws:emr-containers:us-east-1:123456789012:/virtualclusters/abcdefghijklmnopqrstuvwxy',
            name: 'daily-aggregation',
            releaseLabel: 'emr-7.5.0-latest',
            executionRoleArn:
              'arn:aws:iam::123456789012:role/emr-eks-data-team-a-job-execution',
            entryPoint:
              's3://analytics-code-123456789012/jobs/daily_aggregation.py',
            entryPointArguments: ['--date', '2026-01-01'],
            sparkSubmitParameters: '--conf spark.executor.instances=4',
            driverPodTemplateUri:
              's3://analytics-assets-123456789012/pod-templates/data-team-a/non-critical-driver.yaml',
            executorPodTemplateUri:
              's3://analytics-assets-123456789012/pod-templates/data-team-a/non-critical-executor.yaml',
            logGroupName: '/emr-on-eks/data-team-a',
            owner: 'group:default/data-team-a',
          },
        },
      ],
    }),
  },
];
