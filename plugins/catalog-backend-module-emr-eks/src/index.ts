/**
 * Catalog module discovering Amazon EMR on EKS virtual clusters and managed endpoints.
 *
 * @packageDocumentation
 */
export { catalogModuleEmrEks as default } from './module';
export { EmrEksEntityProvider } from './EmrEksEntityProvider';
