export {
  DefaultKubecostClient,
  JOB_AGGREGATE,
  SPARK_AGGREGATE,
} from './DefaultKubecostClient';
export { KubecostResponseError } from './errors';
export { joinCapacity } from './joinCapacity';
export {
  EMR_POD_LABELS,
  SPARK_POD_LABELS,
  capacityTypeOf,
  instanceTypeOf,
  labelValue,
  normalizeProviderId,
  sanitizeLabelName,
  toSparkComponent,
} from './labels';
export type {
  JobAllocationRow,
  JobAllocationWithCapacity,
  KubecostAllocationApi,
  KubecostClient,
  KubecostClientOptions,
  KubecostFlavor,
  KubecostNode,
  KubecostWindow,
  SparkAllocationRow,
} from './types';
