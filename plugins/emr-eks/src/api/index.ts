export { emrEksApiRef } from './EmrEksApi';
export type {
  AcceptedChange,
  CostCsv,
  CostPeriod,
  CostQuery,
  CostWindowName,
  EmrEksApi,
  EndpointQuery,
} from './EmrEksApi';
export { EmrEksClient } from './EmrEksClient';
