/** The memberships of a pair of districts loaded so far, page after page of the API's connection. */
export interface PairList<E extends { readonly node: { readonly id: string } }> {
  readonly edges: readonly E[];
  readonly totalCount: number;
  readonly endCursor: string | null;
  readonly hasNextPage: boolean;
  /** The `after` of every page in it (null: the first), so that a page is never added twice. */
  readonly pages: readonly (string | null)[];
}

/** One page of the API's connection, as the drawer asks for it. */
export interface ConnectionPage<E> {
  readonly totalCount: number;
  readonly edges: readonly E[];
  readonly pageInfo: { readonly endCursor?: string | null; readonly hasNextPage: boolean };
}

/**
 * The list with the page read `after` a cursor added: the first page (after null) starts it
 * afresh, a page already in it changes nothing (the same list, so that React does not draw it
 * again), a row already listed is not listed twice; the count and the next cursor are the page's.
 */
export function appendPage<E extends { readonly node: { readonly id: string } }>(list: PairList<E> | null, after: string | null, page: ConnectionPage<E>): PairList<E> {
  if (list && list.pages.includes(after)) return list;
  const previous = after === null || !list ? [] : list.edges;
  const seen = new Set(previous.map((e) => e.node.id));
  return {
    edges: [...previous, ...page.edges.filter((e) => !seen.has(e.node.id))],
    totalCount: page.totalCount,
    endCursor: page.pageInfo.endCursor ?? null,
    hasNextPage: page.pageInfo.hasNextPage,
    pages: after === null || !list ? [after] : [...list.pages, after],
  };
}
