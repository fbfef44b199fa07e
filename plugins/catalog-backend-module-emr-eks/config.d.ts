import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  catalog?: {
    providers?: {
      /** EMR on EKS discovery: one entry per account, keyed by a provider id. */
      emrEks?: {
        [providerId: string]: {
          /** The account to look in; credentials come from the `aws` integration config. */
          accountId: string;
          /** Regions to look in. */
          regions: string[];
          /** AWS tag whose value names the owning group. Defaults to `team`. */
          ownerTag?: string;
          /** Owner of resources without the tag. Defaults to `group:default/unknown`. */
          defaultOwner?: string;
          /** Catalog namespace of the emitted entities. Defaults to `default`. */
          namespace?: string;
          /**
           * Discover the account's EMR Serverless applications too (needs
           * `emr-serverless:ListApplications` and `emr-serverless:GetApplication`). Defaults to true.
           */
          emrServerless?: boolean;
          /** How often to look. Defaults to every 30 minutes, timing out after 3. */
          schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
        };
      };
    };
  };
  emrEks?: {
    /** Endpoint of the emr-containers API (shared with the backend plugin). */
    endpoint?: string;
    /** Endpoint of the emr-serverless API; defaults to `endpoint` (the sandbox serves both). */
    serverlessEndpoint?: string;
  };
}
