import { InputError } from '@backstage/errors';
import { z } from 'zod';
import {
  dnsLabel,
  parseInput,
  parseVirtualClusterArn,
  quantity,
  releaseLabel,
  roleArn,
  roleName,
  virtualClusterArn,
} from './validation';

const schema = z.object({
  namespace: dnsLabel(z),
  cpu: quantity(z),
  releaseLabel: releaseLabel(z),
  roleName: roleName(z),
  roleArn: roleArn(z),
  vc: virtualClusterArn(z),
});

const valid = {
  namespace: 'data-team-a',
  cpu: '500m',
  releaseLabel: 'emr-7.5.0-latest',
  roleName: 'emr-eks-job-execution',
  roleArn: 'arn:aws:iam::123456789012:role/emr-eks-job-execution',
  vc: 'arn:aws:emr-containers:us-east-1:123456789012:/virtualclusters/abc123',
};

function errorOf(input: object): string {
  try {
    parseInput(schema, { ...valid, ...input });
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message;
  }
  throw new Error('expected an InputError');
}

describe('parseInput', () => {
  it('accepts valid input', () => {
    expect(parseInput(schema, valid)).toEqual(valid);
  });

  it.each([
    ['namespace', 'Data_Team', /namespace: must be a DNS-1123 label/],
    ['namespace', '-team', /namespace: must be a DNS-1123 label/],
    ['namespace', 'a'.repeat(64), /namespace: must be at most 63 characters/],
    ['cpu', '4 cores', /cpu: must be a Kubernetes quantity/],
    ['cpu', '-1', /cpu: must be a Kubernetes quantity/],
    ['cpu', '16GB', /cpu: must be a Kubernetes quantity/],
    ['releaseLabel', '7.5.0', /releaseLabel: must be an EMR release label/],
    [
      'releaseLabel',
      'emr-7.5-latest',
      /releaseLabel: must be an EMR release label/,
    ],
    ['roleName', 'r'.repeat(65), /roleName: must be at most 64 characters/],
    ['roleName', 'role name', /roleName: may only contain/],
    [
      'roleArn',
      'arn:aws:iam::12345:role/x',
      /roleArn: must be an IAM role ARN/,
    ],
    [
      'vc',
      'arn:aws:emr-containers:us-east-1:123456789012:virtualclusters/x',
      /vc: must be an EMR on EKS virtual cluster ARN/,
    ],
  ])('names %s when it is %j', (field, value, message) => {
    expect(errorOf({ [field]: value })).toMatch(message);
  });

  it.each(['4', '500m', '16Gi', '1.5', '1e3', '100Mi', '2k'])(
    'accepts the quantity %s',
    value => {
      expect(parseInput(quantity(z), value)).toBe(value);
    },
  );

  it.each([
    'emr-7.5.0-latest',
    'emr-6.8.0-20230624',
    'emr-6.10.0-java17-latest',
  ])('accepts the release label %s', value => {
    expect(parseInput(releaseLabel(z), value)).toBe(value);
  });

  it('accepts a 64-character role name', () => {
    expect(parseInput(roleName(z), 'r'.repeat(64))).toHaveLength(64);
  });
});

describe('parseVirtualClusterArn', () => {
  it('reads account, region and id', () => {
    expect(parseVirtualClusterArn(valid.vc)).toEqual({
      partition: 'aws',
      region: 'us-east-1',
      accountId: '123456789012',
      virtualClusterId: 'abc123',
    });
  });
});
