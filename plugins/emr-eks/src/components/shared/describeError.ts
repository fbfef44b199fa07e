import { ResponseError } from '@backstage/errors';

/**
 * The message to show for a failed call: the backend's own message for a
 * `ResponseError` (e.g. "Job run abc has already ended"), else the error's.
 */
export function describeError(error: Error): string {
  if (error.name === 'ResponseError') {
    const cause = (error as ResponseError).cause;
    if (cause?.message) {
      return cause.message;
    }
  }
  return error.message;
}

/** "Could not load job runs. <the backend's message>", for an error panel's title. */
export function couldNotLoad(what: string, error: Error): string {
  const detail = describeError(error);
  return detail
    ? `Could not load ${what}. ${detail}`
    : `Could not load ${what}`;
}

/** Whether the backend refused the call for want of a permission (403). */
export function isNotAllowed(error: Error): boolean {
  return (
    error.name === 'ResponseError' &&
    (error as ResponseError).statusCode === 403
  );
}
