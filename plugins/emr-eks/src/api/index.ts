export { emrEksApiRef } from './EmrEksApi';
export type { EmrEksApi } from './EmrEksApi';
export { EmrEksClient } from './EmrEksClient';
