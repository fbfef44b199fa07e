import { SimNode, SimPod, Simulation } from './cluster';
import {
  Accumulate,
  AggregateProperty,
  compileFilter,
  FieldReader,
  FilterNode,
  Flavor,
  periodStart,
  sanitizeLabel,
  Window,
} from './query';
import { formatNumber, isoSeconds, sortedObject } from './format';

/*
 * Allocation sets, as the cost model computes them: each pod's (container's)
 * share of its node's cost over the part of its life inside a set, at the
 * node's CPU and RAM prices; idle cost is what the nodes cost beyond that.
 */

const HOUR = 3_600_000;
const GIB = 2 ** 30;

export const IDLE = '__idle__';
export const UNALLOCATED = '__unallocated__';

/** Allocation `properties`, in the order the cost model writes them. */
export interface AllocationProperties {
  cluster?: string;
  node?: string;
  container?: string;
  controller?: string;
  controllerKind?: string;
  namespace?: string;
  pod?: string;
  services?: string[];
  providerID?: string;
  labels?: Record<string, string>;
  namespaceLabels?: Record<string, string>;
}

/** Running totals of one allocation; averages are derived when written. */
interface Totals {
  start: number;
  end: number;
  properties: AllocationProperties;
  idle: boolean;
  /** How many pod allocations (or idle pieces) went into it. */
  members: number;
  cpuCoreHours: number;
  cpuRequestCoreHours: number;
  cpuUsageCoreHours: number;
  ramByteHours: number;
  ramRequestByteHours: number;
  ramUsageByteHours: number;
  cpuCost: number;
  ramCost: number;
  cpuCostIdle: number;
  ramCostIdle: number;
  networkTransferBytes: number;
  networkReceiveBytes: number;
  raw?: { cpuCoreUsageMax: number; ramByteUsageMax: number };
}

export interface AllocationQuery {
  sets: Window[];
  aggregate: AggregateProperty[];
  accumulate: Accumulate;
  filter?: FilterNode;
  idle: boolean;
  shareIdle: boolean;
  splitIdle: boolean;
  idleByNode: boolean;
}

export interface AllocationSet {
  window: Window;
  items: Map<string, Totals>;
}

/** The properties of a pod's allocation (labels sanitized, as Kubecost has them). */
export function podProperties(pod: SimPod): AllocationProperties {
  const namespaceLabels = { kubernetes_io_metadata_name: pod.namespace };
  const labels: Record<string, string> = {};
  for (const [name, value] of Object.entries(pod.labels)) {
    labels[sanitizeLabel(name)] = value;
  }
  // Kubecost adds the namespace's labels and the node's instance type.
  Object.assign(labels, namespaceLabels, {
    node_kubernetes_io_instance_type: pod.node.instanceType,
  });
  return {
    cluster: pod.cluster,
    node: pod.node.name,
    container: pod.container,
    ...(pod.controller
      ? { controller: pod.controller, controllerKind: pod.controllerKind }
      : {}),
    namespace: pod.namespace,
    pod: pod.name,
    ...(pod.services ? { services: [...pod.services] } : {}),
    providerID: pod.node.providerID,
    labels: sortedObject(labels),
    namespaceLabels,
  };
}

const propertiesCache = new WeakMap<SimPod, AllocationProperties>();

/** A pod's properties, worked out once per simulated pod. */
function propertiesOf(pod: SimPod): AllocationProperties {
  let properties = propertiesCache.get(pod);
  if (!properties) {
    properties = podProperties(pod);
    propertiesCache.set(pod, properties);
  }
  return properties;
}

/** Filter fields of allocations (v2 names, and the v1 parameters' names). */
const ALLOCATION_FIELDS: Record<string, FieldReader<AllocationProperties>> = {
  cluster: p => p.cluster,
  node: p => p.node,
  namespace: p => p.namespace,
  controllerKind: p => p.controllerKind,
  controllerName: p => p.controller,
  controller: p => p.controller,
  pod: p => p.pod,
  container: p => p.container,
  services: p => p.services ?? [],
  providerID: p => p.providerID,
  label: (p, key) => (key ? p.labels?.[key] : undefined),
  annotation: () => undefined,
};

