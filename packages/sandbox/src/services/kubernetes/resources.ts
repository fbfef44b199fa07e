/*
 * The resources the sandbox's Kubernetes API serves, and the version it answers as.
 */

export const KUBERNETES = 'kubernetes';
export const KUBERNETES_PATH_PREFIX = '/k8s';
export const KUBERNETES_VERSION = {
  major: '1',
  minor: '31',
  gitVersion: 'v1.31.4-eks-2d5f260',
  gitCommit: '2d5f260a2c1d4d9e7a5d0d1e4c3b2a1f0e9d8c7b',
  gitTreeState: 'clean',
  buildDate: '2025-01-15T09:00:00Z',
  goVersion: 'go1.22.10',
  compiler: 'gc',
  platform: 'linux/amd64',
};

export const KUBERNETES_OPERATIONS = [
  'k8s:create',
  'k8s:get',
  'k8s:list',
  'k8s:apply',
  'k8s:delete',
  'k8s:log',
];

export interface ResourceKind {
  /** Plural, as in the URL. */
  plural: string;
  kind: string;
  singular: string;
  /** '' for the core group. */
  group: string;
  version: string;
  namespaced: boolean;
  shortNames?: string[];
  /** Namespaces are RFC 1123 labels; the rest subdomains (roles: path segments). */
  nameRule: 'label' | 'subdomain' | 'path';
}

export const KUBERNETES_RESOURCES: ResourceKind[] = [
  {
    plural: 'namespaces',
    kind: 'Namespace',
    singular: 'namespace',
    group: '',
    version: 'v1',
    namespaced: false,
    shortNames: ['ns'],
    nameRule: 'label',
  },
  {
    plural: 'resourcequotas',
    kind: 'ResourceQuota',
    singular: 'resourcequota',
    group: '',
    version: 'v1',
    namespaced: true,
    shortNames: ['quota'],
    nameRule: 'subdomain',
  },
  {
    plural: 'limitranges',
    kind: 'LimitRange',
    singular: 'limitrange',
    group: '',
    version: 'v1',
    namespaced: true,
    shortNames: ['limits'],
    nameRule: 'subdomain',
  },
  {
    plural: 'networkpolicies',
    kind: 'NetworkPolicy',
    singular: 'networkpolicy',
    group: 'networking.k8s.io',
    version: 'v1',
    namespaced: true,
    shortNames: ['netpol'],
    nameRule: 'subdomain',
  },
  {
    plural: 'roles',
    kind: 'Role',
    singular: 'role',
    group: 'rbac.authorization.k8s.io',
    version: 'v1',
    namespaced: true,
    nameRule: 'path',
  },
  {
    plural: 'rolebindings',
    kind: 'RoleBinding',
    singular: 'rolebinding',
    group: 'rbac.authorization.k8s.io',
    version: 'v1',
    namespaced: true,
    nameRule: 'path',
  },
  {
    plural: 'priorityclasses',
    kind: 'PriorityClass',
    singular: 'priorityclass',
    group: 'scheduling.k8s.io',
    version: 'v1',
    namespaced: false,
    shortNames: ['pc'],
    nameRule: 'subdomain',
  },
  {
    plural: 'pods',
    kind: 'Pod',
    singular: 'pod',
    group: '',
    version: 'v1',
    namespaced: true,
    shortNames: ['po'],
    nameRule: 'subdomain',
  },
  {
    plural: 'events',
    kind: 'Event',
    singular: 'event',
    group: '',
    version: 'v1',
    namespaced: true,
    shortNames: ['ev'],
    nameRule: 'subdomain',
  },
  {
    plural: 'services',
    kind: 'Service',
    singular: 'service',
    group: '',
    version: 'v1',
    namespaced: true,
    shortNames: ['svc'],
    nameRule: 'label',
  },
  {
    plural: 'ingresses',
    kind: 'Ingress',
    singular: 'ingress',
    group: 'networking.k8s.io',
    version: 'v1',
    namespaced: true,
    shortNames: ['ing'],
    nameRule: 'subdomain',
  },
  {
    plural: 'sparkapplications',
    kind: 'SparkApplication',
    singular: 'sparkapplication',
    group: 'sparkoperator.k8s.io',
    version: 'v1beta2',
    namespaced: true,
    shortNames: ['sparkapp'],
    nameRule: 'subdomain',
  },
];

export type KubeObject = Record<string, any> & {
  metadata: Record<string, any>;
};

export function resource(plural: string): ResourceKind {
  const found = KUBERNETES_RESOURCES.find(r => r.plural === plural);
  if (!found) throw new Error(`unknown resource ${plural}`);
  return found;
}
