import {
  DEFAULT_LIMITS,
  DEFAULT_QUOTA,
  emrRoleBindingManifest,
  labelValue,
  limitRangeManifest,
  namespaceManifest,
  networkPolicyManifest,
  priorityClassManifest,
  DEFAULT_PRIORITY_CLASSES,
  resourceQuotaManifest,
} from './manifests';
import { podTemplateProfiles } from './podTemplates';
import { parse } from 'yaml';

const t = {
  namespace: 'data-team-a',
  team: 'data-team-a',
  owner: 'group:default/data-team-a',
  taskId: '5f0c6a1e-0000-4000-8000-000000000001',
};

describe('manifests', () => {
  it('defaults the ResourceQuota to the seed values', () => {
    expect(resourceQuotaManifest(t, DEFAULT_QUOTA)).toMatchObject({
      kind: 'ResourceQuota',
      metadata: { name: 'compute-resources', namespace: 'data-team-a' },
      spec: {
        hard: {
          'requests.cpu': '1000',
          'requests.memory': '4000Gi',
          'limits.cpu': '2000',
          'limits.memory': '6000Gi',
        },
      },
    });
  });

  it('defaults the LimitRange to the seed values', () => {
    expect((limitRangeManifest(t, DEFAULT_LIMITS) as any).spec).toEqual({
      limits: [
        {
          max: { cpu: '6' },
          min: { cpu: '100m' },
          default: { cpu: '500m' },
          defaultRequest: { cpu: '100m' },
          type: 'Container',
        },
      ],
    });
  });

  it('labels the namespace with team, owner, task and the nsname the policy selects', () => {
    const ns = namespaceManifest(t);
    expect(ns.metadata?.labels).toMatchObject({
      'backstage.io/team': 'data-team-a',
      'backstage.io/owner': 'group.default.data-team-a',
      'backstage.io/scaffolder-task-id': t.taskId,
      nsname: 'data-team-a',
    });
    expect(ns.metadata?.annotations?.['backstage.io/owner']).toBe(t.owner);
  });

  it('confines ingress to the namespace and egress to it, DNS and HTTPS', () => {
    const policy = networkPolicyManifest(t) as any;
    expect(policy.spec.podSelector).toEqual({});
    expect(policy.spec.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(policy.spec.ingress).toEqual([
      {
        from: [
          { namespaceSelector: { matchLabels: { nsname: 'data-team-a' } } },
        ],
      },
    ]);
    expect(policy.spec.egress).toHaveLength(3);
    expect(policy.spec.egress[1].ports).toContainEqual({
      protocol: 'UDP',
      port: 53,
    });
  });

  it('writes the seed priority classes', () => {
    expect(
      priorityClassManifest(DEFAULT_PRIORITY_CLASSES.driver, t),
    ).toMatchObject({
      apiVersion: 'scheduling.k8s.io/v1',
      kind: 'PriorityClass',
      metadata: { name: 'high-priority' },
      value: 100,
      globalDefault: false,
    });
    expect(
      priorityClassManifest(DEFAULT_PRIORITY_CLASSES.executor, t),
    ).toMatchObject({
      metadata: { name: 'low-priority' },
      value: 50,
    });
  });

  it('binds the emr-containers Role to the emr-containers user', () => {
    expect(emrRoleBindingManifest(t)).toMatchObject({
      subjects: [{ kind: 'User', name: 'emr-containers' }],
      roleRef: { kind: 'Role', name: 'emr-containers' },
    });
  });

  it('makes label values valid', () => {
    expect(labelValue('user:default/jane.doe')).toBe('user.default.jane.doe');
    expect(labelValue(`-${'a'.repeat(70)}`)).toHaveLength(62);
  });
});

describe('podTemplateProfiles', () => {
  it('keeps drivers on on-demand with high priority and puts non-critical executors on spot with low', () => {
    const [critical, nonCritical] = podTemplateProfiles({
      high: 'high-priority',
      low: 'low-priority',
    });
    const driver = parse(nonCritical.driver);
    const executor = parse(nonCritical.executor);
    expect(driver.spec).toEqual({
      priorityClassName: 'high-priority',
      nodeSelector: { 'eks.amazonaws.com/capacityType': 'ON_DEMAND' },
      containers: [{ name: 'spark-kubernetes-driver' }],
    });
    expect(executor.spec).toEqual({
      priorityClassName: 'low-priority',
      nodeSelector: { 'eks.amazonaws.com/capacityType': 'SPOT' },
      containers: [{ name: 'spark-kubernetes-executors' }],
    });
    expect(critical.profile).toBe('critical');
    expect(parse(critical.executor).spec.nodeSelector).toEqual({
      'eks.amazonaws.com/capacityType': 'ON_DEMAND',
    });
    expect(parse(critical.executor).spec.priorityClassName).toBe(
      'high-priority',
    );
  });
});
