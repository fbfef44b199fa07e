import { AthenaClient } from '@aws-sdk/client-athena';
import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { CurConfig } from './config';
import { CostStore } from './CostStore';
import { CurIngestor, billedUpliftQuery } from './CurIngestor';
import { costDatabases } from '../testing/databases';

const databases = costDatabases();
const ATHENA = 'https://athena.us-east-1.amazonaws.com/';
const config: CurConfig = {
  region: 'us-east-1',
  accountId: '123456789012',
  database: 'cur',
  table: 'cur_report',
  workgroup: 'primary',
  outputLocation: 's3://athena-results-123456789012/',
  lookbackDays: 2,
};
const NOW = Date.parse('2026-11-10T08:00:00Z');
const key = (virtualClusterId: string) => ({
  accountId: '123456789012',
  region: 'us-east-1',
  virtualClusterId,
});

function athena(options: {
  states: string[];
  rows: string[][];
  reason?: string;
}) {
  const requests: Array<{ target: string; body: any }> = [];
  let polls = 0;
  const handler = http.post(ATHENA, async ({ request }) => {
    const target = request.headers.get('x-amz-target')!.split('.')[1];
    const body = await request.json();
    requests.push({ target, body });
    const json = (value: Record<string, unknown>) =>
      HttpResponse.json(value, {
        headers: { 'content-type': 'application/x-amz-json-1.1' },
      });
    switch (target) {
      case 'StartQueryExecution':
        return json({ QueryExecutionId: 'q-1' });
      case 'GetQueryExecution': {
        const state =
          options.states[Math.min(polls++, options.states.length - 1)];
        return json({
          QueryExecution: {
            QueryExecutionId: 'q-1',
            Status: { State: state, StateChangeReason: options.reason },
          },
        });
      }
      case 'GetQueryResults': {
        const header = [
          'account_id',
          'region',
          'virtual_cluster_id',
          'job_run_id',
          'day',
          'cost',
        ];
        const all = [header, ...options.rows];
        // Two pages, as Athena pages long results.
        const first = !(body as any).NextToken;
        const page = first ? all.slice(0, 2) : all.slice(2);
        return json({
          ResultSet: {
            Rows: page.map(cells => ({
              Data: cells.map(v => ({ VarCharValue: v })),
            })),
          },
          ...(first && all.length > 2 ? { NextToken: 'page-2' } : {}),
        });
      }
      default:
        return new HttpResponse(null, { status: 400 });
    }
  });
  return { handler, requests };
}

describe('CurIngestor', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  async function run(fake: ReturnType<typeof athena>) {
    server.use(fake.handler);
    const knex = await databases.init('SQLITE_3');
    const store = await CostStore.create(mockServices.database({ knex }));
    const client = new AthenaClient({
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    const ingestor = new CurIngestor(
      store,
      client,
      config,
      mockServices.logger.mock(),
      () => NOW,
      1,
    );
    return { store, ingestor };
  }

  it('asks Athena for EMR Containers line items by job run and day over the lookback', () => {
    const sql = billedUpliftQuery(config, '2026-11-08', '2026-11-11');
    expect(sql).toContain(`FROM "cur"."cur_report"`);
    expect(sql).toContain("product_product_family = 'EMR Containers'");
    expect(sql).toContain(
      "split_part(line_item_resource_id, ':', 5) AS account_id",
    );
    expect(sql).toContain(
      "split_part(line_item_resource_id, ':', 4) AS region",
    );
    expect(sql).toContain(
      "split_part(line_item_resource_id, '/', 3) AS virtual_cluster_id",
    );
    expect(sql).toContain(
      "split_part(line_item_resource_id, '/', 5) AS job_run_id",
    );
    expect(sql).toContain("timestamp '2026-11-08 00:00:00'");
  });

  it('stores the billed uplift, which then replaces the estimate for those days', async () => {
    const fake = athena({
      states: ['QUEUED', 'RUNNING', 'SUCCEEDED'],
      rows: [
        ['123456789012', 'us-east-1', 'vc1', 'job1', '2026-11-09', '0.4200'],
        ['123456789012', 'us-east-1', 'vc1', 'job2', '2026-11-10', '1.5'],
        // The same ids in another account: another virtual cluster's bill.
        ['210987654321', 'us-east-1', 'vc1', 'job1', '2026-11-09', '7'],
        ['', '', '', '', '2026-11-10', '9'], // a line item without resource id parts is ignored
      ],
    });
    const { store, ingestor } = await run(fake);
    await store.replaceHours(
      'eks',
      {
        start: new Date('2026-11-09T00:00:00Z'),
        end: new Date('2026-11-10T00:00:00Z'),
      },
      [
        {
          virtualClusterId: 'vc1',
          jobRunId: 'job1',
          component: 'driver',
          capacityType: 'on-demand',
          hour: new Date('2026-11-09T05:00:00Z'),
          accountId: '123456789012',
          region: 'us-east-1',
          cpuCost: 1,
          ramCost: 1,
          pvCost: 0,
          networkCost: 0,
          totalCost: 2,
          cpuRequestCoreHours: 1,
          ramRequestGbHours: 1,
          cpuUsageCoreHours: 1,
          ramUsageGbHours: 1,
          upliftEstimate: 0.3,
        },
      ],
    );
    await ingestor.run();

    const start = fake.requests.find(
      r => r.target === 'StartQueryExecution',
    )!.body;
    expect(start).toMatchObject({
      WorkGroup: 'primary',
      QueryExecutionContext: { Database: 'cur' },
      ResultConfiguration: {
        OutputLocation: 's3://athena-results-123456789012/',
      },
    });
    expect(start.QueryString).toContain("timestamp '2026-11-08 00:00:00'");
    expect(start.QueryString).toContain("timestamp '2026-11-11 00:00:00'");
    expect(
      fake.requests.filter(r => r.target === 'GetQueryExecution'),
    ).toHaveLength(3);
    expect(
      fake.requests.filter(r => r.target === 'GetQueryResults'),
    ).toHaveLength(2);

    const [day] = await store.jobDays([key('vc1')], {
      start: '2026-11-09T00:00:00.000Z',
      end: '2026-11-10T00:00:00.000Z',
    });
    expect(day).toMatchObject({
      jobRunId: 'job1',
      upliftEstimate: 0.3,
      upliftBilled: 0.42,
    });
    expect(await store.completeUntil('cur')).toEqual(new Date(NOW));
  });

  it('reports a failed query with Athena’s reason', async () => {
    const { ingestor } = await run(
      athena({
        states: ['FAILED'],
        rows: [],
        reason: 'TABLE_NOT_FOUND: cur_report',
      }),
    );
    await expect(ingestor.run()).rejects.toThrow(
      /FAILED: TABLE_NOT_FOUND: cur_report/,
    );
  });
});
