import type { KubernetesObject } from '@kubernetes/client-node';

/** Field manager of every server-side apply this module makes. */
export const FIELD_MANAGER = 'backstage-emr-eks';
/** Label / tag carrying the scaffolder task that created a resource. */
export const TASK_ID_LABEL = 'backstage.io/scaffolder-task-id';
/** Tags naming the tenant (cluster and namespace) a provisioned AWS resource belongs to. */
export const TENANT_CLUSTER_TAG = 'emr-eks.backstage.io/cluster';
export const TENANT_NAMESPACE_TAG = 'emr-eks.backstage.io/namespace';
export const TEAM_LABEL = 'backstage.io/team';
export const OWNER_ANNOTATION = 'backstage.io/owner';
export const MANAGED_BY = { 'app.kubernetes.io/managed-by': 'backstage' };

export interface QuotaSpec {
  requestsCpu: string;
  requestsMemory: string;
  limitsCpu: string;
  limitsMemory: string;
}

export interface LimitRangeSpec {
  maxCpu: string;
  minCpu: string;
  defaultCpu: string;
  defaultRequestCpu: string;
  maxMemory?: string;
  defaultMemory?: string;
  defaultRequestMemory?: string;
}

/** The seed's ResourceQuota values (multi-tenant EMR on EKS design guidance). */
export const DEFAULT_QUOTA: QuotaSpec = {
  requestsCpu: '1000',
  requestsMemory: '4000Gi',
  limitsCpu: '2000',
  limitsMemory: '6000Gi',
};

/** The seed's LimitRange values. */
export const DEFAULT_LIMITS: LimitRangeSpec = {
  maxCpu: '6',
  minCpu: '100m',
  defaultCpu: '500m',
  defaultRequestCpu: '100m',
};

export interface PriorityClassSpec {
  name: string;
  value: number;
  description: string;
}

export const DEFAULT_PRIORITY_CLASSES: {
  driver: PriorityClassSpec;
  executor: PriorityClassSpec;
} = {
  driver: {
    name: 'high-priority',
    value: 100,
    description: 'High-priority Pods and for Driver Pods.',
  },
  executor: {
    name: 'low-priority',
    value: 50,
    description: 'Low-priority Pods.',
  },
};

/** A label value: at most 63 of `[A-Za-z0-9._-]`, alphanumeric at the ends. */
export function labelValue(value: string): string {
  return value
    .replace(/[^A-Za-z0-9._-]+/g, '.')
    .slice(0, 63)
    .replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
}

export interface TenantOptions {
  namespace: string;
  team: string;
  owner: string;
  taskId: string;
}

function meta(
  name: string,
  t: TenantOptions,
  namespaced = true,
): KubernetesObject['metadata'] {
  return {
    name,
    ...(namespaced ? { namespace: t.namespace } : {}),
    labels: {
      ...MANAGED_BY,
      [TEAM_LABEL]: labelValue(t.team),
      [TASK_ID_LABEL]: labelValue(t.taskId),
    },
  };
}

export function namespaceManifest(t: TenantOptions): KubernetesObject {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name: t.namespace,
      labels: {
        ...MANAGED_BY,
        [TEAM_LABEL]: labelValue(t.team),
        'backstage.io/owner': labelValue(t.owner),
        [TASK_ID_LABEL]: labelValue(t.taskId),
        // The label the seed's NetworkPolicy selects the namespace by.
        nsname: t.namespace,
      },
      annotations: { [OWNER_ANNOTATION]: t.owner },
    },
  };
}

export function resourceQuotaManifest(
  t: TenantOptions,
  q: QuotaSpec,
): KubernetesObject {
  return {
    apiVersion: 'v1',
    kind: 'ResourceQuota',
    metadata: meta('compute-resources', t),
    spec: {
      hard: {
        'requests.cpu': q.requestsCpu,
        'requests.memory': q.requestsMemory,
        'limits.cpu': q.limitsCpu,
        'limits.memory': q.limitsMemory,
      },
    },
  } as KubernetesObject;
}

