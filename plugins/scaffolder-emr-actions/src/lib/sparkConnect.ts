import { isIP } from 'node:net';
import { InputError } from '@backstage/errors';
import type { KubernetesObject } from '@kubernetes/client-node';
import {
  ALB_CERTIFICATE_ARN_ANNOTATION,
  ALB_INBOUND_CIDRS_ANNOTATION,
  SPARK_CONNECT_LABELS,
  SPARK_CONNECT_MAIN_CLASS,
  sparkConnectAddress,
  sparkConnectSnippet,
} from '@emr-eks/plugin-emr-eks-common';
import {
  EMR_RUNTIME_SPARK_CONF,
  EMRFS_HADOOP_CONF,
  emrRuntimeImageUri,
} from '@emr-eks/plugin-emr-eks-node';
import type { ProvisioningCluster, SparkConnectConfig } from './config';
import {
  labelValue,
  MANAGED_BY,
  OWNER_ANNOTATION,
  TASK_ID_LABEL,
  TEAM_LABEL,
  TenantOptions,
} from './manifests';

/*
 * A team's Spark Connect endpoint: a long-running Spark Connect server on the EMR runtime
 * (a Spark Operator SparkApplication), a Service to its driver, and an Ingress for the AWS
 * Load Balancer Controller that terminates TLS with an ACM certificate and speaks gRPC to it.
 */

export { SPARK_CONNECT_MAIN_CLASS };
/** Spark Connect's gRPC port (`spark.connect.grpc.binding.port`), as in the seed. */
export const SPARK_CONNECT_PORT = 15002;
/** The label the Spark Operator puts on an application's pods, naming it. */
const OPERATOR_APP_NAME_LABEL = 'sparkoperator.k8s.io/app-name';

/** The EMR runtime image of a release in the cluster's region, or an InputError. */
export function emrRuntimeImage(
  config: SparkConnectConfig,
  cluster: Pick<ProvisioningCluster, 'name' | 'region'>,
  releaseLabel: string,
): string {
  const account = config.imageAccounts[cluster.region];
  if (!account) {
    throw new InputError(
      `Invalid input: cluster: no EMR runtime image account is known for ${cluster.region} (cluster ${cluster.name}); configure it under emrEks.provisioning.sparkConnect.imageAccounts`,
    );
  }
  return emrRuntimeImageUri(account, cluster.region, releaseLabel);
}

/** Whether `cidr` is an IPv4 or IPv6 CIDR block. */
export function isCidr(cidr: string): boolean {
  const [address, prefix, ...rest] = cidr.split('/');
  if (rest.length > 0 || prefix === undefined || !/^\d{1,3}$/.test(prefix)) {
    return false;
  }
  const version = isIP(address);
  return version !== 0 && Number(prefix) <= (version === 4 ? 32 : 128);
}

/** Refuses a CIDR that lets in everyone unless `emrEks.provisioning.sparkConnect.allowAnyInbound`. */
export function assertInboundCidrs(
  config: SparkConnectConfig,
  cidrs: string[],
): void {
  const open = cidrs.find(c => /\/0+$/.test(c));
  if (open && !config.allowAnyInbound) {
    throw new InputError(
      `Invalid input: inboundCidrs: ${open} admits every address; name the trusted sources (allowed only with emrEks.provisioning.sparkConnect.allowAnyInbound)`,
    );
  }
}

/** Refuses a certificate the cluster's load balancers cannot use: ACM's must be in their account and region. */
export function assertCertificateUsable(
  certificateArn: string,
  cluster: Pick<ProvisioningCluster, 'name' | 'region' | 'accountId'>,
): void {
  const [, , , region, account] = certificateArn.split(':');
  if (region !== cluster.region || account !== cluster.accountId) {
    throw new InputError(
      `Invalid input: certificateArn: the certificate is in ${account} ${region}; cluster ${cluster.name}'s load balancers need one in ${cluster.accountId} ${cluster.region}`,
    );
  }
}

