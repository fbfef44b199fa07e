export { EmrHomePage } from './EmrHomePage';
export type { EmrHomePageProps } from './EmrHomePage';
