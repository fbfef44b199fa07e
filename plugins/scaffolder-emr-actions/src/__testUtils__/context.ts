import { ConfigReader } from '@backstage/config';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import type { JsonObject, JsonValue } from '@backstage/types';
import { DefaultTenantAuthorizer } from '../lib/authorize';
import type { ClientFactory } from '../lib/clients';
import { readProvisioningConfig } from '../lib/config';

/** The user every test context runs as unless it says otherwise. */
export const MEMBER = 'user:default/mock';
/** A member of data-team-b only. */
export const OTHER_TEAM_MEMBER = 'user:default/bob';
/** A platform admin (emr-eks.tenant.admin), a member of platform-team only. */
export const ADMIN = 'user:default/admin';

/** Who is in which group, as the user info service would say. */
export const TEST_USERS: Record<string, string[]> = {
  [MEMBER]: [
    'group:default/team-x',
    'group:default/team-y',
    'group:default/data-team-a',
    'group:default/fraud',
  ],
  [OTHER_TEAM_MEMBER]: ['group:default/data-team-b'],
  [ADMIN]: ['group:default/platform-team'],
};

/** The module's authorizer on Backstage's mock auth, user info and permission services. */
export function testAuthorizer(
  users: Record<string, string[]> = TEST_USERS,
  admins: string[] = [ADMIN],
) {
  const principalOf = (credentials: any) =>
    credentials?.principal?.userEntityRef as string;
  return DefaultTenantAuthorizer.create({
    auth: mockServices.auth(),
    userInfo: mockServices.userInfo.mock({
      getUserInfo: async credentials => ({
        userEntityRef: principalOf(credentials),
        ownershipEntityRefs: [
          principalOf(credentials),
          ...(users[principalOf(credentials)] ?? []),
        ],
      }),
    }),
    permissions: mockServices.permissions.mock({
      authorize: async (requests, { credentials }) =>
        requests.map(() => ({
          result: admins.includes(principalOf(credentials))
            ? AuthorizeResult.ALLOW
            : AuthorizeResult.DENY,
        })) as any,
    }),
  });
}

/** A logger that keeps what was logged. */
export function recordingLogger() {
  const lines: string[] = [];
  const logger: LoggerService = {
    info: (m: string) => void lines.push(`info: ${m}`),
    warn: (m: string) => void lines.push(`warn: ${m}`),
    error: (m: string) => void lines.push(`error: ${m}`),
    debug: () => {},
    child: () => logger,
  };
  return { logger, lines, text: () => lines.join('\n') };
}

/**
 * The scaffolder's checkpoint store across retries of one task, as the task runner keeps
 * it: a retry sees the successful checkpoints of earlier runs (a snapshot taken when it
 * starts); failed checkpoints are never replayed.
 */
export class CheckpointStore {
  readonly saved = new Map<string, JsonValue>();
  readonly calls: string[] = [];

  /** The `checkpoint` of one run of the task. */
  run() {
    const snapshot = new Map(this.saved);
    return async <T extends JsonValue | void>(opts: {
      key: string;
      fn: () => Promise<T> | T;
    }): Promise<T> => {
      this.calls.push(opts.key);
      if (snapshot.has(opts.key)) {
        return snapshot.get(opts.key) as T;
      }
      const value = await opts.fn();
      this.saved.set(opts.key, (value ?? {}) as JsonValue);
      return value;
    };
  }
}

export function mockContext(
  input: JsonObject,
  options: {
    store?: CheckpointStore;
    isDryRun?: boolean;
    taskId?: string;
    /** The user who started the task; null for a task without one. */
    user?: string | null;
  } = {},
) {
  const log = recordingLogger();
  const store = options.store ?? new CheckpointStore();
  const outputs: Record<string, unknown> = {};
  const ctx = createMockActionContext({
    input,
    logger: log.logger,
    task: { id: options.taskId ?? 'task-0001' },
  });
  // createMockActionContext keeps only some options; these replace its defaults.
  Object.assign(ctx, {
    isDryRun: options.isDryRun,
    checkpoint: store.run(),
    getInitiatorCredentials: async () =>
      options.user === null
        ? mockCredentials.none()
        : mockCredentials.user(options.user ?? MEMBER),
    output: (name: string, value: unknown) => {
      outputs[name] = value;
    },
  });
  return { ctx, log, outputs, store };
}

