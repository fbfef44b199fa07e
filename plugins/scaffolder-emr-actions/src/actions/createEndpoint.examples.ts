import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { stringify } from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'A Jupyter Enterprise Gateway endpoint on a virtual cluster',
    example: stringify({
      steps: [
        {
          id: 'endpoint',
          action: 'emr:endpoint:create',
          name: 'Create interactive endpoint',
          input: {
            virtualClusterArn:
              'arn:aws:emr-containers:us-east-1:123456789012:/virtualclusters/abcdefghijklmnopqrstuvwxy',
            name: 'data-team-a-notebooks',
            releaseLabel: 'emr-7.5.0-latest',
            executionRoleArn:
              'arn:aws:iam::123456789012:role/emr-eks-data-team-a-job-execution',
            certificateArn:
              'arn:aws:acm:us-east-1:123456789012:certificate/0d2f6e36-5c1a-4b8e-9d7c-2a3b4c5d6e7f',
            owner: 'group:default/data-team-a',
            timeoutMinutes: 45,
          },
        },
      ],
    }),
  },
];
