import { Clock } from '../../clock';
import { Random } from '../../random';
import {
  KubeStatusError,
  details,
  invalid,
  invalidName,
  notFound,
  qualified,
} from './errors';
import {
  FieldSet,
  ManagedEntry,
  deleteAt,
  fieldSetOf,
  getAt,
  isObject,
  leaves,
  overlaps,
  samePath,
  setAt,
  setFromLeaves,
} from './fieldSets';
import { KubeObject, ResourceKind, resource } from './resources';

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
    fieldSelector?: string,
  ): KubeObject[] {
    const match = parseLabelSelector(labelSelector);
    const fields = parseFieldSelector(fieldSelector);
    return [...this.objects.values()]
      .filter(
        o =>
          o.kind === r.kind &&
          (!r.namespaced ||
            namespace === undefined ||
            o.metadata.namespace === namespace) &&
          match(o.metadata.labels ?? {}) &&
          fields(o),
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

  /**
   * Stores an object as a controller writes it (the simulated Spark Operator):
   * no validation; a new object gets a uid, and keeps a creationTimestamp it
   * brings (objects of the demo data are from the past).
   */
  put(r: ResourceKind, object: KubeObject): void {
    const stored = structuredClone(object);
    stored.kind = r.kind;
    stored.apiVersion = r.group ? `${r.group}/${r.version}` : r.version;
    stored.metadata.uid ??= this.uid();
    stored.metadata.creationTimestamp ??= this.timestamp();
    stored.metadata.resourceVersion = this.nextVersion();
    this.objects.set(
      this.key(r, stored.metadata.namespace, stored.metadata.name),
      stored,
    );
  }

  /** Deletes an object if it is there, with what it owns; for controllers. */
  remove(r: ResourceKind, namespace: string | undefined, name: string): void {
    if (this.find(r, namespace, name)) this.delete(r, namespace, name);
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
    this.collectOrphans(found.metadata.uid);
    return structuredClone(found);
  }

  /** The garbage collector: objects owned by a deleted one go too (foreground, at once). */
  private collectOrphans(uid: string): void {
    for (const [key, o] of [...this.objects]) {
      const owners = (o.metadata.ownerReferences ?? []) as { uid?: string }[];
      if (owners.some(owner => owner.uid === uid) && this.objects.has(key)) {
        this.objects.delete(key);
        this.collectOrphans(o.metadata.uid);
      }
    }
  }
}

/** `a.b=x,c!=y` on an object's fields (dotted paths), as the API server's field selectors. */
function parseFieldSelector(selector?: string): (o: KubeObject) => boolean {
  if (!selector) return () => true;
  const terms = selector
    .split(',')
    .map(t => t.trim())
    .filter(Boolean)
    .map(term => {
      const found = /^([^!=]+)(!=|==|=)(.*)$/.exec(term);
      if (!found) {
        throw new KubeStatusError(
          400,
          'BadRequest',
          `invalid selector: '${selector}'; can't understand '${term}'`,
        );
      }
      return {
        path: found[1].trim().split('.'),
        negate: found[2] === '!=',
        value: found[3].trim(),
      };
    });
  return o =>
    terms.every(({ path, negate, value }) => {
      const actual = path.reduce<any>((at, part) => at?.[part], o);
      return (String(actual ?? '') === value) !== negate;
    });
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
