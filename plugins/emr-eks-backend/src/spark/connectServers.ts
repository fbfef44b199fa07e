import {
  ALB_CERTIFICATE_ARN_ANNOTATION,
  ALB_INBOUND_CIDRS_ANNOTATION,
  SPARK_CONNECT_LABELS,
  SparkConnectServer,
  sparkConnectAddress,
  sparkConnectSnippet,
} from '@emr-eks/plugin-emr-eks-common';
import { KubeObject, SparkConnectObjects } from './connectKubernetes';

/*
 * What the portal reads from an endpoint's objects, and the SparkApplication a stop keeps in
 * the plugin's database so that a start can make it again. The spec itself is the action's
 * (scaffolder-emr-actions lib/sparkConnect.ts): kept and restored as it was, never rebuilt.
 */

const OWNER_ANNOTATION = 'backstage.io/owner';

/** A stopped server's SparkApplication as it was, kept under the server's name. */
export interface StoppedApplication {
  name: string;
  application: KubeObject;
}

/** Who stopped a server, and when (the saved row's). */
export type StoppedBy = { createdBy: string; createdAt: string };

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

/** One endpoint as the entity shows it; `kept`: what the database holds for it, if anything. */
export function toSparkConnectServer(
  name: string,
  { application, service, ingress }: SparkConnectObjects,
  kept?: StoppedBy,
): SparkConnectServer {
  // A kept row beside a live application (a start that could not remove it) is no stop.
  const stopped = application ? undefined : kept;
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
      stoppedAt: stopped.createdAt,
      stoppedBy: stopped.createdBy,
    }),
  };
}
