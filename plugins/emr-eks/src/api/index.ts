export { emrEksApiRef } from './EmrEksApi';
export type { AcceptedChange, EmrEksApi, EndpointQuery } from './EmrEksApi';
export { EmrEksClient } from './EmrEksClient';
