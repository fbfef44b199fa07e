import { AuditorService } from '@backstage/backend-plugin-api';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { CostService } from '../cost/types';
import { EmrEksService } from '../services/types';
import { registerCostActions } from './costActions';
import { registerJobRunActions } from './jobRunActions';

/**
 * Registers the suite's actions in Backstage's actions registry, where
 * `@backstage/plugin-mcp-actions-backend` serves them to AI assistants as MCP tools.
 */
export function registerEmrEksActions(options: {
  actionsRegistry: ActionsRegistryService;
  auditor: AuditorService;
  service: EmrEksService;
  cost: CostService;
}) {
  registerJobRunActions(options);
  registerCostActions(options);
}
