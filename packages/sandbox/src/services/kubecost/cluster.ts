import { DEMO } from '../../demo';
import { Random } from '../../random';
import { hashString, stableHex } from '../emrContainers/ids';
import { EmrContainersStore, JobRunView } from '../emrContainers/store';
import {
  allocatable,
  INSTANCE_TYPES,
  onDemandPrice,
  splitNodePrice,
  SPOT_PRICE_RANGE,
} from './pricing';
import type { SparkRunRecord } from '../kubernetes/sparkOperator';
import { sparkShape, sparkVersion } from './spark';
import {
  Placement,
  POOL_TIMING,
  DRIVER_POOL,
  SPOT_GROUP,
  EXECUTOR_NODEPOOL,
  placementFor,
} from './placement';

/*
 * The Kubernetes side of the sandbox's EMR on EKS clusters, as Kubecost would
 * have recorded it: pods of every job run (job submitter, driver, executors)
 * over their lifetimes, scheduled onto nodes that an autoscaler starts and
 * stops. Nothing is stored: it is derived from the job runs' planned
 * schedules, the seed and the clock on every read, so it moves with the clock
 * and is the same for the same seed, runs and time.
 */

const SECOND = 1000;
const GIB = 2 ** 30;
const MIB = 2 ** 20;

export type CapacityType = 'on-demand' | 'spot';
export type PodRole = 'job.submitter' | 'driver' | 'executor' | 'system';

/** The pod labels EMR on EKS puts on the pods of a job run. */
export const EMR_LABELS = {
  jobId: 'emr-containers.amazonaws.com/job.id',
  virtualClusterId: 'emr-containers.amazonaws.com/virtual-cluster-id',
  component: 'emr-containers.amazonaws.com/component',
  resourceType: 'emr-containers.amazonaws.com/resource.type',
} as const;

export interface SimNode {
  cluster: string;
  region: string;
  name: string;
  /** The EC2 instance id, as Kubecost reports a node's provider id on AWS. */
  providerID: string;
  instanceType: string;
  capacityType: CapacityType;
  /** Managed node group or Karpenter NodePool. */
  pool: string;
  poolKind: 'managed' | 'karpenter';
  zone: string;
  start: number;
  /** Exclusive; at most "now" (a node still running ends now). */
  end: number;
  hourlyPrice: number;
  cpuPerCoreHour: number;
  ramPerGiBHour: number;
  cores: number;
  ramBytes: number;
  allocatableCores: number;
  allocatableRamBytes: number;
  /** Kubernetes node labels, unsanitized. */
  labels: Record<string, string>;
  pods: SimPod[];
}

export interface SimPod {
  cluster: string;
  region: string;
  namespace: string;
  name: string;
  container: string;
  role: PodRole;
  controller?: string;
  controllerKind?: string;
  services?: string[];
  /** Kubernetes pod labels, unsanitized. */
  labels: Record<string, string>;
  start: number;
  /** Exclusive; at most "now". */
  end: number;
  cpuRequest: number;
  cpuUsage: number;
  ramRequest: number;
  ramUsage: number;
  /** Network bytes sent / received per hour. */
  txPerHour: number;
  rxPerHour: number;
  node: SimNode;
}

export interface SimCluster {
  name: string;
  region: string;
  /** When the cluster's first virtual cluster was registered. */
  since: number;
}

export interface Simulation {
  now: number;
  clusters: SimCluster[];
  nodes: SimNode[];
  pods: SimPod[];
}

type PodSpec = Omit<SimPod, 'node'> & { placement: Placement };

/** Share of runs whose executors run on Spot (the rest fall back to On-Demand). */
export const SPOT_EXECUTOR_SHARE = 0.85;
/** Share of runs whose job submitter pod Kubecost shows. */
export const SUBMITTER_SHARE = 0.65;

export interface SimulationSource {
  region: string;
  store: EmrContainersStore;
}

/** A container's memory request: Spark's `memory` ("4g", "512m") plus its overhead. */
function requestBytes(memory: string | undefined): number {
  const match = /^(\d+(?:\.\d+)?)([kmgt]?)/i.exec(memory ?? '1g');
  const unit = { '': 1, k: 2 ** 10, m: MIB, g: GIB, t: 2 ** 40 }[
    (match?.[2] ?? 'g').toLowerCase() as '' | 'k' | 'm' | 'g' | 't'
  ];
  const heap = match ? Number(match[1]) * unit : GIB;
  // spark.{driver,executor}.memoryOverhead: 10 %, at least 384 MiB.
  return heap + Math.max(384 * MIB, heap * 0.1);
}

