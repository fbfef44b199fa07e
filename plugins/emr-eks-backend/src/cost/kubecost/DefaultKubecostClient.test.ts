import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { InputError, ServiceUnavailableError } from '@backstage/errors';
import { createServer } from 'http';
import { AddressInfo } from 'net';
import { delay, http, HttpResponse, passthrough } from 'msw';
import { setupServer } from 'msw/node';
import { publishedCostResponse } from '@emr-eks/sandbox';
import { DefaultKubecostClient } from './DefaultKubecostClient';
import { KubecostResponseError } from './errors';
import { joinCapacity } from './joinCapacity';
import type { JobAllocationRow } from './types';

type Json = Record<string, any>;

// The published responses: one copy, kept (with their sources) by the sandbox.
const fixture: (name: string) => Json = publishedCostResponse;

const KUBECOST = 'http://kubecost.test:9090';
const OPENCOST = 'http://opencost.test:9003';
const AGGREGATE =
  'pod,label:emr-containers.amazonaws.com/job.id,label:emr-containers.amazonaws.com/virtual-cluster-id,label:emr-containers.amazonaws.com/component';

const JOB = '000000033k6ruf3bqgv';
const VC = 'xk1n4yd7a2o3jkq9pzr5s0abc';

/** Sanitized EMR pod labels, as Kubecost reports them in `properties.labels`. */
function emrLabels(
  jobId: string,
  vcId: string,
  component?: string,
): Record<string, string> {
  return {
    emr_containers_amazonaws_com_job_id: jobId,
    emr_containers_amazonaws_com_virtual_cluster_id: vcId,
    emr_containers_amazonaws_com_resource_type: 'job.run',
    ...(component ? { emr_containers_amazonaws_com_component: component } : {}),
    spark_app_selector: 'spark-0123456789abcdef',
  };
}

/** A copy of a real allocation with EMR labels added, the way Kubecost would report an EMR pod. */
function withEmrLabels(allocation: Json, labels: Record<string, string>): Json {
  const copy = structuredClone(allocation);
  copy.properties.labels = { ...(copy.properties.labels ?? {}), ...labels };
  return copy;
}

/** An aggregated allocation of one EMR pod, with the fields the README lists. */
function emrAllocation(
  key: string,
  options: {
    window: [string, string];
    labels?: Record<string, string>;
    properties?: Json;
  } & Json,
): Json {
  const { window, labels, properties, ...numbers } = options;
  return {
    name: key,
    properties: {
      cluster: 'emr-eks-prod',
      node: 'ip-10-0-12-34.ec2.internal',
      namespace: 'emr-jobs',
      pod: key.split('/')[0],
      providerID: 'i-0abc1234def567890',
      ...(labels ? { labels } : {}),
      ...properties,
    },
    window: { start: window[0], end: window[1] },
    start: window[0],
    end: window[1],
    minutes: 60,
    cpuCores: 2,
    cpuCoreRequestAverage: 2,
    cpuCoreUsageAverage: 1.5,
    cpuCoreHours: 2,
    cpuCost: 0.0768,
    cpuCostAdjustment: 0,
    cpuEfficiency: 0.75,
    gpuCount: 0,
    gpuHours: 0,
    gpuCost: 0,
    networkCost: 0.001,
    loadBalancerCost: 0,
    pvBytes: 0,
    pvByteHours: 0,
    pvCost: 0.002,
    pvs: null,
    ramBytes: 8 * 2 ** 30,
    ramByteRequestAverage: 8 * 2 ** 30,
    ramByteUsageAverage: 6 * 2 ** 30,
    ramByteHours: 8 * 2 ** 30,
    ramCost: 0.0412,
    ramEfficiency: 0.75,
    sharedCost: 0,
    externalCost: 0,
    totalCost: 0.121,
    totalEfficiency: 0.75,
    rawAllocationOnly: null,
    ...numbers,
  };
}

