import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  BudgetStatus,
  CostReport,
  DEFAULT_BUDGET_THRESHOLDS,
  CostWindow,
  EMR_SERVERLESS_APPLICATION_ARN_ANNOTATION,
  EMR_SERVERLESS_APPLICATION_RESOURCE_TYPE,
  EMR_VIRTUAL_CLUSTER_ARN_ANNOTATION,
  EMR_VIRTUAL_CLUSTER_RESOURCE_TYPE,
  ServerlessApplicationKey,
  UnattributedCostReport,
  VirtualClusterKey,
  emrEksCostReadPermission,
  emrEksTenantAdminPermission,
  getServerlessApplicationArn,
  getVirtualClusterArn,
  parseServerlessApplicationArn,
  parseVirtualClusterArn,
} from '@emr-eks/plugin-emr-eks-common';
import { BudgetsConfig, budgetStatus } from './budget';
import { CostStore } from './CostStore';
import { buildReport, toCsv } from './report';
import {
  byServerlessApplication,
  withServerlessDaily,
  withServerlessTotals,
} from './serverlessReport';
import {
  bySparkApplication,
  withSparkDaily,
  withSparkTotals,
} from './sparkReport';
import { CostQuery, CostRequest, CostService } from './types';

const DAY_MS = 86_400_000;

const keyOnly = (v: VirtualClusterKey): VirtualClusterKey => ({
  accountId: v.accountId,
  region: v.region,
  virtualClusterId: v.virtualClusterId,
});

const applicationKeyOnly = (
  a: ServerlessApplicationKey,
): ServerlessApplicationKey => ({
  accountId: a.accountId,
  region: a.region,
  applicationId: a.applicationId,
});

/** The current and previous windows a query names. */
export function windowsOf(
  query: CostQuery,
  now: number,
): { window: CostWindow; previous: CostWindow } {
  let start: number;
  let end: number;
  if ('window' in query) {
    end = Math.floor(now / DAY_MS) * DAY_MS + DAY_MS;
    start = end - Number.parseInt(query.window, 10) * DAY_MS;
  } else {
    start = Date.parse(`${query.start}T00:00:00Z`);
    end = Date.parse(`${query.end}T00:00:00Z`) + DAY_MS;
  }
  const iso = (t: number) => new Date(t).toISOString();
  return {
    window: { start: iso(start), end: iso(end) },
    previous: { start: iso(start - (end - start)), end: iso(start) },
  };
}

/** What an entity's cost covers: its virtual clusters and EMR Serverless applications. */
export interface CostScope {
  virtualClusters: Array<{ entityRef: string } & VirtualClusterKey>;
  serverlessApplications: Array<
    { entityRef: string } & ServerlessApplicationKey
  >;
}

/**
 * The store keys a report or CSV reads: the virtual clusters' for job runs, and theirs and
 * the EMR Serverless applications' for the rest — none of those when one job run is asked for.
 */
function storeKeys(
  options: { jobRunId?: string } & Pick<CostScope, 'virtualClusters'> &
    Partial<Pick<CostScope, 'serverlessApplications'>>,
) {
  const keys = options.virtualClusters.map(keyOnly);
  const oneRun = Boolean(options.jobRunId);
  const applications = oneRun ? [] : options.serverlessApplications ?? [];
  return {
    keys,
    sparkKeys: oneRun ? [] : keys,
    applications,
    appKeys: applications.map(applicationKeyOnly),
  };
}

/**
 * The report of some virtual clusters and EMR Serverless applications over a window, from
 * the stored history. Applications' runs are in `totals.total` and `daily[].serverless`, and
 * each application is its own series in `byServerlessApplication`. The Spark Operator and
 * spark-submit applications in the virtual clusters' namespaces are in `totals.total` and
 * `daily[].sparkApplications`, each in `bySparkApplication`. A job run filter is about EMR on
 * EKS runs only.
 */