/**
 * The pods of one Spark Operator application or spark-submit run, as Kubecost
 * saw them while they ran: the driver from RUNNING, the executors from the
 * plan's executor start, all until the run ends (or now). Their labels are the
 * operator's and Spark's, with the EMR runtime's when its image is one.
 */
function sparkRunPods(
  cluster: SimCluster,
  run: SparkRunRecord,
  seed: number,
  now: number,
): PodSpec[] {
  const random = new Random(seed ^ hashString(`${cluster.name}/${run.uid}`));
  const { plan } = run;
  const end = Math.min(plan.endsAt, now);
  const base = {
    cluster: cluster.name,
    region: cluster.region,
    namespace: run.namespace,
  };
  const pods: PodSpec[] = [];
  const add = (
    want: Placement,
    pod: Omit<PodSpec, 'placement' | keyof typeof base>,
  ) => {
    if (pod.end <= pod.start) return;
    const placement = placementFor(
      want,
      cluster.region,
      pod.cpuRequest,
      pod.ramRequest,
    );
    if (placement) pods.push(Object.assign(pod, base, { placement }));
  };
  const driverBytes = requestBytes(run.driverMemory);
  add(DRIVER_POOL, {
    name: run.driverName,
    container: 'spark-kubernetes-driver',
    role: 'driver',
    labels: { ...run.labels, 'spark-role': 'driver' },
    start: plan.runningAt,
    end,
    cpuRequest: run.driverCores,
    cpuUsage: run.driverCores * random.between(0.08, 0.35),
    ramRequest: driverBytes,
    ramUsage: driverBytes * random.between(0.3, 0.7),
    txPerHour: random.between(0.2, 2) * 2 ** 20 * 3600,
    rxPerHour: random.between(0.2, 2) * 2 ** 20 * 3600,
  });
  const executorWant: Placement =
    cluster.region === DEMO.region
      ? {
          pool: EXECUTOR_NODEPOOL,
          poolKind: 'karpenter',
          capacityType: 'spot',
          instanceType: '',
        }
      : SPOT_GROUP;
  const executorBytes = requestBytes(run.executorMemory);
  run.executorNames.forEach((name, i) =>
    add(executorWant, {
      name,
      container: 'spark-kubernetes-executor',
      role: 'executor',
      labels: {
        ...run.labels,
        'spark-role': 'executor',
        'spark-exec-id': String(i + 1),
      },
      start: plan.executorsAt,
      end,
      cpuRequest: run.executorCores,
      cpuUsage: run.executorCores * random.between(0.45, 0.95),
      ramRequest: executorBytes,
      ramUsage: executorBytes * random.between(0.55, 0.92),
      txPerHour: random.between(2, 20) * 2 ** 20 * 3600,
      rxPerHour: random.between(2, 20) * 2 ** 20 * 3600,
    }),
  );
  return pods;
}

/** A Kubernetes-safe name part: lowercase letters, digits and dashes. */
function dnsPart(value: string | undefined, max: number): string {
  const cleaned = (value ?? '')
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .slice(0, max)
    .replace(/^-+|-+$/g, '');
  return cleaned || 'spark';
}

/**
 * The pods of one job run, each within [createdAt, finishedAt or now): the
 * job submitter (for some runs) from shortly after SUBMITTED, the driver from
 * just before RUNNING, the executors from shortly after the driver; all end
 * when the run does (executors a few seconds earlier once it has finished).
 * Runs that failed with CLUSTER_UNAVAILABLE (the driver could not be
 * scheduled) only have the submitter.
 */
