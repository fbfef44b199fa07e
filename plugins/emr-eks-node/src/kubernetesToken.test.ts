import { ConfigReader } from '@backstage/config';
import type { AwsCredentialsManager } from '@backstage/integration-aws-node';
import { readKubernetesClusters } from './kubernetes';
import { KubernetesTokens, signEksToken } from './kubernetesToken';

const KEY = { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'secret' };

function decode(token: string): URL {
  return new URL(
    Buffer.from(token.slice('k8s-aws-v1.'.length), 'base64url').toString(),
  );
}

function clusters(entry: object) {
  return readKubernetesClusters(
    new ConfigReader({
      kubernetes: {
        clusterLocatorMethods: [
          {
            type: 'config',
            clusters: [{ name: 'analytics', url: 'https://k8s', ...entry }],
          },
        ],
      },
    }),
  ).get('analytics')!;
}

/** A credentials manager that hands out KEY and records the accounts asked for. */
function manager(asked: Array<string | undefined>): AwsCredentialsManager {
  return {
    getCredentialProvider: async (opts?: { accountId?: string }) => {
      asked.push(opts?.accountId);
      return { sdkCredentialProvider: async () => KEY };
    },
  } as AwsCredentialsManager;
}

describe('signEksToken', () => {
  it('is k8s-aws-v1. and a presigned STS GetCallerIdentity URL, base64url without padding, signing x-k8s-aws-id', async () => {
    const token = await signEksToken({
      clusterId: 'analytics',
      credentials: { ...KEY, sessionToken: 'session' },
      region: 'us-east-1',
      signingDate: new Date('2026-01-02T03:04:05Z'),
    });
    expect(token).toMatch(/^k8s-aws-v1\.[A-Za-z0-9_-]+$/);
    const url = decode(token);
    expect(url.origin).toBe('https://sts.us-east-1.amazonaws.com');
    expect(url.pathname).toBe('/');
    const q = url.searchParams;
    expect(q.get('Action')).toBe('GetCallerIdentity');
    expect(q.get('Version')).toBe('2011-06-15');
    expect(q.get('X-Amz-SignedHeaders')!.split(';')).toContain('x-k8s-aws-id');
    expect(q.get('X-Amz-Credential')).toBe(
      'AKIAEXAMPLE/20260102/us-east-1/sts/aws4_request',
    );
    expect(q.get('X-Amz-Date')).toBe('20260102T030405Z');
    expect(Number(q.get('X-Amz-Expires'))).toBeLessThanOrEqual(900);
    expect(q.get('X-Amz-Security-Token')).toBe('session');
    expect(q.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('signs the cluster name: another name gives another signature', async () => {
    const at = new Date('2026-01-02T03:04:05Z');
    const sign = (clusterId: string) =>
      signEksToken({
        clusterId,
        credentials: KEY,
        region: 'us-east-1',
        signingDate: at,
      });
    const a = decode(await sign('analytics')).searchParams.get(
      'X-Amz-Signature',
    );
    const b = decode(await sign('other')).searchParams.get('X-Amz-Signature');
    expect(a).not.toBe(b);
  });
});

describe('readKubernetesClusters', () => {
  it("reads an entry's authMetadata", () => {
    expect(
      clusters({
        authProvider: 'aws',
        authMetadata: {
          'kubernetes.io/aws-assume-role': 'arn:aws:iam::1:role/r',
        },
      }),
    ).toMatchObject({
      authProvider: 'aws',
      authMetadata: {
        'kubernetes.io/aws-assume-role': 'arn:aws:iam::1:role/r',
      },
    });
    expect(clusters({ serviceAccountToken: 't' }).authMetadata).toBeUndefined();
  });
});

describe('KubernetesTokens', () => {
  it("answers a serviceAccount entry's own token", async () => {
    const tokens = new KubernetesTokens(manager([]));
    expect(await tokens.tokenFor(clusters({ serviceAccountToken: 't' }))).toBe(
      't',
    );
  });

  it("signs for an aws entry with the account's credentials, naming kubernetes.io/x-k8s-aws-id when set", async () => {
    const asked: Array<string | undefined> = [];
    const tokens = new KubernetesTokens(manager(asked), {
      region: 'eu-west-1',
    });
    const token = await tokens.tokenFor(
      clusters({
        authProvider: 'aws',
        authMetadata: { 'kubernetes.io/x-k8s-aws-id': 'real-name' },
      }),
      { accountId: '123456789012' },
    );
    expect(asked).toEqual(['123456789012']);
    const url = decode(token!);
    expect(url.host).toBe('sts.eu-west-1.amazonaws.com');
    const expected = await signEksToken({
      clusterId: 'real-name',
      credentials: KEY,
      region: 'eu-west-1',
      signingDate: new Date(
        Date.parse(
          url.searchParams
            .get('X-Amz-Date')!
            .replace(
              /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/,
              '$1-$2-$3T$4:$5:$6Z',
            ),
        ),
      ),
    });
    expect(token).toBe(expected);
  });

  it('reuses a token for ten minutes, then signs a new one', async () => {
    let now = Date.parse('2026-01-02T03:00:00Z');
    const asked: Array<string | undefined> = [];
    const tokens = new KubernetesTokens(manager(asked), { now: () => now });
    const cluster = clusters({ authProvider: 'aws' });
    const first = await tokens.tokenFor(cluster);
    now += 9 * 60_000;
    expect(await tokens.tokenFor(cluster)).toBe(first);
    expect(asked).toHaveLength(1);
    now += 2 * 60_000;
    expect(await tokens.tokenFor(cluster)).not.toBe(first);
    expect(asked).toHaveLength(2);
  });

  it('refuses another authProvider, naming the supported ones', async () => {
    const tokens = new KubernetesTokens(manager([]));
    await expect(
      tokens.tokenFor(clusters({ authProvider: 'google' })),
    ).rejects.toThrow("authProvider 'google'; supported: serviceAccount, aws");
  });
});
