export { EntityEmrEndpointsContent } from './EntityEmrEndpointsContent';
