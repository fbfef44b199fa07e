export { EntityEmrServerlessContent } from './EntityEmrServerlessContent';
