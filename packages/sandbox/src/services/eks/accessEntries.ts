import { DEMO } from '../../demo';
import { seconds } from './json';

/* Access entries and the access policies associated with them. */

export const EMR_JOB_POLICY_ARN =
  'arn:aws:eks::aws:cluster-access-policy/AmazonEMRJobPolicy';
/** The EMR on EKS service-linked role, whose access entry lets EMR use a namespace. */
export const EMR_SERVICE_LINKED_ROLE_ARN = `arn:aws:iam::${DEMO.accountId}:role/AWSServiceRoleForAmazonEMRContainers`;

export const EKS_ACCESS_POLICIES = [
  'AmazonEKSAdminPolicy',
  'AmazonEKSAdminViewPolicy',
  'AmazonEKSClusterAdminPolicy',
  'AmazonEKSEditPolicy',
  'AmazonEKSViewPolicy',
  'AmazonEMRJobPolicy',
].map(name => `arn:aws:eks::aws:cluster-access-policy/${name}`);

export interface AccessScope {
  type: 'cluster' | 'namespace';
  namespaces?: string[];
}

export interface AccessEntry {
  principalArn: string;
  username: string;
  kubernetesGroups: string[];
  type: string;
  tags: Record<string, string>;
  createdAt: number;
  modifiedAt: number;
  accessEntryArn: string;
  policies: Map<
    string,
    { accessScope: AccessScope; associatedAt: number; modifiedAt: number }
  >;
}

/** An access entry as EKS answers it. */
export function accessEntryJson(cluster: string, e: AccessEntry) {
  return {
    clusterName: cluster,
    principalArn: e.principalArn,
    kubernetesGroups: e.kubernetesGroups,
    accessEntryArn: e.accessEntryArn,
    createdAt: seconds(e.createdAt),
    modifiedAt: seconds(e.modifiedAt),
    tags: e.tags,
    username: e.username,
    type: e.type,
  };
}

/** An associated access policy as EKS answers it. */
export function policyJson(p: {
  policyArn: string;
  accessScope: AccessScope;
  associatedAt: number;
  modifiedAt: number;
}) {
  return {
    policyArn: p.policyArn,
    accessScope: p.accessScope,
    associatedAt: seconds(p.associatedAt),
    modifiedAt: seconds(p.modifiedAt),
  };
}
