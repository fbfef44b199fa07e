import { ConfigReader } from '@backstage/config';
import {
  findCluster,
  findServerlessTarget,
  readProvisioningConfig,
} from './config';

function config(cluster: object, k8s: object = {}, extra: object = {}) {
  return new ConfigReader({
    kubernetes: {
      clusterLocatorMethods: [
        { type: 'catalog' },
        {
          type: 'config',
          clusters: [
            {
              name: 'prod',
              url: 'https://k8s.example.invalid',
              authProvider: 'serviceAccount',
              serviceAccountToken: 't',
              ...k8s,
            },
          ],
        },
      ],
    },
    emrEks: {
      provisioning: {
        clusters: [
          {
            name: 'prod',
            accountId: '123456789012',
            region: 'eu-west-1',
            ...cluster,
          },
        ],
        ...extra,
      },
    },
  });
}

describe('readProvisioningConfig', () => {
  it('reads bucket patterns and reserved namespaces, refusing malformed ones by key', () => {
    const read = readProvisioningConfig(
      config(
        {},
        {},
        {
          buckets: ['s3://data-lake/${team}/*', 's3://team-${team}-*'],
          reservedNamespaces: ['platform-*', 'monitoring'],
        },
      ),
    );
    expect(read.buckets).toHaveLength(2);
    expect(read.reservedNamespaces).toEqual(['platform-*', 'monitoring']);
    expect(readProvisioningConfig(config({})).buckets).toEqual([]);
    for (const [key, value, message] of [
      ['buckets', ['data-lake/${team}'], /buckets\[0\]: 'data-lake/],
      ['buckets', ['s3://data-lake/*/${team}/*'], /buckets\[0\]/],
      ['buckets', ['s3://data-lake/${owner}/*'], /buckets\[0\]/],
      ['buckets', ['s3://data-lake/exact'], /buckets\[0\]/],
      ['reservedNamespaces', ['Kube_*'], /reservedNamespaces\[0\]/],
    ] as const) {
      expect(() =>
        readProvisioningConfig(config({}, {}, { [key]: value })),
      ).toThrow(message);
    }
  });

  it('joins the provisioning clusters with the Kubernetes plugin clusters', () => {
    const read = readProvisioningConfig(
      config({
        podTemplateBucket: 'assets',
        podTemplatePrefix: '/emr/templates/',
      }),
    );
    expect(read.clusters).toEqual([
      {
        name: 'prod',
        accountId: '123456789012',
        region: 'eu-west-1',
        partition: 'aws',
        eksClusterName: 'prod',
        emrAccess: 'accessEntry',
        podTemplateBucket: 'assets',
        podTemplatePrefix: 'emr/templates',
        trustPolicyMaxLength: 2048,
        kubernetes: {
          name: 'prod',
          url: 'https://k8s.example.invalid',
          authProvider: 'serviceAccount',
          serviceAccountToken: 't',
          skipTLSVerify: false,
          caData: undefined,
        },
      },
    ]);
    expect(read.maxAttempts).toBe(3);
    expect(read.endpoints).toEqual({});
  });

  it.each([
    [
      { accountId: '1234' },
      {},
      {},
      /emrEks\.provisioning\.clusters\[0\]\.accountId/,
    ],
    [
      { region: 'Europe' },
      {},
      {},
      /emrEks\.provisioning\.clusters\[0\]\.region/,
    ],
    [
      { emrAccess: 'iam' },
      {},
      {},
      /clusters\[0\]\.emrAccess: 'iam' is neither/,
    ],
    [
      { name: 'other' },
      {},
      {},
      /clusters\[0\]\.name: no cluster 'other' under kubernetes/,
    ],
    [
      {},
      { authProvider: 'google' },
      {},
      /authProvider: 'google' is not supported for provisioning; use one of serviceAccount, aws/,
    ],
    [
      { trustPolicyMaxLength: 8192 },
      {},
      {},
      /clusters\[0\]\.trustPolicyMaxLength: 8192 is not a whole number from 2048/,
    ],
    [{}, {}, { maxAttempts: 0 }, /emrEks\.provisioning\.maxAttempts/],
    [
      {},
      {},
      { endpoints: { s3: 'ftp://x' } },
      /emrEks\.provisioning\.endpoints\.s3: 'ftp:\/\/x' is not an http\(s\) URL/,
    ],
  ])('names the key at fault: %j %j %j', (cluster, k8s, extra, message) => {
    expect(() => readProvisioningConfig(config(cluster, k8s, extra))).toThrow(
      message,
    );
  });

  it('answers an unknown cluster with an InputError naming the field', () => {
    const read = readProvisioningConfig(config({}));
    expect(() => findCluster(read, 'dev')).toThrow(
      "Invalid input: cluster: 'dev' is not a configured cluster (prod)",
    );
  });

  it('reads the EMR Serverless targets, refusing a bad region by key, and finds one by region', () => {
    const targets = [
      { accountId: '123456789012', region: 'us-east-1' },
      { accountId: '210987654321', region: 'us-east-1', partition: 'aws' },
      { accountId: '123456789012', region: 'eu-west-1' },
    ];
    const read = readProvisioningConfig(
      config({}, {}, { serverless: { targets } }),
    );
    expect(read.serverlessTargets).toHaveLength(3);
    expect(findServerlessTarget(read, 'eu-west-1')).toEqual({
      accountId: '123456789012',
      region: 'eu-west-1',
      partition: 'aws',
    });
    expect(
      findServerlessTarget(read, 'us-east-1', '210987654321').accountId,
    ).toBe('210987654321');
    expect(() => findServerlessTarget(read, 'us-east-1')).toThrow(
      /accountId: 2 accounts are configured in us-east-1; name one/,
    );
    expect(() => findServerlessTarget(read, 'ap-south-1')).toThrow(
      /region: 'ap-south-1' is not under emrEks.provisioning.serverless.targets/,
    );
    expect(() =>
      readProvisioningConfig(
        config(
          {},
          {},
          {
            serverless: {
              targets: [{ accountId: '123456789012', region: 'east' }],
            },
          },
        ),
      ),
    ).toThrow(
      "Invalid config value at emrEks.provisioning.serverless.targets[0].region: 'east' is not an AWS region",
    );
  });
});
