import {
  ConflictError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import {
  CoreV1Api,
  CustomObjectsApi,
  KubernetesObject,
  NetworkingV1Api,
} from '@kubernetes/client-node';
import { SPARK_CONNECT_SELECTOR } from '@emr-eks/plugin-emr-eks-common';
import { KubernetesCluster, kubeConfigFor } from '@emr-eks/plugin-emr-eks-node';
import {
  SPARK_APPLICATIONS,
  kubernetesUnavailable,
  messageOf,
  statusOf,
} from './kubernetes';

/*
 * The Kubernetes calls behind the Spark Connect routes, in one namespace of one cluster,
 * each failure said once and naming the cluster.
 */

/** A Kubernetes object as the API returns it (the members read here). */
export type KubeObject = KubernetesObject & {
  metadata: {
    name: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  spec?: any;
  status?: any;
};

/** The three objects of one endpoint, as far as they exist. */
export interface SparkConnectObjects {
  application?: KubeObject;
  service?: KubeObject;
  ingress?: KubeObject;
}

export class SparkConnectKubernetes {
  private readonly core: CoreV1Api;
  private readonly networking: NetworkingV1Api;
  private readonly custom: CustomObjectsApi;

  constructor(
    private readonly cluster: KubernetesCluster,
    readonly namespace: string,
    token: () => Promise<string | undefined>,
  ) {
    const kc = kubeConfigFor(cluster, token);
    this.core = kc.makeApiClient(CoreV1Api);
    this.networking = kc.makeApiClient(NetworkingV1Api);
    this.custom = kc.makeApiClient(CustomObjectsApi);
  }

  get clusterName(): string {
    return this.cluster.name;
  }

  /** Every endpoint's objects in the namespace (found by the action's labels), by name. */
  async listAll(): Promise<Map<string, SparkConnectObjects>> {
    const namespace = this.namespace;
    const labelSelector = SPARK_CONNECT_SELECTOR;
    const [applications, services, ingresses] = await Promise.all([
      this.call('list sparkapplications', async () => {
        const list = (await this.custom.listNamespacedCustomObject({
          ...SPARK_APPLICATIONS,
          namespace,
          labelSelector,
        })) as { items?: KubeObject[] };
        return list.items ?? [];
      }),
      this.call('list services', async () => {
        const list = await this.core.listNamespacedService({
          namespace,
          labelSelector,
        });
        return list.items as KubeObject[];
      }),
      this.call('list ingresses', async () => {
        const list = await this.networking.listNamespacedIngress({
          namespace,
          labelSelector,
        });
        return list.items as KubeObject[];
      }),
    ]);
    const byName = new Map<string, SparkConnectObjects>();
    const add = (key: keyof SparkConnectObjects, items: KubeObject[]) => {
      for (const item of items) {
        const entry = byName.get(item.metadata.name) ?? {};
        entry[key] = item;
        byName.set(item.metadata.name, entry);
      }
    };
    add('application', applications);
    add('service', services);
    add('ingress', ingresses);
    return byName;
  }

  /** One endpoint's objects, fresh. */
  async get(name: string): Promise<SparkConnectObjects> {
    const namespace = this.namespace;
    const [application, service, ingress] = await Promise.all([
      this.read(
        `get sparkapplication ${name}`,
        async () =>
          (await this.custom.getNamespacedCustomObject({
            ...SPARK_APPLICATIONS,
            namespace,
            name,
          })) as KubeObject,
      ),
      this.read(
        `get service ${name}`,
        async () =>
          (await this.core.readNamespacedService({
            namespace,
            name,
          })) as KubeObject,
      ),
      this.read(
        `get ingress ${name}`,
        async () =>
          (await this.networking.readNamespacedIngress({
            namespace,
            name,
          })) as KubeObject,
      ),
    ]);
    return { application, service, ingress };
  }

  async createApplication(application: KubeObject): Promise<void> {
    await this.call(
      `create sparkapplication ${application.metadata.name}`,
      () =>
        this.custom.createNamespacedCustomObject({
          ...SPARK_APPLICATIONS,
          namespace: this.namespace,
          body: application,
        }),
    );
  }

  async deleteApplication(name: string): Promise<void> {
    await this.call(`delete sparkapplication ${name}`, () =>
      this.custom.deleteNamespacedCustomObject({
        ...SPARK_APPLICATIONS,
        namespace: this.namespace,
        name,
      }),
    );
  }

  /** Runs one call; its failure said once (see {@link failure}). */
  private async call<T>(what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      throw this.failure(what, error);
    }
  }

  /** One object, or undefined when it is not there. */
  private async read<T>(what: string, fn: () => Promise<T>) {
    try {
      return await fn();
    } catch (error) {
      if (statusOf(error) === 404 && !isMissingApi(error)) return undefined;
      throw this.failure(what, error);
    }
  }

  /**
   * The one mapping of a Kubernetes failure: a conflict (changed meanwhile) is a 409, an
   * object not there a 404; an API the cluster does not serve, a refusal of the portal's
   * identity (RBAC) or no answer at all is a 503 naming the cluster.
   */
  private failure(what: string, error: unknown): Error {
    const status = statusOf(error);
    const message = messageOf(error);
    const detail = message ? ` (${message})` : '';
    const where = `in namespace '${this.namespace}' of cluster '${this.cluster.name}'`;
    if (status === 409) {
      return new ConflictError(
        `could not ${what} ${where}: it changed meanwhile${detail}; reload and try again`,
      );
    }
    if (status === 404 && isMissingApi(error)) {
      return new ServiceUnavailableError(
        `the Kubernetes API of cluster '${this.cluster.name}' does not serve the API to ${what}: is the Spark Operator installed?`,
      );
    }
    if (status === 404) {
      return new NotFoundError(
        `could not ${what} ${where}: not found${detail}`,
      );
    }
    return kubernetesUnavailable(
      { cluster: this.cluster.name, namespace: this.namespace },
      what,
      error,
      'get, list, create and delete on sparkapplications, get and list on services and ingresses',
    );
  }
}

/**
 * A 404 about the API itself (the API server's plain "404 page not found" for a resource
 * type it does not serve), not a Status about one object.
 */
function isMissingApi(error: unknown): boolean {
  return statusOf(error) === 404 && messageOf(error) === undefined;
}
