import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/*
 * EKS bearer tokens (`k8s-aws-v1.` + a presigned STS GetCallerIdentity URL, base64url
 * without padding), checked as the EKS API server's aws-iam-authenticator checks them
 * (the URL's shape, the signed x-k8s-aws-id header, X-Amz-Expires of at most 900 s, 15
 * minutes from X-Amz-Date whatever X-Amz-Expires says), with the SigV4 signature STS
 * would check recomputed here: with the secret of a key the sandbox knows and the
 * x-k8s-aws-id header set to the cluster asked, as the authenticator forwards it. Written
 * apart from any signer, so that it catches a signer's mistakes.
 */

export const EKS_TOKEN_PREFIX = 'k8s-aws-v1.';
/** How long the authenticator takes a token after its X-Amz-Date. */
const TOKEN_LIFETIME_MS = 15 * 60 * 1000;
const STS_HOST = /^sts(?:\.([a-z0-9-]+))?\.amazonaws\.com$/;
const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;
const EMPTY_SHA256 = createHash('sha256').update('').digest('hex');

/** A key the sandbox can check signatures of, and the session token that goes with it. */
export interface KnownKey {
  secretAccessKey: string;
  sessionToken?: string;
}

/**
 * Why `token` does not identify a caller to cluster `clusterName` at `now`; undefined
 * when it does.
 */
export function eksTokenProblem(
  token: string,
  clusterName: string,
  keyOf: (accessKeyId: string) => KnownKey | undefined,
  now: number,
): string | undefined {
  const encoded = token.slice(EKS_TOKEN_PREFIX.length);
  if (
    !token.startsWith(EKS_TOKEN_PREFIX) ||
    !/^[A-Za-z0-9_-]+$/.test(encoded)
  ) {
    return 'not a k8s-aws-v1 token (base64url without padding)';
  }
  let url: URL;
  try {
    url = new URL(Buffer.from(encoded, 'base64url').toString('utf8'));
  } catch {
    return 'the token is not a URL';
  }
  const host = STS_HOST.exec(url.host);
  if (url.protocol !== 'https:' || !host || url.pathname !== '/') {
    return `unexpected endpoint ${url.origin}${url.pathname}`;
  }
  const region = host[1] ?? 'us-east-1';
  const params = new Map<string, string>();
  for (const [key, value] of url.searchParams) {
    if (params.has(key)) return `query parameter ${key} has several values`;
    params.set(key, value);
  }
  const get = (key: string) => params.get(key);
  if (get('Action') !== 'GetCallerIdentity') {
    return 'unexpected action parameter in pre-signed URL';
  }
  const signedHeaders = (get('X-Amz-SignedHeaders') ?? '').split(';');
  if (!signedHeaders.includes('x-k8s-aws-id')) {
    return 'client did not sign the x-k8s-aws-id header in the pre-signed URL';
  }
  const expires = Number(get('X-Amz-Expires'));
  if (!Number.isInteger(expires) || expires < 0 || expires > 900) {
    return 'invalid X-Amz-Expires parameter in pre-signed URL';
  }
  const amzDate = get('X-Amz-Date') ?? '';
  const date = AMZ_DATE.exec(amzDate);
  if (!date) return 'error parsing X-Amz-Date parameter';
  const signedAt = Date.UTC(
    +date[1],
    +date[2] - 1,
    +date[3],
    +date[4],
    +date[5],
    +date[6],
  );
  if (now > signedAt + TOKEN_LIFETIME_MS) {
    return 'X-Amz-Date parameter is expired (15 minute expiration)';
  }
  if (get('X-Amz-Algorithm') !== 'AWS4-HMAC-SHA256') {
    return 'unexpected X-Amz-Algorithm';
  }
  const [accessKeyId, day, scopeRegion, service, terminator, ...extra] = (
    get('X-Amz-Credential') ?? ''
  ).split('/');
  if (
    extra.length ||
    day !== amzDate.slice(0, 8) ||
    scopeRegion !== region ||
    service !== 'sts' ||
    terminator !== 'aws4_request'
  ) {
    return 'the credential scope does not match the endpoint and date';
  }
  const key = keyOf(accessKeyId);
  if (!key) return `the access key ${accessKeyId} is not known`;
  if (key.sessionToken !== get('X-Amz-Security-Token')) {
    return 'the security token does not belong to the access key';
  }
  // The headers the client signed, as the authenticator sends them to STS.
  const headerValues: Record<string, string> = {
    host: url.host,
    'x-k8s-aws-id': clusterName,
  };
  if (signedHeaders.some(h => !(h in headerValues))) {
    return 'a signed header is not one the API server sends';
  }
  const canonicalQuery = [...params]
    .filter(([k]) => k !== 'X-Amz-Signature')
    .map(([k, v]) => [rfc3986(k), rfc3986(v)])
    // By code unit, as SigV4 sorts; keys are unique, so never equal.
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const canonicalRequest = [
    'GET',
    '/',
    canonicalQuery,
    ...signedHeaders.map(h => `${h}:${headerValues[h].trim()}`),
    '',
    signedHeaders.join(';'),
    EMPTY_SHA256,
  ].join('\n');
  const scope = `${day}/${region}/sts/aws4_request`;
  const stringToSign = [
    'AWS4-HMAC-SHA256',
    amzDate,
    scope,
    createHash('sha256').update(canonicalRequest).digest('hex'),
  ].join('\n');
  let signingKey: Buffer = hmac(`AWS4${key.secretAccessKey}`, day);
  for (const part of [region, 'sts', 'aws4_request']) {
    signingKey = hmac(signingKey, part);
  }
  const expected = hmac(signingKey, stringToSign);
  const given = Buffer.from(get('X-Amz-Signature') ?? '', 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return 'the signature does not match (signed for another cluster, or with another secret)';
  }
  return undefined;
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data).digest();
}

/** URI encoding as SigV4 canonicalizes it. */
function rfc3986(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    c => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}
