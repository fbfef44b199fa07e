import { parseServerlessApplicationArn, parseVirtualClusterArn } from './arn';

describe('parseServerlessApplicationArn', () => {
  it('reads partition, region, account and application id', () => {
    expect(
      parseServerlessApplicationArn(
        'arn:aws:emr-serverless:eu-west-1:123456789012:/applications/00fsa0a1b2c3d4e5',
      ),
    ).toEqual({
      partition: 'aws',
      region: 'eu-west-1',
      accountId: '123456789012',
      applicationId: '00fsa0a1b2c3d4e5',
    });
    expect(
      parseServerlessApplicationArn(
        ' arn:aws-cn:emr-serverless:cn-north-1:123456789012:/applications/00f1 ',
      )?.partition,
    ).toBe('aws-cn');
  });

  it.each([
    [
      'a job run ARN',
      'arn:aws:emr-serverless:us-east-1:123456789012:/applications/00f1/jobruns/00f2',
    ],
    [
      'a virtual cluster ARN',
      'arn:aws:emr-containers:us-east-1:123456789012:/virtualclusters/abc',
    ],
    [
      'a short account id',
      'arn:aws:emr-serverless:us-east-1:1234:/applications/00f1',
    ],
    [
      'an upper-case id',
      'arn:aws:emr-serverless:us-east-1:123456789012:/applications/00F1',
    ],
    ['no region', 'arn:aws:emr-serverless::123456789012:/applications/00f1'],
  ])('refuses %s', (_what, arn) => {
    expect(parseServerlessApplicationArn(arn)).toBeUndefined();
  });

  it('the two parsers do not accept each other’s ARNs', () => {
    expect(
      parseVirtualClusterArn(
        'arn:aws:emr-serverless:us-east-1:123456789012:/applications/00f1',
      ),
    ).toBeUndefined();
  });
});
