import { Clock } from '../../clock';
import { Random } from '../../random';
import { hashString, isoTimestamp, stableHex } from '../emrContainers/ids';
import { KubernetesCluster } from './cluster';
import { KubeObject, resource } from './resources';
import { driverLog, executorLog } from './sparkLogs';

/*
 * A simulated Spark Operator (kubeflow/spark-operator, v1beta2 API) and the
 * Spark driver's own pod management, driven by the sandbox clock: nothing
 * runs on timers; each request to a cluster first brings its
 * SparkApplications, their pods and events up to the clock's time.
 *
 * A SparkApplication goes SUBMITTED → RUNNING → COMPLETED | FAILED. Its
 * driver pod (owned by the application) appears when it is submitted, its
 * executors (owned by the driver pod, as Spark makes them) while it runs, and
 * are deleted when it ends, as Spark does. A driver pod created without an
 * owner (spark-submit in cluster mode) runs the same course.
 */

/** Labels the Spark Operator and Spark put on the pods. */
export const SPARK_LABELS = {
  appName: 'sparkoperator.k8s.io/app-name',
  launchedByOperator: 'sparkoperator.k8s.io/launched-by-spark-operator',
  submissionId: 'sparkoperator.k8s.io/submission-id',
  role: 'spark-role',
  appSelector: 'spark-app-selector',
  sparkAppName: 'spark-app-name',
  execId: 'spark-exec-id',
  version: 'spark-version',
  /** Put on their pods by EMR runtime images, by which EMR on EKS bills them. */
  emrRuntime: 'eks-subscription.amazonaws.com/emr.internal.id',
} as const;

/** Whether an image is an EMR runtime image (`…/spark/emr-<release>`). */
export function isEmrImage(image: string): boolean {
  return /\/spark\/emr-\d+\.\d+\.\d+/.test(image);
}

/**
 * One Spark Operator application or spark-submit run as the cost simulation needs it: where
 * it ran, its pods' labels, what they asked for and when. Kept after the objects are deleted,
 * as Kubecost keeps their cost.
 */
export interface SparkRunRecord {
  cluster: string;
  namespace: string;
  uid: string;
  /** The driver's and executors' labels, besides `spark-role` and `spark-exec-id`. */
  labels: Record<string, string>;
  driverName: string;
  executorNames: string[];
  driverCores: number;
  executorCores: number;
  /** The `memory` settings ("4g"), as given. */
  driverMemory?: string;
  executorMemory?: string;
  plan: SparkPlan;
}

/** Sandbox-only annotation that decides a new application's outcome: COMPLETED or FAILED. */
export const OUTCOME_ANNOTATION = 'sandbox.emr-eks.io/outcome';

/** Sandbox-only annotation on a spark-submit driver pod: how many executors it starts (2). */
export const EXECUTORS_ANNOTATION = 'sandbox.emr-eks.io/executors';

export type SparkOutcome = 'COMPLETED' | 'FAILED';

/** When each phase of one application (or spark-submit driver) starts, in epoch ms. */
export interface SparkPlan {
  submittedAt: number;
  runningAt: number;
  executorsAt: number;
  endsAt: number;
  outcome: SparkOutcome;
}

/**
 * Real-life seconds of a new application's phases, divided by the sandbox's
 * `accelerate` factor (default 30: a run takes 10-30 s). The seed's example
 * job "may take 4–5 minutes".
 */
export const NEW_SPARK_SECONDS = {
  submit: [5, 15],
  driverStart: [20, 40],
  executorsStart: [15, 30],
  running: [240, 900],
} as const;

/** How long a server runs: far beyond any demo (ten years), yet a date the logs can print. */
const LONG_RUNNING_MS = 10 * 365 * 86_400_000;

const DRIVER_CONTAINER = 'spark-kubernetes-driver';
const EXECUTOR_CONTAINER = 'spark-kubernetes-executor';
const UI_PORT = 4040;

const pods = resource('pods');
const events = resource('events');
const apps = resource('sparkapplications');

