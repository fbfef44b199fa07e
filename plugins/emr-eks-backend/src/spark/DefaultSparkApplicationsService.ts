import {
  CacheService,
  DatabaseService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  DeletedSparkApplication,
  SparkApplicationDetail,
  SparkApplicationPage,
  SparkApplicationTemplate,
  SparkApplicationTemplatePage,
  SparkApplicationTemplateRequest,
  SparkDriverLog,
  StartSparkApplicationRequest,
  StartedSparkApplication,
  isTerminalSparkApplicationState,
} from '@emr-eks/plugin-emr-eks-common';
import { readEmrEksConfig } from '../config';
import { EmrEksService, EntityRequest, WriteResult } from '../services/types';
import { UpstreamCache } from '../services/UpstreamCache';
import { SparkApplicationsConfig, readSparkApplicationsConfig } from './config';
import { locateSparkNamespace } from './locate';
import { SparkApplicationWrites } from './SparkApplicationWrites';
import { DRIVER_CONTAINER, SparkKubernetesReader } from './kubernetes';
import { SparkApplicationsService } from './types';
import {
  isSparkSubmitDriver,
  operatorDetail,
  operatorSummary,
  submitDetail,
  submitSummary,
} from './wire';

interface Where {
  reader: SparkKubernetesReader;
  cluster: string;
  namespace: string;
  /** The cache scope: one namespace of one cluster. */
  scope: string;
}

/**
 * The default {@link SparkApplicationsService}. The entity resolves to its virtual
 * cluster through the EMR on EKS service (the caller's catalog view, then
 * `emr-eks.job-run.read`), the virtual cluster to its EKS cluster and namespace, the
 * cluster to the portal's `kubernetes` config; only then is the cache or Kubernetes asked.
 */
