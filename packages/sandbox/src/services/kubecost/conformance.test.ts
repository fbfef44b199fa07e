import { testSandbox } from '../../__testUtils__';
import { publishedCostResponse } from '../../fixtures';

/*
 * The sandbox's Kubecost and OpenCost answers have the structure of the real
 * responses in fixtures/kubecost (see its README for their sources): the same
 * envelopes, arrays of sets or a single set, and the same keys with the same
 * JSON types in Allocation, Node and ClusterManagement objects.
 */

type Json = Record<string, any>;
const fixture = publishedCostResponse;

const KUBECOST_UNAGGREGATED = fixture(
  'kubecost-docs-allocation-unaggregated-item.json',
);
const KUBECOST_COMPUTE_ITEM = fixture(
  'kubecost-docs-allocation-compute-unmounted-item.json',
);
const KUBECOST_ASSETS = fixture(
  'kubecost-docs-assets-window1w-aggregate-type-accumulate-true.json',
);
const KUBECOST_ASSETS_DAILY = fixture(
  'kubecost-docs-assets-window5d-aggregate-type-filterProviders-GCP.json',
);
const OPENCOST_SWAGGER = fixture(
  'opencost-swagger-allocation-compute-window2d-aggregate-namespace.json',
);
const OPENCOST_WEBSITE = fixture(
  'opencost-website-allocation-window7d-aggregate-namespace.json',
);
const OPENCOST_ASSETS = fixture('opencost-website-assets-window7d.json');

/** The real Kubecost allocation (the docs' first item; "...etc" is a placeholder). */
const realKubecostAllocation = Object.entries(
  KUBECOST_UNAGGREGATED.data[0] as Json,
).find(([key]) => key !== '...etc')![1] as Json;

/** Fields that hold an object (or a map) when there is something and null otherwise. */
const NULLABLE = new Set(['pvs', 'rawAllocationOnly', 'lbAllocations']);

/**
 * Fields OpenCost's AllocationJSON has beyond the published examples (the
 * fixtures' README lists them).
 */
const OPENCOST_EXTRA_FIELDS = [
  'cpuCostIdle',
  'gpuRequestAverage',
  'gpuUsageAverage',
  'gpuCostIdle',
  'gpuEfficiency',
  'ramCostIdle',
];

const ALLOCATION_PROPERTIES = [
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
  'annotations',
  'namespaceLabels',
  'namespaceAnnotations',
];

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'array' : typeof value;
}

/** Every key of `real` is in `ours`, with the same JSON type. */
function expectShapeOf(ours: Json, real: Json, what: string) {
  for (const [key, value] of Object.entries(real)) {
    expect({ what, key, has: key in ours }).toEqual({ what, key, has: true });
    const want = jsonType(value);
    const got = jsonType(ours[key]);
    if (NULLABLE.has(key)) {
      expect(['object', 'null']).toContain(got);
    } else {
      expect({ what, key, type: got }).toEqual({ what, key, type: want });
    }
  }
}

const keysOf = (...objects: Json[]) =>
  [...new Set(objects.flatMap(o => Object.keys(o)))].sort();

const WINDOW = '2025-03-13T09:00:00Z,2025-03-13T12:00:00Z';

