import { ResponseError } from '@backstage/errors';
import { COST_NOT_CONFIGURED_ERROR } from '@emr-eks/plugin-emr-eks-common';

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

/**
 * Whether the portal has no cost configured (`emrEks.cost`): the backend's not-configured
 * answer, or the 501 that backends before it gave.
 */
export function isCostNotConfigured(error: Error): boolean {
  if (error.name !== 'ResponseError') return false;
  const response = error as ResponseError;
  return (
    response.statusCode === 501 ||
    response.body?.error?.name === COST_NOT_CONFIGURED_ERROR
  );
}
