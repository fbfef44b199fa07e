import {
  ConflictError,
  CustomErrorBase,
  InputError,
  NotFoundError,
  ServiceUnavailableError,
  isError,
} from '@backstage/errors';

/** An upstream AWS failure the caller cannot fix, answered with a gateway status. @public */
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

/** The account has no entry in the `aws` integration config. @public */
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

/** How to word a mapped error. @public */
export interface AwsErrorContext {
  /** The API that was called, in messages; default `EMR on EKS`. */
  service?: string;
  /** The operation, e.g. `ListManagedEndpoints`: names what an endpoint did not answer. */
  operation?: string;
  /**
   * The name of the paging parameter when the request carried a token from the caller, e.g.
   * `nextToken`. Any 400 is then the caller's token, whatever code the endpoint chose.
   */
  pageTokenParameter?: string;
}

const THROTTLING_ERRORS = new Set([
  'ThrottlingException',
  'TooManyRequestsException',
  'RequestThrottledException',
  'EKSRequestThrottledException',
  'RequestLimitExceeded',
  'Throttling',
]);

const CREDENTIAL_ERRORS = new Set([
  'AccessDeniedException',
  'AccessDenied',
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'InvalidClientTokenId',
  'ExpiredTokenException',
  'ExpiredToken',
  'CredentialsProviderError',
]);

const NOT_FOUND_ERRORS = new Set([
  'ResourceNotFoundException',
  'NoSuchEntity',
  'NoSuchEntityException',
  'NotFoundException',
]);

const INPUT_ERRORS = new Set([
  'ValidationException',
  'InvalidParameterException',
  'InvalidParameterValueException',
  'InvalidRequestException',
  'InvalidInput',
  'MalformedPolicyDocument',
]);

