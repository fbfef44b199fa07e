import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { stringify } from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'A Spark application with a warm driver and two executors, reading its code bucket and writing curated data',
    example: stringify({
      steps: [
        {
          id: 'application',
          action: 'emr:serverlessApplication:create',
          name: 'Create EMR Serverless application',
          input: {
            owner: 'group:default/data-team-a',
            name: 'data-team-a-etl',
            type: 'Spark',
            releaseLabel: 'emr-7.5.0',
            region: 'us-east-1',
            initialCapacity: {
              driver: { workerCount: 1, cpu: '4 vCPU', memory: '16 GB' },
              executor: {
                workerCount: 2,
                cpu: '4 vCPU',
                memory: '16 GB',
                disk: '50 GB',
              },
            },
            maximumCapacity: { cpu: '64 vCPU', memory: '256 GB' },
            autoStopIdleTimeoutMinutes: 15,
            subnetIds: ['subnet-0a1b2c3d4e5f60718'],
            securityGroupIds: ['sg-0123456789abcdef0'],
            buckets: [
              { bucket: 'analytics-data-team-a-code-123456789012' },
              {
                bucket: 'analytics-curated-123456789012',
                prefix: 'data-team-a',
                access: 'readWrite',
              },
            ],
          },
        },
      ],
    }),
  },
  {
    description:
      'A Hive application from a custom image, no pre-initialized capacity, never stopped when idle',
    example: stringify({
      steps: [
        {
          id: 'application',
          action: 'emr:serverlessApplication:create',
          name: 'Create EMR Serverless application',
          input: {
            owner: 'group:default/data-team-a',
            name: 'data-team-a-hive',
            type: 'Hive',
            releaseLabel: 'emr-7.5.0',
            region: 'eu-west-1',
            autoStop: false,
            imageUri:
              '123456789012.dkr.ecr.eu-west-1.amazonaws.com/emr-serverless/hive:7.5.0',
            glue: true,
          },
        },
      ],
    }),
  },
];
