/**
 * Backend plugin serving Amazon EMR on EKS data for catalog entities.
 *
 * @packageDocumentation
 */
export { emrEksPlugin as default } from './plugin';
export { emrEksServiceRef } from './services/emrEksServiceRef';
export type {
  EmrEksService,
  EntityRequest,
  WriteResult,
} from './services/types';
export { emrEksCostServiceRef } from './cost/costServiceRef';
export type { CostQuery, CostRequest, CostService } from './cost/types';
export { emrServerlessServiceRef } from './serverless/serviceRef';
export type {
  EmrServerlessService,
  ServerlessWriteResult,
} from './serverless/types';
export { sparkApplicationsServiceRef } from './spark/serviceRef';
export type { SparkApplicationsService } from './spark/types';