/** The v1 `filterX` parameters of allocation queries and their fields. */
export const LEGACY_ALLOCATION_FILTERS: Record<string, string> = {
  filterClusters: 'cluster',
  filterNodes: 'node',
  filterNamespaces: 'namespace',
  filterControllerKinds: 'controllerKind',
  filterControllers: 'controllerName',
  filterPods: 'pod',
  filterContainers: 'container',
  filterServices: 'services',
  filterLabels: 'label',
  filterAnnotations: 'annotation',
};

/** Validates the filter's fields (throws KubecostError) and returns a predicate. */
export function allocationFilter(filter: FilterNode | undefined) {
  return compileFilter(filter, ALLOCATION_FIELDS);
}

/** Fields idle cost can be filtered by: it belongs to nodes, not pods. */
const IDLE_FIELDS = new Set(['cluster', 'node', 'providerid']);

function emptyTotals(
  start: number,
  end: number,
  properties: AllocationProperties,
  idle: boolean,
): Totals {
  return {
    start,
    end,
    properties,
    idle,
    members: 1,
    cpuCoreHours: 0,
    cpuRequestCoreHours: 0,
    cpuUsageCoreHours: 0,
    ramByteHours: 0,
    ramRequestByteHours: 0,
    ramUsageByteHours: 0,
    cpuCost: 0,
    ramCost: 0,
    cpuCostIdle: 0,
    ramCostIdle: 0,
    networkTransferBytes: 0,
    networkReceiveBytes: 0,
  };
}

/** Allocation property names, in the order the cost model writes them. */
const PROPERTY_NAMES = [
  'cluster',
  'node',
  'container',
  'controller',
  'controllerKind',
  'namespace',
  'pod',
  'services',
  'providerID',
  'labels',
  'namespaceLabels',
] as const;

/**
 * Properties all the members share: equal values, the same services, and
 * the label pairs they all have.
 */
function intersect(
  a: AllocationProperties,
  b: AllocationProperties,
): AllocationProperties {
  const out: Record<string, unknown> = {};
  for (const name of PROPERTY_NAMES) {
    const left = a[name];
    const right = b[name];
    if (left === undefined || right === undefined) continue;
    if (typeof left === 'string' || Array.isArray(left)) {
      if (String(left) === String(right)) out[name] = left;
      continue;
    }
    const other = right as Record<string, string>;
    const common = Object.entries(left).filter(([k, v]) => other[k] === v);
    if (common.length) out[name] = Object.fromEntries(common);
  }
  return out as AllocationProperties;
}

function add(into: Totals, more: Totals): void {
  into.start = Math.min(into.start, more.start);
  into.end = Math.max(into.end, more.end);
  into.properties = intersect(into.properties, more.properties);
  into.members += more.members;
  into.cpuCoreHours += more.cpuCoreHours;
  into.cpuRequestCoreHours += more.cpuRequestCoreHours;
  into.cpuUsageCoreHours += more.cpuUsageCoreHours;
  into.ramByteHours += more.ramByteHours;
  into.ramRequestByteHours += more.ramRequestByteHours;
  into.ramUsageByteHours += more.ramUsageByteHours;
  into.cpuCost += more.cpuCost;
  into.ramCost += more.ramCost;
  into.cpuCostIdle += more.cpuCostIdle;
  into.ramCostIdle += more.ramCostIdle;
  into.networkTransferBytes += more.networkTransferBytes;
  into.networkReceiveBytes += more.networkReceiveBytes;
  into.raw = undefined;
}

const copy = (t: Totals): Totals => ({ ...t, properties: { ...t.properties } });