const H10: [string, string] = ['2024-05-01T10:00:00Z', '2024-05-01T11:00:00Z'];
const H11: [string, string] = ['2024-05-01T11:00:00Z', '2024-05-01T12:00:00Z'];
const WINDOW = {
  start: new Date('2024-05-01T10:00:00Z'),
  end: new Date('2024-05-01T12:00:00Z'),
};
const WINDOW_PARAM = '2024-05-01T10:00:00Z,2024-05-01T12:00:00Z';

const server = setupServer();
registerMswTestHooks(server);

/** Answers GETs of `url` (any query) with `body`, recording the full request URLs. */
function serve(
  url: string,
  body: unknown,
  init?: { status?: number },
): string[] {
  const seen: string[] = [];
  server.use(
    http.get(url, ({ request }) => {
      seen.push(request.url);
      return HttpResponse.json(body as any, init);
    }),
  );
  return seen;
}

const kubecost = (
  extra?: Partial<Parameters<typeof DefaultKubecostClient.create>[0]>,
) =>
  DefaultKubecostClient.create({
    baseUrl: KUBECOST,
    flavor: 'kubecost',
    ...extra,
  });
const opencost = (
  extra?: Partial<Parameters<typeof DefaultKubecostClient.create>[0]>,
) =>
  DefaultKubecostClient.create({
    baseUrl: OPENCOST,
    flavor: 'opencost',
    ...extra,
  });

function expectFiniteNumbers(row: JobAllocationRow) {
  for (const [field, value] of Object.entries(row)) {
    if (typeof value === 'number') {
      expect({ field, finite: Number.isFinite(value) }).toEqual({
        field,
        finite: true,
      });
    }
  }
}

