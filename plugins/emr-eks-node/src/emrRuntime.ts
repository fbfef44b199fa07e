import type { Config } from '@backstage/config';
import { readAwsAccountId } from './config';

/*
 * How a Spark application runs on the EMR runtime outside the emr-containers API (Spark
 * Operator, spark-submit), as the EMR on EKS Spark Operator documentation sets it up: the
 * runtime image of the region's ECR account, EMRFS and the Glue Data Catalog.
 */

/**
 * The EMR runtime images' ECR account per region that the Spark Operator documentation
 * names (eu-west-1, us-west-1); other regions come from config.
 *
 * @public
 */
export const DOCUMENTED_EMR_IMAGE_ACCOUNTS: Readonly<Record<string, string>> = {
  'eu-west-1': '483788554619',
  'us-west-1': '608033475327',
};

/**
 * The documented accounts, then `<key>[]` entries (`{ region, accountId }`) over them.
 *
 * @public
 */
export function readEmrImageAccounts(
  root: Config,
  key: string,
): Record<string, string> {
  const accounts: Record<string, string> = { ...DOCUMENTED_EMR_IMAGE_ACCOUNTS };
  (root.getOptionalConfigArray(key) ?? []).forEach((entry, i) => {
    const region = entry.getString('region');
    if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(region)) {
      throw new Error(
        `Invalid config value at ${key}[${i}].region: '${region}' is not an AWS region`,
      );
    }
    accounts[region] = readAwsAccountId(
      entry,
      'accountId',
      `${key}[${i}].accountId`,
    );
  });
  return accounts;
}

/**
 * The EMR runtime image of a release in a region (`emr-6.10.0` →
 * `<account>.dkr.ecr.<region>.amazonaws.com/spark/emr-6.10.0:latest`).
 *
 * @public
 */
export function emrRuntimeImageUri(
  accountId: string,
  region: string,
  releaseLabel: string,
): string {
  const suffix = region.startsWith('cn-') ? '.com.cn' : '.com';
  return `${accountId}.dkr.ecr.${region}.amazonaws${suffix}/spark/${releaseLabel}:latest`;
}

/**
 * The Hadoop settings the documentation lists for EMRFS with the EMR runtime.
 *
 * @public
 */
export const EMRFS_HADOOP_CONF: Readonly<Record<string, string>> = {
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

const EMR_CLASSPATH =
  '/usr/lib/hadoop-lzo/lib/*:/usr/lib/hadoop/hadoop-aws.jar:/usr/share/aws/aws-java-sdk/*:/usr/share/aws/emr/emrfs/conf:/usr/share/aws/emr/emrfs/lib/*:/usr/share/aws/emr/emrfs/auxlib/*:/usr/share/aws/emr/security/conf:/usr/share/aws/emr/security/lib/*:/usr/share/aws/hmclient/lib/aws-glue-datacatalog-spark-client.jar:/usr/share/java/Hive-JSON-Serde/hive-openx-serde.jar:/usr/share/aws/sagemaker-spark-sdk/lib/sagemaker-spark-sdk.jar:/home/hadoop/extrajars/*';
const EMR_LIBRARY_PATH =
  '/usr/lib/hadoop/lib/native:/usr/lib/hadoop-lzo/lib/native:/docker/usr/lib/hadoop/lib/native:/docker/usr/lib/hadoop-lzo/lib/native';

/**
 * The Spark settings the documentation lists for the EMR runtime, the Glue Data Catalog
 * and the EMRFS committer (its event log settings are the caller's: where, and whether).
 *
 * @public
 */
export const EMR_RUNTIME_SPARK_CONF: Readonly<Record<string, string>> = {
  'spark.driver.extraClassPath': EMR_CLASSPATH,
  'spark.driver.extraLibraryPath': EMR_LIBRARY_PATH,
  'spark.executor.extraClassPath': EMR_CLASSPATH,
  'spark.executor.extraLibraryPath': EMR_LIBRARY_PATH,
  'spark.hadoop.hive.metastore.client.factory.class':
    'com.amazonaws.glue.catalog.metastore.AWSGlueDataCatalogHiveClientFactory',
  'spark.sql.catalogImplementation': 'hive',
  'spark.sql.parquet.output.committer.class':
    'com.amazon.emr.committer.EmrOptimizedSparkSqlParquetOutputCommitter',
  'spark.sql.parquet.fs.optimized.committer.optimization-enabled': 'true',
  'spark.sql.emr.internal.extensions':
    'com.amazonaws.emr.spark.EmrSparkSessionExtensions',
};

/**
 * Annotations on a tenant namespace, written by the platform (never by the team through
 * the portal), that say how the tenant's Spark pods run: its job-execution service account
 * (else `emr-job-execution-sa`, the documentation's), its pod template files and its
 * priority classes.
 *
 * @public
 */
export const TENANT_SPARK_ANNOTATIONS = {
  serviceAccount: 'emr-eks.backstage.io/spark-service-account',
  driverPodTemplate: 'emr-eks.backstage.io/driver-pod-template',
  executorPodTemplate: 'emr-eks.backstage.io/executor-pod-template',
  driverPriorityClass: 'emr-eks.backstage.io/driver-priority-class',
  executorPriorityClass: 'emr-eks.backstage.io/executor-priority-class',
} as const;

/** The documentation's job-execution service account. @public */
export const DEFAULT_SPARK_SERVICE_ACCOUNT = 'emr-job-execution-sa';
