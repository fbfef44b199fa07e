import { CoreV1Event, V1Pod } from '@kubernetes/client-node';
import {
  SPARK_APPLICATION_STATES,
  SparkApplicationDetail,
  SparkApplicationEvent,
  SparkApplicationState,
  SparkApplicationSummary,
  isEmrRuntimeImage,
  isTerminalSparkApplicationState,
} from '@emr-eks/plugin-emr-eks-common';
import { DRIVER_CONTAINER, SparkApplicationObject } from './kubernetes';
import { isPortalApplication } from './manifest';

/*
 * Kubernetes objects → the wire types of the Spark applications routes. Only members
 * named here leave the backend.
 */

const APP_NAME_LABEL = 'sparkoperator.k8s.io/app-name';
const SELECTOR_LABEL = 'spark-app-selector';
const UI_PORT = 4040;

function iso(value: string | Date | undefined): string | undefined {
  if (value === undefined) return undefined;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function seconds(from?: string, to?: string, now = Date.now()) {
  if (!from) return undefined;
  const end = to ? Date.parse(to) : now;
  return Math.max(0, Math.round((end - Date.parse(from)) / 1000));
}

function operatorState(state: string | undefined): SparkApplicationState {
  if (!state) return 'NEW';
  return (SPARK_APPLICATION_STATES as readonly string[]).includes(state)
    ? (state as SparkApplicationState)
    : 'UNKNOWN';
}

/** A spark-submit run's state, from its driver pod's phase. */
function podState(pod: V1Pod): SparkApplicationState {
  switch (pod.status?.phase) {
    case 'Pending':
      return 'SUBMITTED';
    case 'Running':
      return 'RUNNING';
    case 'Succeeded':
      return 'COMPLETED';
    case 'Failed':
      return 'FAILED';
    default:
      return 'UNKNOWN';
  }
}

/** A driver pod spark-submit made: `spark-role=driver` and no owner (no SparkApplication). */
export function isSparkSubmitDriver(pod: V1Pod): boolean {
  return (
    pod.metadata?.labels?.['spark-role'] === 'driver' &&
    !pod.metadata?.ownerReferences?.length
  );
}

function executorsOf(pods: V1Pod[], match: (pod: V1Pod) => boolean) {
  return pods.filter(
    p => p.metadata?.labels?.['spark-role'] === 'executor' && match(p),
  ).length;
}

export function operatorSummary(
  app: SparkApplicationObject,
  pods: V1Pod[],
  now = Date.now(),
): SparkApplicationSummary {
  const { spec = {}, status = {} } = app;
  const state = operatorState(status.applicationState?.state);
  const finished = isTerminalSparkApplicationState(state);
  const image = spec.driver?.image ?? spec.image;
  const submittedAt =
    iso(status.lastSubmissionAttemptTime) ??
    iso(app.metadata.creationTimestamp);
  const finishedAt = finished ? iso(status.terminationTime) : undefined;
  const executors = finished
    ? Object.keys(status.executorState ?? {}).length
    : executorsOf(
        pods,
        p => p.metadata?.labels?.[APP_NAME_LABEL] === app.metadata.name,
      );
  return {
    id: app.metadata.name,
    kind: 'spark-operator',
    name: app.metadata.name,
    state,
    ...(status.sparkApplicationId && {
      sparkApplicationId: status.sparkApplicationId,
    }),
    ...(status.driverInfo?.podName && { driverPod: status.driverInfo.podName }),
    executors,
    ...(image && { image }),
    emrRuntimeImage: isEmrRuntimeImage(image),
    // Only for showing Rerun: the rerun route decides, with this rule, after its own checks.
    startedByPortal: isPortalApplication(app.metadata.labels),
    ...(submittedAt && { submittedAt }),
    ...(finishedAt && { finishedAt }),
    ...(submittedAt &&
      (finishedAt || !finished) && {
        durationSeconds: seconds(submittedAt, finishedAt, now),
      }),
  };
}

function driverContainer(pod: V1Pod) {
  const containers = pod.spec?.containers ?? [];
  return containers.find(c => c.name === DRIVER_CONTAINER) ?? containers[0];
}

export function submitSummary(
  driver: V1Pod,
  pods: V1Pod[],
  now = Date.now(),
): SparkApplicationSummary {
  const name = driver.metadata?.name ?? '';
  const labels = driver.metadata?.labels ?? {};
  const state = podState(driver);
  const finished = isTerminalSparkApplicationState(state);
  const image = driverContainer(driver)?.image;
  const submittedAt = iso(driver.metadata?.creationTimestamp);
  const terminated = driver.status?.containerStatuses?.find(
    c => c.name === DRIVER_CONTAINER,
  )?.state?.terminated;
  const finishedAt = finished ? iso(terminated?.finishedAt) : undefined;
  const selector = labels[SELECTOR_LABEL];
  return {
    id: name,
    kind: 'spark-submit',
    name: labels['spark-app-name'] ?? name.replace(/-driver$/, ''),
    state,
    ...(selector && { sparkApplicationId: selector }),
    driverPod: name,
    ...(!finished && {
      executors: executorsOf(
        pods,
        p => !!selector && p.metadata?.labels?.[SELECTOR_LABEL] === selector,
      ),
    }),
    ...(image && { image }),
    emrRuntimeImage: isEmrRuntimeImage(image),
    ...(submittedAt && { submittedAt }),
    ...(finishedAt && { finishedAt }),
    ...(submittedAt &&
      (finishedAt || !finished) && {
        durationSeconds: seconds(submittedAt, finishedAt, now),
      }),
  };
}

export function toEvent(event: CoreV1Event): SparkApplicationEvent {
  const object = event.involvedObject;
  const firstSeen = iso(event.firstTimestamp ?? event.eventTime);
  const lastSeen = iso(event.lastTimestamp ?? event.eventTime);
  return {
    type: event.type ?? 'Normal',
    reason: event.reason ?? '',
    message: event.message ?? '',
    object: `${object?.kind ?? ''}/${object?.name ?? ''}`,
    count: event.count ?? 1,
    ...(firstSeen && { firstSeen }),
    ...(lastSeen && { lastSeen }),
  };
}

/** Strings only, so that a map of the spec cannot carry anything else to the caller. */
function stringMap(map: Record<string, unknown> | undefined) {
  return Object.fromEntries(
    Object.entries(map ?? {}).map(([k, v]) => [k, String(v)]),
  );
}

/** Main class, file and arguments from a driver container's args (`driver --properties-file … [--class C] file args…`). */
function submitArgs(args: string[]) {
  const rest = [...args];
  if (rest[0] === 'driver') rest.shift();
  let mainClass: string | undefined;
  while (rest[0]?.startsWith('--')) {
    const flag = rest.shift();
    const value = rest.shift();
    if (flag === '--class') mainClass = value;
  }
  const [mainApplicationFile, ...argumentsList] = rest;
  return { mainClass, mainApplicationFile, arguments: argumentsList };
}

export function links(
  summary: SparkApplicationSummary,
  options: {
    namespace: string;
    sparkConf: Record<string, string>;
    uiService?: { name: string; port: number };
    historyServerUrl?: string;
  },
): SparkApplicationDetail['links'] {
  const result: SparkApplicationDetail['links'] = {};
  if (summary.state === 'RUNNING' && options.uiService) {
    const { name, port } = options.uiService;
    result.sparkUi = {
      service: name,
      port,
      kubernetesProxyPath: `/api/v1/namespaces/${options.namespace}/services/${name}:${port}/proxy/`,
      portForward: `kubectl -n ${options.namespace} port-forward svc/${name} ${port}:${port}`,
    };
  }
  const eventLogDir =
    options.sparkConf['spark.eventLog.enabled'] === 'true'
      ? options.sparkConf['spark.eventLog.dir']
      : undefined;
  if (eventLogDir) result.eventLogDir = eventLogDir;
  if (
    eventLogDir &&
    options.historyServerUrl &&
    summary.sparkApplicationId &&
    isTerminalSparkApplicationState(summary.state)
  ) {
    result.historyServer = `${
      options.historyServerUrl
    }/history/${encodeURIComponent(summary.sparkApplicationId)}/jobs/`;
  }
  return result;
}

export function operatorDetail(
  app: SparkApplicationObject,
  pods: V1Pod[],
  events: CoreV1Event[],
  options: { namespace: string; historyServerUrl?: string },
): SparkApplicationDetail {
  const summary = operatorSummary(app, pods);
  const { spec = {}, status = {} } = app;
  const sparkConf = stringMap(spec.sparkConf);
  const ui = status.driverInfo?.webUIServiceName;
  return {
    ...summary,
    ...(spec.type && { type: spec.type }),
    ...(spec.mainApplicationFile && {
      mainApplicationFile: spec.mainApplicationFile,
    }),
    ...(spec.mainClass && { mainClass: spec.mainClass }),
    arguments: (spec.arguments ?? []).map(String),
    sparkConf,
    hadoopConf: stringMap(spec.hadoopConf),
    ...(spec.driver?.serviceAccount && {
      serviceAccount: spec.driver.serviceAccount,
    }),
    ...(status.applicationState?.errorMessage && {
      errorMessage: status.applicationState.errorMessage,
    }),
    events: sortEvents(events),
    links: links(summary, {
      namespace: options.namespace,
      sparkConf,
      uiService: ui
        ? { name: ui, port: status.driverInfo?.webUIPort ?? UI_PORT }
        : undefined,
      historyServerUrl: options.historyServerUrl,
    }),
  };
}

export function submitDetail(
  driver: V1Pod,
  pods: V1Pod[],
  events: CoreV1Event[],
  options: { namespace: string; historyServerUrl?: string },
): SparkApplicationDetail {
  const summary = submitSummary(driver, pods);
  const parsed = submitArgs(driverContainer(driver)?.args ?? []);
  const terminated = driver.status?.containerStatuses?.find(
    c => c.name === DRIVER_CONTAINER,
  )?.state?.terminated;
  return {
    ...summary,
    ...(parsed.mainApplicationFile && {
      mainApplicationFile: parsed.mainApplicationFile,
    }),
    ...(parsed.mainClass && { mainClass: parsed.mainClass }),
    arguments: parsed.arguments,
    sparkConf: {},
    hadoopConf: {},
    ...(driver.spec?.serviceAccountName && {
      serviceAccount: driver.spec.serviceAccountName,
    }),
    ...(summary.state === 'FAILED' &&
      terminated && {
        errorMessage: `driver container exited with code ${
          terminated.exitCode
        }${terminated.reason ? ` (${terminated.reason})` : ''}`,
      }),
    events: sortEvents(events),
    // spark-submit names the driver's service after the pod: <prefix>-driver-svc.
    links: links(summary, {
      namespace: options.namespace,
      sparkConf: {},
      uiService: { name: `${summary.driverPod}-svc`, port: UI_PORT },
      historyServerUrl: options.historyServerUrl,
    }),
  };
}

function sortEvents(events: CoreV1Event[]): SparkApplicationEvent[] {
  return events
    .map(toEvent)
    .sort(
      (a, b) =>
        (a.lastSeen ?? '').localeCompare(b.lastSeen ?? '') ||
        a.reason.localeCompare(b.reason),
    );
}