describe('DefaultKubecostClient.allocationByJob', () => {
  describe('Kubecost', () => {
    it('asks /model/allocation/compute with the exporter query, idle excluded', async () => {
      const seen = serve(`${KUBECOST}/model/allocation/compute`, {
        code: 200,
        data: [],
      });
      await expect(kubecost().allocationByJob(WINDOW)).resolves.toEqual([]);
      expect(seen).toEqual([
        `${KUBECOST}/model/allocation/compute?window=${WINDOW_PARAM}&aggregate=${AGGREGATE}&accumulate=false&step=1h&idle=false`,
      ]);
      const params = new URL(seen[0]).searchParams;
      expect(params.get('aggregate')).toBe(AGGREGATE);
      expect(params.get('window')).toBe(WINDOW_PARAM);
    });

    it('asks /model/allocation when told to read the ETL API, and keeps a proxy path prefix', async () => {
      const seen = serve('http://proxy.test/kubecost/model/allocation', {
        code: 200,
        data: [],
      });
      await kubecost({
        baseUrl: 'http://proxy.test/kubecost/',
        allocationApi: 'etl',
      }).allocationByJob(WINDOW);
      expect(seen).toEqual([
        `http://proxy.test/kubecost/model/allocation?window=${WINDOW_PARAM}&aggregate=${AGGREGATE}&accumulate=false&step=1h&idle=false`,
      ]);
    });

    it('sends whole seconds in UTC', async () => {
      const seen = serve(`${KUBECOST}/model/allocation/compute`, {
        code: 200,
        data: [],
      });
      await kubecost().allocationByJob({
        start: new Date('2024-05-01T12:00:00.999+02:00'),
        end: new Date('2024-05-01T11:00:00.250Z'),
      });
      expect(new URL(seen[0]).searchParams.get('window')).toBe(
        '2024-05-01T10:00:00Z,2024-05-01T11:00:00Z',
      );
    });

    it('reads the real unaggregated item: nothing without EMR labels, the documented values with them', async () => {
      const published = fixture(
        'kubecost-docs-allocation-unaggregated-item.json',
      );
      serve(`${KUBECOST}/model/allocation/compute`, published);
      // the published pod is Kubecost's own, and the "...etc": {} placeholders are no pods
      await expect(kubecost().allocationByJob(WINDOW)).resolves.toEqual([]);

      const key =
        'aws-dev-1-niko/ip-192-168-12-152.us-east-2.compute.internal/kubecost/kubecost-cost-analyzer-5b84f94b7f-9lxx5/cost-model';
      const labelled = structuredClone(published);
      labelled.data[0][key] = withEmrLabels(
        published.data[0][key],
        emrLabels(JOB, VC, 'driver'),
      );
      serve(`${KUBECOST}/model/allocation/compute`, labelled);

      const rows = await kubecost().allocationByJob(WINDOW);
      expect(rows).toHaveLength(1);
      const [row] = rows;
      expect(row).toEqual({
        windowStart: '2023-01-27T23:00:00.000Z',
        windowEnd: '2023-01-28T00:00:00.000Z',
        pod: 'kubecost-cost-analyzer-5b84f94b7f-9lxx5',
        namespace: 'kubecost',
        node: 'ip-192-168-12-152.us-east-2.compute.internal',
        cluster: 'aws-dev-1-niko',
        providerId: 'i-0f227c52893c7957f',
        jobRunId: JOB,
        virtualClusterId: VC,
        component: 'driver',
        minutes: 16,
        cpuCoreHours: 0.013333,
        cpuCoreRequestAverage: 0.05,
        cpuCoreUsageAverage: 0.000964,
        ramByteHours: 88080384,
        ramByteRequestAverage: 330301440,
        ramByteUsageAverage: 202833175.272727,
        cpuCoreRequestHours: expect.any(Number),
        ramGbRequestHours: expect.any(Number),
        cpuCost: 0.000426,
        ramCost: 0.000351,
        pvCost: 0.00055,
        networkCost: 0,
        totalCost: 0.004661,
        cpuEfficiency: 0.019287,
        ramEfficiency: 0.614085,
      });
      // 0.05 cores for 16 minutes; 315 MiB for 16 minutes
      expect(row.cpuCoreRequestHours).toBeCloseTo(0.05 * (16 / 60), 12);
      expect(row.ramGbRequestHours).toBeCloseTo(0.08203125, 12);
    });

    it('drops idle, unmounted and shared cost even when it carries EMR labels', async () => {
      const unmounted = fixture(
        'kubecost-docs-allocation-compute-unmounted-item.json',
      );
      const labels = emrLabels(JOB, VC, 'executor');
      const driverKey = `spark-pi-driver/${JOB}/${VC}/driver`;
      serve(`${KUBECOST}/model/allocation/compute`, {
        code: 200,
        data: [
          {
            [unmounted.name]: withEmrLabels(unmounted, labels),
            __idle__: emrAllocation('__idle__', { window: H10, labels }),
            'emr-eks-prod/__idle__': emrAllocation('emr-eks-prod/__idle__', {
              window: H10,
              labels,
            }),
            __shared__: emrAllocation('__shared__', { window: H10, labels }),
            [driverKey]: emrAllocation(driverKey, { window: H10 }),
          },
        ],
      });
      const rows = await kubecost().allocationByJob(WINDOW);
      expect(rows.map(r => r.pod)).toEqual(['spark-pi-driver']);
    });

    it('takes job, virtual cluster and component from the key when the labels are not reported; keeps an EMR pod missing one', async () => {
      const driver = `spark-pi-driver/${JOB}/${VC}/driver`;
      const executor = `spark-pi-exec-1/${JOB}/${VC}/executor`;
      const submitter = `${JOB}-abcde/${JOB}/${VC}/job.submitter`;
      const noComponent = `spark-pi-exec-2/${JOB}/${VC}/__unallocated__`;
      const notEmr =
        'coredns-5d78c9869d-abcde/__unallocated__/__unallocated__/__unallocated__';
      const noVc = `orphan/${JOB}/__unallocated__/driver`;
      serve(`${KUBECOST}/model/allocation/compute`, {
        code: 200,
        data: [
          Object.fromEntries(
            [driver, executor, submitter, noComponent, notEmr, noVc].map(
              key => [key, emrAllocation(key, { window: H10 })],
            ),
          ),
        ],
      });
      const rows = await kubecost().allocationByJob(WINDOW);
      expect(
        rows.map(r => [r.pod, r.jobRunId, r.virtualClusterId, r.component]),
      ).toEqual([
        ['spark-pi-driver', JOB, VC, 'driver'],
        ['spark-pi-exec-1', JOB, VC, 'executor'],
        [`${JOB}-abcde`, JOB, VC, 'submitter'],
        ['spark-pi-exec-2', JOB, VC, 'unknown'],
        // An EMR pod without its virtual cluster id: kept, to be reported as unattributed.
        ['orphan', JOB, undefined, 'driver'],
      ]);
    });

    it('prefers the sanitized labels over the key parts, and falls back to spark-role', async () => {
      const key = 'spark-pi-exec-9/stale-job/stale-vc/__unallocated__';
      serve(`${KUBECOST}/model/allocation/compute`, {
        code: 200,
        data: [
          {
            [key]: emrAllocation(key, {
              window: H10,
              labels: { ...emrLabels(JOB, VC), spark_role: 'executor' },
            }),
          },
        ],
      });
      const [row] = await kubecost().allocationByJob(WINDOW);
      expect(row).toMatchObject({
        pod: 'spark-pi-exec-9',
        jobRunId: JOB,
        virtualClusterId: VC,
        component: 'executor',
      });
    });

    it('keeps sets in order with their own windows, skipping null and empty sets', async () => {
      const key = `spark-pi-driver/${JOB}/${VC}/driver`;
      serve(`${KUBECOST}/model/allocation/compute`, {
        code: 200,
        data: [
          { [key]: emrAllocation(key, { window: H10, totalCost: 1 }) },
          null,
          {},
          {
            [key]: emrAllocation(key, { window: H11, totalCost: 2 }),
            other: null,
          },
        ],
      });
      const rows = await kubecost().allocationByJob(WINDOW);
      expect(rows.map(r => [r.windowStart, r.windowEnd, r.totalCost])).toEqual([
        ['2024-05-01T10:00:00.000Z', '2024-05-01T11:00:00.000Z', 1],
        ['2024-05-01T11:00:00.000Z', '2024-05-01T12:00:00.000Z', 2],
      ]);
    });

    it('turns null numbers (NaN/Inf upstream) into 0, and null efficiencies into absent', async () => {
      const key = `spark-pi-driver/${JOB}/${VC}/driver`;
      const nulls = emrAllocation(key, {
        window: H10,
        minutes: null,
        cpuCoreRequestAverage: null,
        ramByteRequestAverage: 4 * 2 ** 30,
        cpuCost: null,
        ramCost: null,
        totalCost: null,
        cpuEfficiency: null,
        ramEfficiency: null,
      });
      delete nulls.pvCost; // omitempty
      serve(`${KUBECOST}/model/allocation/compute`, {
        code: 200,
        data: [{ [key]: nulls }],
      });
      const [row] = await kubecost().allocationByJob(WINDOW);
      expectFiniteNumbers(row);
      expect(row).toMatchObject({
        minutes: 0,
        cpuCost: 0,
        ramCost: 0,
        pvCost: 0,
        totalCost: 0,
        cpuCoreRequestHours: 0,
        ramGbRequestHours: 0,
      });
      expect(row).not.toHaveProperty('cpuEfficiency');
      expect(row).not.toHaveProperty('ramEfficiency');
    });

    it('derives requested core-hours and GB-hours for the EMR uplift', async () => {
      const key = `spark-pi-exec-1/${JOB}/${VC}/executor`;
      serve(`${KUBECOST}/model/allocation/compute`, {
        code: 200,
        data: [
          {
            [key]: emrAllocation(key, {
              window: H10,
              minutes: 45,
              cpuCoreRequestAverage: 4,
              ramByteRequestAverage: 14 * 2 ** 30,
            }),
          },
        ],
      });
      const [row] = await kubecost().allocationByJob(WINDOW);
      expect(row.cpuCoreRequestHours).toBe(3);
      expect(row.ramGbRequestHours).toBe(10.5);
    });

    it('answers nothing for data null or an array of nulls', async () => {
      serve(`${KUBECOST}/model/allocation/compute`, { code: 200, data: null });
      await expect(kubecost().allocationByJob(WINDOW)).resolves.toEqual([]);
      serve(`${KUBECOST}/model/allocation/compute`, {
        code: 200,
        data: [null, null],
      });
      await expect(kubecost().allocationByJob(WINDOW)).resolves.toEqual([]);
    });
  });

  describe('OpenCost', () => {
    it('asks /allocation with includeIdle=false and reads the real swagger example', async () => {
      const published = fixture(
        'opencost-swagger-allocation-compute-window2d-aggregate-namespace.json',
      );
      let seen = serve(`${OPENCOST}/allocation`, published);
      await expect(opencost().allocationByJob(WINDOW)).resolves.toEqual([]);
      expect(seen).toEqual([
        `${OPENCOST}/allocation?window=${WINDOW_PARAM}&aggregate=${AGGREGATE}&accumulate=false&step=1h&includeIdle=false`,
      ]);

      const labelled = structuredClone(published);
      labelled.data[0].opencost = withEmrLabels(
        published.data[0].opencost,
        emrLabels(JOB, VC, 'executor'),
      );
      seen = serve(`${OPENCOST}/allocation`, labelled);
      const rows = await opencost().allocationByJob(WINDOW);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        windowStart: '2023-01-18T11:38:45.000Z',
        windowEnd: '2023-01-20T11:38:45.000Z',
        pod: 'opencost-75dc7dcc49-xdx5t',
        namespace: 'opencost',
        providerId: 'i-064548f89b9d35c11',
        component: 'executor',
        minutes: 2879.235705,
        cpuCost: 0.01817,
        ramCost: 0.012474,
        totalCost: 0.030644,
        cpuEfficiency: 0.091055,
      });
      expect(rows[0].cpuCoreRequestHours).toBeCloseTo(
        (0.019995 * 2879.235705) / 60,
        9,
      );
    });

    it('reads the real website example (status, proportionalAssetResourceCosts, lbAllocations: null)', async () => {
      const published = fixture(
        'opencost-website-allocation-window7d-aggregate-namespace.json',
      );
      const labelled = structuredClone(published);
      labelled.data[0].prometheus = withEmrLabels(
        published.data[0].prometheus,
        emrLabels(JOB, VC, 'driver'),
      );
      serve(`${OPENCOST}/allocation`, labelled);
      const rows = await opencost().allocationByJob(WINDOW);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        pod: '', // aggregated by namespace upstream: no pod named
        namespace: 'prometheus',
        ramCost: 0.11956,
        totalCost: 0.14136,
        cpuEfficiency: 1,
        cpuCoreRequestHours: 0, // nothing requested
        ramGbRequestHours: 0,
      });
      expect(rows[0]).not.toHaveProperty('providerId');
      expectFiniteNumbers(rows[0]);
    });
  });
});

