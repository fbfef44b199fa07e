import { DatabaseService } from '@backstage/backend-plugin-api';
import {
  ConflictError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import {
  DeletedSparkApplication,
  SparkApplicationTemplate,
  SparkApplicationTemplatePage,
  SparkApplicationTemplateRequest,
  SPARK_CONNECT_LABELS,
  StartedSparkApplication,
  emrEksJobRunCancelPermission,
  emrEksJobRunStartPermission,
} from '@emr-eks/plugin-emr-eks-common';
import {
  EMR_RUNTIME_SPARK_CONF,
  emrRuntimeImageUri,
} from '@emr-eks/plugin-emr-eks-node';
import { SavedDefinitionStore } from '../services/SavedDefinitionStore';
import {
  EmrEksService,
  EntityRequest,
  VirtualClusterForWrite,
  WriteResult,
} from '../services/types';
import { UpstreamCache } from '../services/UpstreamCache';
import { SparkApplicationsConfig } from './config';
import { SparkKubernetesReader, SparkApplicationObject } from './kubernetes';
import { SparkKubernetesWriter } from './kubernetesWrites';
import { locateSparkNamespace } from './locate';
import {
  PORTAL_MARKS,
  applicationName,
  isPortalApplication,
  sparkApplicationManifest,
  tenantSpark,
} from './manifest';
import { sparkApplicationTemplateSchema } from './schema';
import { isSparkSubmitDriver } from './wire';

type TemplateStore = SavedDefinitionStore<SparkApplicationTemplateRequest>;

/**
 * The Spark Operator actions: a team's saved templates, and the SparkApplications started,
 * rerun and deleted from them. Every write is checked by the EMR on EKS service as a job
 * run's is (permission, signed-in user, the entity's owner owns the virtual cluster by AWS
 * tag or platform config), then reaches Kubernetes as the portal's identity; a write that
 * fails leaves nothing behind (one create or one delete per action).
 */
export class SparkApplicationWrites {
  private constructor(
    private readonly emrEks: EmrEksService,
    private readonly config: SparkApplicationsConfig,
    private readonly cache: UpstreamCache,
    private readonly templates: Promise<TemplateStore> | undefined,
  ) {
    // A database that cannot be opened fails the template routes, not startup.
    templates?.catch(() => undefined);
  }

  static create(options: {
    emrEks: EmrEksService;
    config: SparkApplicationsConfig;
    cache: UpstreamCache;
    database?: DatabaseService;
  }): SparkApplicationWrites {
    return new SparkApplicationWrites(
      options.emrEks,
      options.config,
      options.cache,
      options.database &&
        SavedDefinitionStore.create<SparkApplicationTemplateRequest>(
          options.database,
          {
            name: 'emr_eks_spark_application_templates',
            scopeColumn: 'virtual_cluster_arn',
          },
        ),
    );
  }

  async listTemplates(
    request: EntityRequest,
  ): Promise<SparkApplicationTemplatePage> {
    // As the caller may read the entity's job runs (emr-eks.job-run.read).
    const vc = await this.emrEks.describeVirtualCluster(request);
    return { items: await (await this.store()).list(vc.arn!) };
  }

  async saveTemplate(
    request: EntityRequest & { body: SparkApplicationTemplateRequest },
  ): Promise<WriteResult<SparkApplicationTemplate & { id: string }>> {
    const vc = await this.forWrite(request, emrEksJobRunStartPermission);
    const saved = await (
      await this.store()
    ).save(vc.cluster.arn!, request.body, vc.user);
    return { result: { ...saved, id: saved.name }, target: vc.target };
  }

  async start(
    request: EntityRequest & { body: { template: string } },
  ): Promise<WriteResult<StartedSparkApplication>> {
    const vc = await this.forWrite(request, emrEksJobRunStartPermission);
    const template = await (
      await this.store()
    ).get(vc.cluster.arn!, request.body.template);
    if (!template) {
      throw new NotFoundError(
        `No Spark application template '${request.body.template}' is saved for virtual cluster ${vc.target.virtualClusterId}`,
      );
    }
    const where = locateSparkNamespace(vc.cluster, this.config);
    const image = this.imageFor(vc, template.releaseLabel);
    const writer = new SparkKubernetesWriter(
      where.cluster,
      where.namespace,
      where.token,
    );
    return this.create(vc, where, writer, {
      templateName: template.name,
      template,
      image,
    });
  }

  /** The same spec under a new name, as the tenant's service account and priority classes are now. */
  async rerun(
    request: EntityRequest & { id: string },
  ): Promise<WriteResult<StartedSparkApplication>> {
    const vc = await this.forWrite(request, emrEksJobRunStartPermission);
    const where = locateSparkNamespace(vc.cluster, this.config);
    const writer = new SparkKubernetesWriter(
      where.cluster,
      where.namespace,
      where.token,
    );
    const original = await writer.getApplication(request.id);
    if (!original) {
      throw new NotFoundError(
        `No SparkApplication '${request.id}' in namespace '${where.namespace}' of cluster '${where.cluster.name}'`,
      );
    }
    const labels = original.metadata.labels;
    if (!isPortalApplication(labels)) {
      throw new ConflictError(
        `SparkApplication '${request.id}' was not created by the portal, so the portal does not rerun it: start one of the team's templates instead`,
      );
    }
    // Labels and spec are whatever the namespace holds, and anyone who may create a
    // SparkApplication there can write them: the spec is read back as a template and checked
    // as one saved through the portal, and the image is the portal's own for its release.
    const template = this.checkedTemplate(
      request.id,
      templateOf(labels![PORTAL_MARKS.template], original),
      original.spec?.image,
      vc,
    );
    return this.create(vc, where, writer, {
      templateName: template.name,
      template,
      image: this.imageFor(vc, template.releaseLabel),
      rerunOf: request.id,
    });
  }

  /** A rerun's template, if the portal would start it; else a 409 naming what it would not. */
  private checkedTemplate(
    id: string,
    template: SparkApplicationTemplateRequest,
    image: string | undefined,
    vc: VirtualClusterForWrite,
  ): SparkApplicationTemplateRequest {
    const refuse = (why: string) =>
      new ConflictError(
        `SparkApplication '${id}' is not one the portal would start (${why}), so it does not rerun it: start one of the team's templates instead; nothing was started`,
      );
    const releaseLabel = /\/spark\/([^/:]+):latest$/.exec(image ?? '')?.[1];
    if (!releaseLabel || image !== this.imageFor(vc, releaseLabel)) {
      throw refuse(
        `its image ${image ?? '(none)'} is not the EMR runtime image of ${
          vc.target.region
        }`,
      );
    }
    const parsed = sparkApplicationTemplateSchema.safeParse({
      ...template,
      releaseLabel,
    });
    if (!parsed.success) {
      throw refuse(
        parsed.error.issues
          .map(i => `${i.path.join('.') || 'spec'} ${i.message}`)
          .join('; '),
      );
    }
    return parsed.data;
  }

  /** Creates a SparkApplication from a template as the tenant's namespace says it runs. */
  private async create(
    vc: VirtualClusterForWrite,
    where: ReturnType<typeof locateSparkNamespace>,
    writer: SparkKubernetesWriter,
    run: {
      templateName: string;
      template: SparkApplicationTemplateRequest;
      image: string;
      rerunOf?: string;
    },
  ): Promise<WriteResult<StartedSparkApplication>> {
    const tenant = tenantSpark(await writer.namespaceAnnotations());
    const manifest = sparkApplicationManifest({
      name: applicationName(run.templateName),
      namespace: where.namespace,
      template: run.template,
      image: run.image,
      tenant,
      owner: vc.owner,
      user: vc.user,
      rerunOf: run.rerunOf,
    });
    await writer.create(manifest);
    await this.cache.bump(where.scope);
    return {
      result: {
        id: manifest.metadata.name,
        cluster: where.cluster.name,
        namespace: where.namespace,
        template: run.templateName,
        image: run.image,
        serviceAccount: tenant.serviceAccount,
      },
      target: vc.target,
    };
  }

  /**
   * Deletes a SparkApplication of the namespace (a cancel while it runs); the Spark
   * Operator's garbage collection takes its pods. A spark-submit driver pod is refused:
   * the portal did not start it and deleting a bare pod is not a cancel it can stand for.
   */
  async delete(
    request: EntityRequest & { id: string },
  ): Promise<WriteResult<DeletedSparkApplication>> {
    const vc = await this.forWrite(request, emrEksJobRunCancelPermission);
    const where = locateSparkNamespace(vc.cluster, this.config);
    const writer = new SparkKubernetesWriter(
      where.cluster,
      where.namespace,
      where.token,
    );
    const app = await writer.getApplication(request.id);
    if (isSparkConnectServer(app?.metadata.labels)) {
      // Deleting it here would lose the spec that start brings back; stop keeps it.
      throw new ConflictError(
        `SparkApplication '${request.id}' is a Spark Connect server: stop it from the Spark Connect section (POST spark-connect/${request.id}/stop), which keeps its spec, Service and address; nothing was deleted`,
      );
    }
    if (!app) {
      const pod = await new SparkKubernetesReader(
        where.cluster,
        where.namespace,
        where.token,
      ).getPod(request.id);
      if (pod && isSparkSubmitDriver(pod)) {
        throw new ConflictError(
          `'${request.id}' is the driver pod of a spark-submit run, which the portal did not start and does not delete; whoever ran spark-submit can stop it (kubectl -n ${where.namespace} delete pod ${request.id})`,
        );
      }
      throw new NotFoundError(
        `No SparkApplication '${request.id}' in namespace '${where.namespace}' of cluster '${where.cluster.name}'`,
      );
    }
    await writer.delete(request.id);
    await this.cache.bump(where.scope);
    return {
      result: {
        id: request.id,
        cluster: where.cluster.name,
        namespace: where.namespace,
      },
      target: vc.target,
    };
  }

  private forWrite(
    request: EntityRequest,
    permission:
      | typeof emrEksJobRunStartPermission
      | typeof emrEksJobRunCancelPermission,
  ): Promise<VirtualClusterForWrite> {
    return this.emrEks.virtualClusterForWrite({ ...request, permission });
  }

  private imageFor(vc: VirtualClusterForWrite, releaseLabel: string): string {
    const { region } = vc.target;
    const account = this.config.imageAccounts[region];
    if (!account) {
      throw new ServiceUnavailableError(
        `No EMR runtime image account is known for ${region}, the region of virtual cluster ${vc.target.virtualClusterId}: configure it under emrEks.sparkApplications.imageAccounts; nothing was started`,
      );
    }
    return emrRuntimeImageUri(account, region, releaseLabel);
  }

  private store(): Promise<TemplateStore> {
    if (!this.templates) {
      throw new ServiceUnavailableError(
        'Saved Spark application templates need the plugin database, which is not configured',
      );
    }
    return this.templates;
  }
}

function isSparkConnectServer(labels: Record<string, string> = {}): boolean {
  return Object.entries(SPARK_CONNECT_LABELS).every(
    ([k, v]) => labels[k] === v,
  );
}

/** What a portal-created SparkApplication runs, read back as the template it came from. */
function templateOf(
  name: string,
  app: SparkApplicationObject,
): SparkApplicationTemplateRequest {
  const spec = (app.spec ?? {}) as NonNullable<
    SparkApplicationObject['spec']
  > & {
    driver?: { cores?: number; memory?: string };
    executor?: { cores?: number; memory?: string; instances?: number };
  };
  return {
    name,
    type: (spec.type as SparkApplicationTemplateRequest['type']) ?? 'Scala',
    mainApplicationFile: spec.mainApplicationFile ?? '',
    ...(spec.mainClass && { mainClass: spec.mainClass }),
    arguments: (spec.arguments ?? []).map(String),
    // Less what the manifest sets itself: the EMR runtime's settings, the tenant's pod templates.
    sparkConf: Object.fromEntries(
      Object.entries(spec.sparkConf ?? {}).filter(
        ([key, value]) =>
          EMR_RUNTIME_SPARK_CONF[key] !== value &&
          !/^spark\.kubernetes\.(driver|executor)\.podTemplateFile$/.test(key),
      ),
    ),
    driver: {
      cores: spec.driver?.cores ?? 1,
      memory: spec.driver?.memory ?? '1g',
    },
    executor: {
      cores: spec.executor?.cores ?? 1,
      memory: spec.executor?.memory ?? '1g',
      instances: spec.executor?.instances ?? 1,
    },
    releaseLabel: '',
  };
}
