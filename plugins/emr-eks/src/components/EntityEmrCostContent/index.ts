export { EntityEmrCostContent } from './EntityEmrCostContent';
export type { EntityEmrCostContentProps } from './EntityEmrCostContent';
export { isEmrCostAvailable } from './isEmrCostAvailable';
