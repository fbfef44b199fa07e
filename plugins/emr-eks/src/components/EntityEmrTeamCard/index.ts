export { EntityEmrTeamCard } from './EntityEmrTeamCard';
export type { EntityEmrTeamCardProps } from './EntityEmrTeamCard';
