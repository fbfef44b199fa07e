import http from 'node:http';
import { AddressInfo } from 'node:net';
import { Express } from 'express';
import { Clock, systemClock } from './clock';
import { createApp } from './server';
import { DEMO } from './demo';
import { createEmrContainersService } from './services/emrContainers';
import {
  createEmrServerlessService,
  EmrServerlessStore,
} from './services/emrServerless';
import { EmrContainersStore } from './services/emrContainers/store';
import {
  createKubecostService,
  KubecostOutage,
  Simulation,
} from './services/kubecost';
import { FaultInjector, RequestStats, trafficInterceptor } from './traffic';
import { createIamService, IamStore } from './services/iam';
import { createStsService, StsStore } from './services/sts';
import { createS3Service, S3Store } from './services/s3';
import {
  createEksService,
  EksStore,
  EMR_JOB_POLICY_ARN,
  EMR_SERVICE_LINKED_ROLE_ARN,
} from './services/eks';
import {
  createKubernetesService,
  KubernetesStore,
  resource,
} from './services/kubernetes';
import { NamespaceAccessCheck } from './services/emrContainers/handlers';

/** Name of the Role, RoleBinding and user that give EMR on EKS a namespace through RBAC. */
export const EMR_CONTAINERS_RBAC_NAME = 'emr-containers';

export const DEFAULT_SEED = 20240601;
export const DEFAULT_ACCELERATE = 30;
/** The keys of the portal's local config (app-config.yaml `aws.accounts`). */
const DEFAULT_CREDENTIALS = [
  { accessKeyId: 'sandbox', secretAccessKey: 'sandbox' },
];
export const DEFAULT_PORT = 4510;

export interface SandboxOptions {
  /** Seed of the demo data and of new runs' timings and outcomes. */
  seed?: number;
  /** Time source; defaults to real time. */
  clock?: Clock;
  /** How much faster than real life new job runs progress (default 30). */
  accelerate?: number;
  /** Seed the demo teams, clusters and job runs (default true). */
  demoData?: boolean;
  /**
   * The access keys whose signatures the sandbox can check (EKS tokens), besides the role
   * sessions its STS hands out; the portal's local config's `sandbox`/`sandbox` unless set.
   */
  credentials?: Array<{ accessKeyId: string; secretAccessKey: string }>;
}

