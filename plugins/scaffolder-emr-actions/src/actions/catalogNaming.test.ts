import { createSandbox } from '@emr-eks/sandbox';
import { ownerRefFromTags } from '@emr-eks/plugin-emr-eks-common';
import { DefaultClientFactory } from '../lib/clients';
import {
  ACCOUNT,
  mockContext,
  testAuthorizer,
  testConfig,
  unreachableClients,
} from '../__testUtils__/context';
import { createEmrEksActions } from '.';
import { createVirtualClusterAction } from './createVirtualCluster';

// The entity ref the onboarding links to is the one the catalog module makes, and the owner
// tag is the one the catalog and the backend read: both follow the adopter's config.
const EKS = 'analytics-shared';
const ANALYTICS = {
  catalogProviders: {
    analytics: {
      accountId: ACCOUNT,
      regions: ['eu-west-1', 'us-east-1'],
      namespace: 'analytics',
      ownerTag: 'owner',
    },
  },
  ownership: { tag: 'owner' },
};
const tenant = {
  cluster: 'analytics-prod',
  namespace: 'team-x',
  owner: 'group:default/team-x',
};

describe('catalog namespace and owner tag from config', () => {
  const sandbox = createSandbox({ seed: 7, accelerate: 600 });
  let running: Awaited<ReturnType<typeof sandbox.listen>>;

  beforeAll(async () => {
    running = await sandbox.listen(0);
  });
  afterAll(() => running.close());
  beforeEach(() => sandbox.reset());

  it('links to resource:analytics/… and tags owner=… as the catalog module is configured', async () => {
    const { root, config } = testConfig({
      url: `${running.url}/k8s/${EKS}`,
      endpoint: running.url,
      eksClusterName: EKS,
      ...ANALYTICS,
    });
    const actions = Object.fromEntries(
      createEmrEksActions({
        config,
        clients: DefaultClientFactory.fromConfig(root, config),
        authorizer: testAuthorizer(),
      }).map(a => [a.id, a]),
    );
    await actions['emr:namespace:prepare'].handler(
      mockContext(tenant).ctx as any,
    );
    await actions['emr:role:create'].handler(
      mockContext({ ...tenant, roleName: 'team-x-exec' }).ctx as any,
    );
    const first = mockContext({ ...tenant, name: 'Team-X' });
    await actions['emr:virtualCluster:create'].handler(first.ctx as any);

    expect(first.outputs.entityRef).toBe('resource:analytics/team-x-us-east-1');
    const vc = sandbox.emrContainers.getVirtualCluster(
      first.outputs.virtualClusterId as string,
    )!;
    // Bare names are read in `analytics` by the catalog and in `default` by the backend,
    // so only the full ref names the same group for both.
    expect(vc.tags.owner).toBe('group:default/team-x');
    expect(vc.tags.team).toBeUndefined();
    expect(
      ownerRefFromTags(vc.tags, { tag: 'owner', namespace: 'analytics' }),
    ).toBe('group:default/team-x');
    expect(sandbox.iam.getRole('team-x-exec')!.tags).toContainEqual({
      Key: 'owner',
      Value: 'group:default/team-x',
    });

    // The tag is read back by the same key: a second onboarding reuses the cluster.
    const again = mockContext(
      { ...tenant, name: 'Team-X' },
      { taskId: 'task-0002' },
    );
    await actions['emr:virtualCluster:create'].handler(again.ctx as any);
    expect(again.outputs).toMatchObject({
      virtualClusterId: first.outputs.virtualClusterId,
      reused: true,
    });
  });

  it.each([
    [
      'the discovery of the account and region',
      ANALYTICS,
      'resource:analytics/team-x-us-east-1',
      '"owner": "group:default/team-x"',
    ],
    [
      'emrEks.ownership.namespace when no discovery covers the region',
      {
        catalogProviders: {
          eu: { accountId: ACCOUNT, regions: ['eu-west-1'], namespace: 'eu' },
        },
        ownership: { namespace: 'platform' },
      },
      'resource:platform/team-x-us-east-1',
      '"team": "group:default/team-x"',
    ],
    [
      "default when the discovery sets no namespace, as the catalog module's default",
      {
        catalogProviders: {
          demo: { accountId: ACCOUNT, regions: ['us-east-1'] },
        },
        ownership: { namespace: 'platform' },
      },
      'resource:default/team-x-us-east-1',
      '"team": "group:default/team-x"',
    ],
    [
      'emrEks.ownership.namespace, where a bare group name is read the same by both',
      { ownership: { namespace: 'default' } },
      'resource:default/team-x-us-east-1',
      '"team": "team-x"',
    ],
  ])(
    'takes the namespace from %s (dry run)',
    async (_, overrides, ref, tag) => {
      const { config } = testConfig(overrides);
      const action = createVirtualClusterAction({
        config,
        clients: unreachableClients,
        authorizer: testAuthorizer(),
      });
      const { ctx, outputs, log } = mockContext(
        { ...tenant, name: 'team-x' },
        { isDryRun: true },
      );
      await action.handler(ctx as any);
      expect(outputs.entityRef).toBe(ref);
      expect(log.text()).toContain(tag);
    },
  );

  it('refuses at startup a discovery whose owner tag is not the one written and read', () => {
    // testConfig reads the config as the module does at startup.
    expect(() =>
      testConfig({
        catalogProviders: {
          demo: {
            accountId: ACCOUNT,
            regions: ['us-east-1'],
            ownerTag: 'owner',
          },
        },
      }),
    ).toThrow(
      "Invalid config value at catalog.providers.emrEks.demo.ownerTag: 'owner' is not emrEks.ownership.tag ('team'), the tag the provisioning actions write and the backend reads; set both to the same key",
    );
  });
});
