import {
  SchedulerServiceTaskScheduleDefinition,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  DEFAULT_OWNER_NAMESPACE,
  DEFAULT_OWNER_TAG,
} from '@emr-eks/plugin-emr-eks-common';
import { readAwsAccountId, readHttpUrl } from '@emr-eks/plugin-emr-eks-node';

/** One configured discovery: an account, its regions, and how owners are found. */
export interface ProviderConfig {
  id: string;
  accountId: string;
  regions: string[];
  ownerTag: string;
  defaultOwner: string;
  namespace: string;
  schedule: SchedulerServiceTaskScheduleDefinition;
  endpoint?: string;
  /** Whether to discover EMR Serverless applications too (default true). */
  emrServerless?: boolean;
  /** The emr-serverless endpoint (`emrEks.serverlessEndpoint`, else `emrEks.endpoint`). */
  serverlessEndpoint?: string;
}

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 30 },
  timeout: { minutes: 3 },
  initialDelay: { seconds: 15 },
};

export function readProviderConfigs(root: Config): ProviderConfig[] {
  const providers = root.getOptionalConfig('catalog.providers.emrEks');
  if (!providers) {
    return [];
  }
  const endpoint = readHttpUrl(root, 'emrEks.endpoint');
  const serverlessEndpoint =
    readHttpUrl(root, 'emrEks.serverlessEndpoint') ?? endpoint;
  return providers.keys().map(id => {
    const config = providers.getConfig(id);
    const key = `catalog.providers.emrEks.${id}`;
    const accountId = readAwsAccountId(config, 'accountId', `${key}.accountId`);
    const regions = config.getStringArray('regions');
    if (regions.length === 0) {
      throw new Error(
        `Invalid config value at ${key}.regions: list at least one region`,
      );
    }
    return {
      id,
      accountId,
      regions,
      ownerTag: config.getOptionalString('ownerTag') ?? DEFAULT_OWNER_TAG,
      defaultOwner:
        config.getOptionalString('defaultOwner') ?? 'group:default/unknown',
      namespace:
        config.getOptionalString('namespace') ?? DEFAULT_OWNER_NAMESPACE,
      schedule: config.has('schedule')
        ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
            config.getConfig('schedule'),
          )
        : DEFAULT_SCHEDULE,
      endpoint,
      emrServerless: config.getOptionalBoolean('emrServerless') ?? true,
      serverlessEndpoint,
    };
  });
}
