import { normalizeProviderId } from './labels';
import type {
  JobAllocationRow,
  JobAllocationWithCapacity,
  KubecostNode,
} from './types';

/**
 * Adds each row's node capacity type and instance type, joining on the provider id (many rows
 * to one node). Both sides are normalised to the EC2 instance id, so `aws:///zone/i-…` matches
 * `i-…`. Rows without a provider id or a matching node get `unknown` and no instance type.
 * When two nodes share a provider id, the one that knows more wins.
 *
 * @public
 */
export function joinCapacity(
  rows: readonly JobAllocationRow[],
  nodes: readonly KubecostNode[],
): JobAllocationWithCapacity[] {
  const byId = new Map<string, KubecostNode>();
  for (const node of nodes) {
    const id = normalizeProviderId(node.providerId);
    const known = byId.get(id);
    byId.set(id, known ? mergeNodes(known, node) : node);
  }
  return rows.map(row => {
    const node = row.providerId
      ? byId.get(normalizeProviderId(row.providerId))
      : undefined;
    return {
      ...row,
      capacityType: node?.capacityType ?? 'unknown',
      ...(node?.instanceType ? { instanceType: node.instanceType } : {}),
    };
  });
}

/** One node seen twice (several sets, or two forms of its provider id): keep what is known. */
export function mergeNodes(a: KubecostNode, b: KubecostNode): KubecostNode {
  const instanceType = b.instanceType ?? a.instanceType;
  return {
    providerId: a.providerId,
    name: a.name || b.name,
    capacityType:
      b.capacityType !== 'unknown' ? b.capacityType : a.capacityType,
    ...(instanceType ? { instanceType } : {}),
  };
}
