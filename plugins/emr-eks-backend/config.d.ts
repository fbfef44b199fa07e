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
     * Attempts per AWS call, the first included, made by the SDK's standard retry strategy.
     * Defaults to 3.
     */
    maxAttempts?: number;
  };
}
