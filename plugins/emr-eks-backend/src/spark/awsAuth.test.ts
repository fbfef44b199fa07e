import { mockCredentials } from '@backstage/backend-test-utils';
import { DEMO, createSandbox } from '@emr-eks/sandbox';
import { signEksToken } from '@emr-eks/plugin-emr-eks-node';
import request from 'supertest';
import { ALICE, pastOneMillisecondTtl, startBackend } from '../testing/backend';

/*
 * Clusters of the portal's `kubernetes` config with `authProvider: aws`, as on EKS: the
 * backend signs an EKS token (a presigned STS GetCallerIdentity URL naming the cluster)
 * with the `aws` integration's credentials, and the sandbox's API server takes it only
 * when signed by a key it knows, for that cluster, and not expired — as EKS does.
 */

const A =
  '/api/emr-eks/v1/entity/default/resource/team-a-emr/spark-applications';
const EU =
  '/api/emr-eks/v1/entity/default/resource/team-b-eu-emr/spark-applications';
const as = (user: string) => ({
  Authorization: mockCredentials.user.header(user),
});
/** The backend's keys in startBackend's `aws` config, which the sandbox is told. */
const BACKEND_KEY = {
  accessKeyId: 'AKIATESTTESTTESTTEST',
  secretAccessKey: 'test-secret-never-logged',
};
const ROLE = `arn:aws:iam::${DEMO.accountId}:role/backstage-eks-reader`;

function awsCluster(
  name: string,
  url: string,
  authMetadata?: Record<string, string>,
) {
  return {
    name,
    url: `${url}/k8s/${name}`,
    authProvider: 'aws',
    skipTLSVerify: true,
    ...(authMetadata ? { authMetadata } : {}),
  };
}

function kubernetesConfig(clusters: object[]) {
  return {
    kubernetes: {
      serviceLocatorMethod: { type: 'multiTenant' },
      clusterLocatorMethods: [{ type: 'config', clusters }],
    },
  };
}

describe('Spark applications on an authProvider: aws cluster', () => {
  const sandbox = createSandbox({ seed: 5, credentials: [BACKEND_KEY] });
  let running: Awaited<ReturnType<typeof sandbox.listen>>;
  let server: Awaited<ReturnType<typeof startBackend>>;

  beforeAll(async () => {
    running = await sandbox.listen(0);
    server = await startBackend({
      endpoint: running.url,
      visibleTo: 'everyone',
      rootConfig: kubernetesConfig([
        awsCluster(DEMO.eksClusterName, running.url),
        // The header names another cluster: its signature does not hold for this one.
        awsCluster(DEMO.secondaryRegion.eksClusterName, running.url, {
          'kubernetes.io/x-k8s-aws-id': DEMO.eksClusterName,
        }),
      ]),
      config: { cache: { listTtl: { milliseconds: 1 } } },
    });
  });
  afterAll(() => running.close());

  it('lists the Spark applications with an EKS token for the cluster', async () => {
    const res = await request(server).get(A).set(as(ALICE));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      cluster: DEMO.eksClusterName,
      namespace: 'data-team-a',
    });
    expect(res.body.items.length).toBeGreaterThan(0);
  });

  it("answers 503 naming what the portal's identity needs when the token names another cluster", async () => {
    const res = await request(server).get(EU).set(as(ALICE));
    expect(res.status).toBe(503);
    expect(res.body.error.message).toContain(
      `the Kubernetes API of cluster '${DEMO.secondaryRegion.eksClusterName}' refused the portal's identity (401)`,
    );
    expect(res.body.error.message).toContain(
      'get and list on sparkapplications, pods, pods/log and events',
    );
  });

  it('is refused once the token is past the 15 minutes EKS takes it for', async () => {
    expect((await request(server).get(A).set(as(ALICE))).status).toBe(200);
    sandbox.clock.advance(16 * 60 * 1000);
    try {
      await pastOneMillisecondTtl();
      const res = await request(server).get(A).set(as(ALICE));
      // The last good list, marked stale with the refusal.
      expect(res.body.stale.reason).toContain(
        "refused the portal's identity (401)",
      );
    } finally {
      sandbox.clock.advance(-16 * 60 * 1000);
    }
  });
});

