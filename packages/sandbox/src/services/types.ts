import type { Router } from 'express';

/**
 * One AWS (or other) API served by the sandbox. The server picks the service
 * from the SigV4 credential scope of each request, so several services share
 * one port.
 */
export interface SandboxService {
  /** SigV4 signing name, e.g. "emr-containers". */
  name: string;
  /** Serves the service's wire protocol. */
  router: Router;
  /** Test controls, mounted at /_sandbox/<name>. */
  control?: Router;
  /** Names of the operations the service's API has (for fault rules). */
  operations?: string[];
  /** Back to the initial (seeded) data. */
  reset(): void;
}
