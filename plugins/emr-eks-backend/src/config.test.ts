import { ConfigReader } from '@backstage/config';
import { readEmrEksConfig } from './config';

describe('readEmrEksConfig', () => {
  it('reads the endpoint overrides, attempts, accounts and cache times', () => {
    expect(
      readEmrEksConfig(
        new ConfigReader({
          emrEks: {
            endpoint: 'http://127.0.0.1:4510',
            stsEndpoint: 'http://127.0.0.1:4510',
            maxAttempts: 5,
            accounts: [
              {
                accountId: '123456789012',
                regions: ['us-east-1', 'eu-west-1'],
                roleArn: 'arn:aws:iam::123456789012:role/backstage-emr-eks',
                externalId: 'xyz',
              },
            ],
            ownership: {
              tag: 'owner',
              namespace: 'analytics',
              virtualClusters: [
                {
                  arn: 'arn:aws:emr-containers:eu-west-1:123456789012:/virtualclusters/abc',
                  owner: 'Data-Team-B',
                },
              ],
            },
            cache: { listTtl: { seconds: 5 }, terminalTtl: 'PT2H' },
          },
        }),
      ),
    ).toEqual({
      endpoint: 'http://127.0.0.1:4510',
      stsEndpoint: 'http://127.0.0.1:4510',
      maxAttempts: 5,
      accounts: [
        {
          accountId: '123456789012',
          regions: ['us-east-1', 'eu-west-1'],
          roleArn: 'arn:aws:iam::123456789012:role/backstage-emr-eks',
          externalId: 'xyz',
        },
      ],
      ownership: {
        tag: 'owner',
        namespace: 'analytics',
        virtualClusters: [
          {
            arn: 'arn:aws:emr-containers:eu-west-1:123456789012:/virtualclusters/abc',
            owner: 'group:analytics/data-team-b',
          },
        ],
      },
      cache: {
        listTtlMs: 5000,
        terminalTtlMs: 7_200_000,
        staleTtlMs: 86_400_000,
      },
    });
  });

  it('defaults to the AWS endpoint, 3 attempts and short list caching', () => {
    expect(readEmrEksConfig(new ConfigReader({}))).toEqual({
      endpoint: undefined,
      stsEndpoint: undefined,
      maxAttempts: 3,
      accounts: [],
      ownership: { tag: 'team', namespace: 'default', virtualClusters: [] },
      cache: {
        listTtlMs: 10_000,
        terminalTtlMs: 3_600_000,
        staleTtlMs: 86_400_000,
      },
    });
  });

  it.each([
    [{ endpoint: 'localhost' }, 'emrEks.endpoint'],
    [{ stsEndpoint: 'ftp://x' }, 'emrEks.stsEndpoint'],
    [{ maxAttempts: 0 }, 'emrEks.maxAttempts'],
    [{ accounts: [{ accountId: '42' }] }, 'emrEks.accounts[0].accountId'],
    [
      {
        accounts: [
          { accountId: '123456789012', regions: ['us-east-1'] },
          { accountId: '123456789012', regions: ['eu-west-1'] },
        ],
      },
      'emrEks.accounts[1].accountId',
    ],
    [
      { accounts: [{ accountId: '123456789012' }] },
      'emrEks.accounts[0].regions',
    ],
    [
      { accounts: [{ accountId: '123456789012', regions: [] }] },
      'emrEks.accounts[0].regions',
    ],
    [
      { accounts: [{ accountId: '123456789012', regions: ['Virginia'] }] },
      'emrEks.accounts[0].regions',
    ],
    [
      {
        accounts: [
          {
            accountId: '123456789012',
            regions: ['us-east-1'],
            roleArn: 'backstage',
          },
        ],
      },
      'emrEks.accounts[0].roleArn',
    ],
    [{ ownership: { tag: ' ' } }, 'emrEks.ownership.tag'],
    [{ ownership: { namespace: 'a/b' } }, 'emrEks.ownership.namespace'],
    [
      { ownership: { virtualClusters: [{ arn: 'abc', owner: 'x' }] } },
      'emrEks.ownership.virtualClusters[0].arn',
    ],
    [
      {
        accounts: [{ accountId: '123456789012', regions: ['us-east-1'] }],
        ownership: {
          virtualClusters: [
            {
              arn: 'arn:aws:emr-containers:eu-west-1:123456789012:/virtualclusters/abc',
              owner: 'data-team-a',
            },
          ],
        },
      },
      'emrEks.ownership.virtualClusters[0].arn',
    ],
  ])('names the key of a bad value %j', (emrEks, key) => {
    expect(() => readEmrEksConfig(new ConfigReader({ emrEks }))).toThrow(key);
  });
});