/** One pod's allocation within [start, end), or undefined if it was not running. */
function podTotals(
  pod: SimPod,
  properties: AllocationProperties,
  set: Window,
): Totals | undefined {
  const start = Math.max(pod.start, set.start);
  const end = Math.min(pod.end, set.end);
  if (end <= start) return undefined;
  const hours = (end - start) / HOUR;
  const cores = Math.max(pod.cpuRequest, pod.cpuUsage);
  const bytes = Math.max(pod.ramRequest, pod.ramUsage);
  const t = emptyTotals(start, end, properties, false);
  t.cpuCoreHours = cores * hours;
  t.cpuRequestCoreHours = pod.cpuRequest * hours;
  t.cpuUsageCoreHours = pod.cpuUsage * hours;
  t.ramByteHours = bytes * hours;
  t.ramRequestByteHours = pod.ramRequest * hours;
  t.ramUsageByteHours = pod.ramUsage * hours;
  t.cpuCost = t.cpuCoreHours * pod.node.cpuPerCoreHour;
  t.ramCost = (t.ramByteHours / GIB) * pod.node.ramPerGiBHour;
  t.networkTransferBytes = pod.txPerHour * hours;
  t.networkReceiveBytes = pod.rxPerHour * hours;
  t.raw = {
    cpuCoreUsageMax: pod.cpuUsage * 1.25,
    ramByteUsageMax: Math.min(pod.ramUsage * 1.1, pod.ramRequest),
  };
  return t;
}

/** What a node cost within a set, and how much of it its pods used. */
function nodeIdle(
  node: SimNode,
  set: Window,
  podCosts: Totals[],
): Totals | undefined {
  const start = Math.max(node.start, set.start);
  const end = Math.min(node.end, set.end);
  if (end <= start) return undefined;
  const hours = (end - start) / HOUR;
  const t = emptyTotals(
    start,
    end,
    { cluster: node.cluster, node: node.name, providerID: node.providerID },
    true,
  );
  t.cpuCoreHours = node.cores * hours;
  t.ramByteHours = node.ramBytes * hours;
  t.cpuCost = t.cpuCoreHours * node.cpuPerCoreHour;
  t.ramCost = (t.ramByteHours / GIB) * node.ramPerGiBHour;
  for (const used of podCosts) {
    t.cpuCoreHours -= used.cpuCoreHours;
    t.ramByteHours -= used.ramByteHours;
    t.cpuCost -= used.cpuCost;
    t.ramCost -= used.ramCost;
  }
  for (const key of [
    'cpuCoreHours',
    'ramByteHours',
    'cpuCost',
    'ramCost',
  ] as const) {
    t[key] = Math.max(0, t[key]);
  }
  return t;
}

/** The aggregation key of an allocation: its values joined by `/`. */
function keyOf(
  p: AllocationProperties,
  aggregate: AggregateProperty[],
): string {
  if (aggregate.length === 0) {
    return [p.cluster, p.node, p.namespace, p.pod, p.container]
      .map(v => v ?? '')
      .join('/');
  }
  return aggregate
    .map(prop => {
      switch (prop.kind) {
        case 'label':
          return p.labels?.[prop.name];
        case 'annotation':
          return undefined;
        case 'service':
          return p.services?.[0];
        case 'controller':
          return p.controller && `${p.controllerKind}:${p.controller}`;
        default:
          return p[prop.kind];
      }
    })
    .map(v => (v === undefined || v === '' ? UNALLOCATED : v))
    .join('/');
}

/**
 * Computes allocation sets. Pods are matched against the filter; idle cost
 * (when asked for) is per cluster, or per node with idleByNode, and only
 * filtered by cluster, node and providerID. shareIdle spreads it over the
 * cluster's (or node's) allocations by their CPU and RAM cost instead.
 */
