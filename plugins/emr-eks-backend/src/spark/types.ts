import {
  SparkApplicationDetail,
  SparkApplicationPage,
  SparkDriverLog,
} from '@emr-eks/plugin-emr-eks-common';
import { EntityRequest } from '../services/types';

/**
 * The Spark Operator applications and spark-submit runs in a virtual cluster's namespace,
 * read from its EKS cluster's Kubernetes API (the cluster of the portal's `kubernetes`
 * config whose name is the virtual cluster's EKS cluster), for callers who hold
 * `emr-eks.job-run.read` on the entity.
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
}
