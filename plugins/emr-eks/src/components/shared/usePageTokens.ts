import { useState } from 'react';

/**
 * Server-side paging by continuation token. The tokens of the pages before the
 * current one are kept on a stack, so that Previous can go back.
 */
export function usePageTokens() {
  const [tokens, setTokens] = useState<string[]>([]);
  return {
    /** The token of the page shown; undefined on the first page. */
    pageToken: tokens[tokens.length - 1] as string | undefined,
    /** 1 for the first page. */
    page: tokens.length + 1,
    previous: () => setTokens(current => current.slice(0, -1)),
    next: (nextToken: string) => setTokens(current => [...current, nextToken]),
    /** Back to the first page, e.g. after a filter changed. */
    reset: () => setTokens([]),
  };
}
