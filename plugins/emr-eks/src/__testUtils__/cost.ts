import { ResponseError } from '@backstage/errors';
import { CostReport, CostTotals } from '@emr-eks/plugin-emr-eks-common';

/** Test data; not exported from the package. */
export function costTotals(overrides: Partial<CostTotals> = {}): CostTotals {
  return {
    compute: 0,
    uplift: 0,
    total: 0,
    upliftBasis: 'estimated',
    cpuCoreHours: 0,
    ramGbHours: 0,
    ...overrides,
  };
}

/**
 * A report of the 30 days from 2024-05-01 of virtual cluster abc123
 * (resource:default/analytics-vc): $1,234.56 against $1,102.29 before.
 */
export function costReport(overrides: Partial<CostReport> = {}): CostReport {
  return {
    currency: 'USD',
    window: { start: '2024-05-01T00:00:00Z', end: '2024-05-31T00:00:00Z' },
    totals: costTotals({
      compute: 1000,
      uplift: 234.56,
      total: 1234.56,
      upliftBasis: 'estimated',
      cpuCoreHours: 2500,
      ramGbHours: 10000.5,
      cpuEfficiency: 0.43,
      ramEfficiency: 0.612,
    }),
    previous: {
      window: { start: '2024-04-01T00:00:00Z', end: '2024-05-01T00:00:00Z' },
      totals: costTotals({ compute: 900, uplift: 202.29, total: 1102.29 }),
    },
    daily: [
      { date: '2024-05-01', compute: 400, uplift: 100, upliftBasis: 'billed' },
      {
        date: '2024-05-03',
        compute: 600,
        uplift: 134.56,
        upliftBasis: 'estimated',
      },
    ],
    byComponent: [
      { component: 'driver', compute: 150 },
      { component: 'executor', compute: 800 },
      { component: 'submitter', compute: 50 },
      { component: 'unknown', compute: 0 },
    ],
    byCapacityType: [
      { capacityType: 'on-demand', compute: 250 },
      { capacityType: 'spot', compute: 750 },
    ],
    topJobRuns: [
      {
        jobRunId: 'run-dear',
        virtualClusterId: 'abc123',
        entityRef: 'resource:default/analytics-vc',
        ...costTotals({
          compute: 500,
          uplift: 100,
          total: 600,
          upliftBasis: 'billed',
          cpuEfficiency: 0.9,
          ramEfficiency: 0.5,
        }),
      },
      {
        jobRunId: 'run-cheap',
        virtualClusterId: 'abc123',
        entityRef: 'resource:default/analytics-vc',
        ...costTotals({
          compute: 80,
          uplift: 20,
          total: 100,
          upliftBasis: 'mixed',
        }),
      },
    ],
    virtualClusters: [
      {
        entityRef: 'resource:default/analytics-vc',
        virtualClusterId: 'abc123',
      },
    ],
    ...overrides,
  };
}

/** What the client throws for a non-ok answer of the backend. */
export async function responseError(
  status: number,
  name: string,
  message: string,
): Promise<ResponseError> {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name, message },
        request: { method: 'GET', url: '/api/emr-eks/v1/entity/...' },
        response: { statusCode: status },
      }),
      { status, headers: { 'Content-Type': 'application/json' } },
    ) as any,
  );
}
