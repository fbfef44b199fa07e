import { seconds } from './json';

/* EKS Pod Identity associations. */

export interface PodIdentityAssociation {
  associationId: string;
  associationArn: string;
  clusterName: string;
  namespace: string;
  serviceAccount: string;
  roleArn: string;
  tags: Record<string, string>;
  createdAt: number;
  modifiedAt: number;
}

/** An association as EKS answers it. */
export function associationJson(a: PodIdentityAssociation) {
  return {
    clusterName: a.clusterName,
    namespace: a.namespace,
    serviceAccount: a.serviceAccount,
    roleArn: a.roleArn,
    associationArn: a.associationArn,
    associationId: a.associationId,
    tags: a.tags,
    createdAt: seconds(a.createdAt),
    modifiedAt: seconds(a.modifiedAt),
  };
}
