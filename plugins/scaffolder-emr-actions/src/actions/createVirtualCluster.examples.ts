import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { stringify } from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: "A virtual cluster on the team's namespace",
    example: stringify({
      steps: [
        {
          id: 'virtualCluster',
          action: 'emr:virtualCluster:create',
          name: 'Create virtual cluster',
          input: {
            cluster: 'analytics-prod',
            namespace: 'data-team-a',
            name: 'data-team-a',
            owner: 'group:default/data-team-a',
          },
        },
      ],
    }),
  },
];
