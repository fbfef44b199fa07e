/**
 * Fixed names and ids of the demo data. The catalog files of the portal refer
 * to these, so they never change with the seed.
 */
const accountId = '123456789012';
const region = 'us-east-1';

export function virtualClusterArn(id: string): string {
  // Note the ":/" after the account id: that is how EMR on EKS spells its ARNs.
  return `arn:aws:emr-containers:${region}:${accountId}:/virtualclusters/${id}`;
}

function team(name: string, id: string) {
  return {
    /** Team name; also the virtual cluster name, namespace and `team` tag. */
    team: name,
    id,
    name,
    namespace: name,
    arn: virtualClusterArn(id),
    executionRoleArn: `arn:aws:iam::${accountId}:role/emr-eks-${name}-job-execution`,
    logGroupName: `/emr-on-eks/${name}`,
    logUri: `s3://analytics-${name}-logs-${accountId}/emr-on-eks/`,
    codeBucket: `s3://analytics-${name}-code-${accountId}`,
    tags: { team: name },
  };
}

export const DEMO = {
  accountId,
  region,
  eksClusterName: 'analytics-shared',
  /** Shown as `createdBy` of job runs started through the sandbox API. */
  callerArn: `arn:aws:iam::${accountId}:user/sandbox-user`,
  virtualClusters: {
    'data-team-a': team('data-team-a', '3f2c9e8a1b7d4c6e0a5f9b2d1'),
    'data-team-b': team('data-team-b', '8d1e4b7a2c9f6e3d0b5a8c1f4'),
  },
} as const;

export type DemoTeam = keyof typeof DEMO.virtualClusters;
export const DEMO_TEAMS = Object.keys(DEMO.virtualClusters) as DemoTeam[];
