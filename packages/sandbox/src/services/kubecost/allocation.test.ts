import {
  DAY,
  HOUR,
  MINUTE,
  T0,
  TEAM_A,
  TEAM_B,
  testSandbox,
} from '../../__testUtils__';
import { DEMO } from '../../demo';
import { sparkShape } from './spark';

type Json = Record<string, any>;
type Api = ReturnType<typeof testSandbox>['api'];

const JOB_AGGREGATE =
  'pod,label:emr-containers.amazonaws.com/job.id,label:emr-containers.amazonaws.com/virtual-cluster-id';
/** The day before T0, whole. */
const YESTERDAY = '2025-03-13T00:00:00Z,2025-03-14T00:00:00Z';
/** The week before T0, whole days. */
const LAST_WEEK = '2025-03-07T00:00:00Z,2025-03-14T00:00:00Z';

async function sets(
  api: Api,
  query: Record<string, string>,
  path = '/model/allocation/compute',
): Promise<Json[]> {
  const res = await api.get(path).query(query).expect(200);
  return res.body.data;
}

const items = (data: Json[]) =>
  data.flatMap(set => Object.entries(set)) as Array<[string, Json]>;

const sumBy = (data: Json[], keyOf: (key: string, item: Json) => string) => {
  const sums = new Map<string, number>();
  for (const [key, item] of items(data)) {
    const k = keyOf(key, item);
    sums.set(k, (sums.get(k) ?? 0) + item.totalCost);
  }
  return sums;
};

