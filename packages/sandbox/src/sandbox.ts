import http from 'node:http';
import { AddressInfo } from 'node:net';
import { Express } from 'express';
import { Clock, systemClock } from './clock';
import { createApp } from './server';
import { createEmrContainersService } from './services/emrContainers';
import { EmrContainersStore } from './services/emrContainers/store';

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
  /** The emr-containers data, for tests. */
  emrContainers: EmrContainersStore;
  /** Back to the seeded data at the clock's current time. */
  reset(): void;
  listen(port?: number, host?: string): Promise<RunningSandbox>;
}

const LOOPBACK = /^(127(\.\d{1,3}){3}|::1|localhost)$/;

export function createSandbox(options: SandboxOptions = {}): Sandbox {
  const clock = options.clock ?? systemClock();
  const seed = options.seed ?? DEFAULT_SEED;
  const emrContainers = createEmrContainersService({
    clock,
    seed,
    accelerate: options.accelerate ?? DEFAULT_ACCELERATE,
    demoData: options.demoData ?? true,
  });
  const services = [emrContainers];
  const app = createApp(clock, services);

  return {
    app,
    clock,
    emrContainers: emrContainers.store,
    reset: () => services.forEach(s => s.reset()),
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
