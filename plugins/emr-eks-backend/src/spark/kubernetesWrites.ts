import {
  ConflictError,
  InputError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { CoreV1Api, CustomObjectsApi } from '@kubernetes/client-node';
import { KubernetesCluster, kubeConfigFor } from '@emr-eks/plugin-emr-eks-node';
import {
  SPARK_APPLICATIONS,
  SparkApplicationObject,
  kubernetesUnavailable,
  messageOf,
  statusOf,
} from './kubernetes';

/*
 * The Kubernetes writes of the Spark Operator actions, in one tenant namespace of one
 * cluster, through the portal's `kubernetes` config identity. It needs, in the tenant
 * namespaces: create, get and delete on sparkapplications.sparkoperator.k8s.io; and get on
 * the namespaces themselves (the tenant's service account, pod templates and priority
 * classes are annotations there). Each failure is said once, naming the cluster.
 */

/** A SparkApplication as the portal sends it. */
export type SparkApplicationManifest = SparkApplicationObject & {
  apiVersion: string;
  kind: 'SparkApplication';
  metadata: SparkApplicationObject['metadata'] & {
    labels: Record<string, string>;
    annotations: Record<string, string>;
  };
};

export class SparkKubernetesWriter {
  private readonly core: CoreV1Api;
  private readonly custom: CustomObjectsApi;

  constructor(
    private readonly cluster: KubernetesCluster,
    private readonly namespace: string,
    token: () => Promise<string | undefined>,
  ) {
    const kc = kubeConfigFor(cluster, token);
    this.core = kc.makeApiClient(CoreV1Api);
    this.custom = kc.makeApiClient(CustomObjectsApi);
  }

  /** The tenant namespace's annotations, where the platform says how its Spark pods run. */
  async namespaceAnnotations(): Promise<Record<string, string>> {
    try {
      const ns = await this.core.readNamespace({ name: this.namespace });
      return ns.metadata?.annotations ?? {};
    } catch (error) {
      if (statusOf(error) === 404) {
        throw new ConflictError(
          `Namespace '${this.namespace}' of the virtual cluster does not exist on cluster '${this.cluster.name}'; nothing was started`,
        );
      }
      throw this.failure('get namespaces', error, 'get on the namespace');
    }
  }

  async getApplication(
    name: string,
  ): Promise<SparkApplicationObject | undefined> {
    try {
      return (await this.custom.getNamespacedCustomObject({
        ...SPARK_APPLICATIONS,
        namespace: this.namespace,
        name,
      })) as SparkApplicationObject;
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw this.failure('get sparkapplications', error, 'get');
    }
  }

  async create(
    manifest: SparkApplicationManifest,
  ): Promise<SparkApplicationObject> {
    try {
      return (await this.custom.createNamespacedCustomObject({
        ...SPARK_APPLICATIONS,
        namespace: this.namespace,
        body: manifest,
      })) as SparkApplicationObject;
    } catch (error) {
      const status = statusOf(error);
      const said = messageOf(error);
      if (status === 409) {
        throw new ConflictError(
          `SparkApplication '${manifest.metadata.name}' already exists in namespace '${this.namespace}' of cluster '${this.cluster.name}'; try again`,
        );
      }
      if (status === 422 || status === 400) {
        throw new InputError(
          `The Kubernetes API of cluster '${
            this.cluster.name
          }' refused SparkApplication '${manifest.metadata.name}' as invalid${
            said ? `: ${said}` : ''
          }`,
        );
      }
      if (status === 404) {
        throw new ServiceUnavailableError(
          `Cluster '${this.cluster.name}' does not serve the SparkApplication API (sparkoperator.k8s.io/v1beta2): install the Spark Operator there`,
        );
      }
      throw this.failure('create sparkapplications', error, 'create');
    }
  }

  /** Deletes a SparkApplication; its driver and executors go with it. */
  async delete(name: string): Promise<void> {
    try {
      await this.custom.deleteNamespacedCustomObject({
        ...SPARK_APPLICATIONS,
        namespace: this.namespace,
        name,
      });
    } catch (error) {
      if (statusOf(error) === 404) {
        throw new NotFoundError(
          `No SparkApplication '${name}' in namespace '${this.namespace}' of cluster '${this.cluster.name}'`,
        );
      }
      throw this.failure('delete sparkapplications', error, 'delete');
    }
  }

  /** The cluster could not answer, or refused the portal's identity: a 503 naming the cluster. */
  private failure(what: string, error: unknown, verb: string): Error {
    return kubernetesUnavailable(
      { cluster: this.cluster.name, namespace: this.namespace },
      what,
      error,
      `${verb} (see the backend README, Spark Operator actions)`,
    );
  }
}
