import http from 'node:http';
import { AddressInfo } from 'node:net';
import { Express } from 'express';
import { Clock, systemClock } from './clock';
import { createApp } from './server';
import { DEMO } from './demo';
import { createEmrContainersService } from './services/emrContainers';
import { EmrContainersStore } from './services/emrContainers/store';
import {
  createKubecostService,
  KubecostOutage,
  Simulation,
} from './services/kubecost';
import { FaultInjector, RequestStats, trafficInterceptor } from './traffic';

export const DEFAULT_SEED = 20240601;
export const DEFAULT_ACCELERATE = 30;
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
  const emrContainers = createEmrContainersService({
    clock,
    seed,
    accelerate: options.accelerate ?? DEFAULT_ACCELERATE,
    demoData: options.demoData ?? true,
    intercept,
  });
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
    intercept,
  });
  const services = [emrContainers, kubecost];
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
    faults,
    stats,
    kubecost: {
      setOutage: mode => kubecost.setOutage(mode),
      outage: () => kubecost.outage(),
      simulation: () => kubecost.simulation(),
    },
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
