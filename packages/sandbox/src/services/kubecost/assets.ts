import { DEMO } from '../../demo';
import { SimCluster, SimNode, Simulation } from './cluster';
import { formatNumber, isoSeconds, sortedObject } from './format';
import {
  Accumulate,
  compileFilter,
  FieldReader,
  FilterNode,
  Flavor,
  KubecostError,
  periodStart,
  sanitizeLabel,
  Window,
} from './query';

/*
 * Asset sets: the nodes (EC2 instances) and the EKS control plane of each
 * cluster, with what they cost within each set.
 */

const HOUR = 3_600_000;
const GIB = 2 ** 30;
const UNDEFINED = '__undefined__';

/** What EKS charges per cluster and hour. */
export const EKS_CLUSTER_USD_PER_HOUR = 0.1;

type AssetType = 'Node' | 'ClusterManagement';

export interface AssetProperties {
  category?: string;
  provider?: string;
  account?: string;
  project?: string;
  service?: string;
  cluster?: string;
  name?: string;
  providerID?: string;
}

interface AssetTotals {
  type: AssetType | 'Any';
  start: number;
  end: number;
  properties: AssetProperties;
  labels: Record<string, string>;
  members: number;
  nodeType?: string;
  pool?: string;
  cpuCoreHours: number;
  ramByteHours: number;
  cpuCost: number;
  ramCost: number;
  totalCost: number;
  /** Core-hours (byte-hours) used by user pods and by the system. */
  cpuUser: number;
  cpuSystem: number;
  ramUser: number;
  ramSystem: number;
  /** Minutes the members were preemptible (Spot). */
  preemptibleMinutes: number;
  memberMinutes: number;
  overheadCoreHours: number;
  overheadByteHours: number;
}

export interface AssetSet {
  window: Window;
  items: Map<string, AssetTotals>;
}

export type AssetAggregate =
  | 'account'
  | 'category'
  | 'cluster'
  | 'project'
  | 'provider'
  | 'providerID'
  | 'service'
  | 'type';

const AGGREGATES: Record<string, AssetAggregate> = {
  account: 'account',
  category: 'category',
  cluster: 'cluster',
  project: 'project',
  provider: 'provider',
  providerid: 'providerID',
  service: 'service',
  type: 'type',
};

/** `aggregate` of asset queries: comma-separated asset properties. */
export function parseAssetAggregate(raw: string | null): AssetAggregate[] {
  const text = (raw ?? '').trim();
  if (!text) return [];
  return text.split(',').map(part => {
    const prop = AGGREGATES[part.trim().toLowerCase()];
    if (!prop) {
      throw new KubecostError(
        `Invalid 'aggregate' parameter: unrecognized asset aggregation property: ${part.trim()}`,
      );
    }
    return prop;
  });
}

interface FilterableAsset {
  type: string;
  properties: AssetProperties;
  labels: Record<string, string>;
}

const ASSET_FIELDS: Record<string, FieldReader<FilterableAsset>> = {
  assetType: a => a.type,
  type: a => a.type,
  category: a => a.properties.category,
  cluster: a => a.properties.cluster,
  name: a => a.properties.name,
  providerID: a => a.properties.providerID,
  provider: a => a.properties.provider,
  account: a => a.properties.account,
  project: a => a.properties.project,
  service: a => a.properties.service,
  label: (a, key) => (key ? a.labels[key] : undefined),
};

/** The v1 `filterX` parameters of asset queries and their fields. */
export const LEGACY_ASSET_FILTERS: Record<string, string> = {
  filterCategories: 'category',
  filterTypes: 'assetType',
  filterClusters: 'cluster',
  filterProviders: 'provider',
  filterProviderIDs: 'providerID',
  filterAccounts: 'account',
  filterProjects: 'project',
  filterServices: 'service',
  filterLabels: 'label',
};

export function assetFilter(filter: FilterNode | undefined) {
  return compileFilter(filter, ASSET_FIELDS, [
    'assetType',
    'type',
    'category',
    'provider',
  ]);
}

function empty(
  type: AssetType,
  start: number,
  end: number,
  properties: AssetProperties,
  labels: Record<string, string>,
): AssetTotals {
  return {
    type,
    start,
    end,
    properties,
    labels,
    members: 1,
    cpuCoreHours: 0,
    ramByteHours: 0,
    cpuCost: 0,
    ramCost: 0,
    totalCost: 0,
    cpuUser: 0,
    cpuSystem: 0,
    ramUser: 0,
    ramSystem: 0,
    preemptibleMinutes: 0,
    memberMinutes: (end - start) / 60_000,
    overheadCoreHours: 0,
    overheadByteHours: 0,
  };
}

