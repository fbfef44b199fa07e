import type { Request } from 'express';

/** Region of requests that carry no SigV4 credential scope. */
export const DEFAULT_REGION = 'us-east-1';

const CREDENTIAL_SCOPE =
  /Credential=[^/,\s]+\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/;

export interface CredentialScope {
  region: string;
  service: string;
}

/**
 * The SigV4 credential scope of a request
 * (`Credential=<key>/<date>/<region>/<service>/aws4_request`), from the
 * Authorization header or a presigned URL's X-Amz-Credential. Signatures are
 * never checked: any credentials, or none, are accepted.
 */
export function credentialScope(
  req: Pick<Request, 'headers' | 'query'>,
): CredentialScope | undefined {
  const header = req.headers.authorization;
  let found = header ? CREDENTIAL_SCOPE.exec(header) : null;
  if (!found) {
    const presigned = req.query?.['X-Amz-Credential'];
    if (typeof presigned === 'string') {
      found = CREDENTIAL_SCOPE.exec(`Credential=${presigned}`);
    }
  }
  return found ? { region: found[1], service: found[2] } : undefined;
}

/** The AWS service a request is for, read from its credential scope. */
export function serviceOf(
  req: Pick<Request, 'headers' | 'query'>,
): string | undefined {
  return credentialScope(req)?.service;
}

/** The AWS region a request is signed for; us-east-1 when unsigned. */
export function regionOf(req: Pick<Request, 'headers' | 'query'>): string {
  return credentialScope(req)?.region ?? DEFAULT_REGION;
}
