import {
  AuditorService,
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

export const teamA = DEMO.virtualClusters['data-team-a'];
export const ALICE = 'user:default/alice';
export const MALLORY = 'user:default/mallory';

export const group = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'data-team-a', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

export function resource(
  name: string,
  annotations: Record<string, string>,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name, namespace: 'default', annotations },
    spec: { type: 'emr-virtual-cluster', owner: 'group:default/data-team-a' },
  };
}

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
];

// A catalog that, like the real one, hides entities from callers without read access.
// Built without jest mocks so that the benchmarks under bench/ can use it too.
function catalogVisibleTo(userRef: string) {
  const all = catalogServiceMock({ entities });
  const getEntityByRef: CatalogService['getEntityByRef'] = async (
    ref,
    options,
  ) => {
    const credentials =
      options && 'credentials' in options ? options.credentials : undefined;
    const principal = credentials?.principal as { userEntityRef?: string };
    return principal?.userEntityRef === userRef
      ? all.getEntityByRef(ref, options)
      : undefined;
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

export async function startBackend(options: {
  endpoint: string;
  config?: Record<string, unknown>;
  auditor?: ServiceFactory<
    AuditorService,
    'root' | 'plugin',
    'singleton' | 'multiton'
  >;
  permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
  maxAttempts?: number;
  /** Other service factories, e.g. a database shared with the test. */
  features?: ServiceFactory[];
}) {
  const { server } = await startTestBackend({
    features: [
      emrEksPlugin,
      mockServices.rootConfig.factory({
        data: {
          emrEks: {
            endpoint: options.endpoint,
            maxAttempts: options.maxAttempts ?? 1,
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
      catalogVisibleTo(ALICE),
      mockServices.permissions.factory({
        result: options.permission ?? AuthorizeResult.ALLOW,
      }),
      ...(options.auditor ? [options.auditor] : []),
      ...(options.features ?? []),
    ],
  });
  return server;
}