describe('DefaultKubecostClient.nodes', () => {
  const nodeAsset = (
    providerID: string,
    labels: Record<string, string>,
    extra?: Json,
  ): Json => ({
    type: 'Node',
    properties: {
      category: 'Compute',
      provider: 'AWS',
      account: '123456789012',
      service: 'Kubernetes',
      cluster: 'emr-eks-prod',
      name: `node-${providerID}`,
      providerID,
    },
    labels,
    window: { start: H10[0], end: H10[1] },
    start: H10[0],
    end: H10[1],
    minutes: 60,
    nodeType: '',
    cpuCores: 4,
    ramBytes: 32 * 2 ** 30,
    preemptible: 0,
    discount: 0,
    cpuCost: 0.1,
    ramCost: 0.05,
    totalCost: 0.15,
    ...extra,
  });

  it('asks Kubecost /model/assets for compute Node assets, as the exporter does', async () => {
    const seen = serve(`${KUBECOST}/model/assets`, { code: 200, data: [] });
    await expect(kubecost().nodes(WINDOW)).resolves.toEqual([]);
    expect(seen).toEqual([
      `${KUBECOST}/model/assets?window=${WINDOW_PARAM}&accumulate=false&filterCategories=compute&filterTypes=Node`,
    ]);
  });

  it.each([
    'kubecost-docs-assets-window1w-aggregate-type-accumulate-true.json',
    'kubecost-docs-assets-window5d-aggregate-type-filterProviders-GCP.json',
  ])(
    'reads the real %s: only Node assets, and only those with a provider id',
    async name => {
      const published = fixture(name);
      serve(`${KUBECOST}/model/assets`, published);
      // aggregated by type: the Node has no provider id; the LoadBalancer has one but is no node
      await expect(kubecost().nodes(WINDOW)).resolves.toEqual([]);

      // the same real Node (Kubecost v1: every node label under label_) as an unaggregated asset
      const labelled = structuredClone(published);
      const node = labelled.data[0].Node;
      node.properties.providerID = 'i-0f227c52893c7957f';
      node.properties.name = 'ip-192-168-12-152.us-east-2.compute.internal';
      node.labels.label_eks_amazonaws_com_capacityType = 'ON_DEMAND';
      node.labels.label_node_kubernetes_io_instance_type = 'm5.large';
      serve(`${KUBECOST}/model/assets`, labelled);
      await expect(kubecost().nodes(WINDOW)).resolves.toEqual([
        {
          providerId: 'i-0f227c52893c7957f',
          name: 'ip-192-168-12-152.us-east-2.compute.internal',
          instanceType: 'm5.large',
          capacityType: 'on-demand',
        },
      ]);
    },
  );

  it('reads Kubecost v2 labels (no prefix) from managed node groups and Karpenter, one node per provider id', async () => {
    serve(`${KUBECOST}/model/assets`, {
      code: 200,
      data: [
        {
          a: nodeAsset('i-0aaa', {
            eks_amazonaws_com_capacityType: 'SPOT',
            node_kubernetes_io_instance_type: 'r5.xlarge',
          }),
          b: nodeAsset(
            'i-0bbb',
            { karpenter_sh_capacity_type: 'on-demand' },
            { nodeType: 'm6i.2xlarge' },
          ),
          c: nodeAsset('i-0ccc', {}),
        },
        null,
        {
          // the next hour: the same nodes again, one of them in the Kubernetes id form
          a: nodeAsset('aws:///us-east-1a/i-0aaa', {
            eks_amazonaws_com_capacityType: 'SPOT',
          }),
          d: nodeAsset('i-0ddd', { label_karpenter_sh_capacity_type: 'spot' }),
        },
      ],
    });
    const nodes = await kubecost().nodes(WINDOW);
    expect(nodes).toEqual([
      {
        providerId: 'i-0aaa',
        name: 'node-i-0aaa',
        instanceType: 'r5.xlarge',
        capacityType: 'spot',
      },
      {
        providerId: 'i-0bbb',
        name: 'node-i-0bbb',
        instanceType: 'm6i.2xlarge',
        capacityType: 'on-demand',
      },
      { providerId: 'i-0ccc', name: 'node-i-0ccc', capacityType: 'unknown' },
      { providerId: 'i-0ddd', name: 'node-i-0ddd', capacityType: 'spot' },
    ]);
  });

  it('reads the real OpenCost /assets answer, a single AssetSet object', async () => {
    const seen = serve(
      `${OPENCOST}/assets`,
      fixture('opencost-website-assets-window7d.json'),
    );
    await expect(opencost().nodes(WINDOW)).resolves.toEqual([
      {
        providerId: 'gke-opencost-1-default-pool-a30d4801-81dm',
        name: 'gke-opencost-1-default-pool-a30d4801-81dm',
        instanceType: 'e2-small',
        // GKE spot: no AWS capacity label, preemptible for the whole window
        capacityType: 'spot',
      },
    ]);
    expect(seen).toEqual([`${OPENCOST}/assets?window=${WINDOW_PARAM}`]);
  });
});