/** The Spark version an image runs: the EMR runtime's from its release, else the tag's. */
export function sparkVersionOf(image: string): string {
  const emr = /\/spark\/emr-(\d+)\.(\d+)\.\d+/.exec(image);
  if (emr) {
    // EMR 6.10–6.12 ship Spark 3.3.x, 6.13+ 3.4.x, 6.15+ 3.4.1, 7.x 3.5.x.
    const [major, minor] = [Number(emr[1]), Number(emr[2])];
    if (major >= 7) return '3.5.0-amzn-0';
    if (minor >= 13) return '3.4.1-amzn-0';
    return '3.3.1-amzn-0';
  }
  const tag = /:(\d+\.\d+\.\d+)/.exec(image);
  return tag ? tag[1] : '3.5.1';
}

export class SparkOperator {
  /** Plans by object uid. */
  private plans = new Map<string, SparkPlan>();
  /** Events already recorded, by `<uid>/<reason>`. */
  private recorded = new Set<string>();
  /** Every run seen, by uid (see {@link SparkRunRecord}). */
  private seen = new Map<string, SparkRunRecord>();
  /** Outcomes the next new runs take (`/_sandbox/kubernetes/next-outcomes`). */
  readonly nextOutcomes: SparkOutcome[] = [];

  constructor(
    private readonly clock: Clock,
    private readonly accelerate: number,
  ) {}

  reset(): void {
    this.plans.clear();
    this.recorded.clear();
    this.seen.clear();
    this.nextOutcomes.splice(0, this.nextOutcomes.length);
  }

  /** Every Spark run seen so far (reconciled), deleted ones included. */
  runs(): SparkRunRecord[] {
    return [...this.seen.values()];
  }

  /** Sets an object's timeline (the demo data's, which started in the past). */
  setPlan(uid: string, plan: SparkPlan): void {
    this.plans.set(uid, plan);
  }

  planOf(uid: string): SparkPlan | undefined {
    return this.plans.get(uid);
  }

  /** The plan of a server created at `created` that runs until it is deleted. */
  longRunningPlan(created: number): SparkPlan {
    return {
      submittedAt: created + 5_000,
      runningAt: created + 25_000,
      executorsAt: created + 45_000,
      endsAt: created + 45_000 + LONG_RUNNING_MS,
      outcome: 'COMPLETED',
    };
  }

  /** A new object's plan, from its uid and creation time: the same object, the same course. */
  private newPlan(object: KubeObject): SparkPlan {
    const random = new Random(hashString(object.metadata.uid));
    const created = Date.parse(object.metadata.creationTimestamp);
    const step = ([min, max]: readonly [number, number]) =>
      Math.max(1, Math.round((random.int(min, max) * 1000) / this.accelerate));
    const submittedAt = created + step(NEW_SPARK_SECONDS.submit);
    const runningAt = submittedAt + step(NEW_SPARK_SECONDS.driverStart);
    const executorsAt = runningAt + step(NEW_SPARK_SECONDS.executorsStart);
    // A server (restartPolicy Always, as a Spark Connect server's) runs until deleted.
    const endsAt =
      object.spec?.restartPolicy?.type === 'Always'
        ? executorsAt + LONG_RUNNING_MS
        : executorsAt + step(NEW_SPARK_SECONDS.running);
    const wanted = object.metadata.annotations?.[OUTCOME_ANNOTATION];
    let outcome: SparkOutcome = random.chance(0.15) ? 'FAILED' : 'COMPLETED';
    if (wanted === 'FAILED' || wanted === 'COMPLETED') outcome = wanted;
    else if (object.spec?.restartPolicy?.type !== 'Always') {
      // A server's outcome never comes; it leaves the queue to the next job.
      outcome = this.nextOutcomes.shift() ?? outcome;
    }
    return { submittedAt, runningAt, executorsAt, endsAt, outcome };
  }

  private planFor(object: KubeObject): SparkPlan {
    let plan = this.plans.get(object.metadata.uid);
    if (!plan) {
      plan = this.newPlan(object);
      this.plans.set(object.metadata.uid, plan);
    }
    return plan;
  }

