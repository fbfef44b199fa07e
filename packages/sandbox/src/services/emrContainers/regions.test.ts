import http from 'node:http';
import { AddressInfo } from 'node:net';
import {
  DescribeVirtualClusterCommand,
  EMRContainersClient,
  JobRun,
  ListJobTemplatesCommand,
  ListVirtualClustersCommand,
  paginateListJobRuns,
  ResourceNotFoundException,
} from '@aws-sdk/client-emr-containers';
import { DEMO } from '../../demo';
import { manualClock } from '../../clock';
import {
  endpointBody,
  HOUR,
  jobRunsPath,
  signedFor,
  startBody,
  T0,
  TEAM_A,
  templateBody,
  testSandbox,
} from '../../__testUtils__';
import { createSandbox } from '../../sandbox';

const EU = DEMO.secondaryRegion.virtualClusters['data-team-b'];

describe('data per region', () => {
  it('serves the demo teams in us-east-1, for unsigned requests and requests signed for it', async () => {
    const { api } = testSandbox();
    const unsigned = await api.get('/virtualclusters').expect(200);
    const signed = await api
      .get('/virtualclusters')
      .set('Authorization', signedFor('us-east-1'))
      .expect(200);
    expect(signed.text).toBe(unsigned.text);
    expect(
      unsigned.body.virtualClusters.map((c: { name: string }) => c.name).sort(),
    ).toEqual(['data-team-a', 'data-team-b']);
  });

  it('shows an empty but working emr-containers in a region without data', async () => {
    const { api } = testSandbox();
    const as = (req: ReturnType<typeof api.get>) =>
      req.set('Authorization', signedFor('ap-southeast-2'));
    expect((await as(api.get('/virtualclusters')).expect(200)).body).toEqual({
      virtualClusters: [],
    });
    expect((await as(api.get('/jobtemplates')).expect(200)).body).toEqual({
      templates: [],
    });
    // us-east-1's clusters do not exist there.
    const res = await as(api.get(jobRunsPath(TEAM_A.id)));
    expect(res.status).toBe(400);
    expect(res.headers['x-amzn-errortype']).toBe('ResourceNotFoundException');
    // But it takes writes, which stay there.
    const created = await api
      .post('/jobtemplates')
      .set('Authorization', signedFor('ap-southeast-2'))
      .send(templateBody())
      .expect(200);
    expect(created.body.arn).toBe(
      `arn:aws:emr-containers:ap-southeast-2:123456789012:/jobtemplates/${created.body.id}`,
    );
    expect(
      (await as(api.get('/jobtemplates')).expect(200)).body.templates,
    ).toHaveLength(1);
    expect(
      (await api.get('/jobtemplates').expect(200)).body.templates,
    ).toHaveLength(6);
    await api.get(`/jobtemplates/${created.body.id}`).expect(400);
  });

  it('has one small data-team-b cluster in eu-west-1, with its own runs and regional ARNs', async () => {
    const { api, sandbox } = testSandbox();
    const eu = (req: ReturnType<typeof api.get>) =>
      req.set('Authorization', signedFor('eu-west-1'));
    const { virtualClusters } = (
      await eu(api.get('/virtualclusters')).expect(200)
    ).body;
    expect(virtualClusters).toEqual([
      expect.objectContaining({
        id: EU.id,
        name: 'data-team-b-eu',
        arn: `arn:aws:emr-containers:eu-west-1:123456789012:/virtualclusters/${EU.id}`,
        state: 'RUNNING',
        containerProvider: {
          type: 'EKS',
          id: 'analytics-eu',
          info: { eksInfo: { namespace: 'data-team-b-eu' } },
        },
        tags: { team: 'data-team-b' },
      }),
    ]);
    const runs = (await eu(api.get(jobRunsPath(EU.id))).expect(200)).body
      .jobRuns;
    expect(runs.length).toBeGreaterThanOrEqual(5);
    expect(runs.length).toBeLessThanOrEqual(12);
    for (const run of runs) {
      expect(run.arn).toBe(
        `arn:aws:emr-containers:eu-west-1:123456789012:/virtualclusters/${EU.id}/jobruns/${run.id}`,
      );
      expect(run.tags.team).toBe('data-team-b');
    }
    expect(runs.some((r: { state: string }) => r.state === 'RUNNING')).toBe(
      true,
    );
    // Not visible from us-east-1, and not counted there.
    await api.get(jobRunsPath(EU.id)).expect(400);
    expect(
      sandbox.emrContainersIn('eu-west-1').listJobRuns(EU.id),
    ).toHaveLength(runs.length);
  });

  it('starts runs and creates endpoints in the signed region only', async () => {
    const { api, sandbox } = testSandbox();
    const started = await api
      .post(jobRunsPath(EU.id))
      .set('Authorization', signedFor('eu-west-1'))
      .send(startBody({ executionRoleArn: EU.executionRoleArn }))
      .expect(200);
    expect(started.body.arn).toContain(':eu-west-1:');
    const endpoint = await api
      .post(`/virtualclusters/${EU.id}/endpoints`)
      .set('Authorization', signedFor('eu-west-1'))
      .send(endpointBody({ executionRoleArn: EU.executionRoleArn }))
      .expect(200);
    const store = sandbox.emrContainersIn('eu-west-1');
    expect(store.getJobRun(EU.id, started.body.id)).toBeDefined();
    const view = store.getEndpoint(EU.id, endpoint.body.id)!;
    expect(view.endpoint.serverHost).toBe(
      `${endpoint.body.id}.${EU.id}.emr-containers.eu-west-1.amazonaws.com`,
    );
    expect(view.endpoint.subnetIds).not.toEqual(
      sandbox.emrContainers.listEndpoints(TEAM_A.id)[0].endpoint.subnetIds,
    );
    // The same client token in us-east-1 is a different request.
    expect(
      sandbox.emrContainers.getJobRun(EU.id, started.body.id),
    ).toBeUndefined();
  });

  it('keeps page tokens to the region that issued them', async () => {
    const { api } = testSandbox();
    const page = await api
      .get('/jobtemplates')
      .query({ maxResults: 1 })
      .expect(200);
    const res = await api
      .get('/jobtemplates')
      .set('Authorization', signedFor('eu-west-1'))
      .query({ maxResults: 1, nextToken: page.body.nextToken });
    expect(res.headers['x-amzn-errortype']).toBe('ValidationException');
  });

  it('reset brings every region back to its seeded data', async () => {
    const { api, sandbox } = testSandbox();
    await api
      .post('/jobtemplates')
      .set('Authorization', signedFor('ap-south-1'))
      .send(templateBody())
      .expect(200);
    const before = sandbox
      .emrContainersIn('eu-west-1')
      .listJobRuns(EU.id).length;
    await api
      .post(jobRunsPath(EU.id))
      .set('Authorization', signedFor('eu-west-1'))
      .send(startBody({ executionRoleArn: EU.executionRoleArn }))
      .expect(200);
    await api.post('/_sandbox/reset').expect(200);
    expect(sandbox.emrContainersIn('ap-south-1').listJobTemplates()).toEqual(
      [],
    );
    expect(
      sandbox.emrContainersIn('eu-west-1').listJobRuns(EU.id),
    ).toHaveLength(before);
  });

  it('seeds eu-west-1 deterministically and independently of us-east-1', () => {
    const ids = (seed: number, region: string, cluster: string) =>
      createSandbox({ seed, clock: manualClock(T0) })
        .emrContainersIn(region)
        .listJobRuns(cluster)
        .map(v => v.run.id);
    expect(ids(3, 'eu-west-1', EU.id)).toEqual(ids(3, 'eu-west-1', EU.id));
    expect(ids(3, 'eu-west-1', EU.id)).not.toEqual(ids(4, 'eu-west-1', EU.id));
    const usIds = new Set(ids(3, 'us-east-1', TEAM_A.id));
    expect(ids(3, 'eu-west-1', EU.id).filter(id => usIds.has(id))).toEqual([]);
  });
});

