import { DEMO } from '../../demo';
import { isoTimestamp, stableHex } from '../emrContainers/ids';
import { KubernetesCluster } from './cluster';
import { resource } from './resources';
import { SparkOperator } from './sparkOperator';
import { EMRFS_HADOOP_CONF, emrRuntimeImage } from './sparkSeed';

/*
 * data-team-a's Spark Connect endpoint, as the scaffolder action `emr:sparkConnect:create`
 * makes it (scaffolder-emr-actions lib/sparkConnect.ts): a long-running SparkApplication
 * running SparkConnectServer, a Service to its driver and an ALB Ingress, all named
 * `team-connect` and labelled for the team. It has been running for two days.
 */

export const SEEDED_SPARK_CONNECT = {
  team: 'data-team-a',
  name: 'team-connect',
  hostname: 'spark.data-team-a.example.com',
  inboundCidrs: ['203.0.113.0/24', '198.51.100.17/32'],
  certificateArn: `arn:aws:acm:${DEMO.region}:${DEMO.accountId}:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b`,
};

const PORT = 15002;
const CLASSPATH =
  '/usr/lib/hadoop-lzo/lib/*:/usr/lib/hadoop/hadoop-aws.jar:/usr/share/aws/aws-java-sdk/*:/usr/share/aws/emr/emrfs/conf:/usr/share/aws/emr/emrfs/lib/*:/usr/share/aws/emr/emrfs/auxlib/*:/usr/share/aws/emr/security/conf:/usr/share/aws/emr/security/lib/*:/usr/share/aws/hmclient/lib/aws-glue-datacatalog-spark-client.jar:/usr/share/java/Hive-JSON-Serde/hive-openx-serde.jar:/usr/share/aws/sagemaker-spark-sdk/lib/sagemaker-spark-sdk.jar:/home/hadoop/extrajars/*';
const LIBRARY_PATH =
  '/usr/lib/hadoop/lib/native:/usr/lib/hadoop-lzo/lib/native:/docker/usr/lib/hadoop/lib/native:/docker/usr/lib/hadoop-lzo/lib/native';

export function seedSparkConnect(
  cluster: KubernetesCluster,
  operator: SparkOperator,
  now: number,
): void {
  const s = SEEDED_SPARK_CONNECT;
  const vc = DEMO.virtualClusters[s.team as keyof typeof DEMO.virtualClusters];
  if (!vc || !cluster.hasNamespace(vc.namespace)) return;
  const owner = `group:default/${s.team}`;
  const created = Math.floor((now - 2 * 86_400_000) / 1000) * 1000;
  const metadata = () => ({
    name: s.name,
    namespace: vc.namespace,
    creationTimestamp: isoTimestamp(created),
    labels: {
      'app.kubernetes.io/managed-by': 'backstage',
      'backstage.io/team': s.team,
      'backstage.io/scaffolder-task-id': 'seeded-spark-connect',
      'app.kubernetes.io/name': 'spark-connect',
      'app.kubernetes.io/instance': s.name,
    },
    annotations: { 'backstage.io/owner': owner },
  });
  const uid = uidOf(`${cluster.name}/${vc.namespace}/${s.name}`);
  cluster.put(resource('sparkapplications'), {
    apiVersion: 'sparkoperator.k8s.io/v1beta2',
    kind: 'SparkApplication',
    metadata: { ...metadata(), uid },
    spec: {
      type: 'Scala',
      mode: 'cluster',
      image: emrRuntimeImage(DEMO.region, 'emr-7.2.0'),
      imagePullPolicy: 'Always',
      mainClass: 'org.apache.spark.sql.connect.service.SparkConnectServer',
      mainApplicationFile: `${vc.codeBucket}/jars/spark-connect_2.12-3.5.1.jar`,
      sparkVersion: '3.5.1',
      hadoopConf: EMRFS_HADOOP_CONF,
      sparkConf: {
        'spark.driver.extraClassPath': CLASSPATH,
        'spark.driver.extraLibraryPath': LIBRARY_PATH,
        'spark.executor.extraClassPath': CLASSPATH,
        'spark.executor.extraLibraryPath': LIBRARY_PATH,
        'spark.sql.parquet.output.committer.class':
          'com.amazon.emr.committer.EmrOptimizedSparkSqlParquetOutputCommitter',
        'spark.sql.parquet.fs.optimized.committer.optimization-enabled': 'true',
        'spark.sql.emr.internal.extensions':
          'com.amazonaws.emr.spark.EmrSparkSessionExtensions',
        'spark.connect.grpc.binding.port': String(PORT),
      },
      restartPolicy: {
        type: 'Always',
        onFailureRetryInterval: 10,
        onSubmissionFailureRetryInterval: 20,
      },
      driver: {
        cores: 2,
        memory: '8g',
        serviceAccount: 'emr-job-execution-sa',
        labels: { 'app.kubernetes.io/instance': s.name },
      },
      executor: {
        cores: 2,
        memory: '8g',
        instances: 2,
        serviceAccount: 'emr-job-execution-sa',
      },
    },
  });
  // Running since two days ago: a server does not end by itself.
  operator.setPlan(uid, operator.longRunningPlan(created));
  cluster.put(resource('services'), {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: metadata(),
    spec: {
      type: 'ClusterIP',
      selector: {
        'sparkoperator.k8s.io/app-name': s.name,
        'spark-role': 'driver',
      },
      ports: [{ name: 'grpc', protocol: 'TCP', port: PORT, targetPort: PORT }],
    },
  });
  const base = metadata();
  cluster.put(resource('ingresses'), {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: {
      ...base,
      annotations: {
        ...base.annotations,
        'alb.ingress.kubernetes.io/scheme': 'internet-facing',
        'alb.ingress.kubernetes.io/target-type': 'ip',
        'alb.ingress.kubernetes.io/backend-protocol-version': 'GRPC',
        'alb.ingress.kubernetes.io/listen-ports': '[{"HTTPS":443}]',
        'alb.ingress.kubernetes.io/certificate-arn': s.certificateArn,
        'alb.ingress.kubernetes.io/inbound-cidrs': s.inboundCidrs.join(','),
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
                backend: {
                  service: { name: s.name, port: { number: PORT } },
                },
              },
            ],
          },
        },
      ],
    },
    status: {
      loadBalancer: {
        ingress: [
          {
            hostname: `k8s-datateam-teamconn-${stableHex(uid, 10)}-${stableHex(
              uid,
              20,
            ).slice(10)}.${DEMO.region}.elb.amazonaws.com`,
          },
        ],
      },
    },
  });
}

function uidOf(key: string): string {
  const hex = stableHex(key, 32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(
    13,
    16,
  )}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
}
