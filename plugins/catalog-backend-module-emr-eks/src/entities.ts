import type { Endpoint, VirtualCluster } from '@aws-sdk/client-emr-containers';
import type { Application } from '@aws-sdk/client-emr-serverless';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
} from '@backstage/catalog-model';
import {
  EMR_MANAGED_ENDPOINT_ARN_ANNOTATION,
  EMR_MANAGED_ENDPOINT_RESOURCE_TYPE,
  EMR_SERVERLESS_APPLICATION_ARN_ANNOTATION,
  EMR_SERVERLESS_APPLICATION_RESOURCE_TYPE,
  EMR_VIRTUAL_CLUSTER_ARN_ANNOTATION,
  EMR_VIRTUAL_CLUSTER_RESOURCE_TYPE,
  catalogEntityName,
  ownerRefFromTags,
  serverlessApplicationEntityName,
  virtualClusterEntityName,
} from '@emr-eks/plugin-emr-eks-common';
import { ProviderConfig } from './config';

/** The owner a tag names (read as the backend reads it), or the configured default. */
export function ownerRef(
  tags: Record<string, string> | undefined,
  config: ProviderConfig,
): string {
  return (
    ownerRefFromTags(tags, {
      tag: config.ownerTag,
      namespace: config.namespace,
    }) ?? config.defaultOwner
  );
}

function managedBy(config: ProviderConfig) {
  const location = `emr-eks-provider:${config.id}`;
  return {
    [ANNOTATION_LOCATION]: location,
    [ANNOTATION_ORIGIN_LOCATION]: location,
  };
}

export function virtualClusterEntity(
  cluster: VirtualCluster,
  region: string,
  config: ProviderConfig,
): Entity {
  const namespace = cluster.containerProvider?.info?.eksInfo?.namespace;
  const eksCluster = cluster.containerProvider?.id;
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: virtualClusterEntityName(cluster.name ?? cluster.id!, region),
      namespace: config.namespace,
      title: `${cluster.name} (EMR on EKS, ${region})`,
      description: `EMR on EKS virtual cluster ${cluster.id}${
        namespace ? ` on namespace ${namespace}` : ''
      }${eksCluster ? ` of EKS cluster ${eksCluster}` : ''}`,
      annotations: {
        ...managedBy(config),
        [EMR_VIRTUAL_CLUSTER_ARN_ANNOTATION]: cluster.arn!,
      },
      labels: {
        'aws.amazon.com/region': region,
        'aws.amazon.com/account-id': config.accountId,
      },
      tags: ['emr', 'spark'],
    },
    spec: {
      type: EMR_VIRTUAL_CLUSTER_RESOURCE_TYPE,
      owner: ownerRef(cluster.tags, config),
    },
  };
}

export function endpointEntity(
  endpoint: Endpoint,
  cluster: Entity,
  clusterTags: Record<string, string> | undefined,
  region: string,
  config: ProviderConfig,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: catalogEntityName(endpoint.name ?? 'endpoint', endpoint.id!),
      namespace: config.namespace,
      title: `${endpoint.name} (EMR interactive endpoint)`,
      description: `${endpoint.type ?? 'Managed'} endpoint ${
        endpoint.id
      } of virtual cluster ${endpoint.virtualClusterId}`,
      annotations: {
        ...managedBy(config),
        [EMR_MANAGED_ENDPOINT_ARN_ANNOTATION]: endpoint.arn!,
        [EMR_VIRTUAL_CLUSTER_ARN_ANNOTATION]:
          cluster.metadata.annotations![EMR_VIRTUAL_CLUSTER_ARN_ANNOTATION],
      },
      labels: { 'aws.amazon.com/region': region },
      tags: ['emr', 'jupyter'],
    },
    spec: {
      type: EMR_MANAGED_ENDPOINT_RESOURCE_TYPE,
      owner: ownerRef(endpoint.tags ?? clusterTags, config),
      dependsOn: [
        `resource:${cluster.metadata.namespace}/${cluster.metadata.name}`,
      ],
    },
  };
}

/** An EMR Serverless application as a Resource, owner from its team tag. */
export function serverlessApplicationEntity(
  application: Application,
  region: string,
  config: ProviderConfig,
): Entity {
  const name = application.name ?? application.applicationId!;
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: serverlessApplicationEntityName(
        application.name,
        application.applicationId!,
        region,
      ),
      namespace: config.namespace,
      title: `${name} (EMR Serverless, ${region})`,
      description: `EMR Serverless ${application.type} application ${application.applicationId} (${application.releaseLabel})`,
      annotations: {
        ...managedBy(config),
        [EMR_SERVERLESS_APPLICATION_ARN_ANNOTATION]: application.arn!,
      },
      labels: {
        'aws.amazon.com/region': region,
        'aws.amazon.com/account-id': config.accountId,
      },
      tags: [
        'emr',
        'emr-serverless',
        (application.type ?? 'spark').toLowerCase(),
      ],
    },
    spec: {
      type: EMR_SERVERLESS_APPLICATION_RESOURCE_TYPE,
      owner: ownerRef(application.tags, config),
    },
  };
}
