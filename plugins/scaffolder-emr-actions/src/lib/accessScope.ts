import {
  AssociateAccessPolicyCommand,
  DisassociateAccessPolicyCommand,
  EKSClient,
  ListAssociatedAccessPoliciesCommand,
} from '@aws-sdk/client-eks';
import { ConflictError } from '@backstage/errors';
import { isNotFound } from './clients';

export const EMR_JOB_ACCESS_POLICY =
  'arn:aws:eks::aws:cluster-access-policy/AmazonEMRJobPolicy';

/** How often a write is retried when a concurrent writer changed the scope under it. */
export const MAX_SCOPE_ATTEMPTS = 5;

export interface ScopeTarget {
  clusterName: string;
  principalArn: string;
}

// EKS has no compare-and-set on an access scope: writers in this process take turns per
// cluster and principal, and every write is read back, since another process may write too.
const queues = new Map<string, Promise<unknown>>();

function serialized<T>(target: ScopeTarget, fn: () => Promise<T>): Promise<T> {
  const key = `${target.clusterName}\n${target.principalArn}`;
  const previous = queues.get(key) ?? Promise.resolve();
  const next = previous.then(fn, fn);
  const settled = next.catch(() => undefined);
  queues.set(key, settled);
  settled.then(() => {
    if (queues.get(key) === settled) queues.delete(key);
  });
  return next;
}

/** The namespaces AmazonEMRJobPolicy is scoped to; undefined when it is not associated. */
export async function readScope(
  eks: EKSClient,
  target: ScopeTarget,
): Promise<string[] | undefined> {
  const res = await eks.send(new ListAssociatedAccessPoliciesCommand(target));
  const association = res.associatedAccessPolicies?.find(
    p => p.policyArn === EMR_JOB_ACCESS_POLICY,
  );
  return association ? association.accessScope?.namespaces ?? [] : undefined;
}

async function writeScope(
  eks: EKSClient,
  target: ScopeTarget,
  namespaces: string[],
) {
  if (namespaces.length === 0) {
    await eks
      .send(
        new DisassociateAccessPolicyCommand({
          ...target,
          policyArn: EMR_JOB_ACCESS_POLICY,
        }),
      )
      .catch(error => {
        if (!isNotFound(error)) throw error;
      });
    return;
  }
  await eks.send(
    new AssociateAccessPolicyCommand({
      ...target,
      policyArn: EMR_JOB_ACCESS_POLICY,
      accessScope: { type: 'namespace', namespaces },
    }),
  );
}

/**
 * Adds `namespace` to the scope, keeping every other namespace in it, and reads it back until
 * it is there (a concurrent writer elsewhere may have written an older list). Returns whether
 * this call added it.
 */
export function addToScope(
  eks: EKSClient,
  target: ScopeTarget,
  namespace: string,
): Promise<boolean> {
  return serialized(target, async () => {
    let added = false;
    for (let attempt = 0; attempt < MAX_SCOPE_ATTEMPTS; attempt++) {
      const current = await readScope(eks, target);
      if (current?.includes(namespace)) return added;
      await writeScope(eks, target, [...(current ?? []), namespace]);
      added = true;
    }
    if ((await readScope(eks, target))?.includes(namespace)) return added;
    throw new ConflictError(
      `namespace ${namespace} could not be added to the AmazonEMRJobPolicy scope of ${target.clusterName}: other writers kept replacing it (${MAX_SCOPE_ATTEMPTS} attempts)`,
    );
  });
}

/**
 * Takes only `namespace` out of the freshly read scope, reading back until it is gone; the
 * other tenants' namespaces stay, and the association itself goes only with the last one.
 */
export function removeFromScope(
  eks: EKSClient,
  target: ScopeTarget,
  namespace: string,
): Promise<void> {
  return serialized(target, async () => {
    for (let attempt = 0; attempt < MAX_SCOPE_ATTEMPTS; attempt++) {
      const current = await readScope(eks, target);
      if (!current?.includes(namespace)) return;
      await writeScope(
        eks,
        target,
        current.filter(ns => ns !== namespace),
      );
    }
    if (!(await readScope(eks, target))?.includes(namespace)) return;
    throw new ConflictError(
      `namespace ${namespace} could not be removed from the AmazonEMRJobPolicy scope of ${target.clusterName}: other writers kept restoring it (${MAX_SCOPE_ATTEMPTS} attempts)`,
    );
  });
}
