import { InputError } from '@backstage/errors';

// Our own paging of a list we filter ourselves (job templates offered on one virtual
// cluster): the token names the cluster and the offset in the filtered list. It is not a
// secret; a token that does not decode to one we could have given out is a 400.
const TOKEN = /^v1:([0-9a-z]{1,64}):(\d{1,6})$/;

/** The token for the page of `scope` that starts at `offset`. */
export function encodePageToken(scope: string, offset: number): string {
  return Buffer.from(`v1:${scope}:${offset}`, 'utf8').toString('base64url');
}

/** The offset a token of `scope` stands for; 0 without a token. */
export function decodePageToken(
  scope: string,
  token: string | undefined,
): number {
  if (token === undefined) {
    return 0;
  }
  const match = /^[A-Za-z0-9_-]+$/.test(token)
    ? TOKEN.exec(Buffer.from(token, 'base64url').toString('utf8'))
    : null;
  if (!match || match[1] !== scope) {
    throw new InputError(
      `Invalid query parameter 'nextToken': not a token this list gave out; start again from the first page`,
    );
  }
  return Number(match[2]);
}
