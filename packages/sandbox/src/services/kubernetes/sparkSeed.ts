import { DEMO } from '../../demo';
import { isoTimestamp, stableHex } from '../emrContainers/ids';
import { KubernetesCluster } from './cluster';
import { resource } from './resources';
import {
  EXECUTORS_ANNOTATION,
  SPARK_LABELS,
  SparkOperator,
  SparkOutcome,
  emrRuntimeLabel,
  sparkVersionOf,
} from './sparkOperator';

/*
 * The demo teams' Spark Operator applications and spark-submit runs, per
 * tenant namespace: finished, failed and running ones on the EMR runtime
 * image of their region, and one on a plain Apache Spark image.
 */

/** The EMR runtime image's ECR account per region, for the demo regions (the seed's eu-west-1). */
const EMR_IMAGE_ACCOUNTS: Record<string, string> = {
  'us-east-1': '755674844232',
  'eu-west-1': '483788554619',
};

export function emrRuntimeImage(region: string, release = 'emr-6.10.0') {
  return `${EMR_IMAGE_ACCOUNTS[region]}.dkr.ecr.${region}.amazonaws.com/spark/${release}:latest`;
}

/** The Hadoop settings the seed lists for EMRFS with the EMR runtime. */
export const EMRFS_HADOOP_CONF = {
  'fs.s3.customAWSCredentialsProvider':
    'com.amazonaws.auth.WebIdentityTokenCredentialsProvider',
  'fs.s3.impl': 'com.amazon.ws.emr.hadoop.fs.EmrFileSystem',
  'fs.AbstractFileSystem.s3.impl': 'org.apache.hadoop.fs.s3.EMRFSDelegate',
  'fs.s3.buffer.dir': '/mnt/s3',
  'fs.s3.getObject.initialSocketTimeoutMilliseconds': '2000',
  'mapreduce.fileoutputcommitter.algorithm.version.emr_internal_use_only.EmrFileSystem':
    '2',
  'mapreduce.fileoutputcommitter.cleanup-failures.ignored.emr_internal_use_only.EmrFileSystem':
    'true',
};

const CLASSPATH =
  '/usr/lib/hadoop-lzo/lib/*:/usr/lib/hadoop/hadoop-aws.jar:/usr/share/aws/aws-java-sdk/*:/usr/share/aws/emr/emrfs/conf:/usr/share/aws/emr/emrfs/lib/*:/usr/share/aws/emr/emrfs/auxlib/*:/usr/share/aws/emr/security/conf:/usr/share/aws/emr/security/lib/*:/usr/share/aws/hmclient/lib/aws-glue-datacatalog-spark-client.jar:/usr/share/java/Hive-JSON-Serde/hive-openx-serde.jar:/usr/share/aws/sagemaker-spark-sdk/lib/sagemaker-spark-sdk.jar:/home/hadoop/extrajars/*';
const LIBRARY_PATH =
  '/usr/lib/hadoop/lib/native:/usr/lib/hadoop-lzo/lib/native:/docker/usr/lib/hadoop/lib/native:/docker/usr/lib/hadoop-lzo/lib/native';

/** The Spark settings the seed lists for the EMR runtime, the Glue catalog and the EMRFS committer. */
export function emrSparkConf(eventLogDir: string): Record<string, string> {
  return {
    'spark.eventLog.enabled': 'true',
    'spark.eventLog.dir': eventLogDir,
    'spark.driver.extraClassPath': CLASSPATH,
    'spark.driver.extraLibraryPath': LIBRARY_PATH,
    'spark.executor.extraClassPath': CLASSPATH,
    'spark.executor.extraLibraryPath': LIBRARY_PATH,
    'spark.hadoop.hive.metastore.client.factory.class':
      'com.amazonaws.glue.catalog.metastore.AWSGlueDataCatalogHiveClientFactory',
    'spark.sql.catalogImplementation': 'hive',
    'spark.sql.parquet.output.committer.class':
      'com.amazon.emr.committer.EmrOptimizedSparkSqlParquetOutputCommitter',
    'spark.sql.parquet.fs.optimized.committer.optimization-enabled': 'true',
    'spark.sql.emr.internal.extensions':
      'com.amazonaws.emr.spark.EmrSparkSessionExtensions',
  };
}

export const SPARK_SERVICE_ACCOUNT = 'emr-job-execution-sa';

interface SeededRun {
  name: string;
  kind: 'spark-operator' | 'spark-submit';
  image: 'emr' | string;
  /** Minutes before now the run was created, and how long it runs. */
  agoMinutes: number;
  runMinutes: number;
  outcome: SparkOutcome;
  type?: 'Scala' | 'Python';
  mainClass?: string;
  file: string;
  arguments?: string[];
  executors: number;
}

