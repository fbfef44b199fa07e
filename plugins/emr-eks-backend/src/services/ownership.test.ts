import { parseVirtualClusterArn } from '@emr-eks/plugin-emr-eks-common';
import type { OwnershipConfig } from '../config';
import { assertEntityOwnsVirtualCluster } from './ownership';

const ARN =
  'arn:aws:emr-containers:us-east-1:123456789012:/virtualclusters/vc1';
const target = parseVirtualClusterArn(ARN)!;
const defaults: OwnershipConfig = {
  tag: 'team',
  namespace: 'default',
  virtualClusters: [],
};
const A = 'group:default/data-team-a';
const B = 'group:default/data-team-b';

describe('assertEntityOwnsVirtualCluster', () => {
  it.each<
    [string, string | undefined, Record<string, string>, OwnershipConfig]
  >([
    ['the tag names the entity owner', A, { team: 'data-team-a' }, defaults],
    [
      'the tag is a full ref, in any case',
      A,
      { team: 'Group:default/Data-Team-A' },
      defaults,
    ],
    [
      'a configured tag key and namespace',
      'group:analytics/data-team-a',
      { owner: 'data-team-a', team: 'data-team-b' },
      { ...defaults, tag: 'owner', namespace: 'analytics' },
    ],
    [
      'the platform config names the entity owner, over the tag',
      A,
      { team: 'data-team-b' },
      { ...defaults, virtualClusters: [{ arn: ARN, owner: A }] },
    ],
  ])('allows a write when %s', (_case, entityOwner, tags, config) => {
    expect(() =>
      assertEntityOwnsVirtualCluster(
        { ...target, entityRef: 'resource:default/x', entityOwner },
        tags,
        config,
      ),
    ).not.toThrow();
  });

  it.each<
    [
      string,
      string | undefined,
      Record<string, string>,
      OwnershipConfig,
      string,
    ]
  >([
    [
      'the tag names another team',
      A,
      { team: 'data-team-b' },
      defaults,
      `virtual cluster vc1 is tagged for ${B}, not this entity's owner ${A}`,
    ],
    [
      'the platform config names another team, whatever the tag says',
      A,
      { team: 'data-team-a' },
      { ...defaults, virtualClusters: [{ arn: ARN, owner: B }] },
      `virtual cluster vc1 is owned by ${B} (emrEks.ownership.virtualClusters), not this entity's owner ${A}`,
    ],
    [
      'the cluster has no owner tag and no config entry',
      A,
      { other: 'x' },
      defaults,
      "virtual cluster vc1 has no 'team' tag and no owner in emrEks.ownership.virtualClusters; writes are refused",
    ],
    [
      'only the default tag is set while another key is configured',
      A,
      { team: 'data-team-a' },
      { ...defaults, tag: 'owner' },
      "has no 'owner' tag",
    ],
    [
      'a config entry for another virtual cluster does not count',
      A,
      {},
      {
        ...defaults,
        virtualClusters: [{ arn: ARN.replace('vc1', 'vc2'), owner: A }],
      },
      'has no',
    ],
    [
      'the entity has no owner',
      undefined,
      { team: 'data-team-a' },
      defaults,
      'entity resource:default/x has no spec.owner',
    ],
  ])('refuses (403) when %s', (_case, entityOwner, tags, config, message) => {
    expect(() =>
      assertEntityOwnsVirtualCluster(
        { ...target, entityRef: 'resource:default/x', entityOwner },
        tags,
        config,
      ),
    ).toThrow(
      expect.objectContaining({
        name: 'NotAllowedError',
        message: expect.stringContaining(message),
      }),
    );
  });
});
