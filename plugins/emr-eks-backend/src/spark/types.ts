import {
  DeletedSparkApplication,
  SparkApplicationTemplate,
  SparkApplicationTemplatePage,
  SparkApplicationTemplateRequest,
  StartSparkApplicationRequest,
  StartedSparkApplication,
  SparkApplicationDetail,
  SparkApplicationPage,
  SparkDriverLog,
} from '@emr-eks/plugin-emr-eks-common';
import { EntityRequest, WriteResult } from '../services/types';

/**
 * The Spark Operator applications and spark-submit runs in a virtual cluster's namespace,
 * read from its EKS cluster's Kubernetes API (the cluster of the portal's `kubernetes`
 * config whose name is the virtual cluster's EKS cluster), for callers who hold
 * `emr-eks.job-run.read` on the entity. Its actions (templates, start, rerun, delete) are
 * checked as job runs' are: `emr-eks.job-run.start` (delete: `.cancel`) on the entity, a
 * signed-in user, and the entity's owner owning the virtual cluster.
 *
 * @public
 */
export interface SparkApplicationsService {
  listSparkApplications(request: EntityRequest): Promise<SparkApplicationPage>;
  /** `id`: a SparkApplication's name, or a spark-submit driver pod's. */
  getSparkApplication(
    request: EntityRequest & { id: string },
  ): Promise<SparkApplicationDetail>;
  /** The last `tailLines` lines of the driver's log. */
  getDriverLog(
    request: EntityRequest & { id: string; tailLines: number },
  ): Promise<SparkDriverLog>;
  /** The team's saved Spark application templates, for the entity's virtual cluster. */
  listTemplates(request: EntityRequest): Promise<SparkApplicationTemplatePage>;
  /** Saves a template (a name again replaces it). */
  saveTemplate(
    request: EntityRequest & { body: SparkApplicationTemplateRequest },
  ): Promise<WriteResult<SparkApplicationTemplate & { id: string }>>;
  /** Creates a SparkApplication from a saved template in the virtual cluster's namespace. */
  startApplication(
    request: EntityRequest & { body: StartSparkApplicationRequest },
  ): Promise<WriteResult<StartedSparkApplication>>;
  /** Creates a portal-made SparkApplication again, under a new name. */
  rerunApplication(
    request: EntityRequest & { id: string },
  ): Promise<WriteResult<StartedSparkApplication>>;
  /** Deletes a SparkApplication (a cancel while it runs). */
  deleteApplication(
    request: EntityRequest & { id: string },
  ): Promise<WriteResult<DeletedSparkApplication>>;
}
