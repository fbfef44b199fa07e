import crypto from 'node:crypto';
import { AwsError } from './errors';

/**
 * Page size rules for every list operation. The model gives maxResults no
 * bounds, so these are the sandbox's choice: default 50, values above 100 are
 * lowered to 100, values below 1 are rejected.
 */
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 100;

export interface PageRequest {
  maxResults?: number;
  nextToken?: string;
}

export interface Page<T> {
  items: T[];
  nextToken?: string;
}

/**
 * Issues and checks opaque page tokens. A token names the list it belongs to
 * and the sort key of the last item served; it is signed so tokens the sandbox
 * did not issue are rejected, as AWS does. Keyset paging (rather than offsets)
 * means runs started while a client pages never shift or repeat items.
 */
export class Pager {
  constructor(
    private readonly secret: string,
    private readonly invalid: (message: string) => AwsError,
  ) {}

  /**
   * `items` must be sorted by `keyOf` descending (newest first) and keys must
   * be unique; `list` identifies the listing (operation + scope).
   */
  page<T>(
    list: string,
    items: T[],
    keyOf: (item: T) => string,
    request: PageRequest,
  ): Page<T> {
    const size = this.pageSize(request.maxResults);
    let start = 0;
    if (request.nextToken !== undefined) {
      const after = this.read(list, request.nextToken);
      start = items.findIndex(item => keyOf(item) < after);
      if (start < 0) start = items.length;
    }
    const pageItems = items.slice(start, start + size);
    const more = start + size < items.length;
    return {
      items: pageItems,
      nextToken: more
        ? this.issue(list, keyOf(pageItems[pageItems.length - 1]))
        : undefined,
    };
  }

  private pageSize(maxResults: number | undefined): number {
    if (maxResults === undefined) return DEFAULT_PAGE_SIZE;
    if (maxResults < 1) {
      throw this.invalid(
        `1 validation error detected: Value '${maxResults}' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1`,
      );
    }
    return Math.min(maxResults, MAX_PAGE_SIZE);
  }

  private sign(payload: string): string {
    return crypto
      .createHmac('sha256', this.secret)
      .update(payload)
      .digest('base64url')
      .slice(0, 22);
  }

  private issue(list: string, after: string): string {
    const payload = Buffer.from(JSON.stringify({ l: list, a: after })).toString(
      'base64url',
    );
    return `${payload}.${this.sign(payload)}`;
  }

  private read(list: string, token: string): string {
    const [payload, signature, extra] = token.split('.');
    if (extra !== undefined || !payload || signature !== this.sign(payload)) {
      throw this.invalid('Invalid pagination token: nextToken');
    }
    const decoded = JSON.parse(
      Buffer.from(payload, 'base64url').toString('utf8'),
    );
    if (decoded.l !== list || typeof decoded.a !== 'string') {
      throw this.invalid(
        'Invalid pagination token: nextToken belongs to another listing',
      );
    }
    return decoded.a;
  }
}
