/*
 * Wire types of the Spark Operator actions: a team's saved Spark application templates
 * (`<entity>/spark-application-templates`) and the applications started, rerun and
 * deleted from them (`<entity>/spark-applications`). Documented in the backend's openapi.yaml.
 */

/** The application types a template may run. @public */
export const SPARK_TEMPLATE_TYPES = ['Scala', 'Java', 'Python'] as const;

/** @public */
export type SparkTemplateType = (typeof SPARK_TEMPLATE_TYPES)[number];

/** Body of `POST .../spark-application-templates`: what a SparkApplication of the team runs. @public */
export interface SparkApplicationTemplateRequest {
  /** 1–63 lowercase letters, digits and dashes; also the prefix of the applications' names. */
  name: string;
  type: SparkTemplateType;
  /** `s3://…` or `local://…`. */
  mainApplicationFile: string;
  /** Required for Scala and Java. */
  mainClass?: string;
  arguments: string[];
  sparkConf: Record<string, string>;
  driver: { cores: number; memory: string };
  executor: { cores: number; memory: string; instances: number };
  /** The EMR release whose runtime image runs it, e.g. `emr-6.10.0`. */
  releaseLabel: string;
}

/** A saved template. @public */
export interface SparkApplicationTemplate
  extends SparkApplicationTemplateRequest {
  createdBy: string;
  createdAt: string;
}

/** `GET .../spark-application-templates`. @public */
export interface SparkApplicationTemplatePage {
  items: SparkApplicationTemplate[];
}

/** Body of `POST .../spark-applications`: an application of a saved template. @public */
export interface StartSparkApplicationRequest {
  template: string;
}

/** A SparkApplication the portal created (start or rerun). @public */
export interface StartedSparkApplication {
  /** The SparkApplication's name: what the detail routes take. */
  id: string;
  cluster: string;
  namespace: string;
  template: string;
  image: string;
  serviceAccount: string;
}

/** A SparkApplication the portal deleted (its driver and executors go with it). @public */
export interface DeletedSparkApplication {
  id: string;
  cluster: string;
  namespace: string;
}