function jobRunPods(
  cluster: SimCluster,
  namespace: string,
  { run, status }: JobRunView,
  seed: number,
  now: number,
): PodSpec[] {
  // Each run has its own stream, so runs do not shift each other.
  const random = new Random(seed ^ hashString(`${cluster.region}/${run.id}`));
  const plan = run.plan;
  const finished = status.finishedAt !== undefined;
  const runEnd = Math.min(status.finishedAt ?? now, now);
  const plannedRun = Math.max(plan.endsAt - plan.runningAt, SECOND);

  const shape = sparkShape(run);
  const hasSubmitter = random.chance(SUBMITTER_SHARE);
  const executors = shape.executors ?? random.int(2, 4);
  const spot = random.chance(SPOT_EXECUTOR_SHARE);
  const appName = dnsPart(shape.appName ?? run.name, 40);
  const appId = stableHex(`${run.id}/app`, 32);
  const base = {
    cluster: cluster.name,
    region: cluster.region,
    namespace,
  };
  const emr = {
    [EMR_LABELS.jobId]: run.id,
    [EMR_LABELS.virtualClusterId]: run.virtualClusterId,
    [EMR_LABELS.resourceType]: 'job.run',
  };
  const spark = {
    'spark-app-name': appName,
    'spark-app-selector': `spark-${appId}`,
    'spark-version': sparkVersion(run.releaseLabel),
  };
  const pods: PodSpec[] = [];
  const add = (
    want: Placement,
    pod: Omit<PodSpec, 'placement' | keyof typeof base>,
  ) => {
    if (pod.end <= pod.start) return;
    const placement = placementFor(
      want,
      cluster.region,
      pod.cpuRequest,
      pod.ramRequest,
    );
    // A pod no node can hold stays Pending: it costs nothing.
    if (placement) pods.push(Object.assign(pod, base, { placement }));
  };

  const submitterStart = plan.submittedAt + random.int(3, 8) * SECOND;
  const submitterCpu = random.between(0.02, 0.1);
  if (hasSubmitter) {
    add(DRIVER_POOL, {
      name: `${run.id}-${stableHex(`${run.id}/submitter`, 5)}`,
      container: 'job-runner',
      role: 'job.submitter',
      controller: run.id,
      controllerKind: 'job',
      labels: {
        ...emr,
        [EMR_LABELS.component]: 'job.submitter',
        'job-name': run.id,
        'batch.kubernetes.io/job-name': run.id,
      },
      start: submitterStart,
      end: runEnd,
      cpuRequest: 0.5,
      cpuUsage: 0.5 * submitterCpu,
      ramRequest: 512 * MIB,
      ramUsage: 512 * MIB * random.between(0.2, 0.5),
      txPerHour: random.between(1, 10) * 2 ** 10 * 3600,
      rxPerHour: random.between(1, 10) * 2 ** 10 * 3600,
    });
  }

  // A driver that could not be scheduled never ran: no driver, no executors.
  if (
    plan.outcome === 'FAILED' &&
    plan.failureReason === 'CLUSTER_UNAVAILABLE'
  ) {
    return pods;
  }

  const lead = Math.min(
    random.int(10, 30) * SECOND,
    (plan.runningAt - plan.submittedAt) / 2,
  );
  const driverStart = plan.runningAt - lead;
  add(DRIVER_POOL, {
    name: `spark-${run.id}-driver`,
    container: 'spark-kubernetes-driver',
    role: 'driver',
    labels: {
      ...emr,
      ...spark,
      [EMR_LABELS.component]: 'driver',
      'spark-role': 'driver',
    },
    start: driverStart,
    end: runEnd,
    cpuRequest: shape.driverCores,
    cpuUsage: shape.driverCores * random.between(0.08, 0.35),
    ramRequest: shape.driverRequestBytes,
    ramUsage: shape.driverRequestBytes * random.between(0.3, 0.7),
    txPerHour: random.between(0.2, 2) * 2 ** 20 * 3600,
    rxPerHour: random.between(0.2, 2) * 2 ** 20 * 3600,
  });

  const executorWant: Placement =
    cluster.region === DEMO.region
      ? {
          pool: EXECUTOR_NODEPOOL,
          poolKind: 'karpenter',
          capacityType: spot ? 'spot' : 'on-demand',
          instanceType: '',
        }
      : SPOT_GROUP;
  const stagger = Math.min(random.int(15, 40) * SECOND, plannedRun * 0.05);
  for (let n = 1; n <= executors; n++) {
    const start =
      driverStart + stagger + Math.floor((n - 1) / 5) * SECOND + n * 100;
    const early = Math.min(random.int(0, 20) * SECOND, plannedRun * 0.05);
    add(executorWant, {
      name: `${appName}-${stableHex(`${run.id}/exec`, 16)}-exec-${n}`,
      container: 'spark-kubernetes-executor',
      role: 'executor',
      labels: {
        ...emr,
        ...spark,
        [EMR_LABELS.component]: 'executor',
        'spark-role': 'executor',
        'spark-exec-id': String(n),
        'spark-exec-resourceprofile-id': '0',
      },
      start,
      end: finished ? runEnd - early : runEnd,
      cpuRequest: shape.executorCores,
      cpuUsage: shape.executorCores * random.between(0.45, 0.95),
      ramRequest: shape.executorRequestBytes,
      ramUsage: shape.executorRequestBytes * random.between(0.55, 0.92),
      txPerHour: random.between(2, 20) * 2 ** 20 * 3600,
      rxPerHour: random.between(2, 20) * 2 ** 20 * 3600,
    });
  }
  return pods;
}

