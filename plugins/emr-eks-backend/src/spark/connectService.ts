import {
  coreServices,
  createServiceFactory,
  createServiceRef,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  SparkConnectServer,
  SparkConnectServerList,
  VirtualCluster,
  emrEksJobRunCancelPermission,
  emrEksJobRunStartPermission,
} from '@emr-eks/plugin-emr-eks-common';
import { KubernetesCluster } from '@emr-eks/plugin-emr-eks-node';
import { emrEksServiceRef } from '../services/emrEksServiceRef';
import { EmrEksService, EntityRequest, WriteResult } from '../services/types';
import { readSparkApplicationsConfig } from './config';
import {
  SparkConnectKubernetes,
  SparkConnectObjects,
} from './connectKubernetes';
import { locateSparkNamespace } from './locate';
import {
  STOPPED_APPLICATION_ANNOTATION,
  isSparkConnectObject,
  restorable,
  stoppedApplicationOf,
  toSparkConnectServer,
} from './connectServers';

/**
 * The Spark Connect servers the action `emr:sparkConnect:create` made in a virtual
 * cluster's namespace: read with `emr-eks.job-run.read` on the entity; stopped (the
 * SparkApplication deleted, its Service and Ingress kept) with `emr-eks.job-run.cancel`
 * and started again with `emr-eks.job-run.start`, by the owners of the virtual cluster.
 *
 * @public
 */
export interface SparkConnectService {
  listServers(request: EntityRequest): Promise<SparkConnectServerList>;
  stopServer(
    request: EntityRequest & { name: string },
  ): Promise<WriteResult<SparkConnectServer>>;
  startServer(
    request: EntityRequest & { name: string },
  ): Promise<WriteResult<SparkConnectServer>>;
}

/** The default {@link SparkConnectService}: the cluster's Kubernetes API through the portal's `kubernetes` config. */
export class DefaultSparkConnectService implements SparkConnectService {
  private constructor(
    private readonly emrEks: EmrEksService,
    private readonly clusters: Map<string, KubernetesCluster>,
  ) {}

  static create(options: {
    config: RootConfigService;
    emrEks: EmrEksService;
  }): DefaultSparkConnectService {
    return new DefaultSparkConnectService(
      options.emrEks,
      readSparkApplicationsConfig(options.config).clusters,
    );
  }

  async listServers(request: EntityRequest): Promise<SparkConnectServerList> {
    // The entity, as the caller may read it, before Kubernetes is asked.
    const vc = await this.emrEks.describeVirtualCluster(request);
    const k8s = this.kubernetes(vc);
    const byName = await k8s.listAll();
    return {
      items: [...byName.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([name, objects]) => toSparkConnectServer(name, objects)),
      cluster: k8s.clusterName,
      namespace: k8s.namespace,
    };
  }

  async stopServer(
    request: EntityRequest & { name: string },
  ): Promise<WriteResult<SparkConnectServer>> {
    const { cluster, target, user } = await this.emrEks.virtualClusterForWrite({
      ...request,
      permission: emrEksJobRunCancelPermission,
    });
    const k8s = this.kubernetes(cluster);
    const objects = await this.endpoint(k8s, request.name);
    const { application, service } = objects;
    if (!application) {
      throw new ConflictError(
        `Spark Connect server ${request.name} is already stopped`,
      );
    }
    const stopped = {
      stoppedAt: new Date().toISOString(),
      stoppedBy: user,
      application: restorable(application),
    };
    // Keep the application on the Service first: a stop that cannot delete it changes nothing.
    await k8s.annotateService(request.name, {
      [STOPPED_APPLICATION_ANNOTATION]: JSON.stringify(stopped),
    });
    try {
      await k8s.deleteApplication(request.name);
    } catch (error) {
      await undo(() =>
        k8s.annotateService(request.name, {
          [STOPPED_APPLICATION_ANNOTATION]: null,
        }),
      );
      throw error;
    }
    const annotated = {
      ...service!,
      metadata: {
        ...service!.metadata,
        annotations: {
          ...service!.metadata.annotations,
          [STOPPED_APPLICATION_ANNOTATION]: JSON.stringify(stopped),
        },
      },
    };
    return {
      result: toSparkConnectServer(request.name, {
        ...objects,
        application: undefined,
        service: annotated,
      }),
      target,
    };
  }

