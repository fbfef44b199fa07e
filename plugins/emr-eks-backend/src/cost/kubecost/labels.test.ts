import { joinCapacity } from './joinCapacity';
import {
  capacityTypeOf,
  instanceTypeOf,
  labelValue,
  normalizeProviderId,
  parseJobKey,
  sanitizeLabelName,
  toSparkComponent,
} from './labels';
import type { JobAllocationRow, KubecostNode } from './types';

describe('sanitizeLabelName', () => {
  it.each([
    [
      'emr-containers.amazonaws.com/job.id',
      'emr_containers_amazonaws_com_job_id',
    ],
    [
      'emr-containers.amazonaws.com/virtual-cluster-id',
      'emr_containers_amazonaws_com_virtual_cluster_id',
    ],
    [
      'emr-containers.amazonaws.com/component',
      'emr_containers_amazonaws_com_component',
    ],
    ['eks.amazonaws.com/capacityType', 'eks_amazonaws_com_capacityType'],
    ['karpenter.sh/capacity-type', 'karpenter_sh_capacity_type'],
  ])('%s → %s', (name, sanitized) => {
    expect(sanitizeLabelName(name)).toBe(sanitized);
  });
});

describe('labelValue', () => {
  it('reads the sanitized name, then the v1 label_ prefix, ignoring empty and non-string values', () => {
    expect(
      labelValue(
        { karpenter_sh_capacity_type: 'spot' },
        'karpenter.sh/capacity-type',
      ),
    ).toBe('spot');
    expect(
      labelValue(
        { label_karpenter_sh_capacity_type: 'spot' },
        'karpenter.sh/capacity-type',
      ),
    ).toBe('spot');
    expect(
      labelValue(
        {
          karpenter_sh_capacity_type: ' ',
          label_karpenter_sh_capacity_type: 'on-demand',
        },
        'karpenter.sh/capacity-type',
      ),
    ).toBe('on-demand');
    expect(
      labelValue(
        { karpenter_sh_capacity_type: 1 },
        'karpenter.sh/capacity-type',
      ),
    ).toBeUndefined();
    expect(labelValue(null, 'karpenter.sh/capacity-type')).toBeUndefined();
  });
});

describe('parseJobKey', () => {
  it('splits pod/job/vc/component', () => {
    expect(
      parseJobKey('spark-pi-driver/000000033abc/vc0123456789/driver'),
    ).toEqual({
      pod: 'spark-pi-driver',
      jobRunId: '000000033abc',
      virtualClusterId: 'vc0123456789',
      component: 'driver',
    });
  });

  it('treats __unallocated__ parts as missing labels', () => {
    expect(
      parseJobKey('pod-a/__unallocated__/__unallocated__/__unallocated__'),
    ).toEqual({
      pod: 'pod-a',
      jobRunId: undefined,
      virtualClusterId: undefined,
      component: undefined,
    });
  });

  it('reduces the pre-2023 name=value form to the value', () => {
    expect(
      parseJobKey(
        'pod-a/emr_containers_amazonaws_com_job_id=000000033abc/emr_containers_amazonaws_com_virtual_cluster_id=vc1/emr_containers_amazonaws_com_component=executor',
      ),
    ).toEqual({
      pod: 'pod-a',
      jobRunId: '000000033abc',
      virtualClusterId: 'vc1',
      component: 'executor',
    });
  });

  it.each([
    '__idle__',
    'cluster-one/__idle__',
    'ip-10-0-0-1.ec2.internal/__idle__',
    'cluster-one//integration/integration-unmounted-pvcs/__unmounted__',
    '__shared__',
    '__unmounted__/000000033abc/vc1/driver',
  ])('drops %s', key => {
    expect(parseJobKey(key)).toBeUndefined();
  });

  it('gives no parts for keys of another shape', () => {
    expect(parseJobKey('cluster/node/ns/pod/container')).toEqual({});
    expect(parseJobKey('kube-system')).toEqual({});
  });
});

describe('toSparkComponent', () => {
  it.each([
    ['driver', undefined, 'driver'],
    ['executor', undefined, 'executor'],
    ['job.submitter', undefined, 'submitter'],
    ['controller', undefined, 'submitter'],
    ['DRIVER', undefined, 'driver'],
    [undefined, 'executor', 'executor'],
    ['flink.operator', 'driver', 'driver'],
    ['flink.operator', undefined, 'unknown'],
    [undefined, undefined, 'unknown'],
  ] as const)('%s (spark-role %s) → %s', (component, role, expected) => {
    expect(toSparkComponent(component, role)).toBe(expected);
  });
});

describe('capacityTypeOf', () => {
  it.each([
    [{ eks_amazonaws_com_capacityType: 'ON_DEMAND' }, 'on-demand'],
    [{ eks_amazonaws_com_capacityType: 'SPOT' }, 'spot'],
    [{ label_eks_amazonaws_com_capacityType: 'ON_DEMAND' }, 'on-demand'],
    [{ karpenter_sh_capacity_type: 'on-demand' }, 'on-demand'],
    [{ label_karpenter_sh_capacity_type: 'spot' }, 'spot'],
    [{ eks_amazonaws_com_capacityType: 'CAPACITY_BLOCK' }, 'unknown'],
    [{}, 'unknown'],
  ])('%j → %s', (labels, expected) => {
    expect(capacityTypeOf(labels)).toBe(expected);
  });

  it('takes a node preemptible for the whole window as spot when no label says', () => {
    expect(capacityTypeOf({}, 1)).toBe('spot');
    expect(capacityTypeOf({}, 0.5)).toBe('unknown');
    expect(capacityTypeOf({}, 0)).toBe('unknown');
    expect(capacityTypeOf({ karpenter_sh_capacity_type: 'on-demand' }, 1)).toBe(
      'on-demand',
    );
  });
});

