import type { Config } from '@backstage/config';
import { ApiException, KubeConfig } from '@kubernetes/client-node';

/**
 * A cluster as the Backstage Kubernetes plugin configures it
 * (`kubernetes.clusterLocatorMethods[].clusters[]` of a `config` locator).
 *
 * @public
 */
export interface KubernetesCluster {
  name: string;
  url: string;
  authProvider: string;
  serviceAccountToken?: string;
  skipTLSVerify: boolean;
  caData?: string;
  /** The entry's `authMetadata`, e.g. `kubernetes.io/aws-assume-role` for `aws`. */
  authMetadata?: Record<string, string>;
}

/**
 * The clusters of the portal's `kubernetes` config, by name: the EMR on EKS packages reach
 * a cluster's API through the same entries as the Kubernetes plugin, never a config of
 * their own.
 *
 * @public
 */
export function readKubernetesClusters(
  root: Config,
): Map<string, KubernetesCluster> {
  const result = new Map<string, KubernetesCluster>();
  const methods =
    root.getOptionalConfigArray('kubernetes.clusterLocatorMethods') ?? [];
  for (const method of methods) {
    if (method.getOptionalString('type') !== 'config') continue;
    for (const cluster of method.getOptionalConfigArray('clusters') ?? []) {
      const name = cluster.getString('name');
      result.set(name, {
        name,
        url: cluster.getString('url'),
        authProvider:
          cluster.getOptionalString('authProvider') ?? 'serviceAccount',
        serviceAccountToken: cluster.getOptionalString('serviceAccountToken'),
        skipTLSVerify: cluster.getOptionalBoolean('skipTLSVerify') ?? false,
        caData: cluster.getOptionalString('caData'),
        authMetadata: readAuthMetadata(cluster),
      });
    }
  }
  return result;
}

function readAuthMetadata(cluster: Config): Record<string, string> | undefined {
  // Read whole, as the Kubernetes plugin does: its keys (`kubernetes.io/...`) are not config keys.
  const block = cluster.getOptional('authMetadata');
  if (block === undefined || block === null) return undefined;
  const entries =
    typeof block === 'object' && !Array.isArray(block)
      ? Object.entries(block)
      : undefined;
  if (!entries || entries.some(([, v]) => typeof v !== 'string')) {
    throw new Error(
      `Invalid config value at authMetadata of Kubernetes cluster '${cluster.getString(
        'name',
      )}': it must map keys to strings`,
    );
  }
  return Object.fromEntries(entries) as Record<string, string>;
}

const USER = 'backstage';

/**
 * A KubeConfig for one configured cluster, authenticated with its service account token,
 * or with `bearerToken`, asked before each call, when given (an `aws` entry's EKS token:
 * see KubernetesTokens).
 *
 * @public
 */
export function kubeConfigFor(
  cluster: KubernetesCluster,
  bearerToken?: () => Promise<string | undefined>,
): KubeConfig {
  const kc = new KubeConfig();
  if (bearerToken) {
    kc.addAuthenticator({
      isAuthProvider: user => user.name === USER,
      applyAuthentication: async (_user, opts) => {
        const token = await bearerToken();
        if (token) {
          opts.headers = { ...opts.headers, Authorization: `Bearer ${token}` };
        }
      },
    });
  }
  kc.loadFromOptions({
    clusters: [
      {
        name: cluster.name,
        server: cluster.url,
        skipTLSVerify: cluster.skipTLSVerify,
        caData: cluster.caData,
      },
    ],
    users: [
      {
        name: USER,
        token: bearerToken ? undefined : cluster.serviceAccountToken,
      },
    ],
    contexts: [{ name: cluster.name, cluster: cluster.name, user: USER }],
    currentContext: cluster.name,
  });
  return kc;
}

/**
 * The HTTP status of a failed Kubernetes call, from the client's ApiException (or an error
 * carrying `statusCode`); undefined when the API server never answered.
 *
 * @public
 */
export function statusOf(error: unknown): number | undefined {
  if (error instanceof ApiException) return error.code;
  const code = (error as { statusCode?: unknown })?.statusCode;
  return typeof code === 'number' ? code : undefined;
}

/**
 * The API server's own message (its Status object's), if it sent one.
 *
 * @public
 */
export function messageOf(error: unknown): string | undefined {
  if (!(error instanceof ApiException)) return undefined;
  const body =
    typeof error.body === 'string' ? safeJson(error.body) : error.body;
  return typeof body?.message === 'string' ? body.message : undefined;
}

function safeJson(text: string): any {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
