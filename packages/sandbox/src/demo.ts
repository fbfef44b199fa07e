/**
 * Fixed names and ids of the demo data. The catalog files of the portal refer
 * to these, so they never change with the seed.
 */
const accountId = '123456789012';
const region = 'us-east-1';

const emrContainersArn = (inRegion: string, resource: string) =>
  // Note the ":/" after the account id: that is how EMR on EKS spells its ARNs.
  `arn:aws:emr-containers:${inRegion}:${accountId}:/${resource}`;

export function virtualClusterArn(
  id: string,
  inRegion: string = region,
): string {
  return emrContainersArn(inRegion, `virtualclusters/${id}`);
}

export function jobRunArn(
  virtualClusterId: string,
  jobRunId: string,
  inRegion: string = region,
): string {
  return emrContainersArn(
    inRegion,
    `virtualclusters/${virtualClusterId}/jobruns/${jobRunId}`,
  );
}

export function managedEndpointArn(
  virtualClusterId: string,
  endpointId: string,
  inRegion: string = region,
): string {
  return emrContainersArn(
    inRegion,
    `virtualclusters/${virtualClusterId}/endpoints/${endpointId}`,
  );
}

/** An EMR Serverless application ARN (also spelled with ":/" after the account id). */
export function serverlessApplicationArn(
  id: string,
  inRegion: string = region,
): string {
  return `arn:aws:emr-serverless:${inRegion}:${accountId}:/applications/${id}`;
}

export function jobTemplateArn(id: string, inRegion: string = region): string {
  return emrContainersArn(inRegion, `jobtemplates/${id}`);
}

function team(
  name: string,
  id: string,
  where: { region: string; clusterName?: string } = { region },
) {
  const clusterName = where.clusterName ?? name;
  return {
    /** Team name; also the `team` tag. */
    team: name,
    id,
    /** Virtual cluster name and Kubernetes namespace. */
    name: clusterName,
    namespace: clusterName,
    arn: virtualClusterArn(id, where.region),
    executionRoleArn: `arn:aws:iam::${accountId}:role/emr-eks-${name}-job-execution`,
    logGroupName: `/emr-on-eks/${clusterName}`,
    logUri: `s3://analytics-${clusterName}-logs-${accountId}/emr-on-eks/`,
    codeBucket: `s3://analytics-${clusterName}-code-${accountId}`,
    tags: { team: name },
  };
}

function endpoint(virtualClusterId: string, name: string, id: string) {
  return { id, name, arn: managedEndpointArn(virtualClusterId, id) };
}

function template(name: string, id: string) {
  return { id, name, arn: jobTemplateArn(id) };
}

function serverlessApplication(
  teamName: string,
  id: string,
  inRegion: string = region,
) {
  return {
    team: teamName,
    id,
    name: `spark-${teamName}`,
    arn: serverlessApplicationArn(id, inRegion),
    region: inRegion,
    executionRoleArn: `arn:aws:iam::${accountId}:role/emr-serverless-${teamName}-job-runtime`,
    logUri: `s3://analytics-${teamName}-logs-${accountId}/emr-serverless/`,
    codeBucket: `s3://analytics-${teamName}-code-${accountId}`,
    tags: { team: teamName },
  };
}

const teamA = team('data-team-a', '3f2c9e8a1b7d4c6e0a5f9b2d1');
const teamB = team('data-team-b', '8d1e4b7a2c9f6e3d0b5a8c1f4');

export const DEMO = {
  accountId,
  region,
  eksClusterName: 'analytics-shared',
  /** Shown as `createdBy` of job runs started through the sandbox API. */
  callerArn: `arn:aws:iam::${accountId}:user/sandbox-user`,
  virtualClusters: {
    'data-team-a': teamA,
    'data-team-b': teamB,
  },
  /**
   * Managed (interactive) endpoints of each team's virtual cluster, tagged
   * `team=<team>`: one ACTIVE, one TERMINATED long ago.
   */
  managedEndpoints: {
    'data-team-a': {
      active: endpoint(
        teamA.id,
        'notebooks-data-team-a',
        'e4k7m2p9x1q8w3z6r0t5y2u9a',
      ),
      terminated: endpoint(
        teamA.id,
        'notebooks-data-team-a-emr6',
        'e2h8j5k1l9z3x7c4v6b0n8m2a',
      ),
    },
    'data-team-b': {
      active: endpoint(
        teamB.id,
        'notebooks-data-team-b',
        'e5s1d8f3g7h2j9k4l6z0x3c8b',
      ),
      terminated: endpoint(
        teamB.id,
        'ml-sandbox-data-team-b',
        'e9q4w7e2r5t8y1u3i6o0p9a2b',
      ),
    },
  },
  /**
   * Job templates (account and region wide, in us-east-1), tagged
   * `team=<team>`, keyed by template name.
   */
  jobTemplates: {
    'data-team-a': {
      'daily-sales-etl': template(
        'daily-sales-etl',
        't1a7c3e9g5i1k7m3o9q5s1u7a',
      ),
      'customer-360-refresh': template(
        'customer-360-refresh',
        't2b8d4f0h6j2l8n4p0r6t2v8a',
      ),
      'ad-hoc-pyspark-data-team-a': template(
        'ad-hoc-pyspark-data-team-a',
        't3c9e5g1i7k3m9o5q1s7u3w9a',
      ),
    },
    'data-team-b': {
      'clickstream-sessionize': template(
        'clickstream-sessionize',
        't4d0f6h2j8l4n0p6r2t8v4x0b',
      ),
      'ml-feature-backfill': template(
        'ml-feature-backfill',
        't5e1g7i3k9m5o1q7s3u9w5y1b',
      ),
      'ad-hoc-pyspark-data-team-b': template(
        'ad-hoc-pyspark-data-team-b',
        't6f2h8j4l0n6p2r8t4v0x6z2b',
      ),
    },
  },
  /**
   * EMR Serverless applications (Spark), tagged `team=<team>`: one per demo
   * team in us-east-1, and data-team-b's second one in eu-west-1.
   */
  serverlessApplications: {
    'data-team-a': serverlessApplication('data-team-a', '00fsa0a1b2c3d4e5'),
    'data-team-b': serverlessApplication('data-team-b', '00fsb0f6e7d8c9b1'),
    'data-team-b-eu': serverlessApplication(
      'data-team-b',
      '00fse0a9b8c7d6e5',
      'eu-west-1',
    ),
  },
  /**
   * A second region with a little data: one virtual cluster of data-team-b
   * on its own EKS cluster. Every other region is empty.
   */
  secondaryRegion: {
    region: 'eu-west-1',
    eksClusterName: 'analytics-eu',
    virtualClusters: {
      'data-team-b': team('data-team-b', 'b7e3a9c5d1f8e2a6c0d4b9f3e', {
        region: 'eu-west-1',
        clusterName: 'data-team-b-eu',
      }),
    },
  },
} as const;

export type DemoTeam = keyof typeof DEMO.virtualClusters;
export const DEMO_TEAMS = Object.keys(DEMO.virtualClusters) as DemoTeam[];
