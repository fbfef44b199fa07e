import express, { NextFunction, Request, Response } from 'express';
import { Clock } from '../../clock';
import { DEMO } from '../../demo';
import { SandboxService } from '../types';
import { KubeStatusError, details } from './errors';
import {
  KUBERNETES,
  KUBERNETES_OPERATIONS,
  KUBERNETES_PATH_PREFIX,
  KUBERNETES_RESOURCES,
  KUBERNETES_VERSION,
  KubeObject,
  ResourceKind,
} from './resources';
import { KubernetesStore } from './store';

/*
 * A subset of the Kubernetes API server of each sandbox EKS cluster, under
 * /k8s/<cluster>/: namespaces, resource quotas, limit ranges, network
 * policies, RBAC roles and bindings, priority classes. Create, get, list,
 * server-side apply and delete, answered as the API server does (Status
 * objects, resourceVersion, managedFields). Any bearer token is accepted.
 *
 * This file is the HTTP side; the resources, the Status errors, server-side
 * apply's field sets, one cluster's objects and the store of every cluster
 * each have a module beside it.
 */

export {
  KUBERNETES,
  KUBERNETES_OPERATIONS,
  KUBERNETES_PATH_PREFIX,
  KUBERNETES_RESOURCES,
  KUBERNETES_VERSION,
  resource,
} from './resources';
export type { KubeObject, ResourceKind } from './resources';
export { KubeStatusError, invalidName, notFound } from './errors';
export { KubernetesCluster } from './cluster';
export { KubernetesStore } from './store';

function apiResourceList(groupVersion: string, resources: ResourceKind[]) {
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion,
    resources: resources.map(r => ({
      name: r.plural,
      singularName: r.singular,
      namespaced: r.namespaced,
      kind: r.kind,
      verbs: ['create', 'delete', 'get', 'list', 'patch'],
      ...(r.shortNames ? { shortNames: r.shortNames } : {}),
    })),
  };
}

const GROUPS = [
  ...new Set(KUBERNETES_RESOURCES.filter(r => r.group).map(r => r.group)),
];

function sendStatus(res: Response, error: KubeStatusError): void {
  res.status(error.code).json(error.toStatus());
}

/** Items of a list as the API server sends them: without kind and apiVersion. */
function listJson(r: ResourceKind, items: KubeObject[], version: string) {
  return {
    kind: `${r.kind}List`,
    apiVersion: r.group ? `${r.group}/${r.version}` : r.version,
    metadata: { resourceVersion: version },
    items: items.map(({ kind: _k, apiVersion: _a, ...rest }) => rest),
  };
}

export interface KubernetesService extends SandboxService {
  store: KubernetesStore;
}

