export { emrEksApiRef } from './EmrEksApi';
export type {
  AcceptedChange,
  CostCsv,
  CostPeriod,
  CostQuery,
  CostWindowName,
  EmrEksApi,
  EndpointQuery,
  ServerlessJobDefinition,
  ServerlessJobDefinitionPage,
  ServerlessStartedJobRun,
  StartServerlessJobRunRequest,
} from './EmrEksApi';
export { EmrEksClient } from './EmrEksClient';