describe('Kubecost allocation of the simulated job runs', () => {
  const t = testSandbox();
  const { api, sandbox } = t;

  it('gives each job run a driver, its executors and, for some runs, a job submitter pod, all within the run', () => {
    const { pods } = sandbox.kubecost.simulation();
    const runs = [TEAM_A, TEAM_B].flatMap(team =>
      sandbox.emrContainers.listJobRuns(team.id),
    );
    let withSubmitter = 0;
    let finishedRuns = 0;
    for (const { run, status } of runs) {
      const mine = pods.filter(
        p => p.labels['emr-containers.amazonaws.com/job.id'] === run.id,
      );
      const role = (r: string) =>
        mine.filter(
          p => p.labels['emr-containers.amazonaws.com/component'] === r,
        );
      const end = status.finishedAt ?? T0;
      for (const pod of mine) {
        expect(pod.start).toBeGreaterThanOrEqual(run.plan.createdAt);
        expect(pod.end).toBeLessThanOrEqual(end);
        expect(pod.namespace).toBe(
          run.virtualClusterId === TEAM_A.id ? 'data-team-a' : 'data-team-b',
        );
      }
      if (status.state !== 'COMPLETED') continue;
      finishedRuns += 1;
      expect(role('driver')).toHaveLength(1);
      expect(role('driver')[0].name).toBe(`spark-${run.id}-driver`);
      // The seeded runs set spark.executor.instances.
      expect(role('executor')).toHaveLength(sparkShape(run).executors!);
      expect(role('executor').every(p => p.cpuRequest === 4)).toBe(true);
      if (role('job.submitter').length) withSubmitter += 1;
    }
    expect(finishedRuns).toBeGreaterThan(150);
    // A driver that could not be scheduled never ran.
    const unscheduled = runs.filter(
      v => v.status.failureReason === 'CLUSTER_UNAVAILABLE',
    );
    expect(unscheduled.length).toBeGreaterThan(0);
    const sparkPods = pods.filter(
      p =>
        unscheduled.some(
          v => v.run.id === p.labels['emr-containers.amazonaws.com/job.id'],
        ) && p.role !== 'job.submitter',
    );
    expect(sparkPods).toEqual([]);
    expect(withSubmitter / finishedRuns).toBeGreaterThan(0.4);
    expect(withSubmitter / finishedRuns).toBeLessThan(0.9);
  });

  it('puts drivers and submitters on On-Demand nodes and executors mostly on Spot', () => {
    const { pods } = sandbox.kubecost.simulation();
    const emr = pods.filter(p => p.role !== 'system');
    for (const pod of emr.filter(p => p.role !== 'executor')) {
      expect(pod.node.capacityType).toBe('on-demand');
    }
    const executors = emr.filter(p => p.role === 'executor');
    const spot = executors.filter(p => p.node.capacityType === 'spot');
    expect(spot.length / executors.length).toBeGreaterThan(0.7);
    expect(spot.length).toBeLessThan(executors.length);
  });

  it('per-job totals equal the sum over the job’s pods', async () => {
    const query = { window: LAST_WEEK, accumulate: 'true', idle: 'false' };
    const byJob = await sets(api, {
      ...query,
      aggregate: 'label:emr-containers.amazonaws.com/job.id',
    });
    const pods = await sets(api, query);
    const jobs = Object.entries(byJob[0]).filter(
      ([key]) => key !== '__unallocated__',
    );
    expect(jobs.length).toBeGreaterThan(30);
    const fromPods = sumBy(
      pods,
      (_key, item) =>
        item.properties.labels.emr_containers_amazonaws_com_job_id ??
        '__unallocated__',
    );
    for (const [jobId, job] of jobs) {
      const podCount = items(pods).filter(
        ([, p]) =>
          p.properties.labels.emr_containers_amazonaws_com_job_id === jobId,
      ).length;
      // A run whose driver was never scheduled has only its submitter.
      expect(podCount).toBeGreaterThanOrEqual(1);
      expect(job.totalCost).toBeCloseTo(fromPods.get(jobId)!, 5);
      expect(job.totalCost).toBeCloseTo(job.cpuCost + job.ramCost, 5);
      expect(job.properties.labels.emr_containers_amazonaws_com_job_id).toBe(
        jobId,
      );
    }
    // System pods have no job label.
    expect(byJob[0].__unallocated__.totalCost).toBeGreaterThan(0);
  });

  it('hourly steps partition the window: chronological sets, nothing counted twice', async () => {
    const window = '2025-03-13T00:00:00Z,2025-03-13T06:00:00Z';
    const hourly = await sets(api, {
      window,
      step: '1h',
      accumulate: 'false',
      aggregate: 'namespace',
    });
    expect(hourly).toHaveLength(6);
    const first = Date.parse('2025-03-13T00:00:00Z');
    hourly.forEach((set, i) => {
      for (const item of Object.values(set)) {
        expect(item.window).toEqual({
          start: new Date(first + i * HOUR).toISOString().replace('.000', ''),
          end: new Date(first + (i + 1) * HOUR)
            .toISOString()
            .replace('.000', ''),
        });
        expect(Date.parse(item.start)).toBeGreaterThanOrEqual(first + i * HOUR);
        expect(Date.parse(item.end)).toBeLessThanOrEqual(
          first + (i + 1) * HOUR,
        );
        expect(item.minutes).toBeLessThanOrEqual(60);
      }
    });
    const whole = await sets(api, { window, aggregate: 'namespace' });
    expect(whole).toHaveLength(1);
    const summed = sumBy(hourly, key => key);
    for (const [key, item] of Object.entries(whole[0])) {
      expect(summed.get(key)).toBeCloseTo(item.totalCost, 4);
    }
    const accumulated = await sets(api, {
      window,
      step: '1h',
      accumulate: 'true',
      aggregate: 'namespace',
    });
    expect(accumulated).toHaveLength(1);
    for (const [key, item] of Object.entries(accumulated[0])) {
      expect(item.totalCost).toBeCloseTo(whole[0][key].totalCost, 4);
      expect(item.window).toEqual(whole[0][key].window);
    }
  });

  it('accepts accumulate as Python sends it (False, True) and Go booleans; hour/day group sets', async () => {
    const window = '2025-03-13T00:00:00Z,2025-03-13T03:00:00Z';
    for (const [accumulate, count] of [
      ['False', 3],
      ['false', 3],
      ['0', 3],
      ['True', 1],
      ['t', 1],
      ['day', 1],
      ['hour', 3],
    ] as const) {
      const data = await sets(api, { window, step: '1h', accumulate });
      expect({ accumulate, count: data.length }).toEqual({ accumulate, count });
    }
    const halfHours = await sets(api, {
      window,
      step: '30m',
      accumulate: 'hour',
    });
    expect(halfHours).toHaveLength(3);
  });

  it('/model/allocation (ETL) answers daily sets whatever the step; compute honours it', async () => {
    const window = '2025-03-10T00:00:00Z,2025-03-13T00:00:00Z';
    const etl = await sets(api, { window, step: '1h' }, '/model/allocation');
    expect(etl).toHaveLength(3);
    expect(Object.values(etl[1])[0].window).toEqual({
      start: '2025-03-11T00:00:00Z',
      end: '2025-03-12T00:00:00Z',
    });
    const compute = await sets(api, { window, step: '1h' });
    expect(compute).toHaveLength(72);
    // "3d" is three whole days and today so far: four sets.
    expect(await sets(api, { window: '3d' }, '/model/allocation')).toHaveLength(
      4,
    );
  });

  it('adds an __idle__ entry per set when idle is on (Kubecost default), none for OpenCost unless includeIdle', async () => {
    const window = '2025-03-13T00:00:00Z,2025-03-13T02:00:00Z';
    const query = { window, step: '1h', aggregate: 'namespace' };
    const kubecost = await sets(api, query);
    expect(kubecost.every(set => set.__idle__)).toBe(true);
    expect(kubecost[0].__idle__.name).toBe('__idle__');
    expect(kubecost[0].__idle__.totalCost).toBeGreaterThan(0);
    const noIdle = await sets(api, { ...query, idle: 'false' });
    expect(noIdle.some(set => set.__idle__)).toBe(false);

    const opencost = await sets(api, query, '/opencost/allocation');
    expect(opencost.some(set => set.__idle__)).toBe(false);
    const withIdle = await sets(
      api,
      { ...query, includeIdle: 'true' },
      '/opencost/allocation',
    );
    expect(withIdle.every(set => set.__idle__)).toBe(true);

    // Shared idle lands on the allocations: the same total, no __idle__.
    const shared = await sets(api, { ...query, shareIdle: 'true' });
    expect(shared.some(set => set.__idle__)).toBe(false);
    const total = (data: Json[]) =>
      items(data).reduce((sum, [, item]) => sum + item.totalCost, 0);
    expect(total(shared)).toBeCloseTo(total(kubecost), 3);

    const split = await sets(api, { ...query, splitIdle: 'true' });
    expect(
      Object.keys(split[0])
        .filter(k => k.endsWith('__idle__'))
        .sort(),
    ).toEqual(['analytics-eu/__idle__', 'analytics-shared/__idle__']);
  });

  it('idle is what the nodes cost beyond their pods', async () => {
    const window = '2025-03-13T02:00:00Z,2025-03-13T03:00:00Z';
    const allocation = await sets(api, { window, aggregate: 'cluster' });
    const assets = (
      await api
        .get('/model/assets')
        .query({ window, filterTypes: 'Node', aggregate: 'type' })
        .expect(200)
    ).body.data;
    const allocated = items(allocation).reduce(
      (sum, [, item]) => sum + item.totalCost,
      0,
    );
    expect(allocated).toBeCloseTo(assets[0].Node.totalCost, 3);
  });

  it('aggregates by pod and labels into <pod>/<jobId>/<vcId>, missing labels as __unallocated__', async () => {
    const data = await sets(api, {
      window: '2025-03-13T00:00:00Z,2025-03-13T12:00:00Z',
      aggregate: JOB_AGGREGATE,
      accumulate: 'False',
      step: '1h',
      idle: 'false',
    });
    const keys = items(data).map(([key]) => key);
    const emr = items(data).filter(([key]) => !key.includes('__unallocated__'));
    expect(emr.length).toBeGreaterThan(20);
    for (const [key, item] of emr) {
      const [pod, jobId, vcId] = key.split('/');
      expect(key.split('/')).toHaveLength(3);
      expect(item.properties.pod).toBe(pod);
      expect(item.properties.labels.emr_containers_amazonaws_com_job_id).toBe(
        jobId,
      );
      expect([
        TEAM_A.id,
        TEAM_B.id,
        DEMO.secondaryRegion.virtualClusters['data-team-b'].id,
      ]).toContain(vcId);
      expect(item.properties.providerID).toMatch(/^i-/);
      expect(item.properties.container).toMatch(
        /^(spark-kubernetes-(driver|executor)|job-runner)$/,
      );
      expect(item.properties.labels.node_kubernetes_io_instance_type).toMatch(
        /^[a-z0-9]+\.\w+$/,
      );
    }
    expect(
      keys.some(k => /^coredns-.*\/__unallocated__\/__unallocated__$/.test(k)),
    ).toBe(true);

    // Sanitized label names aggregate the same.
    const sanitized = await sets(api, {
      window: '2025-03-13T00:00:00Z,2025-03-13T12:00:00Z',
      aggregate:
        'pod,label:emr_containers_amazonaws_com_job_id,label:emr_containers_amazonaws_com_virtual_cluster_id',
      accumulate: 'False',
      step: '1h',
      idle: 'false',
    });
    expect(items(sanitized).map(([key]) => key)).toEqual(keys);
  });

  it('aggregates by namespace, cluster, controller and several properties', async () => {
    const window = '30d';
    const namespaces = await sets(api, { window, aggregate: 'namespace' });
    expect(Object.keys(namespaces[0]).sort()).toEqual([
      '__idle__',
      'data-team-a',
      'data-team-b',
      'data-team-b-eu',
      'karpenter',
      'kube-system',
      'kubecost',
    ]);
    expect(namespaces[0]['data-team-a'].properties).toMatchObject({
      cluster: 'analytics-shared',
      namespace: 'data-team-a',
      labels: { kubernetes_io_metadata_name: 'data-team-a' },
    });
    // Only labels all its pods share: the team's Spark Operator pods have no EMR labels.
    expect(
      namespaces[0]['data-team-a'].properties.labels
        .emr_containers_amazonaws_com_virtual_cluster_id,
    ).toBeUndefined();
    const clusters = await sets(api, { window, aggregate: 'cluster' });
    expect(Object.keys(clusters[0]).sort()).toEqual([
      '__idle__',
      'analytics-eu',
      'analytics-shared',
    ]);
    const controllers = await sets(api, {
      window,
      aggregate: 'controller',
      idle: 'false',
    });
    expect(Object.keys(controllers[0])).toEqual(
      expect.arrayContaining(['deployment:coredns', '__unallocated__']),
    );
    const roles = await sets(api, {
      window,
      aggregate: 'namespace,label:spark-role',
      idle: 'false',
    });
    expect(Object.keys(roles[0])).toEqual(
      expect.arrayContaining([
        'data-team-a/driver',
        'data-team-a/executor',
        'data-team-a/__unallocated__',
        'kube-system/__unallocated__',
      ]),
    );
  });

  it('filters by namespace and by label (original or sanitized names), v2 and v1 style', async () => {
    const window = LAST_WEEK;
    const byNamespace = await sets(api, {
      window,
      filter: 'namespace:"data-team-a"',
      idle: 'false',
    });
    expect(items(byNamespace).length).toBeGreaterThan(10);
    for (const [, item] of items(byNamespace)) {
      expect(item.properties.namespace).toBe('data-team-a');
    }
    for (const label of [
      'emr_containers_amazonaws_com_virtual_cluster_id',
      'emr-containers.amazonaws.com/virtual-cluster-id',
    ]) {
      const byLabel = await sets(api, {
        window,
        filter: `label[${label}]:"${TEAM_B.id}"+label[spark-role]:"driver"`,
        idle: 'false',
      });
      expect(items(byLabel).length).toBeGreaterThan(3);
      for (const [, item] of items(byLabel)) {
        expect(item.properties.labels).toMatchObject({
          emr_containers_amazonaws_com_virtual_cluster_id: TEAM_B.id,
          spark_role: 'driver',
        });
      }
    }
    // Or, negation, prefix; and the v1 parameters.
    const either = await sets(api, {
      window,
      aggregate: 'namespace',
      filter: 'namespace:"data-team-a" | namespace:"kubecost"',
      idle: 'false',
    });
    expect(Object.keys(either[0]).sort()).toEqual(['data-team-a', 'kubecost']);
    const notSystem = await sets(api, {
      window,
      aggregate: 'namespace',
      filter:
        'namespace!:"kube-system","kubecost","karpenter"+namespace<~:"data-"',
      idle: 'false',
    });
    expect(Object.keys(notSystem[0]).sort()).toEqual([
      'data-team-a',
      'data-team-b',
      'data-team-b-eu',
    ]);
    const legacy = await sets(api, {
      window,
      aggregate: 'namespace',
      filterNamespaces: 'data-team-b,data-team-b-eu',
      idle: 'false',
    });
    expect(Object.keys(legacy[0]).sort()).toEqual([
      'data-team-b',
      'data-team-b-eu',
    ]);
    // Idle cost stays in a namespace-filtered answer; a cluster filter narrows it.
    const withIdle = await sets(api, {
      window,
      aggregate: 'cluster',
      filter: 'cluster:"analytics-eu"',
    });
    expect(Object.keys(withIdle[0]).sort()).toEqual([
      '__idle__',
      'analytics-eu',
    ]);
    expect(withIdle[0].__idle__.properties.cluster).toBe('analytics-eu');
  });

  it('rejects unknown filter fields and malformed filters, steps and aggregates', async () => {
    for (const query of [
      { filter: 'flavour:"vanilla"' },
      { filter: 'namespace:data-team-a' },
      { filter: 'namespace:"a" |' },
      { step: 'hourly' },
      { step: '0h' },
      { aggregate: 'label' },
      { filterLabels: 'no-separator' },
    ]) {
      const res = await api
        .get('/model/allocation/compute')
        .query({ window: '1d', ...query })
        .expect(400);
      expect(res.body.message).toMatch(/^Error: Invalid '\w+' parameter: /);
    }
  });

  it('reports labels sanitized, with the EMR labels, spark-role and the component', async () => {
    const data = await sets(api, { window: YESTERDAY, idle: 'false' });
    const all = items(data).map(([, item]) => item.properties.labels);
    for (const name of all.flatMap(labels => Object.keys(labels))) {
      expect(name).toMatch(/^[A-Za-z_][A-Za-z0-9_]*$/);
    }
    // Spark Operator and spark-submit pods (no EMR component label) run there too.
    const outsideEmr = (labels: Record<string, string>) =>
      labels.sparkoperator_k8s_io_app_name !== undefined ||
      (labels.spark_app_selector !== undefined &&
        labels.emr_containers_amazonaws_com_component === undefined);
    const emr = items(data)
      .filter(([, item]) => item.properties.namespace.startsWith('data-team-'))
      .map(([, item]) => item.properties.labels)
      .filter(labels => !outsideEmr(labels));
    expect(emr.length).toBeGreaterThan(0);
    for (const labels of emr) {
      expect(labels).toMatchObject({
        emr_containers_amazonaws_com_job_id: expect.stringMatching(/^0{7}/),
        emr_containers_amazonaws_com_virtual_cluster_id: expect.any(String),
        emr_containers_amazonaws_com_resource_type: 'job.run',
      });
    }
    const spark = emr.filter(
      labels =>
        labels.emr_containers_amazonaws_com_component !== 'job.submitter',
    );
    for (const labels of spark) {
      expect(labels.spark_role).toBe(
        labels.emr_containers_amazonaws_com_component,
      );
      expect(labels.spark_version).toMatch(/^3\.\d\.\d-amzn-\d$/);
    }
    const components = new Set(
      emr.map(labels => labels.emr_containers_amazonaws_com_component),
    );
    expect([...components].sort()).toEqual([
      'driver',
      'executor',
      'job.submitter',
    ]);
  });

  it('shows about 30 days of cost for each seeded team', async () => {
    const data = await sets(
      api,
      { window: '30d', aggregate: 'namespace' },
      '/model/allocation',
    );
    expect(data).toHaveLength(31);
    for (const team of ['data-team-a', 'data-team-b']) {
      const days = data.filter(set => set[team]?.totalCost > 0);
      expect(days.length).toBeGreaterThanOrEqual(29);
      const total = days.reduce((sum, set) => sum + set[team].totalCost, 0);
      expect(total).toBeGreaterThan(10);
    }
  });
});