  /** Brings the cluster's Spark objects up to the clock's time. */
  reconcile(cluster: KubernetesCluster): void {
    const now = this.clock.now();
    for (const app of cluster.list(apps)) {
      this.reconcileApplication(cluster, app, now);
    }
    for (const driver of cluster.list(
      pods,
      undefined,
      `${SPARK_LABELS.role}=driver`,
    )) {
      if (!driver.metadata.ownerReferences?.length) {
        this.reconcileSubmitDriver(cluster, driver, now);
      }
    }
  }

  private reconcileApplication(
    cluster: KubernetesCluster,
    app: KubeObject,
    now: number,
  ): void {
    const plan = this.planFor(app);
    const { name, namespace, uid } = app.metadata;
    const spec = app.spec ?? {};
    const hex = stableHex(uid, 32);
    const selector = `spark-${hex}`;
    const driverName =
      spec.sparkConf?.['spark.kubernetes.driver.pod.name'] ?? `${name}-driver`;
    const submissionId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(
      12,
      16,
    )}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    const image = spec.driver?.image ?? spec.image ?? 'apache/spark:3.5.1';
    const executorImage = spec.executor?.image ?? spec.image ?? image;
    const instances = Number(spec.executor?.instances ?? 2);
    const execPrefix = `${name.slice(0, 40)}-${hex.slice(0, 16)}-exec`;
    const execNames = Array.from(
      { length: instances },
      (_, i) => `${execPrefix}-${i + 1}`,
    );
    const ended = now >= plan.endsAt;
    const phase = phaseAt(plan, now);
    const state = {
      new: undefined,
      submitted: 'SUBMITTED',
      running: 'RUNNING',
      ended: plan.outcome,
    }[phase];
    const labels = {
      [SPARK_LABELS.appName]: name,
      [SPARK_LABELS.launchedByOperator]: 'true',
      [SPARK_LABELS.submissionId]: submissionId,
      [SPARK_LABELS.appSelector]: selector,
      [SPARK_LABELS.version]: spec.sparkVersion ?? sparkVersionOf(image),
      ...emrRuntimeLabel(image, uid),
    };
    const clusterIp = `172.20.${hashString(uid) % 250}.${
      (hashString(uid) >>> 8) % 250
    }`;

    this.seen.set(uid, {
      cluster: cluster.name,
      namespace,
      uid,
      labels,
      driverName,
      executorNames: execNames,
      driverCores: Number(spec.driver?.cores ?? 1),
      executorCores: Number(spec.executor?.cores ?? 1),
      driverMemory: spec.driver?.memory,
      executorMemory: spec.executor?.memory,
      plan,
    });

    // Status, as the operator writes it.
    const status: Record<string, unknown> = {};
    if (state) {
      Object.assign(status, {
        sparkApplicationId: selector,
        submissionID: submissionId,
        lastSubmissionAttemptTime: isoTimestamp(plan.submittedAt),
        submissionAttempts: 1,
        executionAttempts: phase === 'submitted' ? 0 : 1,
        applicationState: {
          state,
          ...(ended && plan.outcome === 'FAILED'
            ? {
                errorMessage: `driver container failed with ExitCode: 1, Reason: Error`,
              }
            : {}),
        },
        driverInfo: {
          podName: driverName,
          webUIServiceName: `${name}-ui-svc`,
          webUIPort: UI_PORT,
          webUIAddress: `${clusterIp}:${UI_PORT}`,
        },
        ...(now >= plan.executorsAt
          ? {
              executorState: Object.fromEntries(
                execNames.map(n => [n, ended ? plan.outcome : 'RUNNING']),
              ),
            }
          : {}),
        ...(ended ? { terminationTime: isoTimestamp(plan.endsAt) } : {}),
      });
    }
    if (JSON.stringify(app.status ?? {}) !== JSON.stringify(status)) {
      cluster.put(apps, { ...app, status });
    }

