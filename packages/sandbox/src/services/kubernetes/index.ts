import express, { NextFunction, Request, Response } from 'express';
import { Clock } from '../../clock';
import { DEMO } from '../../demo';
import { Random } from '../../random';
import { SandboxService } from '../types';

/*
 * A subset of the Kubernetes API server of each sandbox EKS cluster, under
 * /k8s/<cluster>/: namespaces, resource quotas, limit ranges, network
 * policies, RBAC roles and bindings, priority classes. Create, get, list,
 * server-side apply and delete, answered as the API server does (Status
 * objects, resourceVersion, managedFields). Any bearer token is accepted.
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
];

export type KubeObject = Record<string, any> & {
  metadata: Record<string, any>;
};

/** A FieldsV1 set: `{"f:metadata": {"f:labels": {"f:team": {}}}}`. */
type FieldSet = Record<string, any>;

interface ManagedEntry {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time: string;
  fieldsType: 'FieldsV1';
  fieldsV1: FieldSet;
}

const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const SUBDOMAIN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** An API server answer that is not 2xx, as a Status object. */
export class KubeStatusError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }

  toStatus() {
    return {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      reason: this.reason,
      ...(this.details ? { details: this.details } : {}),
      code: this.code,
    };
  }
}

const qualified = (r: ResourceKind) =>
  r.group ? `${r.plural}.${r.group}` : r.plural;

const details = (r: ResourceKind, name: string) => ({
  name,
  ...(r.group ? { group: r.group } : {}),
  kind: r.plural,
});

export const notFound = (r: ResourceKind, name: string) =>
  new KubeStatusError(
    404,
    'NotFound',
    `${qualified(r)} "${name}" not found`,
    details(r, name),
  );

/** Why a name is invalid, worded as apimachinery's validation, or undefined. */
export function invalidName(
  rule: ResourceKind['nameRule'],
  name: string,
): string | undefined {
  if (rule === 'path') {
    if (name === '.' || name === '..') return `may not be '${name}'`;
    if (/[/%]/.test(name)) return `may not contain '/' or '%'`;
    return undefined;
  }
  if (rule === 'label') {
    if (name.length > 63) return 'must be no more than 63 characters';
    if (!LABEL.test(name)) {
      return "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
    }
    return undefined;
  }
  if (name.length > 253) return 'must be no more than 253 characters';
  if (!SUBDOMAIN.test(name)) {
    return "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
  }
  return undefined;
}

function invalid(
  r: ResourceKind,
  name: string,
  field: string,
  value: string,
  why: string,
) {
  return new KubeStatusError(
    422,
    'Invalid',
    `${r.kind} "${name}" is invalid: ${field}: Invalid value: "${value}": ${why}`,
    {
      ...details(r, name),
      kind: r.kind,
      causes: [
        {
          reason: 'FieldValueInvalid',
          message: `Invalid value: "${value}": ${why}`,
          field,
        },
      ],
    },
  );
}

const isObject = (v: unknown): v is Record<string, any> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** Fields of an object SSA tracks: leaves are scalars, lists and empty maps. */
function fieldSetOf(value: Record<string, any>, top = true): FieldSet {
  const set: FieldSet = {};
  for (const [key, v] of Object.entries(value)) {
    if (top && (key === 'apiVersion' || key === 'kind' || key === 'status')) {
      continue;
    }
    if (top && key === 'metadata') {
      const meta: FieldSet = {};
      for (const field of ['labels', 'annotations']) {
        if (isObject(v?.[field]) && Object.keys(v[field]).length) {
          meta[`f:${field}`] = fieldSetOf(v[field], false);
        }
      }
      if (Object.keys(meta).length) set['f:metadata'] = meta;
      continue;
    }
    set[`f:${key}`] =
      isObject(v) && Object.keys(v).length ? fieldSetOf(v, false) : {};
  }
  return set;
}

/** Leaf paths of a field set, e.g. ['spec', 'hard', 'cpu']. */
function leaves(set: FieldSet, prefix: string[] = []): string[][] {
  const out: string[][] = [];
  for (const [key, child] of Object.entries(set)) {
    const path = [...prefix, key.slice(2)];
    if (Object.keys(child).length === 0) out.push(path);
    else out.push(...leaves(child, path));
  }
  return out;
}