export function computeAllocations(
  simulation: Simulation,
  query: AllocationQuery,
): AllocationSet[] {
  const matches = allocationFilter(query.filter);

  const sets = query.sets.map(window => {
    const perNode = new Map<SimNode, Totals[]>();
    for (const pod of simulation.pods) {
      if (pod.end <= window.start || pod.start >= window.end) continue;
      const totals = podTotals(pod, propertiesOf(pod), window);
      if (!totals) continue;
      const list = perNode.get(pod.node);
      if (list) list.push(totals);
      else perNode.set(pod.node, [totals]);
    }
    const idle: Totals[] = [];
    for (const node of simulation.nodes) {
      if (node.end <= window.start || node.start >= window.end) continue;
      const piece = nodeIdle(node, window, perNode.get(node) ?? []);
      if (piece) idle.push(piece);
    }
    if (query.shareIdle) shareIdle(idle, perNode, query.idleByNode);

    const items = new Map<string, Totals>();
    const put = (key: string, totals: Totals) => {
      const known = items.get(key);
      if (known) add(known, totals);
      else items.set(key, copy(totals));
    };
    for (const list of perNode.values()) {
      for (const totals of list) {
        if (!matches(totals.properties)) continue;
        put(keyOf(totals.properties, query.aggregate), totals);
      }
    }
    if (query.idle && !query.shareIdle) {
      const groups = new Map<string, Totals>();
      for (const piece of idle) {
        if (!matches(piece.properties, f => IDLE_FIELDS.has(f))) continue;
        const owner = query.idleByNode
          ? piece.properties.node!
          : piece.properties.cluster!;
        const known = groups.get(owner);
        if (known) add(known, piece);
        else groups.set(owner, copy(piece));
      }
      for (const [owner, totals] of groups) {
        put(query.splitIdle ? `${owner}/${IDLE}` : IDLE, totals);
      }
    }
    return { window, items };
  });
  return accumulate(sets, query.accumulate);
}

/** Adds each cluster's (or node's) idle cost to its allocations, pro rata. */
function shareIdle(
  idle: Totals[],
  perNode: Map<SimNode, Totals[]>,
  byNode: boolean,
): void {
  const ownerOf = (p: AllocationProperties) => (byNode ? p.node! : p.cluster!);
  const pool = new Map<
    string,
    { cpu: number; ram: number; members: Totals[] }
  >();
  for (const piece of idle) {
    const owner = ownerOf(piece.properties);
    const entry = pool.get(owner) ?? { cpu: 0, ram: 0, members: [] };
    entry.cpu += piece.cpuCost;
    entry.ram += piece.ramCost;
    pool.set(owner, entry);
  }
  for (const list of perNode.values()) {
    for (const totals of list) {
      pool.get(ownerOf(totals.properties))?.members.push(totals);
    }
  }
  for (const { cpu, ram, members } of pool.values()) {
    const cpuBase = members.reduce((s, t) => s + t.cpuCost, 0);
    const ramBase = members.reduce((s, t) => s + t.ramCost, 0);
    for (const t of members) {
      t.cpuCostIdle = cpuBase > 0 ? (cpu * t.cpuCost) / cpuBase : 0;
      t.ramCostIdle = ramBase > 0 ? (ram * t.ramCost) / ramBase : 0;
      t.cpuCost += t.cpuCostIdle;
      t.ramCost += t.ramCostIdle;
    }
  }
}

/** Sums sets: all into one, or those of the same hour, day, week or month. */
function accumulate(sets: AllocationSet[], how: Accumulate): AllocationSet[] {
  if (how === 'none' || sets.length <= 1) return sets;
  const out: AllocationSet[] = [];
  let current: AllocationSet | undefined;
  let period = NaN;
  for (const set of sets) {
    const p = how === 'all' ? 0 : periodStart(set.window.start, how);
    if (!current || p !== period) {
      current = { window: { ...set.window }, items: new Map() };
      out.push(current);
      period = p;
    }
    current.window.end = set.window.end;
    for (const [key, totals] of set.items) {
      const known = current.items.get(key);
      if (known) add(known, totals);
      else current.items.set(key, copy(totals));
    }
  }
  return out;
}