export interface RunningSandbox {
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface Sandbox {
  /** Express app serving every API and the /_sandbox control API. */
  app: Express;
  clock: Clock;
  /** The emr-containers data of us-east-1 (the demo teams' region), for tests. */
  emrContainers: EmrContainersStore;
  /** The emr-containers data of any region (requests signed for it see it). */
  emrContainersIn(region: string): EmrContainersStore;
  /** The emr-serverless data of us-east-1 (the demo teams' applications). */
  emrServerless: EmrServerlessStore;
  /** The emr-serverless data of any region (eu-west-1 has one demo application). */
  emrServerlessIn(region: string): EmrServerlessStore;
  /**
   * Faults injected into API requests: `faults.set({throttleRate: 1,
   * operations: ['ListJobRuns'], count: 2})`, `faults.get()`, `faults.clear()`.
   */
  faults: FaultInjector;
  /** API requests received per operation: `stats.count('ListJobRuns')`, `snapshot()`, `reset()`. */
  stats: RequestStats;
  /**
   * The Kubecost and OpenCost APIs (derived from the job runs):
   * `kubecost.setOutage('unavailable' | 'reset' | undefined)`, `outage()`,
   * `simulation()` (the simulated pods and nodes now).
   */
  kubecost: KubecostControls;
  /** IAM roles (global). */
  iam: IamStore;
  /** STS role sessions. */
  sts: StsStore;
  /** S3 buckets and objects. */
  s3: S3Store;
  /** EKS clusters' access entries and pod identity associations. */
  eks: EksStore;
  /** The Kubernetes API objects of each EKS cluster (served under /k8s/<cluster>). */
  kubernetes: KubernetesStore;
  /** Back to the seeded data at the clock's current time; clears faults and stats. */
  reset(): void;
  listen(port?: number, host?: string): Promise<RunningSandbox>;
}

export interface KubecostControls {
  /** Takes Kubecost and OpenCost down (503, or connections reset); undefined brings them back. */
  setOutage(mode: KubecostOutage | undefined): void;
  outage(): KubecostOutage | undefined;
  /** The simulated clusters, nodes and pods at the clock's current time. */
  simulation(): Simulation;
}

const LOOPBACK = /^(127(\.\d{1,3}){3}|::1|localhost)$/;

export function createSandbox(options: SandboxOptions = {}): Sandbox {
  const clock = options.clock ?? systemClock();
  const seed = options.seed ?? DEFAULT_SEED;
  const stats = new RequestStats();
  // Filled in once the services (and so their operation names) exist.
  const operations: string[] = [];
  const faults = new FaultInjector(seed, operations);
  const intercept = trafficInterceptor(stats, faults);
  const demoData = options.demoData ?? true;
  const iam = createIamService({ clock, seed, demoData, intercept });
  const sts = createStsService({ clock, seed, iam: iam.store, intercept });
  const s3 = createS3Service({ clock, demoData, intercept });
  const eks = createEksService({ clock, seed, demoData, intercept });
  const keys = new Map(
    (options.credentials ?? DEFAULT_CREDENTIALS).map(c => [
      c.accessKeyId,
      { secretAccessKey: c.secretAccessKey },
    ]),
  );
  const kubernetes = createKubernetesService({
    clock,
    seed,
    demoData,
    accelerate: options.accelerate ?? DEFAULT_ACCELERATE,
    intercept,
    keyOf: accessKeyId => keys.get(accessKeyId) ?? sts.store.keyOf(accessKeyId),
  });
  const checkAccess: NamespaceAccessCheck = ({
    region,
    eksClusterName,
    namespace,
  }) => {
    const k8s = kubernetes.store.cluster(eksClusterName);
    if (!eks.store.clusterInfo(region, eksClusterName) || !k8s) {
      return {
        error: 'ResourceNotFoundException',
        message: `EKS cluster ${eksClusterName} doesn't exist in ${region}.`,
      };
    }
    if (!k8s.hasNamespace(namespace)) {
      return {
        error: 'ValidationException',
        message: `Namespace ${namespace} doesn't exist in EKS cluster ${eksClusterName}.`,
      };
    }
    if (
      eks.store.hasAccess(
        region,
        eksClusterName,
        EMR_SERVICE_LINKED_ROLE_ARN,
        EMR_JOB_POLICY_ARN,
        namespace,
      )
    ) {
      return { eksAccessEntryIntegrated: true };
    }
    const name = EMR_CONTAINERS_RBAC_NAME;
    const role = k8s.find(resource('roles'), namespace, name);
    const binding = k8s.find(resource('rolebindings'), namespace, name);
    const bound =
      binding?.roleRef?.kind === 'Role' &&
      binding?.roleRef?.name === name &&
      Array.isArray(binding?.subjects) &&
      binding.subjects.some(
        (s: { kind?: string; name?: string }) =>
          s.kind === 'User' && s.name === name,
      );
    if (role && bound) return { eksAccessEntryIntegrated: false };
    return {
      error: 'ValidationException',
      message: `Emr-containers is not authorized to access namespace ${namespace} in EKS cluster ${eksClusterName}. Give it access with an EKS access entry for ${EMR_SERVICE_LINKED_ROLE_ARN} with AmazonEMRJobPolicy on the namespace, or a Role and RoleBinding named ${name} for user ${name}.`,
    };
  };
  const emrContainers = createEmrContainersService({
    clock,
    seed,
    accelerate: options.accelerate ?? DEFAULT_ACCELERATE,
    demoData,
    intercept,
    checkAccess,
  });
  const emrServerless = createEmrServerlessService({
    clock,
    seed,
    accelerate: options.accelerate ?? DEFAULT_ACCELERATE,
    demoData,
    intercept,
  });
  // Seed the demo applications' second region up front, as for emr-containers.
  emrServerless.storeFor(DEMO.secondaryRegion.region);
  const kubecost = createKubecostService({
    clock,
    seed,
    // Every region with data: the demo regions, and any other one used.
    sources: () => {
      emrContainers.storeFor(DEMO.region);
      emrContainers.storeFor(DEMO.secondaryRegion.region);
      return emrContainers.regions().map(region => ({
        region,
        store: emrContainers.storeFor(region),
      }));
    },
    // The Spark Operator and spark-submit runs of the Kubernetes API's clusters.
    sparkRuns: () => kubernetes.store.sparkRuns(),
    intercept,
  });
  const services = [
    emrContainers,
    emrServerless,
    kubecost,
    iam,
    sts,
    s3,
    eks,
    kubernetes,
  ];
  operations.push(...services.flatMap(s => s.operations ?? []));
  const reset = () => {
    services.forEach(s => s.reset());
    faults.clear();
    stats.reset();
  };
  const app = createApp({ clock, services, faults, stats, reset });

  return {
    app,
    clock,
    emrContainers: emrContainers.store,
    emrContainersIn: region => emrContainers.storeFor(region),
    emrServerless: emrServerless.store,
    emrServerlessIn: region => emrServerless.storeFor(region),
    faults,
    stats,
    kubecost: {
      setOutage: mode => kubecost.setOutage(mode),
      outage: () => kubecost.outage(),
      simulation: () => kubecost.simulation(),
    },
    iam: iam.store,
    sts: sts.store,
    s3: s3.store,
    eks: eks.store,
    kubernetes: kubernetes.store,
    reset,
    listen: (port = DEFAULT_PORT, host = '127.0.0.1') => {
      // The sandbox accepts any credentials, so it must never face a network.
      if (!LOOPBACK.test(host)) {
        return Promise.reject(
          new Error(`The sandbox only listens on loopback, not ${host}`),
        );
      }
      return new Promise((resolve, reject) => {
        const server = http.createServer(app);
        server.once('error', reject);
        server.listen(port, host, () => {
          const { port: actual } = server.address() as AddressInfo;
          const urlHost = host.includes(':') ? `[${host}]` : host;
          resolve({
            url: `http://${urlHost}:${actual}`,
            port: actual,
            close: () =>
              new Promise<void>((done, fail) => {
                server.close(error => (error ? fail(error) : done()));
                server.closeAllConnections();
              }),
          });
        });
      });
    },
  };
}