function setFromLeaves(paths: string[][]): FieldSet {
  const set: FieldSet = {};
  for (const path of paths) {
    let node = set;
    for (const key of path) {
      node[`f:${key}`] ??= {};
      node = node[`f:${key}`];
    }
  }
  return set;
}

function getAt(obj: any, path: string[]): unknown {
  return path.reduce((o, k) => (isObject(o) ? o[k] : undefined), obj);
}

function setAt(obj: any, path: string[], value: unknown): void {
  let node = obj;
  for (const key of path.slice(0, -1)) {
    if (!isObject(node[key])) node[key] = {};
    node = node[key];
  }
  node[path[path.length - 1]] = structuredClone(value);
}

function deleteAt(obj: any, path: string[]): void {
  const parents: any[] = [];
  let node = obj;
  for (const key of path.slice(0, -1)) {
    if (!isObject(node?.[key])) return;
    parents.push([node, key]);
    node = node[key];
  }
  delete node[path[path.length - 1]];
  for (const [parent, key] of parents.reverse()) {
    if (Object.keys(parent[key]).length === 0) delete parent[key];
    else break;
  }
}

const samePath = (a: string[], b: string[]) =>
  a.length === b.length && a.every((k, i) => k === b[i]);
const overlaps = (a: string[], b: string[]) => {
  const n = Math.min(a.length, b.length);
  return a.slice(0, n).every((k, i) => k === b[i]);
};

/** The Kubernetes objects of one EKS cluster. */
export class KubernetesCluster {
  /** Key: `<plural>/<namespace>/<name>` ('' namespace for cluster-scoped). */
  private objects = new Map<string, KubeObject>();
  private resourceVersion = 1000;

  constructor(
    readonly name: string,
    private readonly clock: Clock,
    private readonly random: Random,
  ) {}

  private key(r: ResourceKind, namespace: string | undefined, name: string) {
    return `${r.plural}/${r.namespaced ? namespace : ''}/${name}`;
  }

