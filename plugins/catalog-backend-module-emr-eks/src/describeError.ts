/**
 * One line about a failed AWS call for an operator's log. An answer that is not JSON (an
 * HTML page from a proxy, an endpoint that lacks the operation) reaches us as the SDK's
 * parse error; its HTTP status is what says what happened.
 */
export function describeError(error: unknown, operation: string): string {
  const e = error as {
    name?: string;
    message?: string;
    $metadata?: { httpStatusCode?: number };
    $response?: { statusCode?: number };
  };
  const status = e?.$response?.statusCode ?? e?.$metadata?.httpStatusCode;
  const name = e?.name ?? 'Error';
  if (
    name === 'SyntaxError' ||
    /Deserialization error/i.test(e?.message ?? '')
  ) {
    return `the endpoint answered ${
      status ? `HTTP ${status}` : 'something that is not JSON'
    } to ${operation}${status === 404 ? ' (not supported there?)' : ''}`;
  }
  return `${operation} failed${status ? ` with HTTP ${status}` : ''}: ${name}${
    e?.message ? `: ${e.message}` : ''
  }`;
}
