import {
  ConflictError,
  InputError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import {
  AwsUpstreamError,
  describeAwsError,
  isUpstreamOutage,
  mapAwsError,
} from './awsErrors';

// Shaped as the AWS SDK v3 throws them (checked against @aws-sdk/client-emr-containers):
// a JSON error carries its code as `name` and the status in `$metadata`; a body that is
// not JSON is a SyntaxError whose status is only in the hidden `$response`.
function awsError(name: string, status: number, message = name) {
  return Object.assign(new Error(message), {
    name,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status, attempts: 1 },
  });
}
function notJson(status: number) {
  const error = new SyntaxError(
    `Unexpected token '<', "<html>" is not valid JSON\n  Deserialization error: to see the raw response, inspect the hidden field {error}.$response on this object.`,
  );
  Object.defineProperty(error, '$response', {
    value: { statusCode: status },
    enumerable: false,
  });
  return Object.assign(error, { $metadata: { attempts: 1 } });
}

// An XML service (IAM, S3) names an HTML page by its status alone; only the content type tells.
function xmlServicePage(status: number, name: string) {
  const error = Object.assign(new Error('Unknown'), {
    name,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status, attempts: 1 },
  });
  Object.defineProperty(error, '$response', {
    value: { statusCode: status, headers: { 'content-type': 'text/html' } },
    enumerable: false,
  });
  return error;
}

const WHAT = 'endpoints of abc';
const OP = { operation: 'ListManagedEndpoints' };