  private uid(): string {
    const hex = this.random.string(32, '0123456789abcdef');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(
      13,
      16,
    )}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
  }

  private timestamp(): string {
    return new Date(Math.floor(this.clock.now() / 1000) * 1000)
      .toISOString()
      .replace('.000Z', 'Z');
  }

  private nextVersion(): string {
    this.resourceVersion += 1;
    return String(this.resourceVersion);
  }

  currentVersion(): string {
    return String(this.resourceVersion);
  }

  hasNamespace(name: string): boolean {
    return this.objects.has(`namespaces//${name}`);
  }

  private requireNamespace(r: ResourceKind, namespace: string | undefined) {
    if (r.namespaced && !this.hasNamespace(namespace ?? '')) {
      throw notFound(resource('namespaces'), namespace ?? '');
    }
  }

  get(
    r: ResourceKind,
    namespace: string | undefined,
    name: string,
  ): KubeObject {
    const found = this.objects.get(this.key(r, namespace, name));
    if (!found) throw notFound(r, name);
    return structuredClone(found);
  }

  find(
    r: ResourceKind,
    namespace: string | undefined,
    name: string,
  ): KubeObject | undefined {
    const found = this.objects.get(this.key(r, namespace, name));
    return found ? structuredClone(found) : undefined;
  }

  /** Objects of a kind, by namespace (all when undefined), sorted by name. */
  list(
    r: ResourceKind,
    namespace?: string,
    labelSelector?: string,
  ): KubeObject[] {
    const match = parseLabelSelector(labelSelector);
    return [...this.objects.values()]
      .filter(
        o =>
          o.kind === r.kind &&
          (!r.namespaced ||
            namespace === undefined ||
            o.metadata.namespace === namespace) &&
          match(o.metadata.labels ?? {}),
      )
      .sort(
        (a, b) =>
          String(a.metadata.namespace ?? '').localeCompare(
            String(b.metadata.namespace ?? ''),
          ) || String(a.metadata.name).localeCompare(String(b.metadata.name)),
      )
      .map(o => structuredClone(o));
  }

  private checkBody(
    r: ResourceKind,
    namespace: string | undefined,
    body: unknown,
    name?: string,
  ): KubeObject {
    if (!isObject(body)) {
      throw new KubeStatusError(
        400,
        'BadRequest',
        'the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf',
      );
    }
    const object = structuredClone(body) as KubeObject;
    object.metadata = isObject(object.metadata) ? object.metadata : {};
    const expectedApiVersion = r.group ? `${r.group}/${r.version}` : r.version;
    if (object.kind !== undefined && object.kind !== r.kind) {
      throw new KubeStatusError(
        400,
        'BadRequest',
        `the API version in the data (${object.apiVersion}) does not match the expected API version (${expectedApiVersion})`,
      );
    }
    if (
      object.apiVersion !== undefined &&
      object.apiVersion !== expectedApiVersion
    ) {
      throw new KubeStatusError(
        400,
        'BadRequest',
        `the API version in the data (${object.apiVersion}) does not match the expected API version (${expectedApiVersion})`,
      );
    }
    object.kind = r.kind;
    object.apiVersion = expectedApiVersion;
    const objectName = object.metadata.name ?? name;
    if (
      name !== undefined &&
      object.metadata.name !== undefined &&
      object.metadata.name !== name
    ) {
      throw new KubeStatusError(
        400,
        'BadRequest',
        `the name of the object (${object.metadata.name}) does not match the name on the URL (${name})`,
      );
    }
    if (!objectName) {
      throw new KubeStatusError(
        422,
        'Invalid',
        `${r.kind} "" is invalid: metadata.name: Required value: name or generateName is required`,
        {
          kind: r.kind,
          causes: [
            {
              reason: 'FieldValueRequired',
              message: 'Required value: name or generateName is required',
              field: 'metadata.name',
            },
          ],
        },
      );
    }
    const why = invalidName(r.nameRule, objectName);
    if (why) throw invalid(r, objectName, 'metadata.name', objectName, why);
    if (r.namespaced) {
      if (
        object.metadata.namespace !== undefined &&
        object.metadata.namespace !== namespace
      ) {
        throw new KubeStatusError(
          400,
          'BadRequest',
          'the namespace of the provided object does not match the namespace sent on the request',
        );
      }
      object.metadata.namespace = namespace;
    } else {
      delete object.metadata.namespace;
    }
    object.metadata.name = objectName;
    for (const field of ['labels', 'annotations']) {
      const map = object.metadata[field];
      if (map === undefined) continue;
      if (
        !isObject(map) ||
        Object.values(map).some(v => typeof v !== 'string')
      ) {
        throw invalid(
          r,
          objectName,
          `metadata.${field}`,
          String(map),
          'must be a map of strings',
        );
      }
    }
    if (r.kind === 'PriorityClass' && typeof object.value !== 'number') {
      throw new KubeStatusError(
        422,
        'Invalid',
        `PriorityClass.scheduling.k8s.io "${objectName}" is invalid: value: Required value`,
        {
          ...details(r, objectName),
          kind: r.kind,
          causes: [
            {
              reason: 'FieldValueRequired',
              message: 'Required value',
              field: 'value',
            },
          ],
        },
      );
    }
    return object;
  }

  private finish(r: ResourceKind, object: KubeObject): void {
    if (r.kind === 'Namespace') {
      object.metadata.labels = {
        ...(object.metadata.labels ?? {}),
        'kubernetes.io/metadata.name': object.metadata.name,
      };
      object.spec = { finalizers: ['kubernetes'] };
      object.status = { phase: 'Active' };
    }
    if (r.kind === 'PriorityClass') {
      object.preemptionPolicy ??= 'PreemptLowerPriority';
    }
  }

  create(
    r: ResourceKind,
    namespace: string | undefined,
    body: unknown,
    fieldManager?: string,
  ): KubeObject {
    const object = this.checkBody(r, namespace, body);
    this.requireNamespace(r, namespace);
    const key = this.key(r, namespace, object.metadata.name);
    if (this.objects.has(key)) {
      throw new KubeStatusError(
        409,
        'AlreadyExists',
        `${qualified(r)} "${object.metadata.name}" already exists`,
        details(r, object.metadata.name),
      );
    }
    const fields = fieldSetOf(object);
    const meta = object.metadata;
    for (const generated of [
      'uid',
      'resourceVersion',
      'creationTimestamp',
      'managedFields',
      'generation',
    ]) {
      delete meta[generated];
    }
    meta.uid = this.uid();
    meta.resourceVersion = this.nextVersion();
    meta.creationTimestamp = this.timestamp();
    meta.managedFields = [
      this.entry(fieldManager ?? 'unknown', 'Update', r, fields),
    ];
    this.finish(r, object);
    this.objects.set(key, object);
    return structuredClone(object);
  }

  private entry(
    manager: string,
    operation: ManagedEntry['operation'],
    r: ResourceKind,
    fields: FieldSet,
  ): ManagedEntry {
    return {
      manager,
      operation,
      apiVersion: r.group ? `${r.group}/${r.version}` : r.version,
      time: this.timestamp(),
      fieldsType: 'FieldsV1',
      fieldsV1: fields,
    };
  }

  /**
   * Server-side apply: creates the object, or sets the fields the manager
   * sends, removes the ones it owned and no longer sends, and refuses (409)
   * to change a field another manager owns with a different value unless
   * `force` (which takes the field over). Lists are atomic.
   */
  apply(
    r: ResourceKind,
    namespace: string | undefined,
    name: string,
    body: unknown,
    fieldManager: string | undefined,
    force: boolean,
  ): { object: KubeObject; created: boolean } {
    if (!fieldManager) {
      throw new KubeStatusError(
        422,
        'Invalid',
        'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch',
        {
          group: 'meta.k8s.io',
          kind: 'PatchOptions',
          causes: [
            {
              reason: 'FieldValueRequired',
              message: 'Required value: is required for apply patch',
              field: 'fieldManager',
            },
          ],
        },
      );
    }
    const applied = this.checkBody(r, namespace, body, name);
    if (
      !isObject(body) ||
      (body as any).apiVersion === undefined ||
      (body as any).kind === undefined
    ) {
      throw new KubeStatusError(
        400,
        'BadRequest',
        'apiVersion and kind must be set in an apply patch',
      );
    }
    this.requireNamespace(r, namespace);
    const key = this.key(r, namespace, name);
    const existing = this.objects.get(key);
    const appliedFields = fieldSetOf(applied);
    const appliedLeaves = leaves(appliedFields);
    if (!existing) {
      const created = this.create(r, namespace, applied, fieldManager);
      const stored = this.objects.get(key)!;
      stored.metadata.managedFields = [
        this.entry(fieldManager, 'Apply', r, appliedFields),
      ];
      return {
        object: structuredClone({
          ...created,
          metadata: {
            ...created.metadata,
            managedFields: stored.metadata.managedFields,
          },
        }),
        created: true,
      };
    }
    const entries = (existing.metadata.managedFields ?? []) as ManagedEntry[];
    const conflicts: { manager: string; path: string[] }[] = [];
    for (const entry of entries) {
      if (entry.manager === fieldManager && entry.operation === 'Apply')
        continue;
      for (const owned of leaves(entry.fieldsV1)) {
        for (const path of appliedLeaves) {
          if (!overlaps(owned, path)) continue;
          const before = getAt(existing, owned);
          const after = getAt(applied, owned);
          if (
            samePath(owned, path) &&
            JSON.stringify(before) === JSON.stringify(after)
          )
            continue;
          conflicts.push({ manager: entry.manager, path: owned });
        }
      }
    }
    if (conflicts.length && !force) {
      const lines = conflicts.map(
        c => `conflict with "${c.manager}": .${c.path.join('.')}`,
      );
      throw new KubeStatusError(
        409,
        'Conflict',
        conflicts.length === 1
          ? `Apply failed with 1 conflict: ${lines[0]}`
          : `Apply failed with ${conflicts.length} conflicts: ${lines.join(
              '\n',
            )}`,
        {
          causes: conflicts.map(c => ({
            reason: 'FieldManagerConflict',
            message: `conflict with "${c.manager}"`,
            field: `.${c.path.join('.')}`,
          })),
        },
      );
    }
    const next = structuredClone(existing);
    const mine = entries.find(
      e => e.manager === fieldManager && e.operation === 'Apply',
    );
    const others = entries.filter(e => e !== mine);
    // Fields this manager owned and no longer applies go, unless shared.
    for (const owned of mine ? leaves(mine.fieldsV1) : []) {
      if (appliedLeaves.some(p => samePath(p, owned))) continue;
      if (others.some(e => leaves(e.fieldsV1).some(p => samePath(p, owned))))
        continue;
      deleteAt(next, owned);
    }
    for (const path of appliedLeaves) setAt(next, path, getAt(applied, path));
    // Forced (or equal) fields: the other managers give them up or share them.
    const kept: ManagedEntry[] = [];
    for (const entry of others) {
      const remaining = leaves(entry.fieldsV1).filter(
        owned =>
          !conflicts.some(
            c => c.manager === entry.manager && samePath(c.path, owned),
          ),
      );
      if (remaining.length)
        kept.push({ ...entry, fieldsV1: setFromLeaves(remaining) });
    }
    kept.push(this.entry(fieldManager, 'Apply', r, appliedFields));
    next.metadata.managedFields = kept;
    const changed =
      JSON.stringify({
        ...next,
        metadata: { ...next.metadata, managedFields: undefined },
      }) !==
        JSON.stringify({
          ...existing,
          metadata: { ...existing.metadata, managedFields: undefined },
        }) ||
      JSON.stringify(kept.map(e => [e.manager, e.fieldsV1])) !==
        JSON.stringify(entries.map(e => [e.manager, e.fieldsV1]));
    if (!changed) return { object: structuredClone(existing), created: false };
    this.finish(r, next);
    next.metadata.resourceVersion = this.nextVersion();
    if (next.metadata.generation !== undefined) next.metadata.generation += 1;
    this.objects.set(key, next);
    return { object: structuredClone(next), created: false };
  }

  delete(
    r: ResourceKind,
    namespace: string | undefined,
    name: string,
  ): KubeObject {
    const key = this.key(r, namespace, name);
    const found = this.objects.get(key);
    if (!found) throw notFound(r, name);
    this.objects.delete(key);
    if (r.kind === 'Namespace') {
      // Everything in the namespace goes with it (at once, in the sandbox).
      for (const [k, o] of this.objects) {
        if (o.metadata.namespace === name) this.objects.delete(k);
      }
      const gone = structuredClone(found);
      gone.metadata.resourceVersion = this.nextVersion();
      gone.metadata.deletionTimestamp = this.timestamp();
      gone.status = { phase: 'Terminating' };
      return gone;
    }
    this.nextVersion();
    return structuredClone(found);
  }
}

