import { CustomErrorBase } from '@backstage/errors';

/**
 * Kubecost or OpenCost answered, but with an error (an HTTP error status other than a
 * gateway's 502/503/504, or an envelope whose `code` is not 2xx) or with a body that is not the
 * documented format. The message names the product, the URL path and the upstream message,
 * never the host or the query. Answered with 502: the caller cannot fix it.
 *
 * @public
 */
export class KubecostResponseError extends CustomErrorBase {
  name = 'KubecostResponseError' as const;
  readonly statusCode = 502;
}