describe('Spark applications on an authProvider: aws cluster, through a role', () => {
  const sandbox = createSandbox({ seed: 5, credentials: [BACKEND_KEY] });
  let running: Awaited<ReturnType<typeof sandbox.listen>>;
  let server: Awaited<ReturnType<typeof startBackend>>;

  beforeAll(async () => {
    running = await sandbox.listen(0);
    sandbox.iam.createRole({
      roleName: 'backstage-eks-reader',
      assumeRolePolicyDocument: '{"Version":"2012-10-17","Statement":[]}',
    });
    server = await startBackend({
      endpoint: running.url,
      visibleTo: 'everyone',
      rootConfig: kubernetesConfig([
        awsCluster(DEMO.eksClusterName, running.url, {
          'kubernetes.io/aws-assume-role': ROLE,
          'kubernetes.io/aws-external-id': 'portal',
        }),
      ]),
      config: { stsEndpoint: running.url },
    });
  });
  afterAll(() => running.close());

  it("signs with the assumed role's session, which the sandbox's STS handed out", async () => {
    const res = await request(server).get(A).set(as(ALICE));
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThan(0);
    expect(sandbox.stats.count('AssumeRole')).toBe(1);
    // The token is reused: a second read assumes no role again.
    await pastOneMillisecondTtl();
    expect((await request(server).get(A).set(as(ALICE))).status).toBe(200);
    expect(sandbox.stats.count('AssumeRole')).toBe(1);
  });
});

describe("the sandbox's EKS API server and tokens", () => {
  const sandbox = createSandbox({ seed: 5, credentials: [BACKEND_KEY] });
  let running: Awaited<ReturnType<typeof sandbox.listen>>;
  const path = `/k8s/${DEMO.eksClusterName}/api/v1/namespaces/data-team-a/pods`;
  const sign = (options: {
    clusterId?: string;
    credentials?: typeof BACKEND_KEY;
    signingDate?: Date;
  }) =>
    signEksToken({
      clusterId: options.clusterId ?? DEMO.eksClusterName,
      credentials: options.credentials ?? BACKEND_KEY,
      region: 'us-east-1',
      signingDate: options.signingDate ?? new Date(sandbox.clock.now()),
    });
  const call = (token: string) =>
    request(running.url).get(path).set('Authorization', `Bearer ${token}`);

  beforeAll(async () => {
    running = await sandbox.listen(0);
  });
  afterAll(() => running.close());

  it('takes a token signed for the cluster by a known key', async () => {
    expect((await call(await sign({}))).status).toBe(200);
  });

  it.each([
    ['for another cluster', { clusterId: DEMO.secondaryRegion.eksClusterName }],
    [
      'by an unknown key',
      { credentials: { accessKeyId: 'AKIAOTHER', secretAccessKey: 'x' } },
    ],
    [
      'with a wrong secret',
      { credentials: { ...BACKEND_KEY, secretAccessKey: 'guessed' } },
    ],
    ['16 minutes ago', { signingDate: new Date(Date.now() - 16 * 60_000) }],
  ])('answers 401 as EKS to a token signed %s', async (_, options) => {
    const res = await call(await sign(options));
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({
      kind: 'Status',
      reason: 'Unauthorized',
      code: 401,
    });
  });

  it('answers 401 to an unsigned or padded token', async () => {
    const unsigned = `https://sts.us-east-1.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15`;
    const token = `k8s-aws-v1.${Buffer.from(unsigned).toString('base64url')}`;
    expect((await call(token)).status).toBe(401);
    const signed = await sign({});
    expect((await call(`${signed}==`)).status).toBe(401);
  });
});