export function nodeLabels(node: SimNode): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [name, value] of Object.entries(node.labels)) {
    labels[sanitizeLabel(name)] = value;
  }
  return sortedObject(labels);
}

function nodeTotals(node: SimNode, set: Window): AssetTotals | undefined {
  const start = Math.max(node.start, set.start);
  const end = Math.min(node.end, set.end);
  if (end <= start) return undefined;
  const hours = (end - start) / HOUR;
  const t = empty(
    'Node',
    start,
    end,
    {
      category: 'Compute',
      provider: 'AWS',
      account: DEMO.accountId,
      service: 'Kubernetes',
      cluster: node.cluster,
      name: node.name,
      providerID: node.providerID,
    },
    nodeLabels(node),
  );
  t.nodeType = node.instanceType;
  t.pool = node.pool;
  t.cpuCoreHours = node.cores * hours;
  t.ramByteHours = node.ramBytes * hours;
  t.cpuCost = t.cpuCoreHours * node.cpuPerCoreHour;
  t.ramCost = (t.ramByteHours / GIB) * node.ramPerGiBHour;
  t.totalCost = t.cpuCost + t.ramCost;
  t.preemptibleMinutes = node.capacityType === 'spot' ? t.memberMinutes : 0;
  t.overheadCoreHours = (node.cores - node.allocatableCores) * hours;
  t.overheadByteHours = (node.ramBytes - node.allocatableRamBytes) * hours;
  // Some CPU and memory goes to the OS and kubelet; pods use the rest.
  t.cpuSystem = 0.02 * t.cpuCoreHours;
  t.ramSystem = 0.04 * t.ramByteHours;
  for (const pod of node.pods) {
    const a = Math.max(pod.start, start);
    const b = Math.min(pod.end, end);
    if (b <= a) continue;
    const h = (b - a) / HOUR;
    const system = pod.namespace === 'kube-system';
    if (system) {
      t.cpuSystem += pod.cpuUsage * h;
      t.ramSystem += pod.ramUsage * h;
    } else {
      t.cpuUser += pod.cpuUsage * h;
      t.ramUser += pod.ramUsage * h;
    }
  }
  return t;
}

function clusterManagement(
  cluster: SimCluster,
  set: Window,
  now: number,
): AssetTotals | undefined {
  const start = Math.max(cluster.since, set.start);
  const end = Math.min(now, set.end);
  if (end <= start) return undefined;
  const t = empty(
    'ClusterManagement',
    start,
    end,
    {
      category: 'Management',
      provider: 'AWS',
      account: DEMO.accountId,
      service: 'Kubernetes',
      cluster: cluster.name,
    },
    {},
  );
  t.totalCost = ((end - start) / HOUR) * EKS_CLUSTER_USD_PER_HOUR;
  return t;
}

/** `provider/account/project/category/cluster/type/service/providerID/name`. */
function assetKey(t: AssetTotals, aggregate: AssetAggregate[]): string {
  const p = t.properties;
  const parts =
    aggregate.length === 0
      ? [
          p.provider,
          p.account,
          p.project,
          p.category,
          p.cluster,
          t.type,
          p.service,
          p.providerID,
          p.name,
        ]
      : aggregate.map(prop => (prop === 'type' ? t.type : p[prop]));
  return parts.map(v => (v ? v : UNDEFINED)).join('/');
}

function add(into: AssetTotals, more: AssetTotals): void {
  into.type = into.type === more.type ? into.type : 'Any';
  into.start = Math.min(into.start, more.start);
  into.end = Math.max(into.end, more.end);
  const props: AssetProperties = {};
  for (const key of Object.keys(into.properties) as Array<
    keyof AssetProperties
  >) {
    if (into.properties[key] === more.properties[key]) {
      props[key] = into.properties[key];
    }
  }
  into.properties = props;
  into.labels = Object.fromEntries(
    Object.entries(into.labels).filter(([k, v]) => more.labels[k] === v),
  );
  if (into.nodeType !== more.nodeType) into.nodeType = undefined;
  if (into.pool !== more.pool) into.pool = undefined;
  into.members += more.members;
  for (const key of [
    'cpuCoreHours',
    'ramByteHours',
    'cpuCost',
    'ramCost',
    'totalCost',
    'cpuUser',
    'cpuSystem',
    'ramUser',
    'ramSystem',
    'preemptibleMinutes',
    'memberMinutes',
    'overheadCoreHours',
    'overheadByteHours',
  ] as const) {
    into[key] += more[key];
  }
}

const copy = (t: AssetTotals): AssetTotals => ({
  ...t,
  properties: { ...t.properties },
  labels: { ...t.labels },
});

export interface AssetQuery {
  sets: Window[];
  aggregate: AssetAggregate[];
  accumulate: Accumulate;
  filter?: FilterNode;
}

