import {
  BackstageCredentials,
  BackstageUserPrincipal,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import permissionPlugin from '@backstage/plugin-permission-backend';
import { ConfigReader } from '@backstage/config';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { PolicyQueryUser } from '@backstage/plugin-permission-node';
import emrEksPlugin from '@emr-eks/plugin-emr-eks-backend';
import {
  emrEksJobRunStartPermission,
  emrEksTenantAdminPermission,
} from '@emr-eks/plugin-emr-eks-common';
import { DEMO, createSandbox } from '@emr-eks/sandbox';
import path from 'node:path';
import request from 'supertest';
import emrEksPolicy, {
  EmrEksOwnerWritesPolicy,
} from '@emr-eks/plugin-emr-eks-backend/policy';

// Group memberships as the catalog's sign-in resolver would put them in a user's token.
const OWNERSHIP: Record<string, string[]> = {
  'user:default/alice': ['user:default/alice', 'group:default/data-team-a'],
  'user:default/bob': ['user:default/bob', 'group:default/data-team-b'],
  'user:default/priya': ['user:default/priya', 'group:default/data-platform'],
};

const userInfoFactory = createServiceFactory({
  service: coreServices.userInfo,
  deps: {},
  factory: () => ({
    async getUserInfo(credentials) {
      const { userEntityRef } = credentials.principal as {
        userEntityRef: string;
      };
      return {
        userEntityRef,
        ownershipEntityRefs: OWNERSHIP[userEntityRef] ?? [userEntityRef],
      };
    },
  }),
});

// The mock auth services drop the calling plugin when a plugin calls another on a user's
// behalf, which makes the permission backend treat the catalog's own conditional queries
// as direct user requests. Put the actor back, as the real auth service does.
const httpAuthFactory = createServiceFactory({
  service: coreServices.httpAuth,
  deps: { plugin: coreServices.pluginMetadata },
  factory: ({ plugin }) => {
    const inner = mockServices.httpAuth({ pluginId: plugin.getId() });
    return {
      issueUserCookie: inner.issueUserCookie.bind(inner),
      async credentials(req: any, options?: any) {
        const credentials = (await inner.credentials(
          req,
          options,
        )) as BackstageCredentials<BackstageUserPrincipal | { type: 'other' }>;
        const onBehalf = String(req.headers?.authorization ?? '').includes(
          '"obo"',
        );
        if (onBehalf && credentials.principal.type === 'user') {
          return {
            ...credentials,
            principal: {
              ...credentials.principal,
              actor: { type: 'service', subject: 'plugin:on-behalf-of' },
            },
          };
        }
        return credentials;
      },
    } as typeof inner;
  },
});

const examples = path.resolve(__dirname, '../../../examples');
const teamA = '/api/emr-eks/v1/entity/default/resource/data-team-a-emr';

describe('the portal policy: reads for all, EMR writes for entity owners', () => {
  let sandbox: Awaited<ReturnType<ReturnType<typeof createSandbox>['listen']>>;
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];

  const as = (user: string) => ({
    Authorization: mockCredentials.user.header(user),
  });

  beforeAll(async () => {
    sandbox = await createSandbox({ seed: 11 }).listen(0);
    ({ server } = await startTestBackend({
      features: [
        catalogPlugin,
        permissionPlugin,
        emrEksPolicy,
        emrEksPlugin,
        userInfoFactory,
        httpAuthFactory,
        mockServices.rootConfig.factory({
          data: {
            permission: { enabled: true },
            catalog: {
              rules: [{ allow: ['Resource', 'Group', 'User', 'Location'] }],
              locations: [
                { type: 'file', target: path.join(examples, 'org.yaml') },
                { type: 'file', target: path.join(examples, 'emr.yaml') },
                {
                  type: 'file',
                  target: path.join(
                    __dirname,
                    '__fixtures__/virtual-clusters.yaml',
                  ),
                },
              ],
            },
            emrEks: {
              endpoint: sandbox.url,
              maxAttempts: 1,
              accounts: [{ accountId: DEMO.accountId, regions: [DEMO.region] }],
              adminGroups: ['group:default/data-platform'],
            },
            aws: {
              accounts: [
                {
                  accountId: DEMO.accountId,
                  accessKeyId: 'test',
                  secretAccessKey: 'test',
                },
              ],
            },
          },
        }),
      ],
    }));
    // The catalog ingests the example files in the background.
    const deadline = Date.now() + 60_000;
    for (;;) {
      const res = await request(server)
        .get('/api/catalog/entities/by-name/resource/default/data-team-a-emr')
        .set(as('user:default/alice'));
      if (res.status === 200 && res.body.relations?.length) break;
      if (Date.now() > deadline)
        throw new Error(
          `catalog never ingested the examples: ${res.status} ${JSON.stringify(
            res.body,
          ).slice(0, 300)}`,
        );
      await new Promise(resolve => setTimeout(resolve, 250));
    }
  }, 90_000);

  afterAll(() => sandbox.close());

  async function activeRunId() {
    const res = await request(server)
      .get(`${teamA}/job-runs`)
      .query({ states: ['PENDING', 'SUBMITTED', 'RUNNING'] })
      .set(as('user:default/alice'));
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThan(0);
    return res.body.items[0].id as string;
  }

  it('lets a member of another team read the job runs', async () => {
    const res = await request(server)
      .get(`${teamA}/job-runs`)
      .set(as('user:default/bob'));
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThan(0);
  });

  it('refuses to cancel for a user who does not own the virtual cluster', async () => {
    const id = await activeRunId();
    const res = await request(server)
      .post(`${teamA}/job-runs/${id}/cancel`)
      .set(as('user:default/bob'));
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain('emr-eks.job-run.cancel');
    const after = await request(server)
      .get(`${teamA}/job-runs/${id}`)
      .set(as('user:default/alice'));
    expect(after.body.state).not.toMatch(/CANCEL/);
  });

  it('cancels for a member of the owning team', async () => {
    const id = await activeRunId();
    const res = await request(server)
      .post(`${teamA}/job-runs/${id}/cancel`)
      .set(as('user:default/alice'));
    expect(res.status).toBe(202);
    expect(res.body).toEqual({
      id,
      virtualClusterId: DEMO.virtualClusters['data-team-a'].id,
    });
    const after = await request(server)
      .get(`${teamA}/job-runs/${id}`)
      .set(as('user:default/alice'));
    expect(['CANCEL_PENDING', 'CANCELLED']).toContain(after.body.state);
  });

  it.each([
    ['user:default/priya', 'ALLOW'],
    ['user:default/alice', 'DENY'],
  ])(
    'answers the tenant admin permission from emrEks.adminGroups: %s → %s',
    async (user, result) => {
      const res = await request(server)
        .post('/api/permission/authorize')
        .set(as(user))
        .send({
          items: [
            {
              id: '1',
              permission: {
                type: 'basic',
                name: 'emr-eks.tenant.admin',
                attributes: {},
              },
            },
          ],
        });
      expect(res.status).toBe(200);
      expect(res.body.items).toEqual([{ id: '1', result }]);
    },
  );

  it('refuses unauthenticated callers', async () => {
    const id = await activeRunId();
    const res = await request(server).post(`${teamA}/job-runs/${id}/cancel`);
    // The test backend's auth answers 403 where a real one answers 401; neither cancels.
    expect([401, 403]).toContain(res.status);
    const after = await request(server)
      .get(`${teamA}/job-runs/${id}`)
      .set(as('user:default/alice'));
    expect(after.body.state).not.toMatch(/CANCEL/);
  });
});