/** A cluster add-on's pod on one of the two system nodes. */
interface AddOn {
  node: number;
  namespace: string;
  name: string;
  container: string;
  controller: string;
  services: string[];
  labels: Record<string, string>;
  cpu: number;
  ramMiB: number;
}

/** Assigns pods to nodes of one cluster, starting nodes as they are needed. */
class ClusterBuilder {
  readonly nodes: SimNode[] = [];
  readonly pods: SimPod[] = [];
  private readonly usedIps = new Set<string>();
  /** Nodes that may still take pods, per pool, in the order they started. */
  private readonly open = new Map<
    string,
    { node: SimNode; lastEnd: number }[]
  >();

  constructor(
    private readonly cluster: SimCluster,
    private readonly seed: number,
    private readonly now: number,
  ) {}

  /**
   * Two always-on On-Demand nodes of the `system` node group with the
   * cluster's add-ons: CoreDNS, Kubecost, and the autoscaler. Their pods carry
   * no EMR labels.
   */
  systemPods(): void {
    const { cluster, now } = this;
    const since = cluster.since;
    const system: Placement = {
      pool: 'system',
      poolKind: 'managed',
      capacityType: 'on-demand',
      instanceType: 'm5.large',
    };
    const nodes = [0, 1].map(i =>
      this.newNode(system, `system-${i}`, since - POOL_TIMING.managed.bootMs),
    );
    const karpenter = cluster.region === DEMO.region;
    // CoreDNS runs two replicas, one per system node.
    const coredns = (node: number): AddOn => ({
      node,
      namespace: 'kube-system',
      name: 'coredns',
      container: 'coredns',
      controller: 'coredns',
      services: ['kube-dns'],
      labels: {
        'k8s-app': 'kube-dns',
        'eks.amazonaws.com/component': 'coredns',
      },
      cpu: 0.1,
      ramMiB: 70,
    });
    const addOns: AddOn[] = [
      coredns(0),
      coredns(1),
      {
        node: 0,
        namespace: 'kubecost',
        name: 'kubecost-cost-analyzer',
        container: 'cost-model',
        controller: 'kubecost-cost-analyzer',
        services: ['kubecost-cost-analyzer'],
        labels: {
          app: 'cost-analyzer',
          'app.kubernetes.io/instance': 'kubecost',
          'app.kubernetes.io/name': 'cost-analyzer',
        },
        cpu: 0.2,
        ramMiB: 1024,
      },
      {
        node: 1,
        namespace: 'kubecost',
        name: 'kubecost-prometheus-server',
        container: 'prometheus-server',
        controller: 'kubecost-prometheus-server',
        services: ['kubecost-prometheus-server'],
        labels: {
          app: 'prometheus',
          component: 'server',
          release: 'kubecost',
        },
        cpu: 0.3,
        ramMiB: 1536,
      },
      karpenter
        ? {
            node: 1,
            namespace: 'karpenter',
            name: 'karpenter',
            container: 'controller',
            controller: 'karpenter',
            services: ['karpenter'],
            labels: {
              'app.kubernetes.io/instance': 'karpenter',
              'app.kubernetes.io/name': 'karpenter',
            },
            cpu: 0.5,
            ramMiB: 1024,
          }
        : {
            node: 1,
            namespace: 'kube-system',
            name: 'cluster-autoscaler',
            container: 'cluster-autoscaler',
            controller: 'cluster-autoscaler',
            services: [],
            labels: { 'app.kubernetes.io/name': 'aws-cluster-autoscaler' },
            cpu: 0.1,
            ramMiB: 600,
          },
    ];
    addOns.forEach((addOn, i) => {
      const hash = stableHex(`${cluster.name}/${addOn.name}`, 10);
      const suffix = stableHex(`${cluster.name}/${addOn.name}/${i}`, 5);
      const node = nodes[addOn.node];
      const random = new Random(this.seed ^ hashString(`${node.name}/${i}`));
      const pod: SimPod = {
        cluster: cluster.name,
        region: cluster.region,
        namespace: addOn.namespace,
        name: `${addOn.name}-${hash}-${suffix}`,
        container: addOn.container,
        role: 'system',
        controller: addOn.controller,
        controllerKind: 'deployment',
        ...(addOn.services.length ? { services: addOn.services } : {}),
        labels: { ...addOn.labels, 'pod-template-hash': hash },
        start: since,
        end: now,
        cpuRequest: addOn.cpu,
        cpuUsage: addOn.cpu * random.between(0.05, 0.6),
        ramRequest: addOn.ramMiB * MIB,
        ramUsage: addOn.ramMiB * MIB * random.between(0.4, 0.9),
        txPerHour: random.between(5, 50) * 2 ** 10 * 3600,
        rxPerHour: random.between(5, 50) * 2 ** 10 * 3600,
        node,
      };
      node.pods.push(pod);
      this.pods.push(pod);
    });
    for (const node of nodes) node.end = now;
  }

