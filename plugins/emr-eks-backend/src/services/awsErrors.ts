import {
  CustomErrorBase,
  InputError,
  NotFoundError,
  ServiceUnavailableError,
  isError,
} from '@backstage/errors';

/** An upstream AWS failure the caller cannot fix, answered with a gateway status. */
export class AwsUpstreamError extends CustomErrorBase {
  name = 'AwsUpstreamError';
  constructor(
    readonly statusCode: 502 | 504,
    message: string,
    cause?: unknown,
  ) {
    super(message, cause);
  }
}

/** The virtual cluster's account has no entry in the `aws` integration config. */
export class AwsAccountNotConfiguredError extends CustomErrorBase {
  name = 'AwsAccountNotConfiguredError';
  readonly statusCode = 500;
  constructor(accountId: string, cause?: unknown) {
    super(
      `AWS account ${accountId} is not configured for this Backstage instance; add it under aws.accounts in app-config`,
      cause,
    );
  }
}

const THROTTLING_ERRORS = new Set([
  'ThrottlingException',
  'TooManyRequestsException',
  'RequestThrottledException',
  'EKSRequestThrottledException',
  'RequestLimitExceeded',
]);

const CREDENTIAL_ERRORS = new Set([
  'AccessDeniedException',
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'ExpiredTokenException',
  'CredentialsProviderError',
]);

const NETWORK_ERRORS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
]);

// The SDK wraps socket errors it cannot recognise as Errors, keeping only their text.
const NETWORK_CODE = new RegExp([...NETWORK_ERRORS].join('|'));

interface SdkErrorFields {
  name: string;
  message: string;
  code?: string;
  $metadata?: { httpStatusCode?: number };
}

/**
 * Turns an error from an emr-containers call into the error the caller should see.
 * `what` names the resource in messages, e.g. "virtual cluster abc in 123456789012/us-east-1".
 */
export function mapAwsError(error: unknown, what: string): Error {
  if (!isError(error)) {
    return new AwsUpstreamError(502, `EMR on EKS call for ${what} failed`);
  }
  if (error instanceof CustomErrorBase) {
    return error;
  }
  const { name, message, code, $metadata } = error as SdkErrorFields;
  const status = $metadata?.httpStatusCode;

  if (name === 'ValidationException') {
    return new InputError(`EMR on EKS rejected the request: ${message}`);
  }
  if (name === 'ResourceNotFoundException') {
    return new NotFoundError(`EMR on EKS has no ${what}: ${message}`);
  }
  if (THROTTLING_ERRORS.has(name) || status === 429) {
    return new ServiceUnavailableError(
      `EMR on EKS is throttling requests for ${what} and retries were exhausted; try again shortly`,
    );
  }
  if (CREDENTIAL_ERRORS.has(name) || status === 401 || status === 403) {
    // The upstream text can quote identities; keep it out of the response.
    return new AwsUpstreamError(
      502,
      `AWS refused the credentials Backstage uses for ${what} (${name}); check the aws integration config and the IAM policy`,
    );
  }
  if (name === 'TimeoutError' || code === 'ETIMEDOUT') {
    return new AwsUpstreamError(
      504,
      `EMR on EKS did not answer in time for ${what}`,
    );
  }
  const networkCode = code ?? NETWORK_CODE.exec(message)?.[0];
  if (networkCode && NETWORK_ERRORS.has(networkCode)) {
    return new ServiceUnavailableError(
      `Cannot reach the EMR on EKS API for ${what} (${networkCode})`,
    );
  }
  return new AwsUpstreamError(
    502,
    `EMR on EKS failed for ${what}: ${name}${
      status ? ` (HTTP ${status})` : ''
    }`,
  );
}