describe('regions through the SDK', () => {
  let server: http.Server;
  let url: string;
  const t = testSandbox();

  beforeAll(async () => {
    server = http.createServer(t.sandbox.app);
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise(resolve => server.close(resolve));
  });

  const clientFor = (region: string) =>
    new EMRContainersClient({
      endpoint: url,
      region,
      credentials: { accessKeyId: 'AKIDSANDBOX', secretAccessKey: 'x' },
      maxAttempts: 1,
    });

  it('gives each client the data of its configured region', async () => {
    const us = clientFor('us-east-1');
    const eu = clientFor('eu-west-1');
    const empty = clientFor('sa-east-1');
    try {
      const names = async (client: EMRContainersClient) =>
        (await client.send(new ListVirtualClustersCommand({})))
          .virtualClusters!.map(c => c.name)
          .sort();
      expect(await names(us)).toEqual(['data-team-a', 'data-team-b']);
      expect(await names(eu)).toEqual(['data-team-b-eu']);
      expect(await names(empty)).toEqual([]);
      expect(
        (await empty.send(new ListJobTemplatesCommand({}))).templates,
      ).toEqual([]);

      const runs: JobRun[] = [];
      for await (const page of paginateListJobRuns(
        { client: eu, pageSize: 3 },
        { virtualClusterId: EU.id },
      )) {
        runs.push(...(page.jobRuns ?? []));
      }
      expect(runs.length).toBe(
        t.sandbox.emrContainersIn('eu-west-1').listJobRuns(EU.id).length,
      );
      await expect(
        us.send(new ListJobTemplatesCommand({ maxResults: 100 })),
      ).resolves.toMatchObject({ templates: expect.any(Array) });
      await expect(
        empty.send(new DescribeVirtualClusterCommand({ id: TEAM_A.id })),
      ).rejects.toBeInstanceOf(ResourceNotFoundException);
    } finally {
      us.destroy();
      eu.destroy();
      empty.destroy();
    }
  });

  it('moves eu-west-1 runs with the shared clock', async () => {
    const eu = t.sandbox.emrContainersIn('eu-west-1');
    const inFlight = eu
      .listJobRuns(EU.id)
      .filter(v =>
        ['PENDING', 'SUBMITTED', 'RUNNING'].includes(v.status.state),
      );
    expect(inFlight.length).toBe(3);
    t.clock.advance(3 * HOUR);
    expect(
      eu
        .listJobRuns(EU.id)
        .filter(v =>
          ['PENDING', 'SUBMITTED', 'RUNNING'].includes(v.status.state),
        ),
    ).toEqual([]);
  });
});
