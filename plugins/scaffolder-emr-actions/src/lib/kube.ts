import {
  KubernetesObject,
  KubernetesObjectApi,
  PatchStrategy,
} from '@kubernetes/client-node';
import { isNotFound } from './clients';
import { FIELD_MANAGER } from './manifests';

function header(obj: KubernetesObject) {
  return {
    apiVersion: obj.apiVersion!,
    kind: obj.kind!,
    metadata: {
      name: obj.metadata!.name!,
      ...(obj.metadata?.namespace ? { namespace: obj.metadata.namespace } : {}),
    },
  };
}

/** The object as the cluster has it, or undefined. */
export async function readObject(
  api: KubernetesObjectApi,
  obj: KubernetesObject,
): Promise<KubernetesObject | undefined> {
  try {
    return await api.read(header(obj));
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/** Server-side apply with this module's field manager. */
export async function applyObject(
  api: KubernetesObjectApi,
  obj: KubernetesObject,
): Promise<KubernetesObject> {
  return api.patch(
    obj,
    undefined,
    undefined,
    FIELD_MANAGER,
    true,
    PatchStrategy.ServerSideApply,
  );
}

/** Deletes the object; already gone is fine. */
export async function deleteObject(
  api: KubernetesObjectApi,
  obj: KubernetesObject,
): Promise<void> {
  try {
    await api.delete(header(obj));
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
}

/** `Kind namespace/name` for logs. */
export function describeObject(obj: KubernetesObject): string {
  const ns = obj.metadata?.namespace;
  return `${obj.kind} ${ns ? `${ns}/` : ''}${obj.metadata?.name}`;
}

/** An existing object as it can be applied again to restore it: no status, no server fields. */
export function restorable(obj: KubernetesObject): KubernetesObject {
  const {
    status: _status,
    metadata,
    ...rest
  } = JSON.parse(JSON.stringify(obj));
  return {
    ...rest,
    metadata: {
      name: metadata?.name,
      ...(metadata?.namespace ? { namespace: metadata.namespace } : {}),
      labels: metadata?.labels ?? {},
      annotations: metadata?.annotations ?? {},
    },
  };
}
