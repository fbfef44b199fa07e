import type { SparkApplicationState } from './spark';

/*
 * A team's Spark Connect endpoint, as the scaffolder action `emr:sparkConnect:create`
 * makes it in the team's tenant namespace (a SparkApplication running SparkConnectServer,
 * a Service and an ALB Ingress, all of one name), and the wire types of the backend's
 * `<entity>/spark-connect` routes. Documented in the backend's openapi.yaml.
 */

/** The labels the action puts on the three objects of an endpoint; the backend finds them by these. @public */
export const SPARK_CONNECT_LABELS = {
  'app.kubernetes.io/name': 'spark-connect',
  'app.kubernetes.io/managed-by': 'backstage',
} as const;

/** The class a Spark Connect server's SparkApplication runs. @public */
export const SPARK_CONNECT_MAIN_CLASS =
  'org.apache.spark.sql.connect.service.SparkConnectServer';

/** {@link SPARK_CONNECT_LABELS} as a Kubernetes label selector. @public */
export const SPARK_CONNECT_SELECTOR = Object.entries(SPARK_CONNECT_LABELS)
  .map(([k, v]) => `${k}=${v}`)
  .join(',');

/** The AWS Load Balancer Controller's annotations on the Ingress that the entity shows. @public */
export const ALB_INBOUND_CIDRS_ANNOTATION =
  'alb.ingress.kubernetes.io/inbound-cidrs';
/** @public */
export const ALB_CERTIFICATE_ARN_ANNOTATION =
  'alb.ingress.kubernetes.io/certificate-arn';

/** The client's address of an endpoint. @public */
export function sparkConnectAddress(hostname: string): string {
  return `sc://${hostname}:443/;use_ssl=true`;
}

/** PySpark code that connects to an endpoint. @public */
export function sparkConnectSnippet(hostname: string): string {
  return `from pyspark.sql import SparkSession\n\nspark = SparkSession.builder.remote("${sparkConnectAddress(
    hostname,
  )}").getOrCreate()`;
}

/**
 * A server's state: its SparkApplication's (`status.applicationState.state`, `NEW` before
 * the operator picked it up), `STOPPED` when its owners stopped it, `MISSING` when neither
 * the application nor a stopped one's spec is there.
 *
 * @public
 */
export type SparkConnectState = SparkApplicationState | 'STOPPED' | 'MISSING';

/** One Spark Connect server of a namespace. @public */
export interface SparkConnectServer {
  /** The name of its SparkApplication, Service and Ingress. */
  name: string;
  state: SparkConnectState;
  /** The Ingress's host; absent when the Ingress is gone. */
  hostname?: string;
  /** `sc://<hostname>:443/;use_ssl=true` */
  address?: string;
  /** PySpark code that connects to it. */
  snippet?: string;
  /** The sources the load balancer admits. */
  inboundCidrs: string[];
  certificateArn?: string;
  /** The load balancer's DNS name, once the AWS Load Balancer Controller made it. */
  loadBalancer?: string;
  /** The owner the action recorded (`backstage.io/owner`). */
  owner?: string;
  /** When and by whom it was stopped, while stopped. */
  stoppedAt?: string;
  stoppedBy?: string;
}

/** The Spark Connect servers of a virtual cluster's namespace, by name. @public */
export interface SparkConnectServerList {
  items: SparkConnectServer[];
  /** The Kubernetes cluster (as the portal's `kubernetes` config names it) and namespace. */
  cluster: string;
  namespace: string;
}
