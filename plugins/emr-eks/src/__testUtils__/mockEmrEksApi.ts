import { EmrEksApi } from '../api';

/**
 * An `EmrEksApi` whose every method is a `jest.fn` that fails unless the test
 * gives it an implementation. For tests only; not exported from the package.
 */
export function mockEmrEksApi(
  implementations: Partial<EmrEksApi> = {},
): jest.Mocked<EmrEksApi> {
  const notMocked = (method: string) =>
    jest.fn(async () => {
      throw new Error(`${method} is not mocked in this test`);
    });
  const methods: Array<keyof EmrEksApi> = [
    'listJobRuns',
    'getJobRun',
    'startJobRun',
    'rerunJobRun',
    'cancelJobRun',
    'listEndpoints',
    'getEndpoint',
    'deleteEndpoint',
    'listJobTemplates',
    'getJobTemplate',
    'getVirtualCluster',
    'getVirtualClusterSummary',
    'getCost',
    'getCostCsv',
    'getBudget',
    'getServerlessApplication',
    'startServerlessApplication',
    'stopServerlessApplication',
    'listServerlessJobRuns',
    'getServerlessJobRun',
    'getServerlessDashboard',
    'cancelServerlessJobRun',
    'listServerlessJobDefinitions',
    'startServerlessJobRun',
    'rerunServerlessJobRun',
    'listSparkApplications',
    'getSparkApplication',
    'getSparkDriverLog',
    'listSparkApplicationTemplates',
    'saveSparkApplicationTemplate',
    'startSparkApplication',
    'rerunSparkApplication',
    'deleteSparkApplication',
    'listSparkConnectServers',
    'stopSparkConnectServer',
    'startSparkConnectServer',
  ];
  return Object.fromEntries(
    methods.map(method => [
      method,
      implementations[method]
        ? jest.fn(implementations[method] as any)
        : notMocked(method),
    ]),
  ) as unknown as jest.Mocked<EmrEksApi>;
}
