import { ConflictError } from '@backstage/errors';
import {
  ALB_CERTIFICATE_ARN_ANNOTATION,
  ALB_INBOUND_CIDRS_ANNOTATION,
  SPARK_CONNECT_LABELS,
  SPARK_CONNECT_MAIN_CLASS,
  SparkConnectServer,
  sparkConnectAddress,
  sparkConnectSnippet,
} from '@emr-eks/plugin-emr-eks-common';
import { KubeObject, SparkConnectObjects } from './connectKubernetes';

/*
 * What the portal reads from an endpoint's objects, and the SparkApplication a stop keeps
 * on the Service so that a start can make it again. The spec itself is the action's
 * (scaffolder-emr-actions lib/sparkConnect.ts): kept and restored as it was, never rebuilt.
 */

/** On a stopped endpoint's Service: its SparkApplication as it was, who stopped it and when (JSON). */
export const STOPPED_APPLICATION_ANNOTATION =
  'emr-eks.backstage.io/stopped-spark-application';
const OWNER_ANNOTATION = 'backstage.io/owner';

export interface StoppedApplication {
  stoppedAt: string;
  stoppedBy: string;
  application: KubeObject;
}

/** Whether an object carries the labels the action puts on an endpoint's objects. */
export function isSparkConnectObject(o: KubeObject | undefined): boolean {
  const labels = o?.metadata.labels ?? {};
  return Object.entries(SPARK_CONNECT_LABELS).every(
    ([k, v]) => labels[k] === v,
  );
}

/** A SparkApplication as it can be created again: its labels, annotations and spec only. */
export function restorable(app: KubeObject): KubeObject {
  return {
    apiVersion: app.apiVersion,
    kind: app.kind,
    metadata: {
      name: app.metadata.name,
      labels: app.metadata.labels ?? {},
      annotations: app.metadata.annotations ?? {},
    },
    spec: app.spec,
  };
}

/**
 * The application a stop kept on the Service, if any. Checked before a start makes it:
 * the same name, the action's labels and the Spark Connect server class, so that an
 * annotation written by hand cannot make the portal start something else.
 */
export function stoppedApplicationOf(
  service: KubeObject | undefined,
): StoppedApplication | undefined {
  const text = service?.metadata.annotations?.[STOPPED_APPLICATION_ANNOTATION];
  if (!text) return undefined;
  let stored: StoppedApplication;
  try {
    stored = JSON.parse(text);
  } catch {
    throw unusable(service!, 'it is not JSON');
  }
  const app = stored?.application;
  if (
    app?.kind !== 'SparkApplication' ||
    app.metadata?.name !== service!.metadata.name ||
    !isSparkConnectObject(app) ||
    app.spec?.mainClass !== SPARK_CONNECT_MAIN_CLASS
  ) {
    throw unusable(
      service!,
      `it is not this endpoint's Spark Connect SparkApplication`,
    );
  }
  return stored;
}

function unusable(service: KubeObject, why: string): ConflictError {
  return new ConflictError(
    `the stopped SparkApplication kept on Service ${service.metadata.name} (annotation ${STOPPED_APPLICATION_ANNOTATION}) cannot be used: ${why}; create the endpoint again with the template`,
  );
}

/** One endpoint as the entity shows it. */
export function toSparkConnectServer(
  name: string,
  { application, service, ingress }: SparkConnectObjects,
): SparkConnectServer {
  const stopped = application ? undefined : safeStopped(service);
  let state: SparkConnectServer['state'] = 'MISSING';
  if (application) {
    state = application.status?.applicationState?.state || 'NEW';
  } else if (stopped) {
    state = 'STOPPED';
  }
  const hostname: string | undefined = ingress?.spec?.rules?.[0]?.host;
  const albAnnotations = ingress?.metadata.annotations ?? {};
  const cidrs = albAnnotations[ALB_INBOUND_CIDRS_ANNOTATION];
  const owner = (service ?? application ?? ingress)?.metadata.annotations?.[
    OWNER_ANNOTATION
  ];
  const loadBalancer = ingress?.status?.loadBalancer?.ingress?.[0]?.hostname;
  return {
    name,
    state,
    ...(hostname && {
      hostname,
      address: sparkConnectAddress(hostname),
      snippet: sparkConnectSnippet(hostname),
    }),
    inboundCidrs: cidrs
      ? cidrs
          .split(',')
          .map(c => c.trim())
          .filter(Boolean)
      : [],
    ...(albAnnotations[ALB_CERTIFICATE_ARN_ANNOTATION] && {
      certificateArn: albAnnotations[ALB_CERTIFICATE_ARN_ANNOTATION],
    }),
    ...(loadBalancer && { loadBalancer }),
    ...(owner && { owner }),
    ...(stopped && {
      stoppedAt: stopped.stoppedAt,
      stoppedBy: stopped.stoppedBy,
    }),
  };
}

/** For a list: an unusable annotation shows as not stopped, and the start says why. */
function safeStopped(service: KubeObject | undefined) {
  try {
    return stoppedApplicationOf(service);
  } catch {
    return undefined;
  }
}