function runsOf(namespace: string, codeBucket: string, logBucket: string) {
  const runs: SeededRun[] = [
    {
      name: 'taxi-zones-nightly',
      kind: 'spark-operator',
      image: 'emr',
      agoMinutes: 300,
      runMinutes: 7,
      outcome: 'COMPLETED',
      type: 'Scala',
      mainClass: 'ValueZones',
      file: `${codeBucket}/jars/spark-eks-assembly-3.3.0.jar`,
      arguments: [
        's3://nyc-tlc/csv_backup',
        '2017',
        's3://nyc-tlc/misc/taxi_zone_lookup.csv',
        `${logBucket}/emr-eks-results`,
        'emr_eks_demo',
      ],
      executors: 4,
    },
    {
      name: `${namespace.replace(/^data-/, '')}-features`,
      kind: 'spark-operator',
      image: 'emr',
      agoMinutes: 120,
      runMinutes: 4,
      outcome: 'FAILED',
      type: 'Python',
      file: `${codeBucket}/jobs/features.py`,
      arguments: ['--date', 'yesterday'],
      executors: 3,
    },
    {
      name: 'clickstream-hourly',
      kind: 'spark-operator',
      image: 'emr',
      agoMinutes: 3,
      runMinutes: 360,
      outcome: 'COMPLETED',
      type: 'Python',
      file: `${codeBucket}/jobs/clickstream_hourly.py`,
      executors: 2,
    },
    {
      name: 'oss-spark-pi',
      kind: 'spark-operator',
      image: 'apache/spark:3.5.1',
      agoMinutes: 1440,
      runMinutes: 2,
      outcome: 'COMPLETED',
      type: 'Scala',
      mainClass: 'org.apache.spark.examples.SparkPi',
      file: 'local:///opt/spark/examples/jars/spark-examples_2.12-3.5.1.jar',
      arguments: ['1000'],
      executors: 2,
    },
    {
      name: 'adhoc-report',
      kind: 'spark-submit',
      image: 'emr',
      agoMinutes: 200,
      runMinutes: 6,
      outcome: 'COMPLETED',
      mainClass: 'ValueZones',
      file: `${codeBucket}/jars/spark-eks-assembly-3.3.0.jar`,
      arguments: ['s3://nyc-tlc/csv_backup', '2018'],
      executors: 2,
    },
  ];
  return runs;
}

/** Seeds one team's namespace; `now` is the clock's time at seeding. */
export function seedSparkRuns(
  cluster: KubernetesCluster,
  operator: SparkOperator,
  team: { namespace: string; codeBucket: string; logUri: string },
  region: string,
  now: number,
): void {
  const { namespace } = team;
  const logBucket = team.logUri.replace(/\/emr-on-eks\/$/, '');
  const eventLogDir = `${logBucket}/spark-events/`;
  for (const run of runsOf(namespace, team.codeBucket, logBucket)) {
    const image = run.image === 'emr' ? emrRuntimeImage(region) : run.image;
    const created = Math.floor((now - run.agoMinutes * 60_000) / 1000) * 1000;
    const plan = {
      submittedAt: created + 5_000,
      runningAt: created + 25_000,
      executorsAt: created + 45_000,
      endsAt: created + 45_000 + run.runMinutes * 60_000,
      outcome: run.outcome,
    };
    const uid = uuidOf(`${cluster.name}/${namespace}/${run.name}`);
    const emr = run.image === 'emr';
    if (run.kind === 'spark-operator') {
      cluster.put(resource('sparkapplications'), {
        apiVersion: 'sparkoperator.k8s.io/v1beta2',
        kind: 'SparkApplication',
        metadata: {
          name: run.name,
          namespace,
          uid,
          creationTimestamp: isoTimestamp(created),
        },
        spec: {
          type: run.type,
          mode: 'cluster',
          image,
          imagePullPolicy: 'Always',
          ...(run.mainClass ? { mainClass: run.mainClass } : {}),
          mainApplicationFile: run.file,
          ...(run.arguments ? { arguments: run.arguments } : {}),
          ...(emr ? { hadoopConf: EMRFS_HADOOP_CONF } : {}),
          sparkConf: emr
            ? emrSparkConf(eventLogDir)
            : { 'spark.eventLog.enabled': 'false' },
          sparkVersion: sparkVersionOf(image).replace(/-amzn-\d+$/, ''),
          restartPolicy: { type: 'Never' },
          driver: {
            cores: 1,
            memory: '4g',
            serviceAccount: SPARK_SERVICE_ACCOUNT,
          },
          executor: {
            cores: 1,
            instances: run.executors,
            memory: '4g',
            serviceAccount: SPARK_SERVICE_ACCOUNT,
          },
        },
      });
    } else {
      // spark-submit in cluster mode: a driver pod with Spark's labels and no owner.
      const hex = stableHex(uid, 16);
      cluster.put(resource('pods'), {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name: `${run.name}-${hex}-driver`,
          namespace,
          uid,
          creationTimestamp: isoTimestamp(plan.submittedAt),
          labels: {
            [SPARK_LABELS.role]: 'driver',
            [SPARK_LABELS.appSelector]: `spark-${stableHex(uid, 32)}`,
            [SPARK_LABELS.sparkAppName]: run.name,
            [SPARK_LABELS.version]: sparkVersionOf(image),
            ...emrRuntimeLabel(image, uid),
          },
          annotations: { [EXECUTORS_ANNOTATION]: String(run.executors) },
        },
        spec: {
          serviceAccountName: SPARK_SERVICE_ACCOUNT,
          restartPolicy: 'Never',
          containers: [
            {
              name: 'spark-kubernetes-driver',
              image,
              args: [
                'driver',
                '--properties-file',
                '/opt/spark/conf/spark.properties',
                ...(run.mainClass ? ['--class', run.mainClass] : []),
                run.file,
                ...(run.arguments ?? []),
              ],
            },
          ],
        },
        status: { phase: 'Pending' },
      });
    }
    operator.setPlan(uid, plan);
  }
}

function uuidOf(key: string): string {
  const hex = stableHex(key, 32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(
    13,
    16,
  )}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
}

/** Every demo tenant's namespace, with its cluster and region. */
export function demoSparkTenants() {
  return [
    ...Object.values(DEMO.virtualClusters).map(team => ({
      team,
      cluster: DEMO.eksClusterName,
      region: DEMO.region,
    })),
    ...Object.values(DEMO.secondaryRegion.virtualClusters).map(team => ({
      team,
      cluster: DEMO.secondaryRegion.eksClusterName,
      region: DEMO.secondaryRegion.region,
    })),
  ];
}