export function limitRangeManifest(
  t: TenantOptions,
  l: LimitRangeSpec,
): KubernetesObject {
  const pick = (cpu: string, memory?: string) => ({
    cpu,
    ...(memory ? { memory } : {}),
  });
  return {
    apiVersion: 'v1',
    kind: 'LimitRange',
    metadata: meta('cpu-min-max', t),
    spec: {
      limits: [
        {
          max: pick(l.maxCpu, l.maxMemory),
          min: { cpu: l.minCpu },
          default: pick(l.defaultCpu, l.defaultMemory),
          defaultRequest: pick(l.defaultRequestCpu, l.defaultRequestMemory),
          type: 'Container',
        },
      ],
    },
  } as KubernetesObject;
}

/**
 * Confines traffic to the namespace: ingress only from its own pods (the seed's policy);
 * egress to its own pods, to cluster DNS, and to HTTPS outside the cluster so jobs still
 * reach S3, Glue, CloudWatch, STS and the Kubernetes API.
 */
export function networkPolicyManifest(t: TenantOptions): KubernetesObject {
  const sameNamespace = {
    namespaceSelector: { matchLabels: { nsname: t.namespace } },
  };
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: meta(`default-np-${t.namespace}`.slice(0, 63), t),
    spec: {
      podSelector: {},
      policyTypes: ['Ingress', 'Egress'],
      ingress: [{ from: [sameNamespace] }],
      egress: [
        { to: [sameNamespace] },
        {
          to: [
            {
              namespaceSelector: {
                matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' },
              },
            },
          ],
          ports: [
            { protocol: 'UDP', port: 53 },
            { protocol: 'TCP', port: 53 },
          ],
        },
        {
          to: [{ ipBlock: { cidr: '0.0.0.0/0' } }],
          ports: [{ protocol: 'TCP', port: 443 }],
        },
      ],
    },
  } as KubernetesObject;
}

export function priorityClassManifest(
  p: PriorityClassSpec,
  t: TenantOptions,
): KubernetesObject {
  return {
    apiVersion: 'scheduling.k8s.io/v1',
    kind: 'PriorityClass',
    metadata: {
      name: p.name,
      labels: { ...MANAGED_BY, [TASK_ID_LABEL]: labelValue(t.taskId) },
    },
    value: p.value,
    globalDefault: false,
    description: p.description,
  } as KubernetesObject;
}

/** The namespaced Role EMR on EKS needs when it is granted access through RBAC. */
export function emrRoleManifest(t: TenantOptions): KubernetesObject {
  const all = [
    'get',
    'list',
    'watch',
    'describe',
    'create',
    'edit',
    'delete',
    'annotate',
    'patch',
    'label',
  ];
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'Role',
    metadata: meta('emr-containers', t),
    rules: [
      { apiGroups: [''], resources: ['namespaces'], verbs: ['get'] },
      {
        apiGroups: [''],
        resources: [
          'serviceaccounts',
          'services',
          'configmaps',
          'events',
          'pods',
          'pods/log',
        ],
        verbs: [...all, 'deletecollection'],
      },
      {
        apiGroups: [''],
        resources: ['secrets'],
        verbs: ['create', 'patch', 'delete', 'watch'],
      },
      {
        apiGroups: ['apps'],
        resources: ['statefulsets', 'deployments'],
        verbs: all,
      },
      { apiGroups: ['batch'], resources: ['jobs'], verbs: all },
      {
        apiGroups: ['extensions', 'networking.k8s.io'],
        resources: ['ingresses'],
        verbs: all,
      },
      {
        apiGroups: ['rbac.authorization.k8s.io'],
        resources: ['roles', 'rolebindings'],
        verbs: [...all, 'deletecollection'],
      },
      {
        apiGroups: [''],
        resources: ['persistentvolumeclaims'],
        verbs: [...all, 'deletecollection'],
      },
    ],
  } as KubernetesObject;
}

export function emrRoleBindingManifest(t: TenantOptions): KubernetesObject {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: meta('emr-containers', t),
    subjects: [
      {
        kind: 'User',
        name: 'emr-containers',
        apiGroup: 'rbac.authorization.k8s.io',
      },
    ],
    roleRef: {
      kind: 'Role',
      name: 'emr-containers',
      apiGroup: 'rbac.authorization.k8s.io',
    },
  } as KubernetesObject;
}