function parseLabelSelector(
  selector?: string,
): (labels: Record<string, string>) => boolean {
  if (!selector) return () => true;
  const terms = selector
    .split(',')
    .map(t => t.trim())
    .filter(Boolean);
  return labels =>
    terms.every(term => {
      let found = /^([^!=]+)!=(.*)$/.exec(term);
      if (found) return labels[found[1].trim()] !== found[2].trim();
      found = /^([^=]+)==?(.*)$/.exec(term);
      if (found) return labels[found[1].trim()] === found[2].trim();
      if (term.startsWith('!')) return !(term.slice(1) in labels);
      return term in labels;
    });
}

export function resource(plural: string): ResourceKind {
  const found = KUBERNETES_RESOURCES.find(r => r.plural === plural);
  if (!found) throw new Error(`unknown resource ${plural}`);
  return found;
}

/** The Kubernetes API of every sandbox EKS cluster. */
export class KubernetesStore {
  private clusters = new Map<string, KubernetesCluster>();

  constructor(
    private readonly clock: Clock,
    private readonly seed: number,
    private readonly demoData: boolean,
    private readonly clusterNames: string[],
  ) {
    this.reset();
  }

  reset(): void {
    this.clusters.clear();
    const random = new Random(this.seed ^ 0x8e5);
    for (const name of this.clusterNames) {
      const cluster = new KubernetesCluster(name, this.clock, random);
      this.clusters.set(name, cluster);
      for (const ns of [
        'default',
        'kube-system',
        'kube-public',
        'kube-node-lease',
      ]) {
        cluster.create(
          resource('namespaces'),
          undefined,
          { metadata: { name: ns } },
          'kube-apiserver',
        );
      }
    }
    if (!this.demoData) return;
    const seedNamespace = (cluster: string, namespace: string, team: string) =>
      this.clusters.get(cluster)?.create(
        resource('namespaces'),
        undefined,
        {
          metadata: {
            name: namespace,
            labels: { team, 'app.kubernetes.io/managed-by': 'emr-eks-portal' },
          },
        },
        'kubectl-create',
      );
    for (const vc of Object.values(DEMO.virtualClusters)) {
      seedNamespace(DEMO.eksClusterName, vc.namespace, vc.team);
    }
    for (const vc of Object.values(DEMO.secondaryRegion.virtualClusters)) {
      seedNamespace(DEMO.secondaryRegion.eksClusterName, vc.namespace, vc.team);
    }
  }

