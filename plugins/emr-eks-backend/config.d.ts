import { HumanDuration } from '@backstage/types';

export interface Config {
  /** Configuration of the EMR on EKS backend plugin. */
  emrEks?: {
    /**
     * Endpoint of the emr-containers API, overriding the regional AWS endpoint.
     * Set it to run against the local sandbox or a VPC endpoint; leave it unset for AWS.
     * Credentials still come from the `aws` integration config.
     */
    endpoint?: string;
    /**
     * Endpoint of STS for the role assumptions below, overriding the regional one.
     */
    stsEndpoint?: string;
    /**
     * Attempts per AWS call, the first included, made by the SDK's standard retry strategy.
     * Defaults to 3.
     */
    maxAttempts?: number;
    /**
     * Per-account overrides for this plugin. Without one, an account's calls use the
     * credentials the `aws` integration config gives for it.
     */
    accounts?: Array<{
      accountId: string;
      /**
       * A role this plugin assumes (with the integration's credentials for the account).
       * Writes assume it with a session name that carries the acting Backstage user,
       * so CloudTrail shows who started or cancelled a run.
       */
      roleArn?: string;
      /**
       * External ID for the role assumption.
       * @visibility secret
       */
      externalId?: string;
    }>;
    /** How long answers from EMR on EKS are reused. */
    cache?: {
      /** Lists and runs that are not finished. Defaults to 10 seconds. */
      listTtl?: HumanDuration | string;
      /** Finished job runs, which never change. Defaults to 1 hour. */
      terminalTtl?: HumanDuration | string;
      /** How long a list is kept to answer, marked stale, while AWS fails. Defaults to 1 day. */
      staleTtl?: HumanDuration | string;
    };
  };
}