describe('the portal policy: tenant administration for the configured platform groups', () => {
  const userWith = (...ownershipEntityRefs: string[]): PolicyQueryUser =>
    ({
      identity: {
        type: 'user',
        userEntityRef: ownershipEntityRefs[0],
        ownershipEntityRefs,
      },
      info: { userEntityRef: ownershipEntityRefs[0], ownershipEntityRefs },
      credentials: mockCredentials.user(ownershipEntityRefs[0]),
      token: 'token',
    } as unknown as PolicyQueryUser);
  const priya = userWith('user:default/priya', 'group:default/data-platform');
  const alice = userWith('user:default/alice', 'group:default/data-team-a');
  const adminQuery = { permission: emrEksTenantAdminPermission };

  it.each([
    [
      'a member of a configured group',
      ['group:default/data-platform'],
      priya,
      AuthorizeResult.ALLOW,
    ],
    [
      'a bare group name in the config',
      ['data-platform'],
      priya,
      AuthorizeResult.ALLOW,
    ],
    [
      'refs compared as the catalog does, case-insensitively',
      ['Group:default/Data-Platform'],
      priya,
      AuthorizeResult.ALLOW,
    ],
    [
      'a member of another group',
      ['group:default/data-platform'],
      alice,
      AuthorizeResult.DENY,
    ],
    ['nobody when no group is configured', [], priya, AuthorizeResult.DENY],
    [
      'a group of the same name in another namespace',
      ['group:platform/data-platform'],
      priya,
      AuthorizeResult.DENY,
    ],
  ])('%s', async (_case, adminGroups, user, expected) => {
    const policy = EmrEksOwnerWritesPolicy.fromConfig(
      new ConfigReader({ emrEks: { adminGroups } }),
    );
    expect(await policy.handle(adminQuery, user)).toEqual({ result: expected });
  });

  it('denies a request without a user', async () => {
    const policy = new EmrEksOwnerWritesPolicy(['group:default/data-platform']);
    expect(await policy.handle(adminQuery)).toEqual({
      result: AuthorizeResult.DENY,
    });
  });

  it('gives admins no write of their own: starting a job stays conditional on ownership', async () => {
    const policy = EmrEksOwnerWritesPolicy.fromConfig(
      new ConfigReader({ emrEks: { adminGroups: ['data-platform'] } }),
    );
    const decision = await policy.handle(
      {
        permission: emrEksJobRunStartPermission,
        resourceRef: undefined,
      } as any,
      priya,
    );
    expect(decision.result).toBe(AuthorizeResult.CONDITIONAL);
  });
});
