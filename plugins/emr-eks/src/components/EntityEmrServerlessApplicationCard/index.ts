export { EntityEmrServerlessApplicationCard } from './EntityEmrServerlessApplicationCard';
