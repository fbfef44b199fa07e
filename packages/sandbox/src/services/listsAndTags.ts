import { PageRequest, Pager } from '../paging';
import { OperationContext, OperationHandler } from '../protocols/restJson';

/*
 * What the EMR REST-JSON services (emr-containers, emr-serverless) serve alike: pages of a
 * region's listings, and the three tagging operations on their resources.
 */

/** How a model's NextToken carries the pager's tokens; most take them as they are. */
export interface TokenCodec {
  encode: (token: string | undefined) => string | undefined;
  decode: (token: string | undefined) => string | undefined;
}

const asIs: TokenCodec = { encode: t => t, decode: t => t };

/**
 * The page a request asks for of one listing in one region (pages are keyed on the region
 * and listing), its items as JSON.
 */
export function regionPages(pager: Pager, tokens: TokenCodec = asIs) {
  return <T, J>(
    store: { region: string },
    list: string,
    items: T[],
    keyOf: (item: T) => string,
    json: (item: T) => J,
    input: Record<string, unknown>,
  ) => {
    const { maxResults, nextToken } = input as PageRequest;
    const page = pager.page(`${store.region}:${list}`, items, keyOf, {
      maxResults,
      nextToken: tokens.decode(nextToken),
    });
    return {
      items: page.items.map(json),
      nextToken: tokens.encode(page.nextToken),
    };
  };
}

/**
 * ListTagsForResource, TagResource and UntagResource on the live tags of the resource an
 * ARN names; `check` refuses a TagResource by the service's own rules before any change.
 */
export function tagOperations(options: {
  tagsOf: (
    arn: string,
    context: OperationContext,
  ) => Record<string, string> | undefined;
  notFound: (arn: string) => Error;
  check: (
    added: Record<string, string>,
    merged: Record<string, string>,
  ) => void;
}): Record<
  'ListTagsForResource' | 'TagResource' | 'UntagResource',
  OperationHandler
> {
  const requireTags = (
    input: Record<string, unknown>,
    context: OperationContext,
  ) => {
    const arn = input.resourceArn as string;
    const tags = options.tagsOf(arn, context);
    if (!tags) throw options.notFound(arn);
    return tags;
  };
  return {
    ListTagsForResource: (input, context) => ({
      tags: { ...requireTags(input, context) },
    }),

    TagResource: (input, context) => {
      const tags = requireTags(input, context);
      const added = input.tags as Record<string, string>;
      options.check(added, { ...tags, ...added });
      Object.assign(tags, added);
      return {};
    },

    UntagResource: (input, context) => {
      const tags = requireTags(input, context);
      for (const key of input.tagKeys as string[]) delete tags[key];
      return {};
    },
  };
}