export function createKubernetesService(options: {
  clock: Clock;
  seed: number;
  demoData: boolean;
  intercept?: (operation: string, req: Request) => void | Promise<void>;
}): KubernetesService {
  const store = new KubernetesStore(
    options.clock,
    options.seed,
    options.demoData,
    [DEMO.eksClusterName, DEMO.secondaryRegion.eksClusterName],
  );
  const router = express.Router();
  router.use(express.text({ type: () => true, limit: '3mb' }));
  router.use(async (req: Request, res: Response, next: NextFunction) => {
    try {
      const parts = req.path.split('/').filter(Boolean).map(decodeURIComponent);
      // parts[0] === 'k8s'
      const clusterName = parts[1];
      const cluster = clusterName ? store.cluster(clusterName) : undefined;
      if (!cluster) {
        res.status(404).type('text/plain').send('404 page not found\n');
        return;
      }
      const rest = parts.slice(2);
      const query = new URL(req.originalUrl, 'http://sandbox').searchParams;
      if (req.method === 'GET') {
        const path = rest.join('/');
        if (path === 'version') {
          res.json(KUBERNETES_VERSION);
          return;
        }
        if (path === 'api') {
          res.json({
            kind: 'APIVersions',
            versions: ['v1'],
            serverAddressByClientCIDRs: [
              { clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1:443' },
            ],
          });
          return;
        }
        if (path === 'api/v1') {
          res.json(
            apiResourceList(
              'v1',
              KUBERNETES_RESOURCES.filter(r => !r.group),
            ),
          );
          return;
        }
        if (path === 'apis') {
          res.json({
            kind: 'APIGroupList',
            apiVersion: 'v1',
            groups: GROUPS.map(group => ({
              name: group,
              versions: [{ groupVersion: `${group}/v1`, version: 'v1' }],
              preferredVersion: { groupVersion: `${group}/v1`, version: 'v1' },
            })),
          });
          return;
        }
        if (
          rest[0] === 'apis' &&
          rest.length === 3 &&
          GROUPS.includes(rest[1]) &&
          rest[2] === 'v1'
        ) {
          res.json(
            apiResourceList(
              `${rest[1]}/v1`,
              KUBERNETES_RESOURCES.filter(r => r.group === rest[1]),
            ),
          );
          return;
        }
      }
      // /api/v1/... or /apis/<group>/<version>/...
      let group: string;
      let tail: string[];
      if (rest[0] === 'api' && rest[1] === 'v1') {
        group = '';
        tail = rest.slice(2);
      } else if (rest[0] === 'apis' && rest[2] === 'v1') {
        group = rest[1];
        tail = rest.slice(3);
      } else {
        res.status(404).type('text/plain').send('404 page not found\n');
        return;
      }
      let namespace: string | undefined;
      let plural: string | undefined;
      let name: string | undefined;
      if (tail[0] === 'namespaces' && tail.length >= 3 && group !== '') {
        [, namespace, plural, name] = tail;
      } else if (tail[0] === 'namespaces' && tail.length >= 3 && group === '') {
        [, namespace, plural, name] = tail;
      } else {
        [plural, name] = tail;
      }
      if (tail.length > 4 || (tail[0] !== 'namespaces' && tail.length > 2)) {
        res.status(404).type('text/plain').send('404 page not found\n');
        return;
      }
      const r = KUBERNETES_RESOURCES.find(
        k => k.plural === plural && k.group === group,
      );
      if (!r || (namespace !== undefined && !r.namespaced)) {
        res.status(404).type('text/plain').send('404 page not found\n');
        return;
      }
      const body = (): unknown => {
        const text = typeof req.body === 'string' ? req.body : '';
        try {
          return JSON.parse(text);
        } catch {
          throw new KubeStatusError(
            400,
            'BadRequest',
            'the body of the request could not be decoded as JSON (the sandbox reads YAML only in its JSON form)',
          );
        }
      };
      const fieldManager = query.get('fieldManager') ?? undefined;
      if (
        r.namespaced &&
        namespace === undefined &&
        !(req.method === 'GET' && name === undefined)
      ) {
        res.status(404).type('text/plain').send('404 page not found\n');
        return;
      }
      if (req.method === 'GET' && name === undefined) {
        await options.intercept?.('k8s:list', req);
        if (namespace !== undefined && !cluster.hasNamespace(namespace)) {
          // A list in a missing namespace is empty, as on the API server.
        }
        res.json(
          listJson(
            r,
            cluster.list(r, namespace, query.get('labelSelector') ?? undefined),
            cluster.currentVersion(),
          ),
        );
        return;
      }
      if (req.method === 'GET') {
        await options.intercept?.('k8s:get', req);
        res.json(cluster.get(r, namespace, name!));
        return;
      }
      if (req.method === 'POST' && name === undefined) {
        await options.intercept?.('k8s:create', req);
        res
          .status(201)
          .json(cluster.create(r, namespace, body(), fieldManager));
        return;
      }
      if (req.method === 'PATCH' && name !== undefined) {
        await options.intercept?.('k8s:apply', req);
        const type = (req.headers['content-type'] ?? '').split(';')[0].trim();
        if (type !== 'application/apply-patch+yaml') {
          throw new KubeStatusError(
            415,
            'UnsupportedMediaType',
            `the server does not support the patch type "${type}" here (the sandbox serves server-side apply: application/apply-patch+yaml)`,
          );
        }
        const force = query.get('force') === 'true';
        const { object, created } = cluster.apply(
          r,
          namespace,
          name,
          body(),
          fieldManager,
          force,
        );
        res.status(created ? 201 : 200).json(object);
        return;
      }
      if (req.method === 'DELETE' && name !== undefined) {
        await options.intercept?.('k8s:delete', req);
        const gone = cluster.delete(r, namespace, name);
        if (r.kind === 'Namespace') {
          res.json(gone);
          return;
        }
        res.json({
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Success',
          details: { ...details(r, name), uid: gone.metadata.uid },
        });
        return;
      }
      throw new KubeStatusError(
        405,
        'MethodNotAllowed',
        `the server does not allow this method on the requested resource`,
      );
    } catch (error) {
      next(error);
    }
  });
  router.use(
    (error: unknown, _req: Request, res: Response, _next: NextFunction) => {
      if (error instanceof KubeStatusError) {
        sendStatus(res, error);
        return;
      }
      const aws = error as { code?: string; status?: number; message?: string };
      if (typeof aws.status === 'number') {
        // A fault from the sandbox's fault rules, as the API server would say it.
        const code = aws.status;
        const reasons: Record<number, string> = {
          429: 'TooManyRequests',
          503: 'ServiceUnavailable',
        };
        sendStatus(
          res,
          new KubeStatusError(
            code,
            reasons[code] ?? 'InternalError',
            aws.message ?? 'error',
          ),
        );
        return;
      }
      // eslint-disable-next-line no-console
      console.error('sandbox: unexpected error', error);
      sendStatus(
        res,
        new KubeStatusError(
          500,
          'InternalError',
          'Internal error in the sandbox',
        ),
      );
    },
  );
  return {
    name: KUBERNETES,
    paths: [KUBERNETES_PATH_PREFIX],
    store,
    router,
    operations: KUBERNETES_OPERATIONS,
    reset: () => store.reset(),
  };
}
