import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { stringify } from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'A namespace with the default quota, limits and isolation',
    example: stringify({
      steps: [
        {
          id: 'namespace',
          action: 'emr:namespace:prepare',
          name: 'Prepare namespace',
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
    description: 'Custom quota and limits, without a NetworkPolicy',
    example: stringify({
      steps: [
        {
          id: 'namespace',
          action: 'emr:namespace:prepare',
          name: 'Prepare namespace',
          input: {
            cluster: 'analytics-prod',
            namespace: 'fraud-ml',
            owner: 'group:default/fraud',
            quota: {
              requestsCpu: '200',
              requestsMemory: '800Gi',
              limitsCpu: '400',
              limitsMemory: '1200Gi',
            },
            limits: { maxCpu: '8', minCpu: '250m', maxMemory: '64Gi' },
            networkIsolation: false,
          },
        },
      ],
    }),
  },
  {
    description:
      'A platform admin adopting a namespace made outside the portal (rollback restores its labels and objects)',
    example: stringify({
      steps: [
        {
          id: 'namespace',
          action: 'emr:namespace:prepare',
          name: 'Adopt namespace',
          input: {
            cluster: 'analytics-prod',
            namespace: 'spark-legacy',
            owner: 'group:default/data-team-a',
            adoptExistingNamespace: true,
          },
        },
      ],
    }),
  },
];