export async function costReport(
  store: CostStore,
  options: {
    window: CostWindow;
    previous: CostWindow;
    jobRunId?: string;
  } & Pick<CostScope, 'virtualClusters'> &
    Partial<Pick<CostScope, 'serverlessApplications'>>,
): Promise<CostReport> {
  const { window, previous, virtualClusters, jobRunId } = options;
  const { keys, sparkKeys, applications, appKeys } = storeKeys(options);
  const [
    days,
    previousDays,
    byComponent,
    byCapacityType,
    completeUntil,
    historyStart,
    serverlessDays,
    previousServerlessDays,
    sparkDays,
    previousSparkDays,
  ] = await Promise.all([
    store.jobDays(keys, window, jobRunId),
    store.jobDays(keys, previous, jobRunId),
    store.computeBy('component', keys, window, jobRunId),
    store.computeBy('capacity_type', keys, window, jobRunId),
    store.kubecostCompleteUntil(),
    store.historyStart(),
    store.serverlessDays(appKeys, window),
    store.serverlessDays(appKeys, previous),
    store.sparkAppDays(sparkKeys, window),
    store.sparkAppDays(sparkKeys, previous),
  ]);
  const report = buildReport({
    window,
    previousWindow: previous,
    days,
    previousDays,
    byComponent,
    byCapacityType,
    completeUntil,
    historyStart,
    virtualClusters,
  });
  const withSpark =
    sparkKeys.length === 0
      ? report
      : {
          ...report,
          totals: withSparkTotals(report.totals, sparkDays),
          previous: {
            ...report.previous,
            totals: withSparkTotals(report.previous.totals, previousSparkDays),
          },
          daily: withSparkDaily(report.daily, sparkDays),
          bySparkApplication: bySparkApplication(
            sparkDays,
            window,
            virtualClusters,
          ),
        };
  if (applications.length === 0) {
    return withSpark;
  }
  return {
    ...withSpark,
    totals: withServerlessTotals(withSpark.totals, serverlessDays),
    previous: {
      ...withSpark.previous,
      totals: withServerlessTotals(
        withSpark.previous.totals,
        previousServerlessDays,
      ),
    },
    daily: withServerlessDaily(withSpark.daily, serverlessDays),
    byServerlessApplication: byServerlessApplication(
      serverlessDays,
      window,
      applications,
    ),
    serverlessApplications: applications,
  };
}

/**
 * Cost of a virtual-cluster Resource, or of every virtual cluster a Group owns, from the
 * stored history: it answers whether or not Kubecost is reachable right now.
 */
export class DefaultCostService implements CostService {
  constructor(
    private readonly catalog: CatalogService,
    private readonly permissions: PermissionsService,
    private readonly store: CostStore,
    private readonly now: () => number = Date.now,
    private readonly budgets: BudgetsConfig = {
      monthly: new Map(),
      thresholds: DEFAULT_BUDGET_THRESHOLDS,
    },
  ) {}

  async report(request: CostRequest): Promise<CostReport> {
    const scope = await this.scopeOf(request);
    return costReport(this.store, {
      ...windowsOf(request.query, this.now()),
      ...scope,
      jobRunId: request.query.jobRunId,
    });
  }

  async budget(request: Omit<CostRequest, 'query'>): Promise<BudgetStatus> {
    const request7d = { ...request, query: { window: '7d' as const } };
    const scope = await this.scopeOf(request7d);
    // Read again for its annotations; scopeOf has checked the caller may see it.
    const entity = await this.catalog.getEntityByRef(request.entityRef, {
      credentials: request.credentials,
    });
    if (!entity) {
      throw new NotFoundError(
        `No entity ${stringifyEntityRef(request.entityRef)}`,
      );
    }
    return budgetStatus(this.store, {
      entity,
      ...scope,
      budgets: this.budgets,
      now: this.now(),
    });
  }

  async csv(request: CostRequest): Promise<string> {
    const scope = await this.scopeOf(request);
    const { window } = windowsOf(request.query, this.now());
    const { jobRunId } = request.query;
    // The same rows as the report: one job run's file holds that run alone.
    const { keys, sparkKeys, appKeys } = storeKeys({ ...scope, jobRunId });
    const [days, sparkDays, serverlessDays] = await Promise.all([
      this.store.jobDays(keys, window, jobRunId),
      this.store.sparkAppDays(sparkKeys, window),
      this.store.serverlessDays(appKeys, window),
    ]);
    return toCsv(days, sparkDays, serverlessDays);
  }