/** Clients that fail the test if a dry run (or a validation error) reaches them. */
export const unreachableClients: ClientFactory = {
  iam: () => Promise.reject(new Error('IAM must not be called')),
  eks: () => Promise.reject(new Error('EKS must not be called')),
  s3: () => Promise.reject(new Error('S3 must not be called')),
  emrContainers: () =>
    Promise.reject(new Error('emr-containers must not be called')),
  emrServerless: () =>
    Promise.reject(new Error('emr-serverless must not be called')),
  kubernetes: () => {
    throw new Error('Kubernetes must not be called');
  },
};

export const ACCOUNT = '123456789012';
/** The tests' ECR account of EMR runtime images in us-east-1 (`emrEks.provisioning.sparkConnect`). */
export const IMAGE_ACCOUNT = '111122223333';

/** Where tests' roles may be granted S3 access. */
export const TEST_BUCKETS = [
  's3://analytics-${team}-code-123456789012/*',
  's3://analytics-curated-123456789012/${team}/*',
  's3://${team}-features-123456789012/*',
];

export function testConfig(
  overrides: {
    url?: string;
    endpoint?: string;
    emrAccess?: 'accessEntry' | 'rbac';
    eksClusterName?: string;
    region?: string;
    buckets?: string[];
    reservedNamespaces?: string[];
    /** `emrEks.ownership`: the owner tag's key and the namespace of bare group names. */
    ownership?: { tag?: string; namespace?: string };
    /** `catalog.providers.emrEks`: the catalog module's discoveries. */
    catalogProviders?: Record<string, JsonObject>;
    /** `emrEks.provisioning.sparkConnect`. */
    sparkConnect?: JsonObject;
    /** The cluster entry's `authProvider`: `aws` signs EKS tokens naming `eksClusterName`. */
    kubernetesAuth?: 'serviceAccount' | 'aws';
  } = {},
) {
  const clusterName = overrides.eksClusterName ?? 'analytics-prod';
  const root = new ConfigReader({
    aws: {
      accounts: [
        {
          accountId: ACCOUNT,
          accessKeyId: 'AKIDEXAMPLE',
          secretAccessKey: 'secret',
        },
      ],
    },
    kubernetes: {
      clusterLocatorMethods: [
        {
          type: 'config',
          clusters: [
            {
              name: 'analytics-prod',
              url: overrides.url ?? 'https://eks.example.invalid',
              ...(overrides.kubernetesAuth === 'aws'
                ? {
                    authProvider: 'aws',
                    authMetadata: { 'kubernetes.io/x-k8s-aws-id': clusterName },
                  }
                : {
                    authProvider: 'serviceAccount',
                    serviceAccountToken: 'token-that-must-not-be-logged',
                  }),
              // The Kubernetes client only speaks plain HTTP (the sandbox) with this set.
              skipTLSVerify: Boolean(overrides.url?.startsWith('http:')),
            },
          ],
        },
      ],
    },
    ...(overrides.catalogProviders
      ? { catalog: { providers: { emrEks: overrides.catalogProviders } } }
      : {}),
    emrEks: {
      ...(overrides.ownership ? { ownership: overrides.ownership } : {}),
      provisioning: {
        clusters: [
          {
            name: 'analytics-prod',
            accountId: ACCOUNT,
            region: overrides.region ?? 'us-east-1',
            eksClusterName: clusterName,
            emrAccess: overrides.emrAccess ?? 'accessEntry',
            podTemplateBucket: 'analytics-assets-123456789012',
          },
        ],
        ...(overrides.endpoint
          ? {
              endpoints: {
                iam: overrides.endpoint,
                eks: overrides.endpoint,
                s3: overrides.endpoint,
                sts: overrides.endpoint,
                emrContainers: overrides.endpoint,
                emrServerless: overrides.endpoint,
              },
            }
          : {}),
        maxAttempts: 1,
        buckets: overrides.buckets ?? TEST_BUCKETS,
        reservedNamespaces: overrides.reservedNamespaces ?? ['platform-*'],
        // The EMR runtime images' account in us-east-1 is not in the seed: configured, as adopters do.
        sparkConnect: overrides.sparkConnect ?? {
          imageAccounts: [{ region: 'us-east-1', accountId: IMAGE_ACCOUNT }],
        },
        serverless: {
          targets: [
            { accountId: ACCOUNT, region: 'us-east-1' },
            { accountId: ACCOUNT, region: 'eu-west-1' },
          ],
        },
      },
    },
  });
  return { root, config: readProvisioningConfig(root) };
}
