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
  resource,
} from './resources';
import { KubernetesStore } from './store';
import { kubernetesControl } from './control';
import { KubernetesCluster } from './cluster';
import { EKS_TOKEN_PREFIX, KnownKey, eksTokenProblem } from './eksToken';

/*
 * A subset of the Kubernetes API server of each sandbox EKS cluster, under
 * /k8s/<cluster>/: namespaces, resource quotas, limit ranges, network
 * policies, RBAC roles and bindings, priority classes. Create, get, list,
 * server-side apply and delete, answered as the API server does (Status
 * objects, resourceVersion, managedFields). Any bearer token is accepted but
 * an EKS token (`k8s-aws-v1.`), which must be signed for that cluster with a key
 * the sandbox knows and not be expired (eksToken.ts); 401 otherwise, as EKS.
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
export {
  OUTCOME_ANNOTATION,
  SPARK_LABELS,
  SparkOperator,
  isEmrImage,
} from './sparkOperator';
export type { SparkPlan, SparkRunRecord } from './sparkOperator';
export {
  EMRFS_HADOOP_CONF,
  SPARK_SERVICE_ACCOUNT,
  emrRuntimeImage,
  emrSparkConf,
} from './sparkSeed';

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
/** The one version the sandbox serves of each API group. */
const GROUP_VERSION = Object.fromEntries(
  KUBERNETES_RESOURCES.filter(r => r.group).map(r => [r.group, r.version]),
);

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

/**
 * `GET /api/v1/namespaces/<ns>/pods/<name>/log`: the container's log as text,
 * the last `tailLines` lines when asked; 400 while the container is waiting,
 * as the API server answers.
 */
function podLog(
  cluster: KubernetesCluster,
  store: KubernetesStore,
  namespace: string,
  name: string,
  query: URLSearchParams,
): string {
  const pod = cluster.get(resource('pods'), namespace, name);
  const container = pod.spec?.containers?.[0]?.name ?? 'main';
  const asked = query.get('container');
  if (asked && asked !== container) {
    throw new KubeStatusError(
      400,
      'BadRequest',
      `container ${asked} is not valid for pod ${name}`,
    );
  }
  const lines = store.spark.log(cluster, pod);
  if (lines === undefined) {
    throw new KubeStatusError(
      400,
      'BadRequest',
      `container "${container}" in pod "${name}" is waiting to start: ContainerCreating`,
    );
  }
  const tail = query.get('tailLines');
  if (tail !== null && !/^\d+$/.test(tail)) {
    throw new KubeStatusError(
      400,
      'BadRequest',
      `invalid value for tailLines: "${tail}"`,
    );
  }
  const count = tail === null ? lines.length : Number(tail);
  const shown = count === 0 ? [] : lines.slice(-count);
  return shown.length ? `${shown.join('\n')}\n` : '';
}

export function createKubernetesService(options: {
  clock: Clock;
  seed: number;
  demoData: boolean;
  /** How much faster than real life new Spark applications progress (default 30). */
  accelerate?: number;
  intercept?: (operation: string, req: Request) => void | Promise<void>;
  /** The keys whose EKS tokens are accepted; none when unset. */
  keyOf?: (accessKeyId: string) => KnownKey | undefined;
}): KubernetesService {
  const store = new KubernetesStore(
    options.clock,
    options.seed,
    options.demoData,
    [DEMO.eksClusterName, DEMO.secondaryRegion.eksClusterName],
    options.accelerate,
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
      const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
      if (bearer && bearer[1].startsWith(EKS_TOKEN_PREFIX)) {
        const problem = eksTokenProblem(
          bearer[1],
          clusterName,
          options.keyOf ?? (() => undefined),
          options.clock.now(),
        );
        if (problem) {
          // The API server says no more than this; the reason is for the sandbox's log.
          res.setHeader('x-sandbox-unauthorized', problem);
          sendStatus(
            res,
            new KubeStatusError(401, 'Unauthorized', 'Unauthorized'),
          );
          return;
        }
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
              versions: [
                {
                  groupVersion: `${group}/${GROUP_VERSION[group]}`,
                  version: GROUP_VERSION[group],
                },
              ],
              preferredVersion: {
                groupVersion: `${group}/${GROUP_VERSION[group]}`,
                version: GROUP_VERSION[group],
              },
            })),
          });
          return;
        }
        if (
          rest[0] === 'apis' &&
          rest.length === 3 &&
          GROUPS.includes(rest[1]) &&
          rest[2] === GROUP_VERSION[rest[1]]
        ) {
          res.json(
            apiResourceList(
              `${rest[1]}/${rest[2]}`,
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
      } else if (
        rest[0] === 'apis' &&
        rest[2] !== undefined &&
        rest[2] === GROUP_VERSION[rest[1]]
      ) {
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
      if (
        req.method === 'GET' &&
        group === '' &&
        tail.length === 5 &&
        tail[0] === 'namespaces' &&
        tail[2] === 'pods' &&
        tail[4] === 'log'
      ) {
        await options.intercept?.('k8s:log', req);
        const text = podLog(cluster, store, tail[1], tail[3], query);
        res.type('text/plain').send(text);
        return;
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
            cluster.list(
              r,
              namespace,
              query.get('labelSelector') ?? undefined,
              query.get('fieldSelector') ?? undefined,
            ),
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
    control: kubernetesControl(store.spark.nextOutcomes),
    operations: KUBERNETES_OPERATIONS,
    reset: () => store.reset(),
  };
}