  /**
   * Schedules pods in the order they start. A pod goes to the oldest running
   * node of its pool with room for it; otherwise the autoscaler starts a node
   * (its boot time before the pod starts). Nodes stop once empty for a while.
   */
  schedule(specs: PodSpec[]): void {
    const sorted = [...specs].sort(
      (a, b) => a.start - b.start || a.name.localeCompare(b.name),
    );
    for (const spec of sorted) {
      const { placement } = spec;
      const key = `${placement.pool}|${placement.capacityType}|${placement.instanceType}`;
      const timing = POOL_TIMING[placement.poolKind];
      const open = (this.open.get(key) ?? []).filter(
        o => spec.start < o.lastEnd + timing.emptyMs,
      );
      let slot = open.find(o => hasRoom(o.node, spec));
      if (!slot) {
        const node = this.newNode(
          placement,
          `${key}|${spec.name}`,
          spec.start - timing.bootMs,
        );
        slot = { node, lastEnd: spec.end };
        open.push(slot);
      }
      this.open.set(key, open);
      // The spec becomes the pod (its placement stays on it, unused).
      const pod = spec as unknown as SimPod;
      pod.node = slot.node;
      slot.node.pods.push(pod);
      slot.lastEnd = Math.max(slot.lastEnd, pod.end);
      slot.node.end = Math.min(this.now, slot.lastEnd + timing.emptyMs);
      this.pods.push(pod);
    }
  }

  private newNode(placement: Placement, key: string, start: number): SimNode {
    const { cluster } = this;
    const type = INSTANCE_TYPES[placement.instanceType];
    const hash = hashString(`${cluster.name}/${key}`);
    const ip = this.uniqueIp(`${cluster.name}/${key}`);
    const name =
      cluster.region === 'us-east-1'
        ? `ip-${ip.join('-')}.ec2.internal`
        : `ip-${ip.join('-')}.${cluster.region}.compute.internal`;
    const zone = `${cluster.region}${'abc'[hash % 3]}`;
    const onDemand = onDemandPrice(cluster.region, type.name);
    const hourlyPrice =
      placement.capacityType === 'spot'
        ? onDemand *
          (SPOT_PRICE_RANGE[0] +
            ((hash >>> 8) / 2 ** 24) *
              (SPOT_PRICE_RANGE[1] - SPOT_PRICE_RANGE[0]))
        : onDemand;
    const ramBytes = type.memoryGiB * GIB;
    const split = splitNodePrice(hourlyPrice, type.vcpu, ramBytes);
    const room = allocatable(type);
    const [family, size] = type.name.split('.');
    const labels: Record<string, string> = {
      'beta.kubernetes.io/arch': 'amd64',
      'beta.kubernetes.io/instance-type': type.name,
      'beta.kubernetes.io/os': 'linux',
      'failure-domain.beta.kubernetes.io/region': cluster.region,
      'failure-domain.beta.kubernetes.io/zone': zone,
      'kubernetes.io/arch': 'amd64',
      'kubernetes.io/hostname': name,
      'kubernetes.io/os': 'linux',
      'node.kubernetes.io/instance-type': type.name,
      'topology.kubernetes.io/region': cluster.region,
      'topology.kubernetes.io/zone': zone,
      ...(placement.pool === 'system' ? {} : { workload: 'spark' }),
      ...(placement.poolKind === 'managed'
        ? {
            'eks.amazonaws.com/capacityType':
              placement.capacityType === 'spot' ? 'SPOT' : 'ON_DEMAND',
            'eks.amazonaws.com/nodegroup': placement.pool,
          }
        : {
            'karpenter.sh/capacity-type': placement.capacityType,
            'karpenter.sh/nodepool': placement.pool,
            'karpenter.sh/registered': 'true',
            'karpenter.k8s.aws/instance-family': family,
            'karpenter.k8s.aws/instance-size': size,
            'karpenter.k8s.aws/instance-cpu': String(type.vcpu),
          }),
    };
    const node: SimNode = {
      cluster: cluster.name,
      region: cluster.region,
      name,
      providerID: `i-0${stableHex(`${cluster.name}/${key}/instance`, 16)}`,
      instanceType: type.name,
      capacityType: placement.capacityType,
      pool: placement.pool,
      poolKind: placement.poolKind,
      zone,
      start,
      end: start,
      hourlyPrice,
      cpuPerCoreHour: split.cpuPerCoreHour,
      ramPerGiBHour: split.ramPerGiBHour,
      cores: type.vcpu,
      ramBytes,
      allocatableCores: room.cores,
      allocatableRamBytes: room.ramBytes,
      labels,
      pods: [],
    };
    this.nodes.push(node);
    return node;
  }

