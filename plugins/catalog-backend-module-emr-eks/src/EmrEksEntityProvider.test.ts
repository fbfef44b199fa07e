import { SchedulerServiceTaskRunner } from '@backstage/backend-plugin-api';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import { DefaultAwsCredentialsManager } from '@backstage/integration-aws-node';
import { DEMO, createSandbox } from '@emr-eks/sandbox';
import { ProviderConfig } from './config';
import { EmrEksEntityProvider } from './EmrEksEntityProvider';

const credentialsManager = DefaultAwsCredentialsManager.fromConfig(
  new ConfigReader({
    aws: {
      accounts: [
        {
          accountId: DEMO.accountId,
          accessKeyId: 'test',
          secretAccessKey: 'test',
        },
      ],
    },
  }),
);

describe('EmrEksEntityProvider against the sandbox', () => {
  const sandbox = createSandbox({ seed: 3 });
  let running: Awaited<ReturnType<typeof sandbox.listen>>;

  beforeAll(async () => {
    running = await sandbox.listen(0);
  });
  afterAll(() => running.close());
  afterEach(() => sandbox.reset());

  function setup(
    regions = ['us-east-1'],
    endpoint = running.url,
    serverlessEndpoint?: string,
  ) {
    const config: ProviderConfig = {
      id: 'demo',
      accountId: DEMO.accountId,
      regions,
      ownerTag: 'team',
      defaultOwner: 'group:default/data-platform',
      namespace: 'default',
      schedule: { frequency: { minutes: 30 }, timeout: { minutes: 3 } },
      endpoint,
      serverlessEndpoint,
    };
    let task: (() => Promise<void>) | undefined;
    const taskRunner: SchedulerServiceTaskRunner = {
      run: jest.fn(async ({ fn }) => {
        task = fn as () => Promise<void>;
      }),
    };
    const logger = mockServices.logger.mock();
    const connection = { applyMutation: jest.fn(), refresh: jest.fn() };
    const provider = new EmrEksEntityProvider(
      config,
      credentialsManager,
      taskRunner,
      logger,
    );
    return {
      provider,
      logger,
      connection,
      runTask: async () => {
        await provider.connect(connection);
        await task!();
      },
    };
  }

  function emitted(connection: { applyMutation: jest.Mock }): Entity[] {
    const [mutation] = connection.applyMutation.mock.calls.at(-1)!;
    expect(mutation.type).toBe('full');
    return mutation.entities.map((e: { entity: Entity }) => e.entity);
  }

  it('emits each virtual cluster with its ARN and the owner from its team tag', async () => {
    const { connection, runTask } = setup();
    await runTask();
    const clusters = emitted(connection).filter(
      e => e.spec?.type === 'emr-virtual-cluster',
    );
    const teamA = DEMO.virtualClusters['data-team-a'];
    const entity = clusters.find(
      e =>
        e.metadata.annotations?.['aws.amazon.com/emr-virtual-cluster-arn'] ===
        teamA.arn,
    );
    expect(entity).toMatchObject({
      kind: 'Resource',
      metadata: { name: 'data-team-a-us-east-1' },
      spec: { owner: 'group:default/data-team-a' },
    });
    expect(clusters).toHaveLength(2);
  });

  it('emits managed endpoints that depend on their virtual cluster', async () => {
    const { connection, runTask } = setup();
    await runTask();
    const entities = emitted(connection);
    const endpoints = entities.filter(
      e => e.spec?.type === 'emr-managed-endpoint',
    );
    expect(endpoints.length).toBeGreaterThan(0);
    for (const endpoint of endpoints) {
      const [dependency] = endpoint.spec!.dependsOn as string[];
      const clusterName = dependency.replace('resource:default/', '');
      const cluster = entities.find(e => e.metadata.name === clusterName)!;
      expect(cluster.spec?.type).toBe('emr-virtual-cluster');
      expect(
        endpoint.metadata.annotations?.[
          'aws.amazon.com/emr-virtual-cluster-arn'
        ],
      ).toBe(
        cluster.metadata.annotations?.[
          'aws.amazon.com/emr-virtual-cluster-arn'
        ],
      );
      expect(
        endpoint.metadata.annotations?.[
          'aws.amazon.com/emr-managed-endpoint-arn'
        ],
      ).toMatch(/:\/virtualclusters\/[0-9a-z]+\/endpoints\/[0-9a-z]+$/);
    }
  });

  it('looks in every configured region', async () => {
    const one = setup(['us-east-1']);
    await one.runTask();
    const both = setup(['us-east-1', 'eu-west-1']);
    await both.runTask();
    const regionsOf = (c: { applyMutation: jest.Mock }) =>
      new Set(
        emitted(c).map(e => e.metadata.labels?.['aws.amazon.com/region']),
      );
    expect([...regionsOf(one.connection)]).toEqual(['us-east-1']);
    expect([...regionsOf(both.connection)].sort()).toEqual([
      'eu-west-1',
      'us-east-1',
    ]);
    // Each region's resources come from that region only.
    const eu = emitted(both.connection).filter(
      e => e.metadata.labels?.['aws.amazon.com/region'] === 'eu-west-1',
    );
    expect(eu.length).toBeGreaterThan(0);
    for (const entity of eu) {
      const annotations = entity.metadata.annotations ?? {};
      expect(
        annotations['aws.amazon.com/emr-virtual-cluster-arn'] ??
          annotations['aws.amazon.com/emr-serverless-application-arn'],
      ).toContain(':eu-west-1:');
    }
  });

  it('keeps the previous entities and the schedule when AWS fails', async () => {
    const { connection, logger, runTask } = setup();
    sandbox.faults.set({ errorRate: 1, errorStatus: 500 });
    await expect(runTask()).resolves.toBeUndefined();
    expect(connection.applyMutation).not.toHaveBeenCalled();
    expect(logger.error).toHaveBeenCalledWith(
      expect.stringContaining('keeps the previous ones'),
      expect.anything(),
    );
    sandbox.faults.clear();
    await runTask();
    expect(connection.applyMutation).toHaveBeenCalledTimes(1);
  });

  describe('when an endpoint cannot list managed endpoints', () => {
    // A stand-in in front of the sandbox that answers ListManagedEndpoints the way a proxy
    // or an endpoint without the operation does: an HTML 404, not JSON.
    let proxy: http.Server;
    let proxyUrl: string;
    let failEndpoints = true;

    beforeAll(async () => {
      proxy = http.createServer((req, res) => {
        if (
          failEndpoints &&
          /\/virtualclusters\/[^/]+\/endpoints/.test(req.url!)
        ) {
          res.writeHead(404, { 'content-type': 'text/html' });
          res.end('<html><body><h1>404 Not Found</h1></body></html>');
          return;
        }
        const upstream = http.request(
          `${running.url}${req.url}`,
          { method: req.method, headers: req.headers },
          answer => {
            res.writeHead(answer.statusCode!, answer.headers);
            answer.pipe(res);
          },
        );
        req.pipe(upstream);
      });
      await new Promise<void>(resolve => proxy.listen(0, '127.0.0.1', resolve));
      proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise(resolve => proxy.close(resolve)));
    beforeEach(() => {
      failEndpoints = true;
    });

    it('still emits every virtual cluster, and warns once naming the HTTP status', async () => {
      const { connection, logger, runTask } = setup(['us-east-1'], proxyUrl);
      await runTask();
      const entities = emitted(connection);
      expect(
        entities.filter(e => e.spec?.type === 'emr-virtual-cluster'),
      ).toHaveLength(2);
      expect(
        entities.filter(e => e.spec?.type === 'emr-managed-endpoint'),
      ).toHaveLength(0);
      expect(logger.warn).toHaveBeenCalledTimes(1);
      expect(logger.warn).toHaveBeenCalledWith(
        expect.stringContaining(
          'the endpoint answered HTTP 404 to ListManagedEndpoints (not supported there?)',
        ),
      );
      expect(logger.error).not.toHaveBeenCalled();
    });

    it('keeps the endpoints it last listed for a cluster whose listing now fails', async () => {
      const { connection, runTask } = setup(['us-east-1'], proxyUrl);
      failEndpoints = false;
      await runTask();
      const before = emitted(connection).filter(
        e => e.spec?.type === 'emr-managed-endpoint',
      );
      expect(before.length).toBeGreaterThan(0);

      failEndpoints = true;
      await runTask();
      const after = emitted(connection).filter(
        e => e.spec?.type === 'emr-managed-endpoint',
      );
      expect(after.map(e => e.metadata.name).sort()).toEqual(
        before.map(e => e.metadata.name).sort(),
      );
    });
  });
  describe('EMR Serverless applications', () => {
    const applicationsOf = (c: { applyMutation: jest.Mock }) =>
      emitted(c).filter(e => e.spec?.type === 'emr-serverless-application');
    const arnOf = (e: Entity) =>
      e.metadata.annotations?.['aws.amazon.com/emr-serverless-application-arn'];

    it('emits each application with its ARN, region and the owner from its team tag', async () => {
      const { connection, runTask } = setup(['us-east-1', 'eu-west-1']);
      await runTask();
      const applications = applicationsOf(connection);
      expect(applications.map(arnOf).sort()).toEqual(
        Object.values(DEMO.serverlessApplications)
          .map(a => a.arn)
          .sort(),
      );
      const teamA = DEMO.serverlessApplications['data-team-a'];
      expect(applications.find(e => arnOf(e) === teamA.arn)).toMatchObject({
        kind: 'Resource',
        metadata: {
          name: 'spark-data-team-a-us-east-1',
          labels: { 'aws.amazon.com/region': 'us-east-1' },
        },
        spec: { owner: 'group:default/data-team-a' },
      });
      const eu = DEMO.serverlessApplications['data-team-b-eu'];
      expect(applications.find(e => arnOf(e) === eu.arn)?.spec?.owner).toBe(
        'group:default/data-team-b',
      );
    });

    it('an application without the team tag gets the default owner', async () => {
      const app = DEMO.serverlessApplications['data-team-b'];
      sandbox.emrServerless.getApplication(app.id)!.tags = {};
      const { connection, runTask } = setup();
      await runTask();
      expect(
        applicationsOf(connection).find(e => arnOf(e) === app.arn)?.spec?.owner,
      ).toBe('group:default/data-platform');
    });

    describe('when one region cannot be asked', () => {
      // In front of the sandbox: emr-serverless calls signed for eu-west-1 fail.
      let proxy: http.Server;
      let proxyUrl: string;
      let failEu = true;

      beforeAll(async () => {
        proxy = http.createServer((req, res) => {
          if (
            failEu &&
            /\/eu-west-1\/emr-serverless\//.test(
              req.headers.authorization ?? '',
            )
          ) {
            res.writeHead(403, {
              'content-type': 'application/json',
              'x-amzn-errortype': 'AccessDeniedException',
            });
            res.end(
              JSON.stringify({
                message:
                  'not authorized to perform: emr-serverless:ListApplications',
              }),
            );
            return;
          }
          sandbox.app(req, res);
        });
        await new Promise<void>(resolve =>
          proxy.listen(0, '127.0.0.1', resolve),
        );
        proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
      });
      afterAll(() => new Promise(resolve => proxy.close(resolve)));

      it('degrades that region’s applications only, keeping their last known entities', async () => {
        const { connection, logger, runTask } = setup(
          ['us-east-1', 'eu-west-1'],
          running.url,
          proxyUrl,
        );
        failEu = false;
        await runTask();
        const before = applicationsOf(connection).map(arnOf).sort();
        expect(before).toHaveLength(3);

        failEu = true;
        await runTask();
        expect(connection.applyMutation).toHaveBeenCalledTimes(2);
        expect(applicationsOf(connection).map(arnOf).sort()).toEqual(before);
        // Both regions' virtual clusters are still there.
        expect(
          emitted(connection).filter(
            e => e.spec?.type === 'emr-virtual-cluster',
          ),
        ).toHaveLength(3);
        expect(logger.warn).toHaveBeenCalledTimes(1);
        expect(logger.warn).toHaveBeenCalledWith(
          expect.stringMatching(
            /EMR Serverless applications in eu-west-1; 1 last known kept/,
          ),
        );
        expect(logger.error).not.toHaveBeenCalled();
      });

      it('a region that never answered has no applications; the others do', async () => {
        failEu = true;
        const { connection, runTask } = setup(
          ['us-east-1', 'eu-west-1'],
          running.url,
          proxyUrl,
        );
        await runTask();
        const regions = applicationsOf(connection).map(
          e => e.metadata.labels?.['aws.amazon.com/region'],
        );
        expect(regions).toEqual(['us-east-1', 'us-east-1']);
      });
    });
  });
});
