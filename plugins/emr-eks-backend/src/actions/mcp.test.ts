import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import mcpActionsPlugin from '@backstage/plugin-mcp-actions-backend';
import { explainJobRunFailure } from '@emr-eks/plugin-emr-eks-common';
import { createSandbox } from '@emr-eks/sandbox';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { AddressInfo } from 'node:net';
import { CostStore, HourlyCost } from '../cost/CostStore';
import { ALICE, BOB, startBackend, teamA } from '../testing/backend';
import { costDatabases } from '../testing/databases';

jest.setTimeout(60_000);

/**
 * The official MCP client against a backend that serves this plugin's actions through
 * @backstage/plugin-mcp-actions-backend, as the portal does: the tools run as the user whose
 * token the client sends, through the routes' own services and checks.
 */
describe('the actions over MCP', () => {
  const sandbox = createSandbox({ seed: 14 });
  const databases = costDatabases();
  const auditor = mockServices.auditor.mock();
  let running: Awaited<ReturnType<typeof sandbox.listen>>;
  let url: URL;
  const clients: Client[] = [];

  beforeAll(async () => {
    running = await sandbox.listen(0);
    const knex = await databases.init('SQLITE_3');
    const store = await CostStore.create(mockServices.database({ knex }));
    const hour = Math.floor(Date.now() / 3_600_000) * 3_600_000 - 3 * 3_600_000;
    const row = (jobRunId: string, totalCost: number): HourlyCost => ({
      hour: new Date(hour),
      virtualClusterId: teamA.id,
      jobRunId,
      component: 'executor',
      capacityType: 'spot',
      accountId: teamA.arn.split(':')[4],
      region: 'us-east-1',
      cpuCost: totalCost,
      ramCost: 0,
      pvCost: 0,
      networkCost: 0,
      totalCost,
      cpuRequestCoreHours: 4,
      ramRequestGbHours: 16,
      cpuUsageCoreHours: 2,
      ramUsageGbHours: 8,
      upliftEstimate: 0.1,
    });
    await store.replaceHours(
      'analytics-shared',
      { start: new Date(hour - 86_400_000), end: new Date(hour + 3_600_000) },
      [row('dear', 7), row('cheap', 2)],
      [],
    );
    const server = await startBackend({
      endpoint: running.url,
      permission: 'owner-writes',
      visibleTo: 'everyone',
      auditor: auditor.factory,
      plugins: [mcpActionsPlugin],
      rootConfig: { backend: { actions: { pluginSources: ['emr-eks'] } } },
      config: {
        budgets: {
          teams: [{ entityRef: 'group:default/data-team-a', monthlyUsd: 500 }],
        },
        cost: {
          clusters: [
            {
              name: 'analytics-shared',
              baseUrl: 'http://127.0.0.1:1',
              accountId: teamA.arn.split(':')[4],
              region: 'us-east-1',
            },
          ],
          schedule: {
            frequency: { hours: 1 },
            timeout: { minutes: 1 },
            initialDelay: { hours: 1 },
          },
        },
      },
      features: [mockServices.database.factory({ knex })],
    });
    const { port } = server.address() as AddressInfo;
    url = new URL(`http://127.0.0.1:${port}/api/mcp-actions/v1`);
  });
  afterAll(async () => {
    await Promise.all(clients.map(c => c.close()));
    await running.close();
  });

  async function connect(user: string) {
    const client = new Client({ name: 'emr-eks-test', version: '1.0.0' });
    const transport = new StreamableHTTPClientTransport(url, {
      requestInit: {
        headers: { Authorization: mockCredentials.user.header(user) },
      },
    });
    await client.connect(transport);
    clients.push(client);
    return client;
  }

  async function call(
    client: Client,
    name: string,
    args: object,
  ): Promise<{ output?: any; error?: string }> {
    const result = (await client.callTool({
      name: `emr-eks.${name}`,
      arguments: args as Record<string, unknown>,
    })) as CallToolResult;
    const [content] = result.content as Array<{ type: string; text: string }>;
    if (result.isError) {
      return { error: content.text };
    }
    return { output: JSON.parse(content.text) };
  }

  const entityRef = 'resource:default/team-a-emr';

  it('lists the tools with what they may change', async () => {
    const { tools } = await (await connect(ALICE)).listTools();
    const byName = Object.fromEntries(tools.map(t => [t.name, t]));
    expect(Object.keys(byName).sort()).toEqual(
      [
        'cancel-job-run',
        'explain-job-run',
        'get-budget-status',
        'get-cost',
        'list-job-runs',
        'list-job-templates',
        'start-job-run',
      ].map(n => `emr-eks.${n}`),
    );
    expect(byName['emr-eks.list-job-runs'].annotations).toMatchObject({
      readOnlyHint: true,
    });
    expect(byName['emr-eks.cancel-job-run'].annotations).toMatchObject({
      readOnlyHint: false,
      destructiveHint: true,
    });
    expect(
      byName['emr-eks.list-job-runs'].inputSchema.properties,
    ).toHaveProperty('states');
  });

  it('lists job runs with filters and explains a failed one', async () => {
    const alice = await connect(ALICE);
    const { output } = await call(alice, 'list-job-runs', {
      entityRef,
      states: ['FAILED'],
      maxResults: 5,
    });
    expect(output.items.length).toBeGreaterThan(0);
    expect(output.items.length).toBeLessThanOrEqual(5);
    for (const run of output.items) expect(run.state).toBe('FAILED');

    const failed = output.items[0];
    const explained = await call(alice, 'explain-job-run', {
      entityRef,
      jobRunId: failed.id,
    });
    expect(explained.output.jobRun).toMatchObject({
      id: failed.id,
      state: 'FAILED',
    });
    expect(explained.output.failure).toEqual(explainJobRunFailure(failed));
  });

  it('names the input that is wrong', async () => {
    const alice = await connect(ALICE);
    const bad = await call(alice, 'list-job-runs', {
      entityRef,
      createdAfter: 'yesterday',
    });
    expect(bad.error).toMatch(/^InputError: .*createdAfter/);
    const badRef = await call(alice, 'explain-job-run', {
      entityRef: 'resource:default/',
      jobRunId: 'abc',
    });
    expect(badRef.error).toMatch(/^InputError: .*entityRef/);
  });

  it("answers a team's cost with its dearest runs", async () => {
    const alice = await connect(ALICE);
    const { output } = await call(alice, 'get-cost', {
      entityRef: 'data-team-a',
      window: '7d',
    });
    expect(output.totals.compute).toBe(9);
    expect(output.topJobRuns.map((r: any) => r.jobRunId)).toEqual([
      'dear',
      'cheap',
    ]);
    expect(output.byVirtualCluster[0]).not.toHaveProperty('daily');
  });

  it("answers a team's budget status", async () => {
    const alice = await connect(ALICE);
    const { output } = await call(alice, 'get-budget-status', {
      entityRef: 'group:default/data-team-a',
    });
    expect(output).toMatchObject({
      entityRef: 'group:default/data-team-a',
      budget: 500,
      budgetSource: 'config',
      thresholds: [0.8, 1],
    });
    // The stored runs cost 9 plus 0.2 uplift, three hours ago: this month unless it just began.
    expect(output.forecast.expected).toBeGreaterThanOrEqual(output.monthToDate);
  });

  it('starts and cancels a run as its owner, audited with the user', async () => {
    const alice = await connect(ALICE);
    const templates = await call(alice, 'list-job-templates', { entityRef });
    const template =
      templates.output.items.find(
        (t: any) => Object.keys(t.parameters).length === 0,
      ) ?? templates.output.items[0];
    const values = Object.fromEntries(
      Object.entries<any>(template.parameters).map(([name, conf]) => [
        name,
        conf.type === 'NUMBER' ? '3' : conf.defaultValue ?? '2026-11-20',
      ]),
    );
    auditor.createEvent.mockClear();
    const started = await call(alice, 'start-job-run', {
      entityRef,
      jobTemplateId: template.id,
      jobTemplateParameters: values,
      name: 'from-an-assistant',
    });
    expect(started.output).toMatchObject({
      name: 'from-an-assistant',
      virtualClusterId: teamA.id,
    });
    const described = await call(alice, 'explain-job-run', {
      entityRef,
      jobRunId: started.output.id,
    });
    expect(described.output.jobRun.tags['backstage:started-by']).toBe(ALICE);
    expect(described.output.failure).toBeNull();

    const cancelled = await call(alice, 'cancel-job-run', {
      entityRef,
      jobRunId: started.output.id,
    });
    expect(cancelled.output).toEqual({
      id: started.output.id,
      virtualClusterId: teamA.id,
    });
    const events = auditor.createEvent.mock.calls.map(([e]) => e);
    expect(events).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          eventId: 'job-run-start',
          meta: expect.objectContaining({
            actor: ALICE,
            entityRef: 'resource:default/team-a-emr',
            jobTemplateId: template.id,
          }),
        }),
        expect.objectContaining({
          eventId: 'job-run-cancel',
          meta: expect.objectContaining({ actor: ALICE }),
        }),
      ]),
    );
  });

  it('refuses writes to a user who does not own the cluster, before AWS is asked', async () => {
    const bob = await connect(BOB);
    // Bob may read data-team-a's runs…
    const listed = await call(bob, 'list-job-runs', { entityRef });
    expect(listed.output.items.length).toBeGreaterThan(0);
    const templates = await call(bob, 'list-job-templates', { entityRef });
    sandbox.stats.reset();
    // …but not start or cancel them.
    const start = await call(bob, 'start-job-run', {
      entityRef,
      jobTemplateId: templates.output.items[0].id,
    });
    // Refused by the same permission check as the route, naming the permission and the entity.
    expect(start.error).toMatch(
      /^NotAllowedError: Not allowed: emr-eks\.job-run\.start on resource:default\/team-a-emr/,
    );
    const cancel = await call(bob, 'cancel-job-run', {
      entityRef,
      jobRunId: listed.output.items[0].id,
    });
    expect(cancel.error).toMatch(
      /^NotAllowedError: Not allowed: emr-eks\.job-run\.cancel on resource:default\/team-a-emr/,
    );
    expect(sandbox.stats.count('StartJobRun')).toBe(0);
    expect(sandbox.stats.count('CancelJobRun')).toBe(0);
  });
});