/** An allocation as Kubecost or OpenCost writes it. */
export function allocationJson(
  name: string,
  t: Totals,
  window: Window,
  flavor: Flavor,
): Record<string, unknown> {
  const n = (value: number) => formatNumber(value, flavor);
  const hours = (t.end - t.start) / HOUR;
  const perHour = (value: number) => (hours > 0 ? value / hours : 0);
  const cpuEfficiency = efficiency(t.cpuUsageCoreHours, t.cpuRequestCoreHours);
  const ramEfficiency = efficiency(t.ramUsageByteHours, t.ramRequestByteHours);
  const cost = t.cpuCost + t.ramCost;
  const totalEfficiency =
    t.idle || cost <= 0
      ? 0
      : (cpuEfficiency * (t.cpuCost - t.cpuCostIdle) +
          ramEfficiency * (t.ramCost - t.ramCostIdle)) /
        cost;
  const opencost = flavor === 'opencost';
  return {
    name,
    properties: propertiesJson(t.properties),
    window: { start: isoSeconds(window.start), end: isoSeconds(window.end) },
    start: isoSeconds(t.start),
    end: isoSeconds(t.end),
    minutes: n((t.end - t.start) / 60_000),
    cpuCores: n(perHour(t.cpuCoreHours)),
    cpuCoreRequestAverage: n(perHour(t.cpuRequestCoreHours)),
    cpuCoreUsageAverage: n(perHour(t.cpuUsageCoreHours)),
    cpuCoreHours: n(t.cpuCoreHours),
    cpuCost: n(t.cpuCost),
    cpuCostAdjustment: 0,
    ...(opencost ? { cpuCostIdle: n(t.cpuCostIdle) } : {}),
    cpuEfficiency: n(t.idle ? 0 : cpuEfficiency),
    gpuCount: 0,
    ...(opencost ? { gpuRequestAverage: 0, gpuUsageAverage: 0 } : {}),
    gpuHours: 0,
    gpuCost: 0,
    gpuCostAdjustment: 0,
    ...(opencost ? { gpuCostIdle: 0, gpuEfficiency: 0 } : {}),
    networkTransferBytes: n(t.networkTransferBytes),
    networkReceiveBytes: n(t.networkReceiveBytes),
    networkCost: 0,
    networkCrossZoneCost: 0,
    networkCrossRegionCost: 0,
    networkInternetCost: 0,
    networkCostAdjustment: 0,
    loadBalancerCost: 0,
    loadBalancerCostAdjustment: 0,
    pvBytes: 0,
    pvByteHours: 0,
    pvCost: 0,
    pvs: null,
    pvCostAdjustment: 0,
    ramBytes: n(perHour(t.ramByteHours)),
    ramByteRequestAverage: n(perHour(t.ramRequestByteHours)),
    ramByteUsageAverage: n(perHour(t.ramUsageByteHours)),
    ramByteHours: n(t.ramByteHours),
    ramCost: n(t.ramCost),
    ramCostAdjustment: 0,
    ...(opencost ? { ramCostIdle: n(t.ramCostIdle) } : {}),
    ramEfficiency: n(t.idle ? 0 : ramEfficiency),
    ...(opencost
      ? { externalCost: 0, sharedCost: 0 }
      : { sharedCost: 0, externalCost: 0 }),
    totalCost: n(cost),
    totalEfficiency: n(totalEfficiency),
    rawAllocationOnly:
      t.raw && t.members === 1
        ? {
            cpuCoreUsageMax: n(t.raw.cpuCoreUsageMax),
            ramByteUsageMax: n(t.raw.ramByteUsageMax),
          }
        : null,
    ...(opencost
      ? {
          proportionalAssetResourceCosts: {},
          lbAllocations: null,
          sharedCostBreakdown: {},
        }
      : {}),
  };
}

/** Used over requested; 1 when nothing was requested but something used. */
function efficiency(used: number, requested: number): number {
  if (requested > 0) return used / requested;
  return used > 0 ? 1 : 0;
}

function propertiesJson(p: AllocationProperties): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of PROPERTY_NAMES) {
    if (p[name] !== undefined) out[name] = p[name];
  }
  return out;
}

/** The `data` of an allocation response: one map per set, keys sorted. */
export function allocationData(
  sets: AllocationSet[],
  flavor: Flavor,
): Array<Record<string, unknown>> {
  return sets.map(set =>
    Object.fromEntries(
      [...set.items.keys()]
        .sort()
        .map(key => [
          key,
          allocationJson(key, set.items.get(key)!, set.window, flavor),
        ]),
    ),
  );
}
