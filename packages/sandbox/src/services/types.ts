import type { Router } from 'express';

/**
 * One AWS (or other) API served by the sandbox. The server picks the service
 * by path for services that own path prefixes (APIs without SigV4, such as
 * Kubecost's), otherwise from the SigV4 credential scope of each request, so
 * several services share one port.
 */
export interface SandboxService {
  /** SigV4 signing name, e.g. "emr-containers"; or the API's name. */
  name: string;
  /**
   * Path prefixes (e.g. "/model") whose requests go to this service whatever
   * their signature; AWS services leave this out.
   */
  paths?: string[];
  /** Serves the service's wire protocol. */
  router: Router;
  /** Test controls, mounted at /_sandbox/<name>. */
  control?: Router;
  /** Names of the operations the service's API has (for fault rules). */
  operations?: string[];
  /** Back to the initial (seeded) data. */
  reset(): void;
}
