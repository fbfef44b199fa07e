import { DEMO } from '../../demo';
import { seconds } from './json';

/* The sandbox's EKS clusters and what DescribeCluster says of them. */

export interface EksClusterInfo {
  name: string;
  region: string;
  /** Hex id of the OIDC issuer (fixed, so IRSA trust policies can name it). */
  oidcId: string;
  version: string;
  createdAt: number;
}

/** The sandbox's EKS clusters (fixed: trust policies and catalog files refer to them). */
export const EKS_CLUSTERS: EksClusterInfo[] = [
  {
    name: DEMO.eksClusterName,
    region: DEMO.region,
    oidcId: 'B3C9E1F47A2D8C6E0F5A9B1D3C7E4F28',
    version: '1.31',
    createdAt: Date.parse('2024-01-15T10:00:00Z'),
  },
  {
    name: DEMO.secondaryRegion.eksClusterName,
    region: DEMO.secondaryRegion.region,
    oidcId: '5E8A2C4F9B1D7E3A6C0F8B2D4E9A1C73',
    version: '1.31',
    createdAt: Date.parse('2024-06-03T10:00:00Z'),
  },
];

export const oidcIssuer = (cluster: EksClusterInfo) =>
  `https://oidc.eks.${cluster.region}.amazonaws.com/id/${cluster.oidcId}`;

/** A cluster as DescribeCluster answers it; its endpoint is the sandbox's Kubernetes API. */
export function clusterJson(info: EksClusterInfo, host: string | undefined) {
  return {
    name: info.name,
    arn: `arn:aws:eks:${info.region}:${DEMO.accountId}:cluster/${info.name}`,
    createdAt: seconds(info.createdAt),
    version: info.version,
    endpoint: `http://${host ?? '127.0.0.1:4510'}/k8s/${info.name}`,
    roleArn: `arn:aws:iam::${DEMO.accountId}:role/eks-cluster-role-${info.name}`,
    resourcesVpcConfig: {
      subnetIds: ['subnet-0a1b2c3d4e5f60718', 'subnet-0f1e2d3c4b5a69788'],
      securityGroupIds: [],
      clusterSecurityGroupId: 'sg-0c1d2e3f4a5b6c7d8',
      vpcId: 'vpc-0a9b8c7d6e5f4a3b2',
      endpointPublicAccess: false,
      endpointPrivateAccess: true,
      publicAccessCidrs: [],
    },
    kubernetesNetworkConfig: {
      serviceIpv4Cidr: '172.20.0.0/16',
      ipFamily: 'ipv4',
    },
    logging: {
      clusterLogging: [
        { types: ['api', 'audit', 'authenticator'], enabled: true },
      ],
    },
    identity: { oidc: { issuer: oidcIssuer(info) } },
    status: 'ACTIVE',
    certificateAuthority: {
      data: Buffer.from(`sandbox CA of ${info.name}`).toString('base64'),
    },
    platformVersion: 'eks.20',
    tags: {},
    accessConfig: {
      bootstrapClusterCreatorAdminPermissions: true,
      authenticationMode: 'API_AND_CONFIG_MAP',
    },
  };
}