// The address and client code are the portal's too (the entity page shows them).
export { sparkConnectAddress, sparkConnectSnippet };

export interface SparkConnectSpec {
  name: string;
  image: string;
  sparkVersion: string;
  applicationFile: string;
  serviceAccount: string;
  driver: { cores: number; memory: string };
  executor: { cores: number; memory: string; instances: number };
  certificateArn: string;
  inboundCidrs: string[];
  hostname: string;
  scheme: SparkConnectConfig['scheme'];
}

function metadata(s: SparkConnectSpec, t: TenantOptions) {
  return {
    name: s.name,
    namespace: t.namespace,
    labels: {
      ...MANAGED_BY,
      [TEAM_LABEL]: labelValue(t.team),
      [TASK_ID_LABEL]: labelValue(t.taskId),
      // How the portal finds the endpoint's objects.
      ...SPARK_CONNECT_LABELS,
      'app.kubernetes.io/instance': s.name,
    },
    annotations: { [OWNER_ANNOTATION]: t.owner },
  };
}

/** The SparkApplication, Service and Ingress of an endpoint, in apply order. */
export function sparkConnectManifests(
  s: SparkConnectSpec,
  t: TenantOptions,
): KubernetesObject[] {
  const port = SPARK_CONNECT_PORT;
  const application = {
    apiVersion: 'sparkoperator.k8s.io/v1beta2',
    kind: 'SparkApplication',
    metadata: metadata(s, t),
    spec: {
      type: 'Scala',
      mode: 'cluster',
      image: s.image,
      imagePullPolicy: 'Always',
      mainClass: SPARK_CONNECT_MAIN_CLASS,
      mainApplicationFile: s.applicationFile,
      sparkVersion: s.sparkVersion,
      hadoopConf: EMRFS_HADOOP_CONF,
      // No event log: a server that runs for weeks would write one ever-growing log.
      sparkConf: {
        ...EMR_RUNTIME_SPARK_CONF,
        'spark.connect.grpc.binding.port': String(port),
      },
      // A server, not a job: the operator starts it again whenever it ends.
      restartPolicy: {
        type: 'Always',
        onFailureRetryInterval: 10,
        onSubmissionFailureRetryInterval: 20,
      },
      driver: {
        cores: s.driver.cores,
        memory: s.driver.memory,
        serviceAccount: s.serviceAccount,
        labels: { 'app.kubernetes.io/instance': s.name },
      },
      executor: {
        cores: s.executor.cores,
        memory: s.executor.memory,
        instances: s.executor.instances,
        serviceAccount: s.serviceAccount,
      },
    },
  };
  const service = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: metadata(s, t),
    spec: {
      type: 'ClusterIP',
      selector: { [OPERATOR_APP_NAME_LABEL]: s.name, 'spark-role': 'driver' },
      ports: [{ name: 'grpc', protocol: 'TCP', port, targetPort: port }],
    },
  };
  const ingress = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: {
      ...metadata(s, t),
      annotations: {
        ...metadata(s, t).annotations,
        'alb.ingress.kubernetes.io/scheme': s.scheme,
        'alb.ingress.kubernetes.io/target-type': 'ip',
        'alb.ingress.kubernetes.io/backend-protocol-version': 'GRPC',
        'alb.ingress.kubernetes.io/listen-ports': '[{"HTTPS":443}]',
        [ALB_CERTIFICATE_ARN_ANNOTATION]: s.certificateArn,
        [ALB_INBOUND_CIDRS_ANNOTATION]: s.inboundCidrs.join(','),
      },
    },
    spec: {
      ingressClassName: 'alb',
      rules: [
        {
          host: s.hostname,
          http: {
            paths: [
              {
                path: '/',
                pathType: 'Prefix',
                backend: { service: { name: s.name, port: { number: port } } },
              },
            ],
          },
        },
      ],
    },
  };
  return [application, service, ingress];
}