describe('Kubecost and OpenCost conformance with the published responses', () => {
  const { api } = testSandbox();

  it('Kubecost /model/allocation: {code, data} envelope, an array of sets, Allocation keys and types as published', async () => {
    const res = await api
      .get('/model/allocation')
      .query({ window: WINDOW })
      .expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(Object.keys(res.body).sort()).toEqual(
      Object.keys(KUBECOST_UNAGGREGATED).sort(),
    );
    expect(res.body.code).toBe(200);
    expect(Array.isArray(res.body.data)).toBe(true);
    const items = res.body.data.flatMap((set: Json) => Object.entries(set));
    expect(items.length).toBeGreaterThan(10);
    for (const [key, item] of items as Array<[string, Json]>) {
      expect(item.name).toBe(key);
      // Exactly the fields Kubecost writes: the docs' item and the compute item.
      expect(Object.keys(item).sort()).toEqual(
        keysOf(realKubecostAllocation, KUBECOST_COMPUTE_ITEM),
      );
      expectShapeOf(item, realKubecostAllocation, 'allocation');
      expectShapeOf(item, KUBECOST_COMPUTE_ITEM, 'compute item');
      for (const property of Object.keys(item.properties)) {
        expect(ALLOCATION_PROPERTIES).toContain(property);
      }
      expect(item.window).toEqual({
        start: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
        end: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      });
    }
  });

  it('unaggregated keys are cluster/node/namespace/pod/container, and a pod has the published properties with their types', async () => {
    const res = await api
      .get('/model/allocation/compute')
      .query({ window: WINDOW, idle: 'false' })
      .expect(200);
    const items = Object.entries(res.body.data[0] as Json);
    const realKey: string[] = realKubecostAllocation.name.split('/');
    for (const [key, item] of items) {
      const parts = key.split('/');
      expect(parts).toHaveLength(realKey.length);
      const p = item.properties;
      expect(parts).toEqual([
        p.cluster,
        p.node,
        p.namespace,
        p.pod,
        p.container,
      ]);
    }
    // CoreDNS has a controller and a service, like the docs' pod.
    const coredns = items.find(([key]) => key.includes('/coredns-'))![1];
    expectShapeOf(
      coredns.properties,
      realKubecostAllocation.properties,
      'properties',
    );
    expect(coredns.rawAllocationOnly).toEqual({
      cpuCoreUsageMax: expect.any(Number),
      ramByteUsageMax: expect.any(Number),
    });
    expect(coredns.properties.providerID).toMatch(/^i-[0-9a-f]{17}$/);
  });

  it('OpenCost /allocation: {code, status, data} envelope and the published Allocation keys plus AllocationJSON’s', async () => {
    for (const route of [
      '/opencost/allocation',
      '/opencost/allocation/compute',
    ]) {
      const res = await api
        .get(route)
        .query({ window: WINDOW, aggregate: 'namespace' })
        .expect(200);
      expect(Object.keys(res.body).sort()).toEqual(
        Object.keys(OPENCOST_WEBSITE).sort(),
      );
      expect(res.body.status).toBe('success');
      expect(Array.isArray(res.body.data)).toBe(true);
      const real = [
        ...Object.values(OPENCOST_SWAGGER.data[0] as Json),
        ...Object.values(OPENCOST_WEBSITE.data[0] as Json),
      ];
      const published = keysOf(...real);
      for (const item of Object.values(res.body.data[0] as Json)) {
        expect(Object.keys(item).sort()).toEqual(
          [...published, ...OPENCOST_EXTRA_FIELDS].sort(),
        );
        for (const example of real) expectShapeOf(item, example, 'opencost');
        for (const property of Object.keys(item.properties)) {
          expect(ALLOCATION_PROPERTIES).toContain(property);
        }
      }
    }
  });

  it('Kubecost /model/assets: an array of (daily) sets; Node and ClusterManagement keys and types as published', async () => {
    const res = await api
      .get('/model/assets')
      .query({ window: WINDOW, accumulate: 'true' })
      .expect(200);
    expect(Object.keys(res.body).sort()).toEqual(
      Object.keys(KUBECOST_ASSETS).sort(),
    );
    expect(res.body.data).toHaveLength(KUBECOST_ASSETS.data.length);
    const realNode = KUBECOST_ASSETS.data[0].Node;
    const realOpenCostNode = Object.values(OPENCOST_ASSETS.data as Json).find(
      a => a.type === 'Node',
    );
    const assets = Object.values(res.body.data[0] as Json);
    const nodes = assets.filter(a => a.type === 'Node');
    expect(nodes.length).toBeGreaterThan(3);
    for (const node of nodes) {
      expect(Object.keys(node).sort()).toEqual(
        keysOf(realNode, realOpenCostNode),
      );
      expectShapeOf(node, realNode, 'kubecost node');
      expectShapeOf(node, realOpenCostNode, 'opencost node');
      expect(Object.keys(node.cpuBreakdown).sort()).toEqual(
        Object.keys(realNode.cpuBreakdown).sort(),
      );
      expectShapeOf(node.overhead, realOpenCostNode.overhead, 'overhead');
      expect(Object.keys(node.properties).sort()).toEqual(
        ['account', ...Object.keys(realOpenCostNode.properties)]
          .filter(k => k !== 'project')
          .sort(),
      );
    }
    const management = assets.filter(a => a.type === 'ClusterManagement');
    expect(management).toHaveLength(2);
    for (const item of management) {
      expect(Object.keys(item).sort()).toEqual(
        Object.keys(KUBECOST_ASSETS.data[0].ClusterManagement).sort(),
      );
      expectShapeOf(
        item,
        KUBECOST_ASSETS.data[0].ClusterManagement,
        'cluster management',
      );
    }
  });

  it('Kubecost assets without accumulate come in daily sets, as the published 5-day example', async () => {
    const res = await api
      .get('/model/assets')
      .query({
        window: '2025-03-10T00:00:00Z,2025-03-12T00:00:00Z',
        aggregate: 'type',
      })
      .expect(200);
    expect(res.body.data).toHaveLength(2);
    const realDay = KUBECOST_ASSETS_DAILY.data[0];
    for (const set of res.body.data as Json[]) {
      expect(Object.keys(set).sort()).toEqual(['ClusterManagement', 'Node']);
      expectShapeOf(set.Node, realDay.Node, 'aggregated node');
      expect(set.Node.minutes).toBeGreaterThan(0);
    }
  });

  it('OpenCost /assets: data is one AssetSet object keyed provider/account/project/category/cluster/type/service/providerID/name', async () => {
    const res = await api
      .get('/opencost/assets')
      .query({ window: WINDOW })
      .expect(200);
    expect(Object.keys(res.body).sort()).toEqual(
      Object.keys(OPENCOST_ASSETS).sort(),
    );
    expect(Array.isArray(res.body.data)).toBe(false);
    expect(Array.isArray(OPENCOST_ASSETS.data)).toBe(false);
    const realKey = Object.keys(OPENCOST_ASSETS.data)[0].split('/');
    const entries = Object.entries(res.body.data as Json);
    for (const [key, asset] of entries) {
      const parts = key.split('/');
      expect(parts).toHaveLength(realKey.length);
      expect(parts[5]).toBe(asset.type);
    }
    const nodeEntries = entries.filter(([, asset]) => asset.type === 'Node');
    expect(nodeEntries.length).toBeGreaterThan(3);
    for (const [key, asset] of nodeEntries) {
      expect(key.split('/')).toEqual([
        'AWS',
        '123456789012',
        '__undefined__',
        'Compute',
        asset.properties.cluster,
        'Node',
        'Kubernetes',
        asset.properties.providerID,
        asset.properties.name,
      ]);
    }
  });

  it('errors look like OpenCost’s: {"code":400,"status":"","data":null,"message":"Error: …"}', async () => {
    for (const route of [
      '/model/allocation/compute',
      '/model/allocation',
      '/model/assets',
      '/opencost/allocation',
      '/opencost/assets',
    ]) {
      const res = await api
        .get(route)
        .query({ window: 'last-tuesday' })
        .expect(400);
      expect(res.body).toEqual({
        code: 400,
        status: '',
        data: null,
        message:
          "Error: Invalid 'window' parameter: illegal window: last-tuesday",
      });
    }
    const bad = await api
      .get('/model/allocation/compute')
      .query({ window: '1d', aggregate: 'pod,flavour' })
      .expect(400);
    expect(bad.body.message).toBe(
      "Error: Invalid 'aggregate' parameter: unrecognized aggregation property: flavour",
    );
  });
});