    if (state) {
      this.ensurePod(cluster, {
        name: driverName,
        namespace,
        role: 'driver',
        labels,
        owner: {
          kind: 'SparkApplication',
          apiVersion: app.apiVersion,
          name,
          uid,
        },
        image,
        serviceAccount: spec.driver?.serviceAccount,
        args: [
          'driver',
          '--properties-file',
          '/opt/spark/conf/spark.properties',
          ...(spec.mainClass ? ['--class', spec.mainClass] : []),
          ...(spec.mainApplicationFile ? [spec.mainApplicationFile] : []),
          ...(spec.arguments ?? []),
        ],
        cores: spec.driver?.cores,
        memory: spec.driver?.memory,
        plan,
        now,
      });
    }
    const driver = cluster.find(pods, namespace, driverName);
    this.reconcileExecutors(cluster, {
      namespace,
      driver,
      names: execNames,
      labels,
      image: executorImage,
      serviceAccount: spec.executor?.serviceAccount,
      cores: spec.executor?.cores,
      memory: spec.executor?.memory,
      plan,
      now,
    });

    // Events, as the operator records them on the SparkApplication.
    const involved = {
      kind: 'SparkApplication',
      apiVersion: app.apiVersion,
      namespace,
      name,
      uid,
    };
    const record = (
      reason: string,
      at: number,
      message: string,
      type = 'Normal',
    ) => this.recordEvent(cluster, involved, reason, at, message, type, now);
    record(
      'SparkApplicationAdded',
      Date.parse(app.metadata.creationTimestamp),
      `SparkApplication ${name} was added, enqueuing it for submission`,
    );
    record(
      'SparkApplicationSubmitted',
      plan.submittedAt,
      `SparkApplication ${name} was submitted successfully`,
    );
    record(
      'SparkDriverRunning',
      plan.runningAt,
      `Driver ${driverName} is running`,
    );
    execNames.forEach(exec =>
      record(
        `SparkExecutorRunning:${exec}`,
        plan.executorsAt,
        `Executor [${exec}] is running`,
      ),
    );
    if (plan.outcome === 'COMPLETED') {
      record(
        'SparkDriverCompleted',
        plan.endsAt,
        `Driver ${driverName} completed`,
      );
      record(
        'SparkApplicationCompleted',
        plan.endsAt,
        `SparkApplication ${name} completed`,
      );
    } else {
      record(
        'SparkDriverFailed',
        plan.endsAt,
        `Driver ${driverName} failed`,
        'Warning',
      );
      record(
        'SparkApplicationFailed',
        plan.endsAt,
        `SparkApplication ${name} failed: driver container failed with ExitCode: 1, Reason: Error`,
        'Warning',
      );
    }
  }

  /** A driver pod spark-submit made in cluster mode: no SparkApplication behind it. */
  private reconcileSubmitDriver(
    cluster: KubernetesCluster,
    driver: KubeObject,
    now: number,
  ): void {
    const plan = this.planFor(driver);
    const { name, namespace } = driver.metadata;
    const container = driver.spec?.containers?.[0] ?? {};
    const image = container.image ?? 'apache/spark:3.5.1';
    this.ensurePod(cluster, {
      name,
      namespace,
      role: 'driver',
      labels: driver.metadata.labels ?? {},
      image,
      serviceAccount: driver.spec?.serviceAccountName,
      args: container.args ?? [],
      plan,
      now,
    });
    const selector =
      driver.metadata.labels?.[SPARK_LABELS.appSelector] ??
      `spark-${stableHex(driver.metadata.uid, 32)}`;
    const instances = Number(
      driver.metadata.annotations?.[EXECUTORS_ANNOTATION] ?? 2,
    );
    const prefix = `${name.replace(/-driver$/, '').slice(0, 40)}-exec`;
    const names = Array.from(
      { length: instances },
      (_, i) => `${prefix}-${i + 1}`,
    );
    const labels = {
      [SPARK_LABELS.appSelector]: selector,
      ...(driver.metadata.labels?.[SPARK_LABELS.sparkAppName]
        ? {
            [SPARK_LABELS.sparkAppName]:
              driver.metadata.labels[SPARK_LABELS.sparkAppName],
          }
        : {}),
      ...emrRuntimeLabel(image, driver.metadata.uid),
    };
    const { [SPARK_LABELS.role]: _role, ...driverLabels } =
      driver.metadata.labels ?? {};
    this.seen.set(driver.metadata.uid, {
      cluster: cluster.name,
      namespace,
      uid: driver.metadata.uid,
      labels: { ...driverLabels, ...labels },
      driverName: name,
      executorNames: names,
      driverCores: 1,
      executorCores: 1,
      plan,
    });
    this.reconcileExecutors(cluster, {
      namespace,
      driver: cluster.find(pods, namespace, name),
      names,
      labels,
      image,
      serviceAccount: driver.spec?.serviceAccountName,
      plan,
      now,
    });
  }

  private reconcileExecutors(
    cluster: KubernetesCluster,
    options: {
      namespace: string;
      driver?: KubeObject;
      names: string[];
      labels: Record<string, string>;
      image: string;
      serviceAccount?: string;
      cores?: number;
      memory?: string;
      plan: SparkPlan;
      now: number;
    },
  ): void {
    const { plan, now, driver } = options;
    for (const [i, name] of options.names.entries()) {
      const exists = cluster.find(pods, options.namespace, name);
      if (now >= plan.endsAt || !driver) {
        // Spark deletes its executors when the driver ends.
        if (exists) cluster.remove(pods, options.namespace, name);
        continue;
      }
      if (now < plan.executorsAt) continue;
      this.ensurePod(cluster, {
        name,
        namespace: options.namespace,
        role: 'executor',
        labels: { ...options.labels, [SPARK_LABELS.execId]: String(i + 1) },
        owner: {
          kind: 'Pod',
          apiVersion: 'v1',
          name: driver.metadata.name,
          uid: driver.metadata.uid,
        },
        image: options.image,
        serviceAccount: options.serviceAccount,
        args: ['executor'],
        cores: options.cores,
        memory: options.memory,
        plan: { ...plan, runningAt: plan.executorsAt },
        now,
      });
    }
  }

  /** Creates or updates a Spark pod to its phase at `now`. */
  private ensurePod(
    cluster: KubernetesCluster,
    p: {
      name: string;
      namespace: string;
      role: 'driver' | 'executor';
      labels: Record<string, string>;
      owner?: { kind: string; apiVersion: string; name: string; uid: string };
      image: string;
      serviceAccount?: string;
      args: string[];
      cores?: number;
      memory?: string;
      plan: SparkPlan;
      now: number;
    },
  ): void {
    const { plan, now } = p;
    const existing = cluster.find(pods, p.namespace, p.name);
    const started = now >= plan.runningAt;
    const ended = p.role === 'driver' && now >= plan.endsAt;
    const failed = ended && plan.outcome === 'FAILED';
    const container =
      p.role === 'driver' ? DRIVER_CONTAINER : EXECUTOR_CONTAINER;
    const podIp = `10.0.${hashString(p.name) % 250}.${
      (hashString(p.name) >>> 8) % 250
    }`;
    let state: Record<string, unknown> = {
      waiting: { reason: 'ContainerCreating' },
    };
    let phase = 'Pending';
    if (ended) {
      state = {
        terminated: {
          exitCode: failed ? 1 : 0,
          reason: failed ? 'Error' : 'Completed',
          startedAt: isoTimestamp(plan.runningAt),
          finishedAt: isoTimestamp(plan.endsAt),
        },
      };
      phase = failed ? 'Failed' : 'Succeeded';
    } else if (started) {
      state = { running: { startedAt: isoTimestamp(plan.runningAt) } };
      phase = 'Running';
    }
    const status = {
      phase,
      ...(started
        ? { podIP: podIp, startTime: isoTimestamp(plan.runningAt) }
        : {}),
      containerStatuses: [
        {
          name: container,
          image: p.image,
          ready: started && !ended,
          restartCount: 0,
          started: started && !ended,
          state,
        },
      ],
    };
    if (existing) {
      if (JSON.stringify(existing.status) !== JSON.stringify(status)) {
        cluster.put(pods, { ...existing, status });
      }
      return;
    }
    const requests: Record<string, string> = {};
    if (p.cores) requests.cpu = String(p.cores);
    if (p.memory) requests.memory = String(p.memory).replace(/g$/i, 'Gi');
    cluster.put(pods, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: p.name,
        namespace: p.namespace,
        labels: { ...p.labels, [SPARK_LABELS.role]: p.role },
        creationTimestamp: isoTimestamp(
          p.role === 'driver' ? plan.submittedAt : plan.runningAt,
        ),
        ...(p.owner
          ? {
              ownerReferences: [
                { ...p.owner, controller: true, blockOwnerDeletion: true },
              ],
            }
          : {}),
      },
      spec: {
        serviceAccountName: p.serviceAccount ?? 'default',
        restartPolicy: 'Never',
        containers: [
          {
            name: container,
            image: p.image,
            args: p.args,
            ...(Object.keys(requests).length
              ? { resources: { requests } }
              : {}),
            ports:
              p.role === 'driver'
                ? [
                    { name: 'driver-rpc-port', containerPort: 7078 },
                    { name: 'blockmanager', containerPort: 7079 },
                    { name: 'spark-ui', containerPort: UI_PORT },
                  ]
                : [{ name: 'blockmanager', containerPort: 7079 }],
          },
        ],
      },
      status,
    });
  }

  private recordEvent(
    cluster: KubernetesCluster,
    involved: Record<string, string>,
    reason: string,
    at: number,
    message: string,
    type: string,
    now: number,
  ): void {
    const key = `${involved.uid}/${reason}`;
    if (at > now || this.recorded.has(key)) return;
    this.recorded.add(key);
    if (!cluster.hasNamespace(involved.namespace)) return;
    const name = `${involved.name}.${stableHex(key, 16)}`;
    if (cluster.find(events, involved.namespace, name)) return;
    const time = isoTimestamp(at);
    cluster.put(events, {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: {
        name,
        namespace: involved.namespace,
        creationTimestamp: time,
      },
      involvedObject: involved,
      // Per-executor events share the operator's reason.
      reason: reason.split(':')[0],
      message,
      type,
      count: 1,
      firstTimestamp: time,
      lastTimestamp: time,
      source: { component: 'spark-operator' },
      reportingComponent: 'spark-operator',
    });
  }

  /**
   * The log of a Spark pod's container up to now, as `GET …/pods/<name>/log`
   * returns it; undefined when the container has not started.
   */
  log(cluster: KubernetesCluster, pod: KubeObject): string[] | undefined {
    if (pod.status?.phase === 'Pending' || !pod.status?.phase) return undefined;
    const plan = this.planOfPod(cluster, pod);
    if (!plan) return [];
    const now = this.clock.now();
    if (pod.metadata.labels?.[SPARK_LABELS.role] === 'executor') {
      return executorLog(pod, plan, now);
    }
    return driverLog(pod, plan, now, this.executorsOf(cluster, pod));
  }

  private executorsOf(cluster: KubernetesCluster, driver: KubeObject): number {
    const owner = driver.metadata.ownerReferences?.[0];
    const app = owner
      ? cluster.find(apps, driver.metadata.namespace, owner.name)
      : undefined;
    return Number(
      app?.spec?.executor?.instances ??
        driver.metadata.annotations?.[EXECUTORS_ANNOTATION] ??
        2,
    );
  }

  /** The plan a pod follows: its application's, its driver's, or its own. */
  private planOfPod(
    cluster: KubernetesCluster,
    pod: KubeObject,
  ): SparkPlan | undefined {
    const owner = pod.metadata.ownerReferences?.[0] as
      | { kind: string; name: string; uid: string }
      | undefined;
    if (owner?.kind === 'Pod') {
      const driver = cluster.find(pods, pod.metadata.namespace, owner.name);
      return driver ? this.planOfPod(cluster, driver) : undefined;
    }
    return this.plans.get(owner?.uid ?? pod.metadata.uid);
  }
}

/** The label EMR runtime images put on their pods; none for other images. */
export function emrRuntimeLabel(
  image: string,
  uid: string,
): Record<string, string> {
  return isEmrImage(image)
    ? { [SPARK_LABELS.emrRuntime]: stableHex(`${uid}/emr`, 20) }
    : {};
}

function phaseAt(
  plan: SparkPlan,
  now: number,
): 'new' | 'submitted' | 'running' | 'ended' {
  if (now < plan.submittedAt) return 'new';
  if (now < plan.runningAt) return 'submitted';
  if (now < plan.endsAt) return 'running';
  return 'ended';
}
