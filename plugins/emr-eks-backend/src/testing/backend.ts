import {
  AuditorService,
  BackendFeature,
  ServiceFactory,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  CatalogService,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { DEMO } from '@emr-eks/sandbox';
import { emrEksPlugin } from '../plugin';
import { ownerWritesPermissions } from './ownerWritesPermissions';

export const teamA = DEMO.virtualClusters['data-team-a'];
export const teamB = DEMO.virtualClusters['data-team-b'];
/** A member of data-team-a. */
export const ALICE = 'user:default/alice';
/** A member of data-team-b. */
export const BOB = 'user:default/bob';
/** A member of no team. */
export const MALLORY = 'user:default/mallory';
/** A member of the platform team, the tenant admins. */
export const CAROL = 'user:default/carol';
export const ADMIN_GROUPS = ['group:default/data-platform'];

/** The groups each test user belongs to, as their sign-in ownership claims. */
export const MEMBERSHIP: Record<string, string[]> = {
  [ALICE]: [ALICE, 'group:default/data-team-a'],
  [BOB]: [BOB, 'group:default/data-team-b'],
  [MALLORY]: [MALLORY],
  [CAROL]: [CAROL, 'group:default/data-platform'],
};

/** The sandbox's account and both of its regions, as `emrEks.accounts` lists them. */
export const SANDBOX_ACCOUNTS = [
  {
    accountId: DEMO.accountId,
    regions: [DEMO.region, DEMO.secondaryRegion.region],
  },
];

export const group = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'data-team-a', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

export function resource(
  name: string,
  annotations: Record<string, string>,
  owner: string = 'group:default/data-team-a',
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name, namespace: 'default', annotations },
    spec: { type: 'emr-virtual-cluster', owner },
  };
}

const ARN = 'aws.amazon.com/emr-virtual-cluster-arn';
const SERVERLESS_ARN = 'aws.amazon.com/emr-serverless-application-arn';

const entities: Entity[] = [
  group,
  {
    // As the catalog stores it: with the ownership relation that group queries match on.
    ...resource('team-a-emr', {
      'aws.amazon.com/emr-virtual-cluster-arn': teamA.arn,
    }),
    relations: [{ type: 'ownedBy', targetRef: 'group:default/data-team-a' }],
  },
  resource('no-annotation', {}),
  resource('bad-arn', {
    'aws.amazon.com/emr-virtual-cluster-arn': 'arn:aws:s3:::not-a-cluster',
  }),
  resource('unknown-cluster', {
    'aws.amazon.com/emr-virtual-cluster-arn': `arn:aws:emr-containers:us-east-1:${DEMO.accountId}:/virtualclusters/0000000000000000000000000`,
  }),
  resource('other-account', {
    'aws.amazon.com/emr-virtual-cluster-arn':
      'arn:aws:emr-containers:eu-west-1:999999999999:/virtualclusters/abc',
  }),
  resource('other-region', {
    [ARN]: `arn:aws:emr-containers:ap-south-1:${DEMO.accountId}:/virtualclusters/${teamA.id}`,
  }),
  // data-team-b's own entity for its virtual cluster.
  resource('team-b-emr', { [ARN]: teamB.arn }, 'group:default/data-team-b'),
  resource(
    'team-b-eu-emr',
    { [ARN]: DEMO.secondaryRegion.virtualClusters['data-team-b'].arn },
    'group:default/data-team-b',
  ),
  // An entity data-team-a registered that names data-team-b's virtual cluster.
  resource('shadow-of-team-b', { [ARN]: teamB.arn }),
  // A relative owner, read in the entity's namespace as the catalog does.
  resource('team-a-relative-owner', { [ARN]: teamA.arn }, 'data-team-a'),
  // EMR Serverless applications: data-team-a's, and data-team-b's under a data-team-a entity.
  resource('team-a-serverless', {
    [SERVERLESS_ARN]: DEMO.serverlessApplications['data-team-a'].arn,
  }),
  resource(
    'team-b-serverless',
    {
      [SERVERLESS_ARN]: DEMO.serverlessApplications['data-team-b'].arn,
    },
    'group:default/data-team-b',
  ),
  resource('shadow-of-team-b-serverless', {
    [SERVERLESS_ARN]: DEMO.serverlessApplications['data-team-b'].arn,
  }),
];

