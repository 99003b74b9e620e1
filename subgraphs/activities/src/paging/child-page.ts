import { encodeCursor, LoaderFamily, Page, pageRequest, rowLoader } from '@tongxin/common';
import type DataLoader from 'dataloader';

/** The ids of one page of a parent's children, as `childIdPages` returns them. */
export interface ChildIdPage {
  readonly ids: readonly string[];
  readonly hasNextPage: boolean;
}

/** Page size and cursor of a per-parent connection: one loader per distinct pair in a request. */
export interface ChildPageKey {
  readonly first: number;
  readonly after: string | null;
}

export type ChildIdPageFamily = LoaderFamily<ChildPageKey, string, (ChildIdPage & { parent: string }) | null>;

/**
 * A family of loaders that fetch, for many parents at once, the ids of one page of their
 * children (`childIdPages`: one statement per batch, whatever the number of parents).
 */
export function childIdPageFamily(fetch: (parents: readonly string[], key: ChildPageKey) => Promise<Map<string, ChildIdPage>>): ChildIdPageFamily {
  return new LoaderFamily((key: ChildPageKey) =>
    rowLoader(
      async (parents: readonly string[]) => [...(await fetch(parents, key))].map(([parent, page]) => ({ parent, ...page })),
      (page) => page.parent,
    ),
  );
}

/**
 * One page of a parent's children, ordered by id: the ids through the family, the rows through
 * the row loader, and `count` (only run when totalCount is selected) through a GROUP BY loader.
 */
export async function childPage<E extends { id: string }>(
  parentId: string,
  args: { first?: number | null; after?: string | null },
  loaders: {
    readonly ids: ChildIdPageFamily;
    readonly rows: DataLoader<string, E | null>;
    readonly count: DataLoader<string, number>;
  },
): Promise<Page<E>> {
  const request = pageRequest(args);
  const after = request.after ? String(request.after[0]) : null;
  const page = await loaders.ids.get({ first: request.first, after }).load(parentId);
  const rows = page ? await loaders.rows.loadMany(page.ids) : [];
  const nodes: E[] = [];
  for (const row of rows) {
    if (row instanceof Error) throw row;
    if (row) nodes.push(row);
  }
  return {
    nodes,
    hasNextPage: page?.hasNextPage ?? false,
    hasPreviousPage: after !== null,
    cursorOf: (row) => encodeCursor([row.id]),
    count: () => loaders.count.load(parentId),
  };
}
