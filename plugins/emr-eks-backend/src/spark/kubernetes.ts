import { ServiceUnavailableError } from '@backstage/errors';
import {
  CoreV1Api,
  CoreV1Event,
  CustomObjectsApi,
  V1Pod,
} from '@kubernetes/client-node';
import {
  KubernetesCluster,
  kubeConfigFor,
  messageOf,
  statusOf,
} from '@emr-eks/plugin-emr-eks-node';

/*
 * The Kubernetes reads behind the Spark applications view, in one namespace of one
 * cluster, each failure said once: the API server could not answer, or refused the
 * portal's identity, naming the cluster.
 */

export const SPARK_APPLICATIONS = {
  group: 'sparkoperator.k8s.io',
  version: 'v1beta2',
  plural: 'sparkapplications',
};
/** The driver's container, as Spark names it. */
export const DRIVER_CONTAINER = 'spark-kubernetes-driver';
/** At most this much of a log is read, whatever `tailLines` asks. */
const LOG_LIMIT_BYTES = 512 * 1024;

/** A SparkApplication as the v1beta2 API returns it (the members read here). */
export interface SparkApplicationObject {
  metadata: {
    name: string;
    namespace?: string;
    uid?: string;
    creationTimestamp?: string | Date;
    labels?: Record<string, string>;
  };
  spec?: {
    type?: string;
    image?: string;
    mainClass?: string;
    mainApplicationFile?: string;
    arguments?: string[];
    sparkConf?: Record<string, string>;
    hadoopConf?: Record<string, string>;
    driver?: { image?: string; serviceAccount?: string };
    executor?: { instances?: number };
  };
  status?: {
    sparkApplicationId?: string;
    applicationState?: { state?: string; errorMessage?: string };
    driverInfo?: {
      podName?: string;
      webUIServiceName?: string;
      webUIPort?: number;
    };
    executorState?: Record<string, string>;
    lastSubmissionAttemptTime?: string;
    terminationTime?: string;
  };
}

export { statusOf, messageOf };

export function isNotFound(error: unknown): boolean {
  return statusOf(error) === 404;
}

export class SparkKubernetesReader {
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

  get clusterName(): string {
    return this.cluster.name;
  }

  /** The namespace's SparkApplications; undefined when the cluster does not serve the API. */
  async listApplications(): Promise<SparkApplicationObject[] | undefined> {
    try {
      const list = (await this.custom.listNamespacedCustomObject({
        ...SPARK_APPLICATIONS,
        namespace: this.namespace,
      })) as { items?: SparkApplicationObject[] };
      return list.items ?? [];
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw this.failure('list sparkapplications', error);
    }
  }

  /** One SparkApplication, or undefined. */
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
      if (isNotFound(error)) return undefined;
      throw this.failure('get sparkapplications', error);
    }
  }

  /** The namespace's Spark pods (drivers and executors): those with a `spark-role` label. */
  async listSparkPods(labelSelector = 'spark-role'): Promise<V1Pod[]> {
    try {
      const list = await this.core.listNamespacedPod({
        namespace: this.namespace,
        labelSelector,
      });
      return list.items;
    } catch (error) {
      throw this.failure('list pods', error);
    }
  }

  async getPod(name: string): Promise<V1Pod | undefined> {
    try {
      return await this.core.readNamespacedPod({
        name,
        namespace: this.namespace,
      });
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw this.failure('get pods', error);
    }
  }

  /** Events about the object named `name` (any kind). */
  async listEvents(name: string): Promise<CoreV1Event[]> {
    try {
      const list = await this.core.listNamespacedEvent({
        namespace: this.namespace,
        fieldSelector: `involvedObject.name=${name}`,
      });
      return list.items;
    } catch (error) {
      throw this.failure('list events', error);
    }
  }

  /**
   * The last lines of a driver's log; `waiting` when the API server says the container
   * has not started (a 400 it answers for a pending pod).
   */
  async driverLog(
    pod: string,
    tailLines: number,
  ): Promise<{ text: string } | { waiting: string }> {
    try {
      const text = await this.core.readNamespacedPodLog({
        name: pod,
        namespace: this.namespace,
        container: DRIVER_CONTAINER,
        tailLines,
        limitBytes: LOG_LIMIT_BYTES,
      });
      return { text: typeof text === 'string' ? text : String(text ?? '') };
    } catch (error) {
      const message = messageOf(error);
      if (
        statusOf(error) === 400 &&
        message &&
        /waiting to start/.test(message)
      ) {
        return { waiting: message };
      }
      throw this.failure('get pods/log', error);
    }
  }

  /** Every other failure: a 503 naming the cluster, so the view can answer from its last good copy. */
  private failure(what: string, error: unknown): Error {
    return kubernetesUnavailable(
      { cluster: this.cluster.name, namespace: this.namespace },
      what,
      error,
      'get and list on sparkapplications, pods, pods/log and events',
    );
  }
}

/**
 * The one mapping of a Kubernetes call that failed for want of the cluster: it refused the
 * portal's identity (401/403: saying what the identity `needs` there), answered another
 * error, or could not be reached — a 503 naming the cluster each time. Callers map the
 * statuses that are about the object (404, 409, 422) first.
 */
export function kubernetesUnavailable(
  place: { cluster: string; namespace: string },
  what: string,
  error: unknown,
  needs: string,
): Error {
  const status = statusOf(error);
  const said = messageOf(error);
  const at = `the Kubernetes API of cluster '${place.cluster}'`;
  if (status === 401 || status === 403) {
    return new ServiceUnavailableError(
      `${at} refused the portal's identity (${status}) to ${what} in namespace '${
        place.namespace
      }': it needs ${needs} there${said ? ` (${said})` : ''}`,
    );
  }
  if (status !== undefined) {
    return new ServiceUnavailableError(
      `${at} could not ${what} in namespace '${
        place.namespace
      }' (HTTP ${status}${said ? `: ${said}` : ''})`,
    );
  }
  return new ServiceUnavailableError(
    `${at} could not be reached to ${what}: ${
      (error as Error)?.message ?? error
    }`,
  );
}