const CONFLICT_ERRORS = new Set([
  'ConflictException',
  'ResourceInUseException',
  'EntityAlreadyExists',
  'ResourceExistsException',
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

/** AWS's text, when it is passed on: one line, bounded. */
const MAX_QUOTED = 200;

interface SdkErrorFields {
  name: string;
  message: string;
  code?: string;
  $metadata?: { httpStatusCode?: number };
  $response?: { statusCode?: number; headers?: Record<string, string> };
}

/** What an AWS SDK error says about the HTTP exchange behind it. @public */
export interface AwsErrorFacts {
  /** The error code (`x-amzn-errortype` or `__type`), or the JS error's name. */
  name: string;
  /** The HTTP status of the answer, when there was one. */
  status?: number;
  /** The answer was not JSON (an HTML page from a proxy, a plain-text 404…). */
  notJson: boolean;
  /** The answer was JSON the SDK could not read (a member of the wrong shape): why. */
  unreadable?: string;
}

/** Reads the status and shape of an SDK error; the status sits in `$response` when the body was not JSON. @public */
export function awsErrorFacts(error: unknown): AwsErrorFacts {
  const e = (isError(error) ? error : {}) as Partial<SdkErrorFields>;
  const status = e.$metadata?.httpStatusCode ?? e.$response?.statusCode;
  const name = e.name ?? 'Error';
  const deserializing = /Deserialization error/i.test(e.message ?? '');
  // JSON services throw a SyntaxError; XML ones (IAM, S3) name an HTML page by its status
  // alone (`NotFound`, `Unknown`), so its content type tells it from an AWS answer.
  const page = /^text\/(html|plain)/i.test(
    e.$response?.headers?.['content-type'] ?? '',
  );
  const notJson = name === 'SyntaxError' || page;
  return {
    name,
    status,
    notJson,
    ...(deserializing &&
      !notJson && {
        unreadable: `${name}: ${(e.message ?? '').split('\n')[0].trim()}`,
      }),
  };
}

function quote(message: string | undefined) {
  const line = (message ?? '').split('\n')[0].trim();
  if (!line) return '';
  return `: ${
    line.length > MAX_QUOTED ? `${line.slice(0, MAX_QUOTED)}…` : line
  }`;
}

/**
 * One line about a failed AWS call, for an operator's log or a warning: the status and code,
 * and for an answer that is not JSON, that it was not.
 *
 * @public
 */
export function describeAwsError(
  error: unknown,
  operation: string,
  context: Omit<AwsErrorContext, 'operation'> = {},
): string {
  const { name, status, notJson, unreadable } = awsErrorFacts(error);
  const endpoint = context.service
    ? `the ${context.service} endpoint`
    : 'the endpoint';
  if (notJson) {
    return `${endpoint} answered ${
      status ? `HTTP ${status}` : 'something that is not JSON'
    } to ${operation}${status === 404 ? ' (not supported there?)' : ''}`;
  }
  if (unreadable) {
    return `${endpoint} answered${
      status ? ` HTTP ${status}` : ''
    } to ${operation} with a body that does not match the API (${unreadable})`;
  }
  const message = isError(error) ? error.message : undefined;
  return `${operation} failed${
    status ? ` with HTTP ${status}` : ''
  }: ${name}${quote(message)}`;
}

/**
 * Turns an error from an AWS SDK call into the error the caller should see, from
 * `@backstage/errors` or with a gateway status. `what` names the resource in messages,
 * e.g. "virtual cluster abc in 123456789012/us-east-1".
 *
 * - bad input (a validation code, any other code with HTTP 400 or 422, a page token the
 *   endpoint did not accept) → `InputError` (400) naming what AWS said
 * - not found → `NotFoundError` (404); conflicts → `ConflictError` (409)
 * - throttling or HTTP 429 after the SDK's retries, unreachable → `ServiceUnavailableError` (503)
 * - refused credentials → 502 without AWS's text, which can quote identities
 * - an answer that is not JSON → 502 naming the HTTP status and the operation
 * - a timeout → 504; anything else → 502 naming the code and status
 *
 * @public
 */
export function mapAwsError(
  error: unknown,
  what: string,
  context: AwsErrorContext = {},
): Error {
  const service = context.service ?? 'EMR on EKS';
  const to = context.operation ? ` to ${context.operation}` : '';
  if (!isError(error)) {
    return new AwsUpstreamError(502, `${service} call for ${what} failed`);
  }
  if (error instanceof CustomErrorBase) {
    return error;
  }
  const { message, code } = error as SdkErrorFields;
  const { name, status, notJson, unreadable } = awsErrorFacts(error);
  const said = `${name}${status ? `, HTTP ${status}` : ''}`;

  if (THROTTLING_ERRORS.has(name) || status === 429) {
    return new ServiceUnavailableError(
      `${service} is throttling requests for ${what} and retries were exhausted; try again shortly`,
    );
  }
  if (context.pageTokenParameter && status === 400) {
    return new InputError(
      `Invalid query parameter '${context.pageTokenParameter}': ${service} did not accept it for ${what} (${said}); start again from the first page`,
    );
  }
  if (notJson) {
    if (status === 503) {
      return new ServiceUnavailableError(
        `the ${service} endpoint answered HTTP 503${to} for ${what}, not JSON; try again shortly`,
      );
    }
    if (status === 504 || status === 408) {
      return new AwsUpstreamError(
        504,
        `the ${service} endpoint answered HTTP ${status}${to} for ${what}, not JSON: it did not answer in time`,
      );
    }
    return new AwsUpstreamError(
      502,
      `the ${service} endpoint answered ${
        status ? `HTTP ${status}` : 'something that is not JSON'
      }${to} for ${what}${status ? ', not JSON' : ''}${
        status === 404 ? ' (not supported there?)' : ''
      }`,
    );
  }
  if (unreadable) {
    return new AwsUpstreamError(
      502,
      `the ${service} endpoint answered${
        status ? ` HTTP ${status}` : ''
      }${to} for ${what} with a body that does not match the API (${unreadable.slice(
        0,
        MAX_QUOTED,
      )})`,
    );
  }
  if (INPUT_ERRORS.has(name)) {
    return new InputError(`${service} rejected the request${quote(message)}`);
  }
  if (NOT_FOUND_ERRORS.has(name)) {
    return new NotFoundError(`${service} has no ${what}${quote(message)}`);
  }
  if (CONFLICT_ERRORS.has(name) || status === 409) {
    return new ConflictError(
      `${service} refused a conflicting change to ${what} (${said})${quote(
        message,
      )}`,
    );
  }
  if (CREDENTIAL_ERRORS.has(name) || status === 401 || status === 403) {
    // The upstream text can quote identities; keep it out of the response.
    return new AwsUpstreamError(
      502,
      `AWS refused the credentials Backstage uses for ${what} (${name}); check the aws integration config and the IAM policy`,
    );
  }
  if (name === 'TimeoutError' || code === 'ETIMEDOUT' || status === 408) {
    return new AwsUpstreamError(
      504,
      `${service} did not answer in time for ${what}`,
    );
  }
  const networkCode = code ?? NETWORK_CODE.exec(message)?.[0];
  if (networkCode && NETWORK_ERRORS.has(networkCode)) {
    return new ServiceUnavailableError(
      `Cannot reach the ${service} API for ${what} (${networkCode})`,
    );
  }
  if (status === 400 || status === 422) {
    return new InputError(
      `${service} rejected the request for ${what} (${said})${quote(message)}`,
    );
  }
  if (status === 404) {
    // Not ResourceNotFoundException: the endpoint itself lacks what was asked for.
    return new AwsUpstreamError(
      502,
      `the ${service} endpoint answered HTTP 404 (${name})${to} for ${what} (not supported there?)`,
    );
  }
  return new AwsUpstreamError(
    502,
    `${service} failed for ${what}: ${said}${
      status && status >= 400 && status < 500 ? quote(message) : ''
    }`,
  );
}

/** Failures a last good copy may stand in for: AWS could not answer, not "you asked wrongly". @public */
export function isUpstreamOutage(error: unknown): boolean {
  return (
    error instanceof ServiceUnavailableError ||
    error instanceof AwsUpstreamError
  );
}