  cluster(name: string): KubernetesCluster | undefined {
    return this.clusters.get(name);
  }

  clusterNamesList(): string[] {
    return [...this.clusters.keys()];
  }
}

function apiResourceList(groupVersion: string, resources: ResourceKind[]) {
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion,
    resources: resources.map(r => ({
      name: r.plural,
      singularName: r.singular,
      namespaced: r.namespaced,
      kind: r.kind,
      verbs: ['create', 'delete', 'get', 'list', 'patch'],
      ...(r.shortNames ? { shortNames: r.shortNames } : {}),
    })),
  };
}

const GROUPS = [
  ...new Set(KUBERNETES_RESOURCES.filter(r => r.group).map(r => r.group)),
];

function sendStatus(res: Response, error: KubeStatusError): void {
  res.status(error.code).json(error.toStatus());
}

/** Items of a list as the API server sends them: without kind and apiVersion. */
function listJson(r: ResourceKind, items: KubeObject[], version: string) {
  return {
    kind: `${r.kind}List`,
    apiVersion: r.group ? `${r.group}/${r.version}` : r.version,
    metadata: { resourceVersion: version },
    items: items.map(({ kind: _k, apiVersion: _a, ...rest }) => rest),
  };
}

export interface KubernetesService extends SandboxService {
  store: KubernetesStore;
}