  /** A private IPv4 address in the cluster's VPC, unique in the cluster. */
  private uniqueIp(key: string): number[] {
    const vpc = this.cluster.region === DEMO.region ? 0 : 1;
    for (let attempt = 0; ; attempt++) {
      const h = hashString(`${key}#${attempt}`);
      const ip = [
        10,
        vpc * 16 + 16 + ((h >>> 16) & 15),
        (h >>> 8) & 255,
        h & 255,
      ];
      const text = ip.join('.');
      if (!this.usedIps.has(text)) {
        this.usedIps.add(text);
        return ip;
      }
    }
  }
}

/** Whether `pod`, starting now, fits next to the pods still on `node`. */
function hasRoom(
  node: SimNode,
  pod: { start: number; cpuRequest: number; ramRequest: number },
): boolean {
  let cores = pod.cpuRequest;
  let bytes = pod.ramRequest;
  for (const other of node.pods) {
    if (other.end > pod.start) {
      cores += other.cpuRequest;
      bytes += other.ramRequest;
    }
  }
  return (
    cores <= node.allocatableCores + 1e-9 && bytes <= node.allocatableRamBytes
  );
}

/** Simulates every EKS cluster that holds a virtual cluster in `sources`. */
export function simulate(
  sources: SimulationSource[],
  seed: number,
  now: number,
  sparkRuns: SparkRunRecord[] = [],
): Simulation {
  const simulation: Simulation = { now, clusters: [], nodes: [], pods: [] };
  for (const { region, store } of sources) {
    const byCluster = new Map<
      string,
      ReturnType<typeof store.listVirtualClusters>
    >();
    for (const vc of store.listVirtualClusters()) {
      if (vc.createdAt > now) continue;
      byCluster.set(vc.eksClusterName, [
        ...(byCluster.get(vc.eksClusterName) ?? []),
        vc,
      ]);
    }
    for (const [name, vcs] of [...byCluster].sort(([a], [b]) =>
      a.localeCompare(b),
    )) {
      const cluster: SimCluster = {
        name,
        region,
        since: Math.min(...vcs.map(vc => vc.createdAt)),
      };
      const builder = new ClusterBuilder(cluster, seed, now);
      const specs: PodSpec[] = [];
      for (const vc of vcs) {
        const views = store
          .listJobRuns(vc.id)
          .sort((a, b) => a.run.plan.createdAt - b.run.plan.createdAt);
        for (const view of views) {
          specs.push(...jobRunPods(cluster, vc.namespace, view, seed, now));
        }
      }
      for (const run of sparkRuns) {
        if (run.cluster === name) {
          specs.push(...sparkRunPods(cluster, run, seed, now));
        }
      }
      builder.systemPods();
      builder.schedule(specs);
      simulation.clusters.push(cluster);
      simulation.nodes.push(...builder.nodes);
      simulation.pods.push(...builder.pods);
    }
  }
  return simulation;
}
