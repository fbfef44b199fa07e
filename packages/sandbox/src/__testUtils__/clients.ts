import { manualClock } from '../clock';
import { createSandbox, RunningSandbox, Sandbox } from '../sandbox';
import { T0 } from './index';

export interface ListeningSandbox {
  sandbox: Sandbox;
  running: RunningSandbox;
  /** What every AWS SDK v3 client needs to talk to the sandbox. */
  aws: {
    endpoint: string;
    region: string;
    credentials: { accessKeyId: string; secretAccessKey: string };
  };
}

/** A sandbox on a frozen clock at T0, listening on a free loopback port. */
export async function listeningSandbox(
  region = 'us-east-1',
): Promise<ListeningSandbox> {
  const sandbox = createSandbox({ seed: 7, clock: manualClock(T0) });
  const running = await sandbox.listen(0);
  return {
    sandbox,
    running,
    aws: {
      endpoint: running.url,
      region,
      credentials: { accessKeyId: 'AKIASANDBOX', secretAccessKey: 'any' },
    },
  };
}

/** A kubeconfig (as loadFromOptions takes it) for a sandbox EKS cluster. */
export function kubeconfigOptions(url: string, cluster = 'analytics-shared') {
  return {
    // client-node refuses plain http unless TLS verification is off.
    clusters: [
      { name: cluster, server: `${url}/k8s/${cluster}`, skipTLSVerify: true },
    ],
    users: [{ name: 'sandbox', token: 'any-token' }],
    contexts: [{ name: cluster, cluster, user: 'sandbox' }],
    currentContext: cluster,
  };
}

/** The error an SDK call fails with; fails the test when the call succeeds. */
export async function errorOf(call: Promise<unknown>): Promise<any> {
  try {
    await call;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}
