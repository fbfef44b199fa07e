import { OperationHandler } from '../../protocols/restJson';
import { regionOf } from '../../sigv4';
import { accessEntryJson, AccessScope, policyJson } from './accessEntries';
import { clusterJson } from './clusters';
import { associationJson } from './podIdentity';
import { EksStore, notFound } from './store';

/** The handlers of the EKS operations, on the model's input members. */
export function eksHandlers(store: EksStore): Record<string, OperationHandler> {
  type In = Record<string, any>;
  return {
    ListClusters: (_in, { req }) => ({
      clusters: store.clusterNames(regionOf(req)),
    }),
    DescribeCluster: ({ name }: In, { req }) => {
      const info = store.clusterInfo(regionOf(req), name);
      if (!info) throw notFound(`No cluster found for name: ${name}.`);
      return { cluster: clusterJson(info, req.headers.host) };
    },
    CreateAccessEntry: ({ clusterName, ...request }: In, { req }) => ({
      accessEntry: accessEntryJson(
        clusterName,
        store.createAccessEntry(regionOf(req), clusterName, request),
      ),
    }),
    ListAccessEntries: ({ clusterName, associatedPolicyArn }: In, { req }) => ({
      accessEntries: store.listAccessEntries(
        regionOf(req),
        clusterName,
        associatedPolicyArn,
      ),
    }),
    DescribeAccessEntry: ({ clusterName, principalArn }: In, { req }) => ({
      accessEntry: accessEntryJson(
        clusterName,
        store.accessEntry(regionOf(req), clusterName, principalArn),
      ),
    }),
    DeleteAccessEntry: ({ clusterName, principalArn }: In, { req }) => {
      store.deleteAccessEntry(regionOf(req), clusterName, principalArn);
      return {};
    },
    AssociateAccessPolicy: (
      { clusterName, principalArn, policyArn, accessScope }: In,
      { req },
    ) => ({
      clusterName,
      principalArn,
      associatedAccessPolicy: policyJson(
        store.associateAccessPolicy(
          regionOf(req),
          clusterName,
          principalArn,
          policyArn,
          accessScope as AccessScope | undefined,
        ),
      ),
    }),
    ListAssociatedAccessPolicies: (
      { clusterName, principalArn }: In,
      { req },
    ) => ({
      clusterName,
      principalArn,
      associatedAccessPolicies: [
        ...store.accessEntry(regionOf(req), clusterName, principalArn).policies,
      ].map(([policyArn, p]) => policyJson({ policyArn, ...p })),
    }),
    DisassociateAccessPolicy: (
      { clusterName, principalArn, policyArn }: In,
      { req },
    ) => {
      store.disassociateAccessPolicy(
        regionOf(req),
        clusterName,
        principalArn,
        policyArn,
      );
      return {};
    },
    CreatePodIdentityAssociation: (
      { clusterName, ...request }: In,
      { req },
    ) => ({
      association: associationJson(
        store.createPodIdentityAssociation(regionOf(req), clusterName, request),
      ),
    }),
    ListPodIdentityAssociations: (
      { clusterName, namespace, serviceAccount }: In,
      { req },
    ) => ({
      associations: store
        .listPodIdentityAssociations(regionOf(req), clusterName, {
          namespace,
          serviceAccount,
        })
        .map(a => ({
          clusterName: a.clusterName,
          namespace: a.namespace,
          serviceAccount: a.serviceAccount,
          associationArn: a.associationArn,
          associationId: a.associationId,
        })),
    }),
    DescribePodIdentityAssociation: (
      { clusterName, associationId }: In,
      { req },
    ) => ({
      association: associationJson(
        store.podIdentityAssociation(regionOf(req), clusterName, associationId),
      ),
    }),
    DeletePodIdentityAssociation: (
      { clusterName, associationId }: In,
      { req },
    ) => ({
      association: associationJson(
        store.deletePodIdentityAssociation(
          regionOf(req),
          clusterName,
          associationId,
        ),
      ),
    }),
  };
}
