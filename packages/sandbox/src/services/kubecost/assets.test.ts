import { testSandbox } from '../../__testUtils__';
import {
  DEFAULT_CPU_PRICE_PER_CORE_HOUR,
  DEFAULT_RAM_PRICE_PER_GIB_HOUR,
  ON_DEMAND_USD_PER_HOUR,
} from './pricing';

type Json = Record<string, any>;

const WINDOW = '2025-03-13T00:00:00Z,2025-03-14T00:00:00Z';
const GIB = 2 ** 30;

/** The exporter's assets request (v2 branch; over a week), as Python's requests sends it. */
const EXPORTER_QUERY = {
  window: '2025-03-07T00:00:00Z,2025-03-14T00:00:00Z',
  accumulate: 'False',
  filterCategories: 'compute',
  filterTypes: 'Node',
};

describe('Kubecost assets of the simulated clusters', () => {
  const { api } = testSandbox();

  const nodes = async (query: Record<string, string> = EXPORTER_QUERY) => {
    const res = await api.get('/model/assets').query(query).expect(200);
    return res.body.data.flatMap((set: Json) => Object.values(set)) as Json[];
  };

  it('answers the exporter’s query with Node assets only, each with an EC2 instance id and a capacity type label', async () => {
    const all = await nodes();
    expect(all.length).toBeGreaterThan(10);
    for (const node of all) {
      expect(node.type).toBe('Node');
      expect(node.properties.providerID).toMatch(/^i-0[0-9a-f]{16}$/);
      expect(node.properties.category).toBe('Compute');
      const mng = node.labels.eks_amazonaws_com_capacityType;
      const kp = node.labels.karpenter_sh_capacity_type;
      expect([mng, kp].filter(Boolean)).toHaveLength(1);
      // Managed node groups: ON_DEMAND | SPOT; Karpenter: on-demand | spot.
      expect(['ON_DEMAND', 'SPOT', undefined]).toContain(mng);
      expect(['on-demand', 'spot', undefined]).toContain(kp);
      expect(node.preemptible).toBe(/spot/i.test(mng ?? kp) ? 1 : 0);
      expect(node.labels.node_kubernetes_io_instance_type).toBe(node.nodeType);
      expect(Object.keys(node.labels).some(l => l.startsWith('label_'))).toBe(
        false,
      );
      for (const name of Object.keys(node.labels)) {
        expect(name).toMatch(/^[A-Za-z_][A-Za-z0-9_]*$/);
      }
    }
    const kinds = (label: string) =>
      new Set(all.map(n => n.labels[label]).filter(Boolean));
    expect(kinds('eks_amazonaws_com_capacityType')).toEqual(
      new Set(['ON_DEMAND', 'SPOT']),
    );
    expect(kinds('karpenter_sh_capacity_type')).toEqual(
      new Set(['on-demand', 'spot']),
    );
  });

  it('prices nodes like EC2: On-Demand at list price, Spot at 30-40% of it; CPU and RAM split the Kubecost way', async () => {
    const all = await nodes({
      window: '2025-03-07T00:00:00Z,2025-03-14T00:00:00Z',
      filterTypes: 'Node',
    });
    const perType = new Map<string, { spot: number[]; onDemand: number[] }>();
    for (const node of all) {
      const hours = node.minutes / 60;
      const hourly = node.totalCost / hours;
      const region =
        node.properties.cluster === 'analytics-eu' ? 'eu-west-1' : 'us-east-1';
      const list = ON_DEMAND_USD_PER_HOUR[region][node.nodeType];
      const spot = node.preemptible === 1;
      const [low, high] = spot ? [0.3, 0.4] : [1, 1];
      expect(hourly / list).toBeGreaterThanOrEqual(low - 1e-3);
      expect(hourly / list).toBeLessThanOrEqual(high + 1e-3);
      expect(node.cpuCost + node.ramCost).toBeCloseTo(node.totalCost, 5);
      const cpuRate = node.cpuCost / node.cpuCoreHours;
      const ramRate = node.ramCost / (node.ramByteHours / GIB);
      expect(cpuRate / ramRate).toBeCloseTo(
        DEFAULT_CPU_PRICE_PER_CORE_HOUR / DEFAULT_RAM_PRICE_PER_GIB_HOUR,
        1,
      );
      const key = `${region}/${node.nodeType}`;
      const entry = perType.get(key) ?? { spot: [], onDemand: [] };
      (spot ? entry.spot : entry.onDemand).push(hourly);
      perType.set(key, entry);
    }
    const compared = [...perType.values()].filter(
      e => e.spot.length && e.onDemand.length,
    );
    expect(compared.length).toBeGreaterThan(0);
    for (const { spot, onDemand } of compared) {
      expect(Math.max(...spot)).toBeLessThan(Math.min(...onDemand));
    }
  });

  it('joins with allocations on providerID, pod costs at the node’s CPU and RAM prices', async () => {
    const all = await nodes({ window: WINDOW, filterTypes: 'Node' });
    const byId = new Map(all.map(n => [n.properties.providerID, n]));
    const res = await api
      .get('/model/allocation/compute')
      .query({ window: WINDOW, idle: 'false' })
      .expect(200);
    const pods = Object.values(res.body.data[0]) as Json[];
    expect(pods.length).toBeGreaterThan(10);
    for (const pod of pods) {
      const node = byId.get(pod.properties.providerID);
      expect(node).toBeDefined();
      expect(node!.properties.name).toBe(pod.properties.node);
      const cpuRate = node!.cpuCost / node!.cpuCoreHours;
      const ramRate = node!.ramCost / (node!.ramByteHours / GIB);
      expect(pod.cpuCost).toBeCloseTo(pod.cpuCoreHours * cpuRate, 4);
      expect(pod.ramCost).toBeCloseTo((pod.ramByteHours / GIB) * ramRate, 4);
    }
  });

  it('filters with v2 filters and v1 parameters, case-insensitively for types and categories', async () => {
    const spot = await nodes({
      window: WINDOW,
      filter: 'assetType:"node"+label[karpenter.sh/capacity-type]:"spot"',
    });
    expect(spot.length).toBeGreaterThan(0);
    for (const node of spot) {
      expect(node.labels.karpenter_sh_capacity_type).toBe('spot');
    }
    const eu = await nodes({ window: WINDOW, filterClusters: 'analytics-eu' });
    expect(new Set(eu.map(a => a.properties.cluster))).toEqual(
      new Set(['analytics-eu']),
    );
    expect(eu.map(a => a.type)).toContain('ClusterManagement');
    const management = await nodes({
      window: WINDOW,
      filterCategories: 'MANAGEMENT',
    });
    expect(management.map(a => a.type)).toEqual([
      'ClusterManagement',
      'ClusterManagement',
    ]);
    expect(management[0].totalCost).toBeCloseTo(2.4, 5);
    const bad = await api
      .get('/model/assets')
      .query({ window: WINDOW, filter: 'colour:"red"' })
      .expect(400);
    expect(bad.body.message).toMatch(/unknown filter field: colour/);
  });

  it('aggregates by type, cluster or providerID, and accumulates', async () => {
    const byCluster = await api
      .get('/model/assets')
      .query({ window: WINDOW, aggregate: 'cluster', accumulate: 'true' })
      .expect(200);
    expect(Object.keys(byCluster.body.data[0]).sort()).toEqual([
      'analytics-eu',
      'analytics-shared',
    ]);
    // Nodes and the control plane together: a generic asset.
    expect(byCluster.body.data[0]['analytics-eu'].type).toBe('Any');
    const byType = await api
      .get('/model/assets')
      .query({ window: '7d', aggregate: 'type', accumulate: 'true' })
      .expect(200);
    expect(byType.body.data).toHaveLength(1);
    const daily = await api
      .get('/model/assets')
      .query({ window: '7d', aggregate: 'type' })
      .expect(200);
    expect(daily.body.data).toHaveLength(8);
    const sum = daily.body.data.reduce(
      (s: number, set: Json) => s + (set.Node?.totalCost ?? 0),
      0,
    );
    expect(sum).toBeCloseTo(byType.body.data[0].Node.totalCost, 3);
    await api
      .get('/model/assets')
      .query({ window: WINDOW, aggregate: 'colour' })
      .expect(400);
  });

  it('OpenCost /assets answers one set over the window, nodes with capacity labels', async () => {
    const res = await api
      .get('/opencost/assets')
      .query({ window: WINDOW, filter: 'cluster:"analytics-shared"' })
      .expect(200);
    const assets = Object.values(res.body.data) as Json[];
    const nodesOnly = assets.filter(a => a.type === 'Node');
    expect(nodesOnly.length).toBeGreaterThan(5);
    for (const node of nodesOnly) {
      expect(node.window).toEqual({
        start: '2025-03-13T00:00:00Z',
        end: '2025-03-14T00:00:00Z',
      });
      expect(node.properties.cluster).toBe('analytics-shared');
    }
  });
});
