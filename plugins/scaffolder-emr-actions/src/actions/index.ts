import type { EmrActionOptions } from '../lib/options';
import { createEndpointAction } from './createEndpoint';
import { createJobTemplateAction } from './createJobTemplate';
import { createRoleAction } from './createRole';
import { createServerlessApplicationAction } from './createServerlessApplication';
import { createSparkConnectAction } from './createSparkConnect';
import { createVirtualClusterAction } from './createVirtualCluster';
import { createPrepareNamespaceAction } from './prepareNamespace';
import { publishPodTemplatesAction } from './publishPodTemplates';

export {
  createEndpointAction,
  createJobTemplateAction,
  createRoleAction,
  createServerlessApplicationAction,
  createSparkConnectAction,
  createVirtualClusterAction,
  createPrepareNamespaceAction,
  publishPodTemplatesAction,
};

/**
 * All actions of this module, in the order a tenant is provisioned, then EMR Serverless, then Spark Connect.
 *
 * @public
 */
export function createEmrEksActions(options: EmrActionOptions) {
  return [
    createPrepareNamespaceAction(options),
    createRoleAction(options),
    createVirtualClusterAction(options),
    publishPodTemplatesAction(options),
    createEndpointAction(options),
    createJobTemplateAction(options),
    createServerlessApplicationAction(options),
    createSparkConnectAction(options),
  ];
}
