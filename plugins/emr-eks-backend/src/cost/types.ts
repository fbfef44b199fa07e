import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import {
  BudgetStatus,
  CostReport,
  UnattributedCostReport,
} from '@emr-eks/plugin-emr-eks-common';

/**
 * The last N whole UTC days, today included, or explicit UTC dates (end date included).
 *
 * @public
 */
export type CostQuery = (
  | { window: '7d' | '30d' | '90d' }
  | { start: string; end: string }
) & { jobRunId?: string };

/** A cost question about one entity, asked by a caller. @public */
export interface CostRequest {
  entityRef: CompoundEntityRef;
  credentials: BackstageCredentials;
  query: CostQuery;
}

/**
 * What the cost routes ask: the cost of a virtual-cluster Resource or of a Group's virtual
 * clusters, and the cost no team is charged with. Each method checks the caller's access.
 *
 * @public
 */
export interface CostService {
  report(request: CostRequest): Promise<CostReport>;
  /** One row per job run and day, as CSV. */
  csv(request: CostRequest): Promise<string>;
  /** This month's spend against the entity's monthly budget, with the forecast. */
  budget(request: Omit<CostRequest, 'query'>): Promise<BudgetStatus>;
  /** For platform admins only. */
  unattributed(request: {
    credentials: BackstageCredentials;
    query: CostQuery;
  }): Promise<UnattributedCostReport>;
}