// A catalog that, like the real one, hides entities from callers without read access.
// Built without jest mocks so that the benchmarks under bench/ can use it too.
function catalogVisibleTo(readers: 'everyone' | string[]) {
  const all = catalogServiceMock({ entities });
  const getEntityByRef: CatalogService['getEntityByRef'] = async (
    ref,
    options,
  ) => {
    const credentials =
      options && 'credentials' in options ? options.credentials : undefined;
    const principal = credentials?.principal as { userEntityRef?: string };
    const visible =
      readers === 'everyone'
        ? credentials !== undefined
        : readers.includes(principal?.userEntityRef ?? '');
    return visible ? all.getEntityByRef(ref, options) : undefined;
  };
  // The in-memory catalog keeps its entities in private fields, so methods stay bound to it.
  const visible = new Proxy(all, {
    get(target, property) {
      if (property === 'getEntityByRef') return getEntityByRef;
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  }) as CatalogService;
  return createServiceFactory({
    service: catalogServiceRef,
    deps: {},
    factory: () => visible,
  });
}

/**
 * The portal's `kubernetes` config for the sandbox's EKS cluster (only analytics-shared: the
 * secondary region's analytics-eu stays unconfigured), reached with a service account token.
 */
export function sandboxKubernetes(url: string) {
  return {
    kubernetes: {
      serviceLocatorMethod: { type: 'multiTenant' },
      clusterLocatorMethods: [
        {
          type: 'config',
          clusters: [
            {
              name: DEMO.eksClusterName,
              url: `${url}/k8s/${DEMO.eksClusterName}`,
              authProvider: 'serviceAccount',
              serviceAccountToken: 'sandbox',
              skipTLSVerify: true,
            },
          ],
        },
      ],
    },
  };
}

/**
 * Waits until a cached answer kept for a 1 ms list TTL (what tests that move the sandbox's
 * clock configure) has expired: the backend's cache keeps real time, and a re-read less than
 * a millisecond after the first would otherwise be served the first answer.
 */
export function pastOneMillisecondTtl(): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, 5));
}

export async function startBackend(options: {
  endpoint: string;
  config?: Record<string, unknown>;
  auditor?: ServiceFactory<
    AuditorService,
    'root' | 'plugin',
    'singleton' | 'multiton'
  >;
  /**
   * Every decision ALLOW or DENY, or `owner-writes`: the portal's policy (reads for
   * everyone, writes for the entity's owners; see ownerWritesPermissions).
   */
  permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY | 'owner-writes';
  /** Who sees the catalog's entities; only Alice unless told. */
  visibleTo?: 'everyone' | string[];
  maxAttempts?: number;
  /** Other service factories, e.g. a database shared with the test. */
  features?: ServiceFactory[];
  /** Top-level config besides `emrEks` and `aws`, e.g. `backend.actions`. */
  rootConfig?: Record<string, unknown>;
  /** Other plugins to start beside this one, e.g. the MCP actions backend. */
  plugins?: BackendFeature[];
}) {
  const { server } = await startTestBackend({
    features: [
      emrEksPlugin,
      ...(options.plugins ?? []),
      mockServices.rootConfig.factory({
        data: {
          ...options.rootConfig,
          emrEks: {
            endpoint: options.endpoint,
            maxAttempts: options.maxAttempts ?? 1,
            accounts: SANDBOX_ACCOUNTS,
            ...options.config,
          },
          aws: {
            accounts: [
              {
                accountId: DEMO.accountId,
                accessKeyId: 'AKIATESTTESTTESTTEST',
                secretAccessKey: 'test-secret-never-logged',
              },
            ],
          },
        },
      }),
      catalogVisibleTo(options.visibleTo ?? [ALICE]),
      options.permission === 'owner-writes'
        ? ownerWritesPermissions(entities, MEMBERSHIP, ADMIN_GROUPS)
        : mockServices.permissions.factory({
            result: options.permission ?? AuthorizeResult.ALLOW,
          }),
      ...(options.auditor ? [options.auditor] : []),
      ...(options.features ?? []),
    ],
  });
  return server;
}