export class DefaultSparkApplicationsService
  implements SparkApplicationsService
{
  private constructor(
    private readonly emrEks: EmrEksService,
    private readonly config: SparkApplicationsConfig,
    private readonly cache: UpstreamCache,
    private readonly ttl: { listTtlMs: number; terminalTtlMs: number },
    private readonly writes: SparkApplicationWrites,
  ) {}

  static create(options: {
    config: RootConfigService;
    cache: CacheService;
    emrEks: EmrEksService;
    /** Saved templates; without it the template routes answer 503. */
    database?: DatabaseService;
  }): DefaultSparkApplicationsService {
    const emrEksConfig = readEmrEksConfig(options.config);
    const config = readSparkApplicationsConfig(options.config);
    const cache = new UpstreamCache(
      options.cache,
      emrEksConfig.cache.staleTtlMs,
    );
    return new DefaultSparkApplicationsService(
      options.emrEks,
      config,
      cache,
      emrEksConfig.cache,
      SparkApplicationWrites.create({
        emrEks: options.emrEks,
        config,
        cache,
        database: options.database,
      }),
    );
  }

  listTemplates(request: EntityRequest): Promise<SparkApplicationTemplatePage> {
    return this.writes.listTemplates(request);
  }

  saveTemplate(
    request: EntityRequest & { body: SparkApplicationTemplateRequest },
  ): Promise<WriteResult<SparkApplicationTemplate & { id: string }>> {
    return this.writes.saveTemplate(request);
  }

  startApplication(
    request: EntityRequest & { body: StartSparkApplicationRequest },
  ): Promise<WriteResult<StartedSparkApplication>> {
    return this.writes.start(request);
  }

  rerunApplication(
    request: EntityRequest & { id: string },
  ): Promise<WriteResult<StartedSparkApplication>> {
    return this.writes.rerun(request);
  }

  deleteApplication(
    request: EntityRequest & { id: string },
  ): Promise<WriteResult<DeletedSparkApplication>> {
    return this.writes.delete(request);
  }

  async listSparkApplications(
    request: EntityRequest,
  ): Promise<SparkApplicationPage> {
    const where = await this.where(request);
    return this.cache.readWithFallback(
      where.scope,
      'spark-applications',
      async () => {
        const [apps, pods] = await Promise.all([
          where.reader.listApplications(),
          where.reader.listSparkPods(),
        ]);
        const now = Date.now();
        const items = [
          ...(apps ?? []).map(app => operatorSummary(app, pods, now)),
          ...pods
            .filter(isSparkSubmitDriver)
            .map(driver => submitSummary(driver, pods, now)),
        ].sort(
          (a, b) =>
            (b.submittedAt ?? '').localeCompare(a.submittedAt ?? '') ||
            a.id.localeCompare(b.id),
        );
        return {
          items,
          cluster: where.cluster,
          namespace: where.namespace,
          sparkOperator: apps !== undefined,
        };
      },
      () => this.ttl.listTtlMs,
    );
  }

  async getSparkApplication(
    request: EntityRequest & { id: string },
  ): Promise<SparkApplicationDetail> {
    return this.detail(await this.where(request), request.id);
  }

  private detail(where: Where, id: string) {
    return this.cache.readWithFallback(
      where.scope,
      `spark-application:${id}`,
      () => this.fetchDetail(where, id),
      detail =>
        isTerminalSparkApplicationState(detail.state)
          ? this.ttl.terminalTtlMs
          : this.ttl.listTtlMs,
    );
  }

  async getDriverLog(
    request: EntityRequest & { id: string; tailLines: number },
  ): Promise<SparkDriverLog> {
    const where = await this.where(request);
    const detail = await this.detail(where, request.id);
    const pod = detail.driverPod;
    if (!pod) {
      return {
        pod: '',
        container: DRIVER_CONTAINER,
        tailLines: request.tailLines,
        lines: [],
        message: `Spark application ${request.id} has no driver pod yet`,
      };
    }
    return this.cache.readWithFallback(
      where.scope,
      `driver-log:${pod}:${request.tailLines}`,
      async () => {
        const log = await where.reader.driverLog(pod, request.tailLines);
        return {
          pod,
          container: DRIVER_CONTAINER,
          tailLines: request.tailLines,
          ...('waiting' in log
            ? { lines: [], message: log.waiting }
            : { lines: linesOf(log.text) }),
        };
      },
      () =>
        isTerminalSparkApplicationState(detail.state)
          ? this.ttl.terminalTtlMs
          : this.ttl.listTtlMs,
    );
  }

  private async fetchDetail(
    where: Where,
    id: string,
  ): Promise<SparkApplicationDetail> {
    const options = {
      namespace: where.namespace,
      historyServerUrl: this.config.historyServerUrl,
    };
    const app = await where.reader.getApplication(id);
    if (app) {
      const driverPod = app.status?.driverInfo?.podName;
      const [pods, appEvents, driverEvents] = await Promise.all([
        where.reader.listSparkPods(
          `sparkoperator.k8s.io/app-name=${app.metadata.name}`,
        ),
        where.reader.listEvents(app.metadata.name),
        driverPod ? where.reader.listEvents(driverPod) : Promise.resolve([]),
      ]);
      return operatorDetail(
        app,
        pods,
        [...appEvents, ...driverEvents],
        options,
      );
    }
    const driver = await where.reader.getPod(id);
    if (driver && isSparkSubmitDriver(driver)) {
      const selector = driver.metadata?.labels?.['spark-app-selector'];
      const [pods, events] = await Promise.all([
        selector
          ? where.reader.listSparkPods(`spark-app-selector=${selector}`)
          : Promise.resolve([]),
        where.reader.listEvents(id),
      ]);
      return submitDetail(driver, pods, events, options);
    }
    throw new NotFoundError(
      `No Spark application or spark-submit driver pod '${id}' in namespace '${where.namespace}' of cluster '${where.reader.clusterName}'`,
    );
  }

  /** The namespace and cluster of the entity's virtual cluster, as the caller may read them. */
  private async where(request: EntityRequest): Promise<Where> {
    const vc = await this.emrEks.describeVirtualCluster(request);
    const { cluster, namespace, scope, token } = locateSparkNamespace(
      vc,
      this.config,
    );
    return {
      reader: new SparkKubernetesReader(cluster, namespace, token),
      cluster: cluster.name,
      namespace,
      scope,
    };
  }
}

function linesOf(text: string): string[] {
  const trimmed = text.replace(/\n$/, '');
  return trimmed ? trimmed.split('\n') : [];
}