describe('allocation joined with nodes', () => {
  it('adds capacity and instance type on the instance id, aws:///zone/i-… or i-…', async () => {
    const driver = `spark-pi-driver/${JOB}/${VC}/driver`;
    const executor = `spark-pi-exec-1/${JOB}/${VC}/executor`;
    const elsewhere = `spark-pi-exec-2/${JOB}/${VC}/executor`;
    serve(`${OPENCOST}/allocation`, {
      code: 200,
      status: 'success',
      data: [
        {
          [driver]: emrAllocation(driver, {
            window: H10,
            properties: { providerID: 'aws:///us-east-1a/i-0aaa111122223333a' },
          }),
          [executor]: emrAllocation(executor, {
            window: H10,
            properties: { providerID: 'i-0bbb111122223333b' },
          }),
          [elsewhere]: emrAllocation(elsewhere, {
            window: H10,
            properties: { providerID: 'i-0ccc111122223333c' },
          }),
        },
      ],
    });
    serve(`${OPENCOST}/assets`, {
      code: 200,
      status: 'success',
      data: {
        'AWS/123456789012/__undefined__/Compute/emr-eks-prod/Node/Kubernetes/i-0aaa111122223333a/ip-10-0-1-1.ec2.internal':
          {
            type: 'Node',
            properties: {
              category: 'Compute',
              provider: 'AWS',
              name: 'ip-10-0-1-1.ec2.internal',
              providerID: 'i-0aaa111122223333a',
            },
            labels: {
              eks_amazonaws_com_capacityType: 'ON_DEMAND',
              node_kubernetes_io_instance_type: 'm5.xlarge',
            },
            nodeType: 'm5.xlarge',
          },
        'AWS/123456789012/__undefined__/Compute/emr-eks-prod/Node/Kubernetes/i-0bbb111122223333b/ip-10-0-1-2.ec2.internal':
          {
            type: 'Node',
            properties: {
              category: 'Compute',
              name: 'ip-10-0-1-2.ec2.internal',
              providerID: 'aws:///us-east-1b/i-0bbb111122223333b',
            },
            labels: { karpenter_sh_capacity_type: 'spot' },
            nodeType: 'r6g.2xlarge',
          },
      },
    });
    const client = opencost();
    const [rows, nodes] = await Promise.all([
      client.allocationByJob(WINDOW),
      client.nodes(WINDOW),
    ]);
    expect(
      joinCapacity(rows, nodes).map(r => [
        r.pod,
        r.capacityType,
        r.instanceType,
      ]),
    ).toEqual([
      ['spark-pi-driver', 'on-demand', 'm5.xlarge'],
      ['spark-pi-exec-1', 'spot', 'r6g.2xlarge'],
      ['spark-pi-exec-2', 'unknown', undefined],
    ]);
  });
});