export function computeAssets(
  simulation: Simulation,
  query: AssetQuery,
): AssetSet[] {
  const matches = assetFilter(query.filter);
  const sets = query.sets.map(window => {
    const items = new Map<string, AssetTotals>();
    const put = (t: AssetTotals | undefined) => {
      if (!t || !matches(t)) return;
      const key = assetKey(t, query.aggregate);
      const known = items.get(key);
      if (known) add(known, t);
      else items.set(key, t);
    };
    for (const cluster of simulation.clusters) {
      put(clusterManagement(cluster, window, simulation.now));
    }
    for (const node of simulation.nodes) {
      if (node.end <= window.start || node.start >= window.end) continue;
      put(nodeTotals(node, window));
    }
    return { window, items };
  });
  if (query.accumulate === 'none' || sets.length <= 1) return sets;
  const out: AssetSet[] = [];
  let period = NaN;
  for (const set of sets) {
    const p =
      query.accumulate === 'all'
        ? 0
        : periodStart(set.window.start, query.accumulate);
    if (!out.length || p !== period) {
      out.push({ window: { ...set.window }, items: new Map() });
      period = p;
    }
    const current = out[out.length - 1];
    current.window.end = set.window.end;
    for (const [key, t] of set.items) {
      const known = current.items.get(key);
      if (known) add(known, t);
      else current.items.set(key, copy(t));
    }
  }
  return out;
}

function propertiesJson(p: AssetProperties): AssetProperties {
  const out: AssetProperties = {};
  for (const key of [
    'category',
    'provider',
    'account',
    'project',
    'service',
    'cluster',
    'name',
    'providerID',
  ] as const) {
    if (p[key]) out[key] = p[key];
  }
  return out;
}

function breakdown(user: number, system: number, total: number) {
  if (total <= 0) return { idle: 1, other: 0, system: 0, user: 0 };
  const u = Math.min(1, user / total);
  const s = Math.min(1 - u, system / total);
  return { idle: 1 - u - s, other: 0, system: s, user: u };
}

/** An asset as Kubecost or OpenCost writes it (`Node.MarshalJSON` and kin). */
export function assetJson(
  t: AssetTotals,
  window: Window,
  flavor: Flavor,
): Record<string, unknown> {
  const n = (value: number) => formatNumber(value, flavor);
  const head = {
    type: t.type,
    properties: propertiesJson(t.properties),
    labels: t.labels,
    window: { start: isoSeconds(window.start), end: isoSeconds(window.end) },
    start: isoSeconds(t.start),
    end: isoSeconds(t.end),
    minutes: n((t.end - t.start) / 60_000),
  };
  if (t.type !== 'Node') {
    return {
      ...head,
      ...(t.type === 'Any' ? { adjustment: 0 } : {}),
      totalCost: n(t.totalCost),
    };
  }
  const hours = (t.end - t.start) / HOUR;
  const cpuOverhead =
    t.cpuCoreHours > 0 ? t.overheadCoreHours / t.cpuCoreHours : 0;
  const ramOverhead =
    t.ramByteHours > 0 ? t.overheadByteHours / t.ramByteHours : 0;
  return {
    ...head,
    nodeType: t.nodeType ?? '',
    ...(t.pool ? { pool: t.pool } : {}),
    cpuCores: n(hours > 0 ? t.cpuCoreHours / hours : 0),
    ramBytes: n(hours > 0 ? t.ramByteHours / hours : 0),
    cpuCoreHours: n(t.cpuCoreHours),
    ramByteHours: n(t.ramByteHours),
    GPUHours: 0,
    cpuBreakdown: breakdown(t.cpuUser, t.cpuSystem, t.cpuCoreHours),
    ramBreakdown: breakdown(t.ramUser, t.ramSystem, t.ramByteHours),
    preemptible: n(
      t.memberMinutes > 0 ? t.preemptibleMinutes / t.memberMinutes : 0,
    ),
    discount: 0,
    cpuCost: n(t.cpuCost),
    gpuCost: 0,
    gpuCount: 0,
    ramCost: n(t.ramCost),
    adjustment: 0,
    overhead: {
      CpuOverheadFraction: cpuOverhead,
      RamOverheadFraction: ramOverhead,
      OverheadCostFraction:
        t.totalCost > 0
          ? (cpuOverhead * t.cpuCost + ramOverhead * t.ramCost) / t.totalCost
          : 0,
    },
    totalCost: n(t.totalCost),
  };
}

/** One asset set as a map, keys sorted. */
export function assetSetJson(set: AssetSet, flavor: Flavor) {
  return Object.fromEntries(
    [...set.items.keys()]
      .sort()
      .map(key => [key, assetJson(set.items.get(key)!, set.window, flavor)]),
  );
}
