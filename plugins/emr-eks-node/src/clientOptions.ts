import type { AwsCredentialIdentityProvider } from '@aws-sdk/types';

/** The suite's user agent, before the component. @public */
export const EMR_EKS_USER_AGENT = 'backstage-plugin-emr-eks';

/** What every AWS client of the suite is built from. @public */
export interface EmrEksClientOptionsInput {
  region: string;
  credentials: AwsCredentialIdentityProvider;
  /** An endpoint override (the local sandbox, a VPC endpoint); unset for AWS. */
  endpoint?: string;
  /** Attempts per call; the SDK's default when unset. */
  maxAttempts?: number;
  /** Which package calls, in the user agent: `backend`, `catalog`, `scaffolder`. */
  component: string;
}

/**
 * The options of an AWS SDK v3 client of the EMR on EKS suite: one user agent
 * (`backstage-plugin-emr-eks/<component>`, so CloudTrail tells the packages apart) and the
 * SDK's standard retry strategy, never a hand-written one.
 *
 * @public
 */
export function emrEksClientOptions(input: EmrEksClientOptionsInput) {
  return {
    region: input.region,
    credentials: input.credentials,
    endpoint: input.endpoint,
    maxAttempts: input.maxAttempts,
    retryMode: 'standard' as const,
    customUserAgent: `${EMR_EKS_USER_AGENT}/${input.component}`,
  };
}