describe('mapAwsError', () => {
  it.each<[string, unknown, Function, number | undefined, string]>([
    [
      'an HTML 404',
      notJson(404),
      AwsUpstreamError,
      502,
      'the EMR on EKS endpoint answered HTTP 404 to ListManagedEndpoints for endpoints of abc, not JSON (not supported there?)',
    ],
    [
      'an HTML 200',
      notJson(200),
      AwsUpstreamError,
      502,
      'answered HTTP 200 to ListManagedEndpoints',
    ],
    [
      "an XML service's HTML 404, named NotFound by the SDK",
      xmlServicePage(404, 'NotFound'),
      AwsUpstreamError,
      502,
      'the EMR on EKS endpoint answered HTTP 404 to ListManagedEndpoints for endpoints of abc, not JSON (not supported there?)',
    ],
    [
      "an XML service's HTML 403",
      xmlServicePage(403, 'Forbidden'),
      AwsUpstreamError,
      502,
      'answered HTTP 403 to ListManagedEndpoints for endpoints of abc, not JSON',
    ],
    [
      'a 418 that is not JSON',
      notJson(418),
      AwsUpstreamError,
      502,
      'answered HTTP 418',
    ],
    [
      'a 429 that is not JSON',
      notJson(429),
      ServiceUnavailableError,
      undefined,
      'throttling',
    ],
    [
      'an HTML 503 from a proxy',
      notJson(503),
      ServiceUnavailableError,
      undefined,
      'answered HTTP 503',
    ],
    [
      'an unexpected code with 400',
      awsError('InvalidToken', 400, 'bad token'),
      InputError,
      undefined,
      'EMR on EKS rejected the request for endpoints of abc (InvalidToken, HTTP 400): bad token',
    ],
    [
      'an unexpected JSON 418, saying what AWS said',
      awsError('TeapotException', 418, 'short and stout'),
      AwsUpstreamError,
      502,
      'TeapotException, HTTP 418: short and stout',
    ],
    [
      'a 404 that is not ResourceNotFound',
      awsError('UnknownOperationException', 404),
      AwsUpstreamError,
      502,
      'answered HTTP 404 (UnknownOperationException) to ListManagedEndpoints',
    ],
    [
      'ResourceNotFoundException',
      awsError('ResourceNotFoundException', 404, 'no such cluster'),
      NotFoundError,
      undefined,
      'EMR on EKS has no endpoints of abc: no such cluster',
    ],
    [
      'a conflict',
      awsError('ConflictException', 409),
      ConflictError,
      undefined,
      'conflicting change',
    ],
    [
      'throttling',
      awsError('ThrottlingException', 400),
      ServiceUnavailableError,
      undefined,
      'throttling',
    ],
    [
      'a server error',
      awsError('InternalServerException', 500, 'do not show'),
      AwsUpstreamError,
      502,
      'EMR on EKS failed for endpoints of abc: InternalServerException, HTTP 500',
    ],
  ])('maps %s', (_what, error, type, status, text) => {
    const mapped = mapAwsError(error, WHAT, OP);
    expect(mapped).toBeInstanceOf(type);
    expect((mapped as { statusCode?: number }).statusCode).toBe(status);
    expect(mapped.message).toContain(text);
  });

  it('keeps credential refusals’ text, which can quote identities, out of the message', () => {
    const mapped = mapAwsError(
      awsError(
        'AccessDeniedException',
        403,
        'User: arn:aws:sts::123456789012:assumed-role/secret-role is not authorized',
      ),
      WHAT,
    );
    expect(mapped).toBeInstanceOf(AwsUpstreamError);
    expect(mapped.message).not.toContain('secret-role');
  });

  it.each([
    ['InvalidToken', awsError('InvalidToken', 400)],
    ['ValidationException', awsError('ValidationException', 400)],
    ['a 400 that is not JSON', notJson(400)],
  ])(
    'names the page token for %s when the request carried one',
    (_what, error) => {
      const mapped = mapAwsError(error, WHAT, {
        ...OP,
        pageTokenParameter: 'nextToken',
      });
      expect(mapped).toBeInstanceOf(InputError);
      expect(mapped.message).toMatch(/^Invalid query parameter 'nextToken'/);
    },
  );

  it('still reads throttling as throttling when a page token was sent', () => {
    const mapped = mapAwsError(awsError('ThrottlingException', 400), WHAT, {
      pageTokenParameter: 'nextToken',
    });
    expect(mapped).toBeInstanceOf(ServiceUnavailableError);
  });

  it('says when JSON does not match the API, rather than that it is not JSON', () => {
    const error = Object.assign(
      new TypeError(
        'RFC-3339 date-times must be expressed as strings\n  Deserialization error: to see the raw response, inspect the hidden field {error}.$response on this object.',
      ),
      { $metadata: { httpStatusCode: 200 } },
    );
    const mapped = mapAwsError(error, WHAT, {
      operation: 'DescribeJobTemplate',
    });
    expect(mapped).toBeInstanceOf(AwsUpstreamError);
    expect(mapped.message).toBe(
      'the EMR on EKS endpoint answered HTTP 200 to DescribeJobTemplate for endpoints of abc with a body that does not match the API (TypeError: RFC-3339 date-times must be expressed as strings)',
    );
  });

  it('names another service when told', () => {
    expect(
      mapAwsError(awsError('NoSuchEntity', 404), 'role r', { service: 'IAM' })
        .message,
    ).toBe('IAM has no role r: NoSuchEntity');
  });

  it('passes errors that are already mapped through', () => {
    const already = new NotFoundError('x');
    expect(mapAwsError(already, WHAT)).toBe(already);
  });

  it('counts gateway and unavailable errors as outages, bad input not', () => {
    expect(isUpstreamOutage(mapAwsError(notJson(404), WHAT))).toBe(true);
    expect(
      isUpstreamOutage(mapAwsError(awsError('ThrottlingException', 429), WHAT)),
    ).toBe(true);
    expect(
      isUpstreamOutage(mapAwsError(awsError('InvalidToken', 400), WHAT)),
    ).toBe(false);
  });
});

describe('describeAwsError', () => {
  it('names the status of an answer that is not JSON', () => {
    expect(describeAwsError(notJson(404), 'ListManagedEndpoints')).toBe(
      'the endpoint answered HTTP 404 to ListManagedEndpoints (not supported there?)',
    );
  });

  it('names the code and status of a JSON error', () => {
    expect(
      describeAwsError(
        awsError('AccessDeniedException', 403, 'no'),
        'ListManagedEndpoints',
      ),
    ).toBe(
      'ListManagedEndpoints failed with HTTP 403: AccessDeniedException: no',
    );
  });
});