describe('DefaultKubecostClient errors', () => {
  it('turns an OpenCost error envelope into an error naming the path and message, not the host or query', async () => {
    serve(
      `${OPENCOST}/allocation`,
      {
        code: 400,
        status: '',
        data: null,
        message: 'Error: invalid window parameter: not a valid window',
      },
      { status: 400 },
    );
    const error = await opencost()
      .allocationByJob(WINDOW)
      .catch(e => e);
    expect(error).toBeInstanceOf(KubecostResponseError);
    expect(error.statusCode).toBe(502);
    expect(error.message).toBe(
      'OpenCost GET /allocation answered HTTP 400: Error: invalid window parameter: not a valid window',
    );
    expect(error.message).not.toContain('opencost.test');
    expect(error.message).not.toContain('window=');
  });

  it('treats a 200 whose envelope code is an error as an error', async () => {
    serve(`${KUBECOST}/model/assets`, {
      code: 500,
      data: null,
      message: 'Error: error querying Prometheus',
    });
    await expect(kubecost().nodes(WINDOW)).rejects.toThrow(
      new KubecostResponseError(
        'Kubecost GET /model/assets answered code 500: Error: error querying Prometheus',
      ),
    );
  });

  it('rejects a body that is not a JSON envelope', async () => {
    server.use(
      http.get(`${KUBECOST}/model/allocation/compute`, () =>
        HttpResponse.html('<html>Sign in</html>'),
      ),
    );
    await expect(kubecost().allocationByJob(WINDOW)).rejects.toThrow(
      'Kubecost GET /model/allocation/compute did not answer with a JSON {code, data} envelope',
    );
  });

  it('rejects data of the wrong shape, naming the field', async () => {
    const key = `spark-pi-driver/${JOB}/${VC}/driver`;
    serve(`${KUBECOST}/model/allocation/compute`, {
      code: 200,
      data: [{ [key]: emrAllocation(key, { window: H10, cpuCost: '0.07' }) }],
    });
    const error = await kubecost()
      .allocationByJob(WINDOW)
      .catch(e => e);
    expect(error).toBeInstanceOf(KubecostResponseError);
    expect(error.message).toContain(
      `answered in an unexpected format (data.0.${key}.cpuCost:`,
    );
  });

  it('reports a gateway 503 as unavailable', async () => {
    server.use(
      http.get(
        `${KUBECOST}/model/assets`,
        () => new HttpResponse('no healthy upstream', { status: 503 }),
      ),
    );
    await expect(kubecost().nodes(WINDOW)).rejects.toThrow(
      new ServiceUnavailableError(
        'Kubecost GET /model/assets answered HTTP 503; it is unavailable',
      ),
    );
  });

  it('reports a network failure as unavailable, without the host', async () => {
    server.use(http.get(`${OPENCOST}/assets`, () => HttpResponse.error()));
    const logger = mockServices.logger.mock();
    const error = await opencost({ logger })
      .nodes(WINDOW)
      .catch(e => e);
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(error.message).toMatch(
      /^OpenCost GET \/assets failed: OpenCost is unreachable/,
    );
    expect(error.message).not.toContain('opencost.test');
    expect(error.cause).toBeUndefined();
    expect(logger.warn).toHaveBeenCalled();
  });

  it('reports a refused connection as unavailable, with the socket code', async () => {
    const closed = createServer();
    await new Promise<void>(resolve => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise(resolve => closed.close(resolve));
    server.use(http.get(`http://127.0.0.1:${port}/*`, () => passthrough()));

    await expect(
      DefaultKubecostClient.create({
        baseUrl: `http://127.0.0.1:${port}`,
        flavor: 'kubecost',
      }).allocationByJob(WINDOW),
    ).rejects.toThrow(
      new ServiceUnavailableError(
        'Kubecost GET /model/allocation/compute failed: Kubecost is unreachable (ECONNREFUSED)',
      ),
    );
  });

  it('gives up after the timeout', async () => {
    server.use(
      http.get(`${KUBECOST}/model/allocation/compute`, async () => {
        await delay('infinite');
        return HttpResponse.json({ code: 200, data: [] });
      }),
    );
    await expect(
      kubecost({ timeoutMs: 50 }).allocationByJob(WINDOW),
    ).rejects.toThrow(
      new ServiceUnavailableError(
        'Kubecost GET /model/allocation/compute did not answer within 0.05 s',
      ),
    );
  });

  it('refuses an empty window before asking', async () => {
    const seen = serve(`${KUBECOST}/model/allocation/compute`, {
      code: 200,
      data: [],
    });
    await expect(
      kubecost().allocationByJob({ start: WINDOW.end, end: WINDOW.end }),
    ).rejects.toThrow(InputError);
    await expect(
      kubecost().nodes({ start: new Date('nope'), end: WINDOW.end }),
    ).rejects.toThrow(InputError);
    expect(seen).toEqual([]);
  });

  it('refuses base URLs it cannot use, without echoing them', () => {
    expect(() =>
      DefaultKubecostClient.create({
        baseUrl: 'http://admin:s3cret@kubecost.test:9090',
        flavor: 'kubecost',
      }),
    ).toThrow(
      'Kubecost baseUrl must not carry credentials, a query or a fragment',
    );
    expect(() =>
      DefaultKubecostClient.create({
        baseUrl: 'kubecost:9090/x',
        flavor: 'opencost',
      }),
    ).toThrow('OpenCost baseUrl must be http or https');
    expect(() =>
      DefaultKubecostClient.create({
        baseUrl: 'not a url',
        flavor: 'kubecost',
      }),
    ).toThrow('Kubecost baseUrl is not a valid URL');
    expect(() => kubecost({ timeoutMs: 0 })).toThrow(
      'Kubecost timeoutMs must be a positive number',
    );
  });
});
