/*
 * Server-side apply's field sets (FieldsV1) and the paths within objects they name.
 */

/** A FieldsV1 set: `{"f:metadata": {"f:labels": {"f:team": {}}}}`. */
export type FieldSet = Record<string, any>;

export interface ManagedEntry {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time: string;
  fieldsType: 'FieldsV1';
  fieldsV1: FieldSet;
}

export const isObject = (v: unknown): v is Record<string, any> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** Fields of an object SSA tracks: leaves are scalars, lists and empty maps. */
export function fieldSetOf(value: Record<string, any>, top = true): FieldSet {
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
export function leaves(set: FieldSet, prefix: string[] = []): string[][] {
  const out: string[][] = [];
  for (const [key, child] of Object.entries(set)) {
    const path = [...prefix, key.slice(2)];
    if (Object.keys(child).length === 0) out.push(path);
    else out.push(...leaves(child, path));
  }
  return out;
}

export function setFromLeaves(paths: string[][]): FieldSet {
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

export function getAt(obj: any, path: string[]): unknown {
  return path.reduce((o, k) => (isObject(o) ? o[k] : undefined), obj);
}

export function setAt(obj: any, path: string[], value: unknown): void {
  let node = obj;
  for (const key of path.slice(0, -1)) {
    if (!isObject(node[key])) node[key] = {};
    node = node[key];
  }
  node[path[path.length - 1]] = structuredClone(value);
}

export function deleteAt(obj: any, path: string[]): void {
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

export const samePath = (a: string[], b: string[]) =>
  a.length === b.length && a.every((k, i) => k === b[i]);
export const overlaps = (a: string[], b: string[]) => {
  const n = Math.min(a.length, b.length);
  return a.slice(0, n).every((k, i) => k === b[i]);
};
