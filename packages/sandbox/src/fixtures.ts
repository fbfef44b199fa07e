import fs from 'node:fs';
import path from 'node:path';

/** Where the published Kubecost and OpenCost responses are kept (fixtures/kubecost, with their sources). */
export const PUBLISHED_COST_RESPONSES_DIR = path.resolve(
  __dirname,
  '../fixtures/kubecost',
);

/**
 * One published Kubecost or OpenCost response body, parsed: the sandbox's conformance test
 * and the backend's Kubecost client test read the same copy.
 */
export function publishedCostResponse(name: string): Record<string, any> {
  return JSON.parse(
    fs.readFileSync(path.join(PUBLISHED_COST_RESPONSES_DIR, name), 'utf8'),
  );
}