describe('Kubecost allocation over time', () => {
  it('is the same for the same seed and clock, and differs for another seed', async () => {
    const query = { window: YESTERDAY, aggregate: 'pod', step: '6h' };
    const text = async (seed: number) =>
      (
        await testSandbox({ seed })
          .api.get('/model/allocation/compute')
          .query(query)
          .expect(200)
      ).text;
    const a = await text(7);
    expect(await text(7)).toBe(a);
    expect(await text(8)).not.toBe(a);
  });

  it('keeps the past as it was while the clock moves on; running pods grow', async () => {
    const t = testSandbox();
    const past = {
      window: '2025-03-14T10:00:00Z,2025-03-14T12:00:00Z',
      step: '1h',
    };
    const before = (
      await t.api.get('/model/allocation/compute').query(past).expect(200)
    ).text;
    const running = t.sandbox.emrContainers.listJobRuns(TEAM_A.id, {
      states: ['RUNNING'],
    })[0].run;
    const driverCost = async () => {
      const data = await sets(t.api, {
        window: '1d',
        aggregate: 'pod',
        filter: `label[emr-containers.amazonaws.com/job.id]:"${running.id}"+label[spark-role]:"driver"`,
        idle: 'false',
      });
      return data[0][`spark-${running.id}-driver`].totalCost;
    };
    const early = await driverCost();
    t.clock.advance(5 * MINUTE);
    expect(await driverCost()).toBeGreaterThan(early);
    t.clock.advance(2 * HOUR);
    const after = (
      await t.api.get('/model/allocation/compute').query(past).expect(200)
    ).text;
    expect(after).toBe(before);
  });

  it('shows a run started through the emr-containers API once its pods run', async () => {
    const t = testSandbox();
    const { run } = t.sandbox.emrContainers.startJobRun({
      virtualClusterId: TEAM_A.id,
      clientToken: 'kubecost-test',
      name: 'adhoc-report',
      executionRoleArn: TEAM_A.executionRoleArn,
      releaseLabel: 'emr-7.1.0-latest',
      jobDriver: {
        sparkSubmitJobDriver: {
          entryPoint: 's3://bucket/main.py',
          sparkSubmitParameters:
            '--conf spark.executor.instances=3 --conf spark.executor.cores=2 --conf spark.executor.memory=4g',
        },
      },
    });
    const query = {
      window: 'today',
      aggregate: 'pod',
      filter: `label[emr_containers_amazonaws_com_job_id]:"${run.id}"`,
      idle: 'false',
    };
    expect(await sets(t.api, query)).toEqual([{}]);
    t.clock.advance(DAY / 24);
    const pods = Object.values((await sets(t.api, query))[0]);
    const roles = pods
      .map(p => p.properties.labels.emr_containers_amazonaws_com_component)
      .sort();
    expect(roles.filter(r => r === 'executor')).toHaveLength(3);
    expect(roles).toContain('driver');
    const executor = pods.find(
      p => p.properties.labels.spark_role === 'executor',
    )!;
    expect(executor.cpuCoreRequestAverage).toBe(2);
    // 4 GiB heap + 10% overhead.
    expect(executor.ramByteRequestAverage).toBeCloseTo(4.4 * 2 ** 30, -3);
  });
});
