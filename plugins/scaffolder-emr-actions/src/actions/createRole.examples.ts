import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { stringify } from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      "An IRSA job execution role reading the team's bucket and writing its prefix of a shared one",
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
            // Within emrEks.provisioning.buckets, e.g.
            // s3://analytics-${team}-code-123456789012/* and s3://analytics-curated-123456789012/${team}/*
            buckets: [
              {
                bucket: 'analytics-data-team-a-code-123456789012',
                access: 'read',
              },
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