  /**
   * The cost no team is charged with (pods outside their virtual cluster's namespace,
   * unknown virtual cluster ids, EMR pods missing labels), for platform admins only.
   */
  async unattributed(request: {
    credentials: BackstageCredentials;
    query: CostQuery;
  }): Promise<UnattributedCostReport> {
    const [decision] = await this.permissions.authorize(
      [{ permission: emrEksTenantAdminPermission }],
      { credentials: request.credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `Not allowed: unattributed cost is shown only with ${emrEksTenantAdminPermission.name}`,
      );
    }
    const { window } = windowsOf(request.query, this.now());
    const [rows, completeUntil] = await Promise.all([
      this.store.unattributed(window, request.query.jobRunId),
      this.store.kubecostCompleteUntil(),
    ]);
    return {
      currency: 'USD',
      window,
      compute: rows.reduce((sum, row) => sum + row.compute, 0),
      rows,
      completeUntil: completeUntil?.toISOString(),
    };
  }

  /** The virtual clusters and applications behind an entity the caller may read the cost of. */
  private async scopeOf({
    entityRef,
    credentials,
  }: CostRequest): Promise<CostScope> {
    const ref = stringifyEntityRef(entityRef);
    const entity = await this.catalog.getEntityByRef(entityRef, {
      credentials,
    });
    if (!entity) {
      throw new NotFoundError(`No entity ${ref}`);
    }
    const [decision] = await this.permissions.authorize(
      [{ permission: emrEksCostReadPermission, resourceRef: ref }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `Not allowed: ${emrEksCostReadPermission.name} on ${ref}`,
      );
    }
    if (entity.kind.toLowerCase() === 'group') {
      const owned = (type: string) =>
        this.catalog
          .getEntities(
            {
              filter: {
                kind: 'Resource',
                'spec.type': type,
                'relations.ownedBy': stringifyEntityRef(entity),
              },
            },
            { credentials },
          )
          .then(({ items }) => items);
      const [clusters, applications] = await Promise.all([
        owned(EMR_VIRTUAL_CLUSTER_RESOURCE_TYPE),
        owned(EMR_SERVERLESS_APPLICATION_RESOURCE_TYPE),
      ]);
      return {
        virtualClusters: clusters.flatMap(item => clusterOf(item)),
        serverlessApplications: applications.flatMap(item =>
          applicationOf(item),
        ),
      };
    }
    const scope = {
      virtualClusters: clusterOf(entity),
      serverlessApplications: applicationOf(entity),
    };
    if (
      scope.virtualClusters.length === 0 &&
      scope.serverlessApplications.length === 0
    ) {
      throw new InputError(
        `Entity ${ref} has no valid ${EMR_VIRTUAL_CLUSTER_ARN_ANNOTATION} or ${EMR_SERVERLESS_APPLICATION_ARN_ANNOTATION} annotation, and is not a Group`,
      );
    }
    return scope;
  }
}

/** The entity's EMR Serverless application, keyed by the account, region and id of its ARN. */
function applicationOf(entity: Entity) {
  const arn = getServerlessApplicationArn(entity)?.trim();
  const parsed = arn ? parseServerlessApplicationArn(arn) : undefined;
  return parsed
    ? [
        {
          entityRef: stringifyEntityRef(entity),
          accountId: parsed.accountId,
          region: parsed.region,
          applicationId: parsed.applicationId,
        },
      ]
    : [];
}

/** The entity's virtual cluster, keyed by the account, region and id of its ARN. */
function clusterOf(entity: Entity) {
  const arn = getVirtualClusterArn(entity);
  const parsed = arn ? parseVirtualClusterArn(arn) : undefined;
  return parsed
    ? [
        {
          entityRef: stringifyEntityRef(entity),
          accountId: parsed.accountId,
          region: parsed.region,
          virtualClusterId: parsed.virtualClusterId,
        },
      ]
    : [];
}
