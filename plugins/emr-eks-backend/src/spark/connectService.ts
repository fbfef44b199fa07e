import {
  coreServices,
  createServiceFactory,
  createServiceRef,
  DatabaseService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import {
  ConflictError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import {
  SparkConnectServer,
  SparkConnectServerList,
  VirtualCluster,
  emrEksJobRunCancelPermission,
  emrEksJobRunStartPermission,
} from '@emr-eks/plugin-emr-eks-common';
import { emrEksServiceRef } from '../services/emrEksServiceRef';
import { SavedDefinitionStore } from '../services/SavedDefinitionStore';
import { EmrEksService, EntityRequest, WriteResult } from '../services/types';
import { readSparkApplicationsConfig } from './config';
import {
  SparkConnectKubernetes,
  SparkConnectObjects,
} from './connectKubernetes';
import { SparkKubernetesAccess, locateSparkNamespace } from './locate';
import {
  StoppedApplication,
  isSparkConnectObject,
  restorable,
  toSparkConnectServer,
} from './connectServers';

/**
 * The stopped servers' applications, in the plugin's database: only the portal writes there,
 * so what a start creates is what a stop took away (the Service, which anyone who may patch
 * Services in the namespace can rewrite, holds nothing a start reads).
 */
type StoppedStore = SavedDefinitionStore<StoppedApplication>;

/** Rows by `<cluster>/<namespace>` and server name; created_by/created_at: who stopped it, when. */
export function stoppedApplicationStore(
  database: DatabaseService,
): Promise<StoppedStore> {
  return SavedDefinitionStore.create<StoppedApplication>(database, {
    name: 'emr_eks_spark_connect_stopped',
    scopeColumn: 'kubernetes_namespace',
  });
}

/**
 * The Spark Connect servers the action `emr:sparkConnect:create` made in a virtual
 * cluster's namespace: read with `emr-eks.job-run.read` on the entity; stopped (the
 * SparkApplication deleted and kept in the plugin's database, its Service and Ingress kept)
 * with `emr-eks.job-run.cancel` and started again with `emr-eks.job-run.start`, by the
 * owners of the virtual cluster.
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
    private readonly kubernetesAccess: SparkKubernetesAccess,
    private readonly stopped: Promise<StoppedStore> | undefined,
  ) {
    // A database that cannot be opened fails stop and start, not startup.
    stopped?.catch(() => undefined);
  }

  static create(options: {
    config: RootConfigService;
    emrEks: EmrEksService;
    /** Where stopped servers' applications are kept; without it stop and start answer 503. */
    database?: DatabaseService;
  }): DefaultSparkConnectService {
    return new DefaultSparkConnectService(
      options.emrEks,
      readSparkApplicationsConfig(options.config),
      options.database && stoppedApplicationStore(options.database),
    );
  }

  async listServers(request: EntityRequest): Promise<SparkConnectServerList> {
    // The entity, as the caller may read it, before Kubernetes is asked.
    const vc = await this.emrEks.describeVirtualCluster(request);
    const k8s = this.kubernetes(vc);
    const byName = await k8s.listAll();
    const anyStopped = [...byName.values()].some(o => !o.application);
    const kept = new Map(
      anyStopped && this.stopped
        ? (await (await this.stopped).list(scopeOf(k8s))).map(r => [r.name, r])
        : [],
    );
    return {
      items: [...byName.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([name, objects]) =>
          toSparkConnectServer(name, objects, kept.get(name)),
        ),
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
    const { application } = objects;
    if (!application) {
      throw new ConflictError(
        `Spark Connect server ${request.name} is already stopped`,
      );
    }
    const store = await this.stoppedStore();
    const scope = scopeOf(k8s);
    // Kept first: a stop that cannot delete the application takes the row back.
    const kept = await store.save(
      scope,
      { name: request.name, application: restorable(application) },
      user,
    );
    try {
      await k8s.deleteApplication(request.name);
    } catch (error) {
      if (error instanceof NotFoundError) {
        // Gone meanwhile (another stop, maybe on another replica): stopped, and the row
        // stays, for that stop may have kept its own already and this one overwrote it.
        throw new ConflictError(
          `Spark Connect server ${request.name} is already stopped`,
        );
      }
      await undo(() => store.remove(scope, request.name, kept.createdAt));
      throw error;
    }
    return {
      result: toSparkConnectServer(
        request.name,
        { ...objects, application: undefined },
        kept,
      ),
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
    const store = await this.stoppedStore();
    const scope = scopeOf(k8s);
    // From the database only: an annotation an older version left on the Service is not read.
    const kept = await store.get(scope, request.name);
    if (!kept) {
      throw new ConflictError(
        `Spark Connect server ${request.name} has no SparkApplication and was not stopped through the portal, so there is nothing to start it from; create it again with the template "Create a Spark Connect endpoint for a team"`,
      );
    }
    const application = {
      ...kept.application,
      metadata: {
        ...kept.application.metadata,
        name: request.name,
        namespace: k8s.namespace,
      },
    };
    // Two starts (or a start racing a stop's delete) cannot make two: Kubernetes refuses a
    // second create of the name, a 409 (see SparkConnectKubernetes's failure mapping).
    await k8s.createApplication(application);
    // Only the row this start read: a stop that raced it (on another replica) may have kept
    // a newer one, which must stay. If removing fails after the create, the row stays beside
    // a live application, which ignores it, and the next stop overwrites it.
    await undo(() => store.remove(scope, request.name, kept.createdAt));
    return {
      result: toSparkConnectServer(request.name, { ...objects, application }),
      target,
    };
  }

  private kubernetes(vc: VirtualCluster) {
    const { cluster, namespace, token } = locateSparkNamespace(
      vc,
      this.kubernetesAccess,
    );
    return new SparkConnectKubernetes(cluster, namespace, token);
  }

  private async stoppedStore(): Promise<StoppedStore> {
    if (!this.stopped) {
      throw new ServiceUnavailableError(
        'Stopping and starting Spark Connect servers needs the plugin database, which is not configured',
      );
    }
    return this.stopped;
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

/** The rows of one namespace of one cluster (a namespace name holds no '/'). */
function scopeOf(k8s: SparkConnectKubernetes): string {
  return `${k8s.clusterName}/${k8s.namespace}`;
}

/**
 * Removes a kept row after the write that made it moot; a failure there is not the caller's:
 * a kept row next to a live application is ignored, and the next stop rewrites it.
 */
async function undo(fn: () => Promise<unknown>): Promise<void> {
  try {
    await fn();
  } catch {
    // The write's own outcome (or error) is the one to report.
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
      deps: {
        config: coreServices.rootConfig,
        emrEks: emrEksServiceRef,
        // Stopped servers' applications.
        database: coreServices.database,
      },
      factory: deps => DefaultSparkConnectService.create(deps),
    }),
});
