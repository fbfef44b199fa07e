import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { stringify } from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: "Pod templates in the cluster's configured bucket",
    example: stringify({
      steps: [
        {
          id: 'podTemplates',
          action: 'emr:podTemplates:publish',
          name: 'Publish pod templates',
          input: {
            cluster: 'analytics-prod',
            namespace: 'data-team-a',
            owner: 'group:default/data-team-a',
          },
        },
      ],
    }),
  },
  {
    description:
      'Pod templates in a given bucket and prefix (platform admins only) with custom priority classes',
    example: stringify({
      steps: [
        {
          id: 'podTemplates',
          action: 'emr:podTemplates:publish',
          name: 'Publish pod templates',
          input: {
            cluster: 'analytics-prod',
            namespace: 'fraud-ml',
            owner: 'group:default/fraud',
            bucket: 'fraud-assets-123456789012',
            prefix: 'emr/pod-templates',
            driverPriorityClass: 'emr-driver',
            executorPriorityClass: 'emr-executor',
          },
        },
      ],
    }),
  },
];