export function createKubernetesService(options: {
  clock: Clock;
  seed: number;
  demoData: boolean;
  intercept?: (operation: string, req: Request) => void | Promise<void>;
}): KubernetesService {
  const store = new KubernetesStore(
    options.clock,
    options.seed,
    options.demoData,
    [DEMO.eksClusterName, DEMO.secondaryRegion.eksClusterName],
  );
  const router = express.Router();
  router.use(express.text({ type: () => true, limit: '3mb' }));
  router.use(async (req: Request, res: Response, next: NextFunction) => {
    try {
      const parts = req.path.split('/').filter(Boolean).map(decodeURIComponent);
      // parts[0] === 'k8s'
      const clusterName = parts[1];
      const cluster = clusterName ? store.cluster(clusterName) : undefined;
      if (!cluster) {
        res.status(404).type('text/plain').send('404 page not found\n');
        return;
      }
      const rest = parts.slice(2);
      const query = new URL(req.originalUrl, 'http://sandbox').searchParams;
      if (req.method === 'GET') {
        const path = rest.join('/');
        if (path === 'version') {
          res.json(KUBERNETES_VERSION);
          return;
        }
        if (path === 'api') {
          res.json({
            kind: 'APIVersions',
            versions: ['v1'],
            serverAddressByClientCIDRs: [
              { clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1:443' },
            ],
          });
          return;
        }
        if (path === 'api/v1') {
          res.json(
            apiResourceList(
              'v1',
              KUBERNETES_RESOURCES.filter(r => !r.group),
            ),
          );
          return;
        }
        if (path === 'apis') {
          res.json({
            kind: 'APIGroupList',
            apiVersion: 'v1',
            groups: GROUPS.map(group => ({
              name: group,
              versions: [{ groupVersion: `${group}/v1`, version: 'v1' }],
              preferredVersion: { groupVersion: `${group}/v1`, version: 'v1' },
            })),
          });
          return;
        }
        if (
          rest[0] === 'apis' &&
          rest.length === 3 &&
          GROUPS.includes(rest[1]) &&
          rest[2] === 'v1'
        ) {
          res.json(
            apiResourceList(
              `${rest[1]}/v1`,
              KUBERNETES_RESOURCES.filter(r => r.group === rest[1]),
            ),
          );
          return;
        }
      }
      // /api/v1/... or /apis/<group>/<version>/...
      let group: string;
      let tail: string[];
      if (rest[0] === 'api' && rest[1] === 'v1') {
        group = '';
        tail = rest.slice(2);
      } else if (rest[0] === 'apis' && rest[2] === 'v1') {
        group = rest[1];
        tail = rest.slice(3);
      } else {
        res.status(404).type('text/plain').send('404 page not found\n');
        return;
      }
      let namespace: string | undefined;
      let plural: string | undefined;
      let name: string | undefined;
      if (tail[0] === 'namespaces' && tail.length >= 3 && group !== '') {
        [, namespace, plural, name] = tail;
      } else if (tail[0] === 'namespaces' && tail.length >= 3 && group === '') {
        [, namespace, plural, name] = tail;
      } else {
        [plural, name] = tail;
      }
      if (tail.length > 4 || (tail[0] !== 'namespaces' && tail.length > 2)) {
        res.status(404).type('text/plain').send('404 page not found\n');
        return;
      }
      const r = KUBERNETES_RESOURCES.find(
        k => k.plural === plural && k.group === group,
      );
      if (!r || (namespace !== undefined && !r.namespaced)) {
        res.status(404).type('text/plain').send('404 page not found\n');
        return;
      }
      const body = (): unknown => {
        const text = typeof req.body === 'string' ? req.body : '';
        try {
          return JSON.parse(text);
        } catch {
          throw new KubeStatusError(
            400,
            'BadRequest',
            'the body of the request could not be decoded as JSON (the sandbox reads YAML only in its JSON form)',
          );
        }
      };
      const fieldManager = query.get('fieldManager') ?? undefined;
      if (
        r.namespaced &&
        namespace === undefined &&
        !(req.method === 'GET' && name === undefined)
      ) {
        res.status(404).type('text/plain').send('404 page not found\n');
        return;
      }
      if (req.method === 'GET' && name === undefined) {
        await options.intercept?.('k8s:list', req);
        if (namespace !== undefined && !cluster.hasNamespace(namespace)) {
          // A list in a missing namespace is empty, as on the API server.
        }
        res.json(
          listJson(
            r,
            cluster.list(r, namespace, query.get('labelSelector') ?? undefined),
            cluster.currentVersion(),
          ),
        );
        return;
      }
      if (req.method === 'GET') {
        await options.intercept?.('k8s:get', req);
        res.json(cluster.get(r, namespace, name!));
        return;
      }
      if (req.method === 'POST' && name === undefined) {
        await options.intercept?.('k8s:create', req);
        res
          .status(201)
          .json(cluster.create(r, namespace, body(), fieldManager));
        return;
      }
      if (req.method === 'PATCH' && name !== undefined) {
        await options.intercept?.('k8s:apply', req);
        const type = (req.headers['content-type'] ?? '').split(';')[0].trim();
        if (type !== 'application/apply-patch+yaml') {
          throw new KubeStatusError(
            415,
            'UnsupportedMediaType',
            `the server does not support the patch type "${type}" here (the sandbox serves server-side apply: application/apply-patch+yaml)`,
          );
        }
        const force = query.get('force') === 'true';
        const { object, created } = cluster.apply(
          r,
          namespace,
          name,
          body(),
          fieldManager,
          force,
        );
        res.status(created ? 201 : 200).json(object);
        return;
      }
      if (req.method === 'DELETE' && name !== undefined) {
        await options.intercept?.('k8s:delete', req);
        const gone = cluster.delete(r, namespace, name);
        if (r.kind === 'Namespace') {
          res.json(gone);
          return;
        }
        res.json({
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Success',
          details: { ...details(r, name), uid: gone.metadata.uid },
        });
        return;
      }
      throw new KubeStatusError(
        405,
        'MethodNotAllowed',
        `the server does not allow this method on the requested resource`,
      );
    } catch (error) {
      next(error);
    }
  });
  router.use(
    (error: unknown, _req: Request, res: Response, _next: NextFunction) => {
      if (error instanceof KubeStatusError) {
        sendStatus(res, error);
        return;
      }
      const aws = error as { code?: string; status?: number; message?: string };
      if (typeof aws.status === 'number') {
        // A fault from the sandbox's fault rules, as the API server would say it.
        const code = aws.status;
        const reasons: Record<number, string> = {
          429: 'TooManyRequests',
          503: 'ServiceUnavailable',
        };
        sendStatus(
          res,
          new KubeStatusError(
            code,
            reasons[code] ?? 'InternalError',
            aws.message ?? 'error',
          ),
        );
        return;
      }
      // eslint-disable-next-line no-console
      console.error('sandbox: unexpected error', error);
      sendStatus(
        res,
        new KubeStatusError(
          500,
          'InternalError',
          'Internal error in the sandbox',
        ),
      );
    },
  );
  return {
    name: KUBERNETES,
    paths: [KUBERNETES_PATH_PREFIX],
    store,
    router,
    operations: KUBERNETES_OPERATIONS,
    reset: () => store.reset(),
  };
}