  async startServer(
    request: EntityRequest & { name: string },
  ): Promise<WriteResult<SparkConnectServer>> {
    const { cluster, target } = await this.emrEks.virtualClusterForWrite({
      ...request,
      permission: emrEksJobRunStartPermission,
    });
    const k8s = this.kubernetes(cluster);
    const objects = await this.endpoint(k8s, request.name);
    if (objects.application) {
      throw new ConflictError(
        `Spark Connect server ${request.name} is already started (${
          objects.application.status?.applicationState?.state || 'NEW'
        })`,
      );
    }
    const stopped = stoppedApplicationOf(objects.service);
    if (!stopped) {
      throw new ConflictError(
        `Spark Connect server ${request.name} has no SparkApplication and was not stopped through the portal, so there is nothing to start it from; create it again with the template "Create a Spark Connect endpoint for a team"`,
      );
    }
    const application = {
      ...stopped.application,
      metadata: { ...stopped.application.metadata, namespace: k8s.namespace },
    };
    await k8s.createApplication(application);
    try {
      await k8s.annotateService(request.name, {
        [STOPPED_APPLICATION_ANNOTATION]: null,
      });
    } catch (error) {
      await undo(() => k8s.deleteApplication(request.name));
      throw error;
    }
    const { [STOPPED_APPLICATION_ANNOTATION]: _kept, ...annotations } =
      objects.service!.metadata.annotations ?? {};
    return {
      result: toSparkConnectServer(request.name, {
        ...objects,
        application,
        service: {
          ...objects.service!,
          metadata: { ...objects.service!.metadata, annotations },
        },
      }),
      target,
    };
  }

  private kubernetes(vc: VirtualCluster) {
    const { cluster, namespace } = locateSparkNamespace(vc, this.clusters);
    return new SparkConnectKubernetes(cluster, namespace);
  }

  /** The endpoint's objects; its Service must be one the action made (its labels). */
  private async endpoint(
    k8s: SparkConnectKubernetes,
    name: string,
  ): Promise<SparkConnectObjects> {
    const objects = await k8s.get(name);
    if (!isSparkConnectObject(objects.service)) {
      throw new NotFoundError(
        `No Spark Connect server '${name}' in namespace '${
          k8s.namespace
        }' of cluster '${k8s.clusterName}': ${
          objects.service
            ? `Service ${name} does not carry the labels of the template's endpoints`
            : `there is no Service ${name}`
        }`,
      );
    }
    if (objects.application && !isSparkConnectObject(objects.application)) {
      throw new ConflictError(
        `SparkApplication ${name} in namespace '${k8s.namespace}' is not the Spark Connect server the template made (its labels differ); it is left alone`,
      );
    }
    return objects;
  }
}

/** Puts back what a failed write changed; the write's own error is the one to report. */
async function undo(fn: () => Promise<unknown>): Promise<void> {
  try {
    await fn();
  } catch {
    // The write failed already; its error says why. What could not be undone is harmless:
    // a kept application next to a live one is ignored, and the next stop rewrites it.
  }
}

/**
 * The plugin's Spark Connect service; adopters can replace it with their own factory.
 *
 * @public
 */
export const sparkConnectServiceRef = createServiceRef<SparkConnectService>({
  id: 'emr-eks.spark-connect',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: { config: coreServices.rootConfig, emrEks: emrEksServiceRef },
      factory: deps => DefaultSparkConnectService.create(deps),
    }),
});
