import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { stringify } from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'An IRSA job execution role reading one bucket and writing another',
    example: stringify({
      steps: [
        {
          id: 'role',
          action: 'emr:role:create',
          name: 'Create job execution role',
          input: {
            cluster: 'analytics-prod',
            namespace: 'data-team-a',
            roleName: 'emr-eks-data-team-a-job-execution',
            owner: 'group:default/data-team-a',
            identity: 'irsa',
            buckets: [
              { bucket: 'analytics-raw-123456789012', access: 'read' },
              {
                bucket: 'analytics-curated-123456789012',
                access: 'readWrite',
                prefix: 'data-team-a',
              },
            ],
          },
        },
      ],
    }),
  },
  {
    description: 'A Pod Identity role without Glue',
    example: stringify({
      steps: [
        {
          id: 'role',
          action: 'emr:role:create',
          name: 'Create job execution role',
          input: {
            cluster: 'analytics-prod',
            namespace: 'fraud-ml',
            roleName: 'emr-eks-fraud-ml',
            owner: 'group:default/fraud',
            identity: 'podIdentity',
            glue: false,
            buckets: [
              { bucket: 'fraud-features-123456789012', access: 'readWrite' },
            ],
          },
        },
      ],
    }),
  },
];
