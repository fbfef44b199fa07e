import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { stringify } from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      "A Spark Connect endpoint on data-team-a's tenant, reachable over TLS from the office network, linked to the tenant's virtual cluster in the catalog (its EMR tab shows the server)",
    example: stringify({
      steps: [
        {
          id: 'sparkConnect',
          action: 'emr:sparkConnect:create',
          name: 'Create the Spark Connect endpoint',
          input: {
            cluster: 'analytics-prod',
            namespace: 'data-team-a',
            owner: 'group:default/data-team-a',
            name: 'spark-connect',
            releaseLabel: 'emr-7.2.0',
            sparkVersion: '3.5.1',
            applicationFile:
              's3://analytics-data-team-a-code-123456789012/jars/spark-connect_2.12-3.5.1.jar',
            certificateArn:
              'arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b',
            inboundCidrs: ['203.0.113.0/24'],
            hostname: 'spark.data-team-a.example.com',
          },
        },
      ],
      output: {
        links: [
          {
            title: 'Virtual cluster in the catalog',
            icon: 'catalog',
            entityRef: '${{ steps.sparkConnect.output.entityRef }}',
          },
        ],
        text: [
          {
            title: 'Connect',
            content: 'Address: `${{ steps.sparkConnect.output.address }}`',
          },
        ],
      },
    }),
  },
  {
    description:
      'Bigger driver and executors, and the service account the team named',
    example: stringify({
      steps: [
        {
          id: 'sparkConnect',
          action: 'emr:sparkConnect:create',
          name: 'Create the Spark Connect endpoint',
          input: {
            cluster: 'analytics-prod',
            namespace: 'data-team-a',
            owner: 'group:default/data-team-a',
            name: 'connect-large',
            releaseLabel: 'emr-7.2.0',
            sparkVersion: '3.5.1',
            applicationFile:
              's3://analytics-data-team-a-code-123456789012/jars/spark-connect_2.12-3.5.1.jar',
            serviceAccount: 'data-team-a-spark',
            driver: { cores: 4, memory: '16g' },
            executor: { cores: 4, memory: '16g', instances: 6 },
            certificateArn:
              'arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b',
            inboundCidrs: ['203.0.113.0/24', '198.51.100.17/32'],
            hostname: 'connect.data-team-a.example.com',
          },
        },
      ],
    }),
  },
];