describe('instanceTypeOf', () => {
  it('prefers the instance-type labels, with or without prefix, then nodeType', () => {
    expect(
      instanceTypeOf(
        { node_kubernetes_io_instance_type: 'm5.xlarge' },
        'm5.large',
      ),
    ).toBe('m5.xlarge');
    expect(
      instanceTypeOf({ label_node_kubernetes_io_instance_type: 'r5.2xlarge' }),
    ).toBe('r5.2xlarge');
    expect(
      instanceTypeOf({ beta_kubernetes_io_instance_type: 'c5.large' }),
    ).toBe('c5.large');
    expect(
      instanceTypeOf({ label_beta_kubernetes_io_instance_type: 'c6g.large' }),
    ).toBe('c6g.large');
    expect(instanceTypeOf({}, 'm6i.large')).toBe('m6i.large');
    expect(instanceTypeOf({}, '')).toBeUndefined();
  });
});

describe('normalizeProviderId', () => {
  it.each([
    ['aws:///us-east-1a/i-0abc1234def567890', 'i-0abc1234def567890'],
    ['i-0abc1234def567890', 'i-0abc1234def567890'],
    [' i-0abc1234def567890 ', 'i-0abc1234def567890'],
    [
      'gke-opencost-1-default-pool-a30d4801-81dm',
      'gke-opencost-1-default-pool-a30d4801-81dm',
    ],
    // EKS Fargate ids are not instance ids; they stay whole
    [
      'aws:///us-east-1a/0123abcd/fargate-ip-10-0-1-2',
      'aws:///us-east-1a/0123abcd/fargate-ip-10-0-1-2',
    ],
  ])('%s → %s', (id, expected) => {
    expect(normalizeProviderId(id)).toBe(expected);
  });
});

describe('joinCapacity', () => {
  const row = (pod: string, providerId?: string): JobAllocationRow => ({
    windowStart: '2024-05-01T10:00:00.000Z',
    windowEnd: '2024-05-01T11:00:00.000Z',
    pod,
    ...(providerId ? { providerId } : {}),
    jobRunId: '000000033abc',
    virtualClusterId: 'vc1',
    component: 'executor',
    minutes: 60,
    cpuCoreHours: 4,
    cpuCoreRequestAverage: 4,
    cpuCoreUsageAverage: 3,
    ramByteHours: 2 ** 34,
    ramByteRequestAverage: 2 ** 34,
    ramByteUsageAverage: 2 ** 33,
    cpuCoreRequestHours: 4,
    ramGbRequestHours: 16,
    cpuCost: 0.1,
    ramCost: 0.05,
    pvCost: 0,
    networkCost: 0,
    totalCost: 0.15,
  });
  const nodes: KubecostNode[] = [
    {
      providerId: 'i-0aaa',
      name: 'ip-10-0-0-1',
      instanceType: 'r5.xlarge',
      capacityType: 'spot',
    },
    {
      providerId: 'aws:///us-east-1b/i-0bbb',
      name: 'ip-10-0-0-2',
      instanceType: 'm5.large',
      capacityType: 'on-demand',
    },
  ];

  it('joins many rows to one node on the instance id, whatever form each side writes', () => {
    const joined = joinCapacity(
      [
        row('exec-1', 'aws:///us-east-1a/i-0aaa'),
        row('exec-2', 'i-0aaa'),
        row('driver', 'i-0bbb'),
        row('lost', 'i-0ccc'),
        row('fargate'),
      ],
      nodes,
    );
    expect(joined.map(r => [r.pod, r.capacityType, r.instanceType])).toEqual([
      ['exec-1', 'spot', 'r5.xlarge'],
      ['exec-2', 'spot', 'r5.xlarge'],
      ['driver', 'on-demand', 'm5.large'],
      ['lost', 'unknown', undefined],
      ['fargate', 'unknown', undefined],
    ]);
    expect(joined[3]).not.toHaveProperty('instanceType');
    // the row's own fields pass through
    expect(joined[0]).toMatchObject({
      totalCost: 0.15,
      providerId: 'aws:///us-east-1a/i-0aaa',
    });
  });

  it('keeps what is known when a node appears twice', () => {
    const [joined] = joinCapacity(
      [row('exec', 'i-0ddd')],
      [
        {
          providerId: 'i-0ddd',
          name: 'n',
          instanceType: 'c5.large',
          capacityType: 'spot',
        },
        {
          providerId: 'aws:///us-east-1a/i-0ddd',
          name: 'n',
          capacityType: 'unknown',
        },
      ],
    );
    expect(joined).toMatchObject({
      capacityType: 'spot',
      instanceType: 'c5.large',
    });
  });
});
