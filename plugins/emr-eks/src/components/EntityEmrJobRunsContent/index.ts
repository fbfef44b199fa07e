export { EntityEmrJobRunsContent } from './EntityEmrJobRunsContent';
